from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import create_demo_accounts
from imports.services import apply_import, preview_import
from progress.demo import write_demo_reports
from projects.models import Organization, Person

SEEDS = sorted((Path(settings.BASE_DIR) / "fixtures").glob("0*.txt"))
# The demo officer reports for this unit, and the demo leader is this person, both of 鲤城区.
DEMO_UNIT, DEMO_LEADER, DEMO_PLACE = "区住建局", "王伟", "鲤城区"


class Command(BaseCommand):
    help = "Load the five real responsibility tables and create one demo account per role (prints the passwords)."

    def handle(self, *args, **options):
        for path in SEEDS:
            preview = preview_import(file_name=path.name, data=path.read_bytes())
            if preview.errors:
                raise CommandError(f"{path.name}: {preview.errors[0].message}")
            apply_import(preview=preview)
            summary = preview.summary()
            self.stdout.write(f"{path.name}: {summary['plan']['title']} — {summary['counts']['projects']} projects")
        unit = Organization.objects.get(jurisdiction__name=DEMO_PLACE, name=DEMO_UNIT)
        leader = Person.objects.get(jurisdiction__name=DEMO_PLACE, name=DEMO_LEADER)
        accounts = create_demo_accounts(organization=unit, person=leader)
        users = {user.username: user for user in User.objects.filter(username__in=[a[0] for a in accounts])}
        told = write_demo_reports(officer=users["officer"], reviewer=users["admin"])
        self.stdout.write(f"Demo reports: {dict(told)}")
        self.stdout.write("\nDemo accounts (user name / password / role):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<12} {password:<24} {role.value}")
