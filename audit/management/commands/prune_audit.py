from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.retention import prune, retention_cutoff, retention_days


class Command(BaseCommand):
    help = "Delete audit entries older than AUDIT_RETENTION_DAYS (at least 180 days); for cron."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="count what would be deleted, delete nothing")

    def handle(self, *args, dry_run: bool, **options):
        count = prune(dry_run=dry_run)
        facts = {"count": count, "days": retention_days(),
                 "cutoff": f"{timezone.localtime(retention_cutoff()):%Y-%m-%d %H:%M}"}
        if dry_run:
            self.stdout.write(_("Dry run: %(count)d audit entries are older than %(days)d days "
                                "(before %(cutoff)s); nothing deleted.") % facts)
        else:
            self.stdout.write(_("Deleted %(count)d audit entries older than %(days)d days (before %(cutoff)s).")
                              % facts)
