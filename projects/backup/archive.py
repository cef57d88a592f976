"""The backup archive: a tar file of the tables (one JSON-lines member each), every file under
MEDIA_ROOT, and manifest.json, written last, with what the archive must hold and each member's SHA-256.

    data/<app>.<Model>.jsonl    one table's rows, one JSON array per row, by primary key
    media/<path>                a file of MEDIA_ROOT (attachments, site photos, staged imports)
    manifest.json               format, when, the database, the migrations applied, per member its
                                rows or size and SHA-256

Written as PATH.partial and renamed when complete, so a backup cut short (a full disk, a killed
cron job) never stands under the name of a good one."""

import hashlib
import io
import json
import os
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import django
from django.conf import settings
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from projects.backup.tables import backed_up_models, columns, one_snapshot, rows_as_json

FORMAT = "shishi-backup"
VERSION = 1
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be written, checked or restored; the message says why, in the user's language."""


@dataclass
class Written:
    path: Path
    tables: int
    rows: int
    files: int
    bytes: int


def applied_migrations() -> list[list[str]]:
    return sorted([app, name] for app, name in MigrationRecorder(connection).applied_migrations())


def _add(archive: tarfile.TarFile, name: str, file, size: int) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(timezone.now().timestamp()), 0o640
    archive.addfile(info, file)


def _sha256(file) -> str:
    digest = hashlib.sha256()
    while chunk := file.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()


def _tables(archive: tarfile.TarFile) -> list[dict]:
    """Each table written through a temporary file (a tar member's size comes before its bytes)."""
    written = []
    for model in backed_up_models():
        member = f"data/{model._meta.label}.jsonl"
        with tempfile.TemporaryFile() as spool:
            digest, rows = hashlib.sha256(), 0
            for line in rows_as_json(model):
                data = line.encode()
                digest.update(data)
                spool.write(data)
                rows += 1
            size = spool.tell()
            spool.seek(0)
            _add(archive, member, spool, size)
        written.append({"model": model._meta.label, "member": member, "rows": rows, "size": size,
                        "columns": [field.attname for field in columns(model)], "sha256": digest.hexdigest()})
    return written


def media_files() -> list[Path]:
    """Every file under MEDIA_ROOT, relative to it, in a stable order."""
    root = Path(settings.MEDIA_ROOT)
    if not root.is_dir():
        return []
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def _files(archive: tarfile.TarFile) -> list[dict]:
    root, written = Path(settings.MEDIA_ROOT), []
    for name in media_files():
        member = f"media/{name.as_posix()}"
        try:
            with open(root / name, "rb") as file:
                digest = _sha256(file)
                size = file.tell()
                file.seek(0)
                _add(archive, member, file, size)
        except FileNotFoundError:  # removed while we walked (a staged import cleaned up): not needed
            continue
        written.append({"name": name.as_posix(), "member": member, "size": size, "sha256": digest})
    return written


def write_backup(path: Path) -> Written:
    """Write one archive of every table, read in one snapshot, and of every file under MEDIA_ROOT.

    The tables come first: a file is stored before the row that names it is committed, so every
    file a row of the snapshot names is already there when the files are read afterwards."""
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(_("The folder %(folder)s does not exist.") % {"folder": path.parent})
    partial = path.with_name(path.name + ".partial")
    mode = "w:gz" if path.name.endswith((".gz", ".tgz")) else "w"
    try:
        with tarfile.open(partial, mode) as archive:
            with one_snapshot():
                migrations, tables = applied_migrations(), _tables(archive)
            files = _files(archive)
            manifest = {"format": FORMAT, "version": VERSION, "created_at": timezone.now().isoformat(),
                        "database": connection.vendor, "django": django.get_version(),
                        "migrations": migrations, "tables": tables, "files": files}
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            _add(archive, MANIFEST, io.BytesIO(data), len(data))
        os.replace(partial, path)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return Written(path=path, tables=len(tables), rows=sum(table["rows"] for table in tables), files=len(files),
                   bytes=path.stat().st_size)
