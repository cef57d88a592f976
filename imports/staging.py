"""Uploaded files kept between the preview and the admin's confirmation, named by their checksum."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

FOLDER = "imports"


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
