"""Uploaded files kept between the preview and the admin's confirmation, named by their checksum."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from audit.retention import retention_cutoff
from imports.models import ImportRecord

FOLDER = "imports"
# Records nobody can confirm any more: previews left unconfirmed, and failures.
UNFINISHED = (ImportRecord.Status.PREVIEWED, ImportRecord.Status.FAILED)


def stage(*, checksum: str, data: bytes) -> None:
    name = f"{FOLDER}/{checksum}"
    if not default_storage.exists(name):
        default_storage.save(name, ContentFile(data))


def staged(*, checksum: str) -> bytes | None:
    name = f"{FOLDER}/{checksum}"
    if not default_storage.exists(name):
        return None
    with default_storage.open(name, "rb") as file:
        return file.read()


@dataclass
class Leftovers:
    """What a clean-up removes: staged files' storage names and unfinished import records."""

    files: list[str] = field(default_factory=list)
    records: list[ImportRecord] = field(default_factory=list)


def leftovers(*, days: int) -> Leftovers:
    """Staged files older than `days` days, and unfinished import records older than that and than the audit
    trail's retention (AUDIT_RETENTION_DAYS: the trail refers to them); applied imports are the history and stay.

    A staged file stays, however old, while a preview that is kept may still be confirmed with it:
    the same bytes uploaded again are not staged again, so the file may be older than the preview."""
    cutoff = timezone.now() - timedelta(days=days)
    records = list(ImportRecord.objects.filter(status__in=UNFINISHED, created_at__lt=min(cutoff, retention_cutoff()))
                   .order_by("created_at", "pk"))
    awaited = set(ImportRecord.objects.filter(status=ImportRecord.Status.PREVIEWED, created_at__gte=cutoff)
                  .values_list("checksum", flat=True))
    files = []
    if default_storage.exists(FOLDER):
        _folders, names = default_storage.listdir(FOLDER)
        for name in sorted(names):
            path = f"{FOLDER}/{name}"
            if name not in awaited and default_storage.get_modified_time(path) < cutoff:
                files.append(path)
    return Leftovers(files=files, records=records)


def clean_up(*, days: int, dry_run: bool = False) -> Leftovers:
    """Remove the leftovers of imports older than `days` days (see leftovers()); with `dry_run`, only find them."""
    found = leftovers(days=days)
    if dry_run:
        return found
    with transaction.atomic():
        ImportRecord.objects.filter(pk__in=[record.pk for record in found.records]).delete()
    for path in found.files:
        default_storage.delete(path)
    return found
