"""Closed periods made directly, for stories about what follows a close (circulars, escalation)
without writing a month of reports first. The close itself is tested through its service."""

from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from progress.models import ProjectStatus
from projects.models import Plan, Project
from supervision.models import PeriodClose, Snapshot

Light = ProjectStatus.Light


def make_close(*, plan: Plan, month: date, rows: list[tuple[Project, str, int | None]], target: int = 50,
               report_state: str = Snapshot.ReportState.ON_TIME, closed_by=None,
               details: dict[Project, dict] | None = None) -> PeriodClose:
    """A close of `plan`'s period `month` with one snapshot per (project, light, percent).

    `details` sets other snapshot fields project by project: {project: {"lead_unit": "区住建局",
    "organization": unit, "report_state": "late", "days_late": 3, "annual_investment": Decimal("80"),
    "disbursed_total": Decimal("12.5"), "target": 60}}."""
    details = details or {}
    due = date(month.year, month.month, plan.report_day)
    close = PeriodClose.objects.create(
        plan=plan, period=month, due=due, as_of=due,
        closed_at=timezone.make_aware(datetime.combine(due, time(18))), closed_by=closed_by)
    Snapshot.objects.bulk_create([
        Snapshot(close=close, project=project, position=position, number=project.number, name=project.name,
                 light=light, percent=percent,
                 **_fields(details.get(project, {}), light, percent, target, report_state))
        for position, (project, light, percent) in enumerate(rows, start=1)])
    return close


def _fields(details: dict, light: str, percent: int | None, target: int, report_state: str) -> dict:
    """The snapshot's other fields: the defaults, then the story's own; the standing follows the target."""
    fields = {"target": target, "report_state": report_state, "disbursed": {}, "disbursed_total": Decimal("0"),
              **details}
    fields.setdefault("standing", _standing(light, percent, fields["target"]))
    return fields


def _standing(light: str, percent: int | None, target: int) -> str:
    if light == Light.DONE:
        return Snapshot.Standing.DONE
    if percent is None:
        return Snapshot.Standing.UNKNOWN
    if percent < target - 10:
        return Snapshot.Standing.BEHIND
    return Snapshot.Standing.AHEAD if percent > target + 10 else Snapshot.Standing.ON_SCHEDULE
