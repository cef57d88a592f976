"""A backup put back into an empty, migrated database and an empty media folder.

The archive is checked whole first (every member against the manifest); the database must be at
the backup's migrations and hold nothing but what `migrate` writes itself; then the files are
written and every table loaded in one transaction. If loading fails, the files written are
removed again and the database is as it was: nothing half restored."""

import hashlib
import io
import tarfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from projects.backup.archive import CHUNK, BackupError, applied_migrations, media_files
from projects.backup.checking import check_backup, opened
from projects.backup.tables import MADE_BY_MIGRATE, WRITTEN_BY_MIGRATE, backed_up_models, columns, row_reader

ROWS_PER_INSERT = 1000


@dataclass
class Restored:
    tables: int
    rows: int
    files: int


def _refuse_other_migrations(manifest: dict) -> None:
    here = {tuple(pair) for pair in applied_migrations()}
    if not here:
        raise BackupError(_("This database has no tables yet: run “manage.py migrate” first, then restore."))
    theirs = {tuple(pair) for pair in manifest["migrations"]}
    if here != theirs:
        differences = [f"+{app}.{name}" for app, name in sorted(theirs - here)]
        differences += [f"-{app}.{name}" for app, name in sorted(here - theirs)]
        raise BackupError(_(
            "The backup was made at other migrations than this database's (%(differences)s): restore it with the "
            "version of the application that made it, into a database migrated by that version; nothing was "
            "changed.") % {"differences": ", ".join(differences[:6]) + (", …" if len(differences) > 6 else "")})


def _models_of(manifest: dict) -> dict[str, type[Model]]:
    """The backup's tables as this application's models, which must have the same columns."""
    ours = {model._meta.label: model for model in backed_up_models()}
    theirs = {table["model"]: table for table in manifest["tables"]}
    if set(ours) != set(theirs) or any(
            [field.attname for field in columns(ours[label])] != table["columns"] for label, table in theirs.items()):
        raise BackupError(_("The backup's tables are not this application's: restore it with the version of the "
                            "application that made it; nothing was changed."))
    return ours


def _refuse_rows() -> None:
    for model in backed_up_models():
        rows = model._base_manager.all()
        if model._meta.label in WRITTEN_BY_MIGRATE:
            column, sources = WRITTEN_BY_MIGRATE[model._meta.label]
            rows = rows.exclude(**{f"{column}__in": sources})
        if model._meta.label not in MADE_BY_MIGRATE and rows.exists():
            raise BackupError(_(
                "The database is not empty (%(table)s holds rows): a backup is restored only into a new, migrated "
                "database; nothing was changed.") % {"table": model._meta.db_table})


def _refuse_files() -> None:
    if found := media_files():
        raise BackupError(_(
            "The media folder %(folder)s is not empty (%(file)s): a backup is restored only into an empty folder; "
            "nothing was changed.") % {"folder": settings.MEDIA_ROOT, "file": found[0]})


def _write_files(archive: tarfile.TarFile, manifest: dict) -> list[Path]:
    root, written = Path(settings.MEDIA_ROOT), []
    for entry in manifest["files"]:
        target = root / entry["name"]
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        with archive.extractfile(entry["member"]) as source, open(target, "xb") as file:
            written.append(target)
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                file.write(chunk)
        if digest.hexdigest() != entry["sha256"]:  # checked a moment ago: the file changed under us
            raise BackupError(_("%(member)s does not match its checksum") % {"member": entry["member"]})
    return written


def _load(archive: tarfile.TarFile, model: type[Model], member: str) -> int:
    """One table's rows from its member, streamed: COPY on PostgreSQL, INSERTs of 1,000 rows elsewhere."""
    fields, quote = columns(model), connection.ops.quote_name
    head = f"{quote(model._meta.db_table)} ({', '.join(quote(field.column) for field in fields)})"
    rows, batch, read = 0, [], row_reader(fields)
    with connection.cursor() as cursor, io.TextIOWrapper(archive.extractfile(member), encoding="utf-8") as lines:
        if connection.vendor == "postgresql":
            # COPY streams the rows at the speed PostgreSQL writes them; INSERTs were several times slower.
            with connection.wrap_database_errors, cursor.cursor.copy(f"COPY {head} FROM STDIN") as copy:
                for line in lines:
                    copy.write_row(read(line))
                    rows += 1
            return rows
        sql = f"INSERT INTO {head} VALUES ({', '.join(['%s'] * len(fields))})"
        for line in lines:
            batch.append(read(line))
            if len(batch) == ROWS_PER_INSERT:
                cursor.executemany(sql, batch)
                rows, batch = rows + len(batch), []
        if batch:
            cursor.executemany(sql, batch)
    return rows + len(batch)


def _load_tables(archive: tarfile.TarFile, manifest: dict, models: dict[str, type[Model]]) -> int:
    """Every table in one transaction; the rows `migrate` wrote give way to the backup's."""
    rows = 0
    with transaction.atomic():
        _refuse_rows()  # again, now that the transaction holds the database (SQLite: its write lock)
        with connection.cursor() as cursor:
            for label in sorted(MADE_BY_MIGRATE):
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(models[label]._meta.db_table)}")
            # Raw SQL: the trail refuses deletion through the ORM, and these are migrate's own entries.
            for label, written in WRITTEN_BY_MIGRATE.items():
                table, quote = models[label]._meta.db_table, connection.ops.quote_name
                column, sources = written
                marks = ", ".join(["%s"] * len(sources))
                cursor.execute(f"DELETE FROM {quote(table)} WHERE {quote(column)} IN ({marks})", list(sources))
        for table in manifest["tables"]:
            rows += _load(archive, models[table["model"]], table["member"])
        # PostgreSQL's id sequences start after the restored ids (SQLite's follow inserted ids by themselves).
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                cursor.execute(sql)
    return rows


def restore_backup(path: Path) -> Restored:
    """Restore the archive at `path` into this empty database and empty media folder."""
    manifest = check_backup(path)
    _refuse_other_migrations(manifest)
    models = _models_of(manifest)
    _refuse_rows()
    _refuse_files()
    written: list[Path] = []
    with opened(path) as archive:
        try:
            written = _write_files(archive, manifest)
            rows = _load_tables(archive, manifest, models)
        except BaseException:
            for file in written:
                file.unlink(missing_ok=True)
            _remove_empty_folders(Path(settings.MEDIA_ROOT))
            raise
    ContentType.objects.clear_cache()  # the ids it remembers are those `migrate` gave
    return Restored(tables=len(manifest["tables"]), rows=rows, files=len(written))


def _remove_empty_folders(root: Path) -> None:
    """The folders a failed restore made, deepest first (the folder was empty of files before)."""
    for folder in sorted((path for path in root.rglob("*") if path.is_dir()), key=lambda p: -len(p.parts)):
        if not any(folder.iterdir()):
            folder.rmdir()
