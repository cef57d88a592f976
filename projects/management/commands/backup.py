from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.backup import BackupError, check_backup, write_backup


class Command(BaseCommand):
    help = ("Write one archive (.tar, or .tar.gz) of every table, read in one consistent snapshot, and every "
            "uploaded file; or, with --check, verify an archive against its manifest.")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive to write (or to check)")
        parser.add_argument("--check", action="store_true",
                            help="read the archive and compare every table and file with its manifest; write nothing")

    def handle(self, *args, path: str, check: bool, **options):
        try:
            if check:
                manifest = check_backup(Path(path))
                self.stdout.write(_(
                    "%(path)s is whole: %(tables)d tables, %(rows)d rows, %(files)d files, made %(made)s.") % {
                    "path": path, "tables": len(manifest["tables"]), "files": len(manifest["files"]),
                    "rows": sum(table["rows"] for table in manifest["tables"]), "made": manifest["created_at"]})
                return
            written = write_backup(Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Backup written to %(path)s: %(tables)d tables, %(rows)d rows, %(files)d files, "
                            "%(size).1f MB.") % {"path": written.path, "tables": written.tables, "rows": written.rows,
                                                 "files": written.files, "size": written.bytes / 1024 / 1024})
