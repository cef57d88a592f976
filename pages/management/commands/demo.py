import re
from collections import Counter
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from accounts.services import create_demo_accounts
from imports.services import apply_import, preview_import
from pages.demo.cycle import Closer, CycleWritten, reset_cycle, write_cycle
from pages.demo.live_year import write_live_year
from pages.demo.reports import write_demo_reports
from progress import lights
from progress.models import ProjectStatus, Report, Verification
from projects import clock
from projects.models import Organization, Person, Plan, Project
from supervision.models import Instruction, InstructionSheet

SEEDS = sorted((Path(settings.BASE_DIR) / "fixtures").glob("0*.txt"))
# The demo officer reports for this unit, and the demo leader is this person, both of 鲤城区.
DEMO_UNIT, DEMO_LEADER, DEMO_PLACE = "区住建局", "王伟", "鲤城区"
# 鲤城区's two tables of 2022 (public-service projects, monthly; work-report tasks, 6-25 and 12-25)
# are imported again as the current year's plans, so that the demo has a year under way.
LIVE_SEEDS, SEED_YEAR = ("000", "004"), 2022
SEED_YEARS = re.compile(rf"(?<!\d)({SEED_YEAR - 1}|{SEED_YEAR})(?=\s*年)")


class Command(BaseCommand):
    help = ("Load the five real responsibility tables as past years, 鲤城区's two again as this year's plans with "
            "reports up to today, and one demo account per role (prints the passwords). Run again to reset.")

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Write this year's reports as on this day (YYYY-MM-DD), e.g. to see "
                                            "the demo in early January; the pages still go by the real date.")

    def handle(self, *args, today: str | date | None = None, **options):
        try:
            day = date.fromisoformat(today) if isinstance(today, str) else today
        except ValueError:
            raise CommandError(f"--today: not a date: {today}") from None
        with clock.pinned(day):
            self.load()

    def load(self) -> None:
        year = clock.today().year
        for path in SEEDS:
            self._import(path.name, path.read_bytes())
        live = [self._import(path.name, _as_year(path.read_text(encoding="utf-8"), year).encode(), year=year)
                for path in SEEDS if path.name[:3] in LIVE_SEEDS]
        unit = Organization.objects.get(jurisdiction__name=DEMO_PLACE, name=DEMO_UNIT)
        leader = Person.objects.get(jurisdiction__name=DEMO_PLACE, name=DEMO_LEADER)
        accounts = create_demo_accounts(organization=unit, person=leader)
        users = {user.username: user for user in User.objects.filter(username__in=[a[0] for a in accounts])}
        past = write_demo_reports(officer=users["officer"], reviewer=users["admin"], before=year)
        self.stdout.write(f"Demo reports of past years: {dict(past)}")
        reset_cycle(live)
        closer = Closer(coordinator=users["coordinator"], today=clock.today())
        told = write_live_year(plans=live, officer=users["officer"], reviewer=users["coordinator"],
                               after_period=closer)
        lights.refresh(Project.objects.all())
        cycle = write_cycle(plans=live, closes=closer.closed, coordinator=users["coordinator"],
                            officer=users["officer"], leader=users["leader"])
        self.stdout.write(f"{year}, as on {clock.today():%Y-%m-%d}: stories {dict(told)}")
        self.stdout.write(f"  lights {_counted(ProjectStatus.objects.filter(project__plan__in=live), 'light')}, "
                          f"reports {_counted(Report.objects.filter(project__plan__in=live), 'status')}")
        self.stdout.write(_cycle_line(cycle, live))
        self.stdout.write("\nDemo accounts (user name / password / role):")
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<12} {password:<24} {role.value}")

    def _import(self, name: str, data: bytes, year: int | None = None) -> Plan:
        preview = preview_import(file_name=name, data=data, year=year)
        if preview.errors:
            raise CommandError(f"{name}: {preview.errors[0].message}")
        record = apply_import(preview=preview)
        summary = preview.summary()
        self.stdout.write(f"{name}: {summary['plan']['title']} — {summary['counts']['projects']} projects")
        return record.plan


def _as_year(text: str, year: int) -> str:
    """A 2022 table's text as the same table of `year`: its title, notice and months moved by as many years."""
    return SEED_YEARS.sub(lambda match: str(int(match.group(1)) + year - SEED_YEAR), text)


def _counted(rows, field: str) -> dict:
    return dict(Counter(rows.values_list(field, flat=True)))


def _cycle_line(cycle: CycleWritten, live: list[Plan]) -> str:
    """The office's cycle in one line: closes, the circular, chases, sheets, instructions, verification."""
    if cycle.closes:
        closed = (f"closes {cycle.closes[0].period:%Y-%m}…{cycle.closes[-1].period:%Y-%m} ({len(cycle.closes)}), "
                  f"circular {cycle.circular.number_text}, chases {cycle.chases}")
    else:
        closed = "no period of the public-service plan due yet: nothing closed, no circular, no chase"
    sheets = InstructionSheet.objects.filter(project__plan__in=live)
    verified = Verification.objects.filter(project__plan__in=live, outcome=Verification.Outcome.VERIFIED).count()
    awaiting = ProjectStatus.objects.filter(project__plan__in=live, light=ProjectStatus.Light.AWAITING).count()
    return (f"  cycle: {closed}; sheets {_counted(sheets, 'status')} {_counted(sheets, 'tier')}, instructions "
            f"{_counted(Instruction.objects.filter(project__plan__in=live), 'status')}, "
            f"verification {{'awaiting': {awaiting}, 'verified': {verified}}}")
