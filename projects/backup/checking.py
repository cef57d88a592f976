"""Whether an archive is a whole backup: its manifest read, and every member's bytes against it."""

import hashlib
import json
import tarfile
from pathlib import Path, PurePosixPath

from django.utils.translation import gettext as _

from projects.backup.archive import CHUNK, FORMAT, MANIFEST, VERSION, BackupError


def opened(path: Path) -> tarfile.TarFile:
    """The archive opened for reading (plain or gzip), or BackupError saying why not."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(_("%(path)s: no such file.") % {"path": path})
    try:
        return tarfile.open(path, "r:*")
    except (tarfile.TarError, OSError):
        raise BackupError(_("%(path)s is not a backup archive of this application.") % {"path": path}) from None


def manifest_of(archive: tarfile.TarFile, path: Path) -> dict:
    not_ours = BackupError(_("%(path)s is not a backup archive of this application.") % {"path": path})
    try:
        manifest = json.load(archive.extractfile(archive.getmember(MANIFEST)))
    except (KeyError, ValueError, tarfile.TarError, OSError, AttributeError):
        raise not_ours from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise not_ours
    if manifest.get("version") != VERSION:
        raise BackupError(_("%(path)s is a backup of format %(found)s; this version of the application reads "
                            "format %(known)s.") % {"path": path, "found": manifest.get("version"), "known": VERSION})
    return manifest


def safe_name(name: str) -> bool:
    """A media file's name that stays inside MEDIA_ROOT when written there."""
    parts = PurePosixPath(name).parts
    return bool(parts) and not PurePosixPath(name).is_absolute() and ".." not in parts and "\\" not in name


def _read(archive: tarfile.TarFile, info: tarfile.TarInfo) -> tuple[str, int, int]:
    """(SHA-256, size, lines) of a member, read in chunks."""
    digest, size, lines = hashlib.sha256(), 0, 0
    file = archive.extractfile(info)
    while chunk := file.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        lines += chunk.count(b"\n")
    return digest.hexdigest(), size, lines


def problems_of(archive: tarfile.TarFile, manifest: dict) -> list[str]:
    """What is wrong with the archive's members against its manifest: nothing for a whole backup."""
    expected = {entry["member"]: entry for entry in manifest["tables"] + manifest["files"]}
    found, problems = set(), []
    for entry in manifest["files"]:
        if not safe_name(entry["name"]) or entry["member"] != f"media/{entry['name']}":
            problems.append(_("%(name)s is not a file name allowed in the media folder") % {"name": entry["name"]})
    for info in archive:
        if info.name == MANIFEST:
            continue
        entry = expected.get(info.name)
        if entry is None or not info.isfile():
            problems.append(_("%(member)s is not listed in the manifest") % {"member": info.name})
            continue
        found.add(info.name)
        digest, size, lines = _read(archive, info)
        if digest != entry["sha256"] or size != entry["size"]:
            problems.append(_("%(member)s does not match its checksum") % {"member": info.name})
        elif "rows" in entry and lines != entry["rows"]:
            problems.append(_("%(member)s holds %(found)d rows, not %(expected)d") % {
                "member": info.name, "found": lines, "expected": entry["rows"]})
    problems += [_("%(member)s is missing") % {"member": member} for member in sorted(set(expected) - found)]
    return problems


def check_backup(path: Path) -> dict:
    """The manifest of a whole archive; BackupError listing what is wrong otherwise."""
    with opened(path) as archive:
        manifest = manifest_of(archive, path)
        problems = problems_of(archive, manifest)
    if problems:
        shown = "; ".join(problems[:10]) + ("; …" if len(problems) > 10 else "")
        raise BackupError(_("%(path)s is damaged: %(problems)s.") % {"path": path, "problems": shown})
    return manifest
