from collections import defaultdict
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from progress import lights
from progress.reminders import due_soon, send_reminders
from projects.models import Project


class Command(BaseCommand):
    help = "Recompute every project's status light (for cron, e.g. daily) and print the late reports per unit."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Judge as on this day (YYYY-MM-DD) instead of today.")
        parser.add_argument("--remind", type=int, metavar="DAYS",
                            help="Also list the reports due within DAYS days and e-mail their units' officers.")

    def handle(self, *args, **options):
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else None
        except ValueError:
            raise CommandError(f"--date: not a date: {options['date']}") from None
        assessed = lights.refresh(Project.objects.all(), today)
        counts: dict[str, int] = defaultdict(int)
        late: dict[str, list[str]] = defaultdict(list)
        for project, assessment in assessed:
            counts[assessment.light] += 1
            if assessment.late and project.lead_roles:
                unit = project.lead_roles[0].organization
                late[f"{project.plan.jurisdiction_id}:{unit.name}"].append(
                    f"  {project} — {assessment.late.key}, {assessment.late_days} d")
        self.stdout.write(f"{len(assessed)} projects: "
                          + ", ".join(f"{light} {n}" for light, n in sorted(counts.items())))
        for unit in sorted(late, key=lambda key: (-len(late[key]), key)):
            self.stdout.write(f"{unit.split(':', 1)[1]}: {len(late[unit])} late")
            self.stdout.write("\n".join(late[unit]))
        if options["remind"] is not None:
            waiting = due_soon(Project.objects.all(), today or timezone.localdate(), options["remind"])
            for unit, items in waiting.items():
                self.stdout.write(f"{unit.name}: {len(items)} due within {options['remind']} d")
            self.stdout.write(f"reminders sent: {send_reminders(waiting)}")
