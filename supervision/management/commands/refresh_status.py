"""The nightly run: every project's light recomputed, the late reports listed per unit, and on request
the reminders before reports fall due (--remind) and the chase of every unit that owes reports (--chase).

It lives in supervision, above progress, because its reminders and chases are the cycle's messages
(supervision/chase_messages.py): the same words as the office's 催报 button."""

from collections import defaultdict
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from progress import lights
from projects import clock
from projects.models import Project
from supervision.chasing import chase_units, due_soon_by_unit, send_reminders
from supervision.tiers import refresh_tiers


class Command(BaseCommand):
    help = "Recompute every project's status light (for cron, e.g. daily) and print the late reports per unit."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Judge as on this day (YYYY-MM-DD) instead of today.")
        parser.add_argument("--remind", type=int, metavar="DAYS",
                            help="Also list the reports due within DAYS days and e-mail their units' officers.")
        parser.add_argument("--chase", action="store_true",
                            help="Also chase every unit that owes reports past their due date, as the office's "
                                 "催报 button does (e-mail and group robot; a unit chased in the last minutes is "
                                 "left alone).")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"--date: not a date: {options['date']}") from None
        with clock.pinned(today):
            self._refresh(clock.today())
            # Instruction sheets whose deadline passed take their colour (supervision/tiers.py).
            self.stdout.write(f"instruction sheets recoloured: {refresh_tiers(clock.today())}")
            if options["remind"] is not None:
                self._remind(clock.today(), options["remind"])
            if options["chase"]:
                self._chase()

    def _refresh(self, today: date) -> None:
        counts: dict[str, int] = defaultdict(int)
        late: dict[str, list[str]] = defaultdict(list)
        # A batch at a time, keeping only the counts and the late lines: a province's projects with their
        # reports held at once took 4 GB.
        for batch in lights.refresh_in_batches(Project.objects.all(), today):
            for project, assessment in batch:
                counts[assessment.light] += 1
                if assessment.late and project.lead_roles:
                    unit = project.lead_roles[0].organization
                    late[f"{project.plan.jurisdiction_id}:{unit.name}"].append(
                        f"  {project} — {assessment.late.key}, {assessment.late_days} d")
        self.stdout.write(f"{sum(counts.values())} projects: "
                          + ", ".join(f"{light} {n}" for light, n in sorted(counts.items())))
        for unit in sorted(late, key=lambda key: (-len(late[key]), key)):
            self.stdout.write(f"{unit.split(':', 1)[1]}: {len(late[unit])} late")
            self.stdout.write("\n".join(late[unit]))

    def _remind(self, today: date, days: int) -> None:
        waiting = due_soon_by_unit(projects=Project.objects.all(), days=days, today=today)
        for unit, items in waiting.items():
            self.stdout.write(f"{unit.name}: {len(items)} due within {days} d")
        sent, failures = send_reminders(waiting)
        self.stdout.write(f"reminders sent: {sent}")
        for failure in failures:
            self.stderr.write(f"reminder not sent: {failure}")

    def _chase(self) -> None:
        chases = chase_units(user=None)
        for chase in chases:
            robot = f", robot {chase.webhook_status}" + (f" ({chase.webhook_error})" if chase.webhook_error else "")
            self.stdout.write(f"chased {chase.organization.name}: {chase.email_count} e-mail recipients{robot}")
        self.stdout.write(f"units chased: {len(chases)}")
