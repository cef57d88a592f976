"""What may be attached to a report: photos and documents, recognised by their bytes, not their names."""

import hashlib

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

# Detected MIME type -> what it is; anything else (an .exe renamed .jpg, a script) is refused.
ALLOWED = {
    "image/jpeg": "JPEG", "image/png": "PNG", "image/gif": "GIF", "image/webp": "WebP", "image/heic": "HEIC",
    "image/heif": "HEIF", "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
}
MAX_FILES = 10


def checked(upload: UploadedFile) -> tuple[str, str]:
    """(content type, SHA-256) of an allowed upload; ValidationError with the reason otherwise."""
    limit = settings.ATTACHMENT_MAX_MB * 1024 * 1024
    if upload.size > limit:
        raise ValidationError(_("%(name)s is larger than %(limit)s MB.") % {
            "name": upload.name, "limit": settings.ATTACHMENT_MAX_MB})
    if upload.size == 0:
        raise ValidationError(_("%(name)s is empty.") % {"name": upload.name})
    upload.seek(0)
    head = upload.read(8192)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED:
        raise ValidationError(_(
            "%(name)s is not a photo (JPEG, PNG, GIF, WebP, HEIC) or a document (PDF, Word, Excel, PowerPoint)."
        ) % {"name": upload.name})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return kind.mime, digest.hexdigest()
