from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from imports.staged_files import clean_up


class Command(BaseCommand):
    help = ("Remove staged uploads older than some days, and unconfirmed or failed import records older than that "
            "and than AUDIT_RETENTION_DAYS (for cron); applied imports are never removed.")

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30,
                            help="remove staged files older than this (default 30); records are kept at least "
                                 "AUDIT_RETENTION_DAYS")
        parser.add_argument("--dry-run", action="store_true", help="print what would be removed, remove nothing")

    def handle(self, *args, days: int, dry_run: bool, **options):
        if days < 0:
            raise CommandError(_("--days must be 0 or more."))
        removed = clean_up(days=days, dry_run=dry_run)
        if dry_run:
            files, records = _("Would remove staged file %(name)s"), _("Would remove import record %(record)s")
        else:
            files, records = _("Removed staged file %(name)s"), _("Removed import record %(record)s")
        for name in removed.files:
            self.stdout.write(files % {"name": name})
        for record in removed.records:
            described = (f"#{record.pk} {record.file_name} ({record.status}, "
                         f"{timezone.localdate(record.created_at):%Y-%m-%d})")
            self.stdout.write(records % {"record": described})
        total = _("%(files)d staged files, %(records)d import records") % {
            "files": len(removed.files), "records": len(removed.records)}
        summary = _("Dry run, nothing removed: %(total)s.") if dry_run else _("Removed %(total)s.")
        self.stdout.write(summary % {"total": total})
