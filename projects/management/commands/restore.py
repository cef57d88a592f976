from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from projects.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = ("Restore an archive written by `backup` into an empty, migrated database and an empty media folder "
            "(it refuses anything else and then changes nothing).")

    def add_arguments(self, parser):
        parser.add_argument("path", help="the archive written by `manage.py backup`")

    def handle(self, *args, path: str, **options):
        try:
            restored = restore_backup(Path(path))
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(_("Restored %(path)s: %(tables)d tables, %(rows)d rows, %(files)d files.") % {
            "path": path, "tables": restored.tables, "rows": restored.rows, "files": restored.files})
