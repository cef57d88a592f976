"""The month close: the office freezes what every project of a plan showed for one reporting period.

A close is written once (the unique constraint on plan and period decides when two clerks press
关账 together) and never changes afterwards. A report corrected later goes through the progress
services as before; supervision/selectors/closes.py `corrections()` shows it beside the frozen figure."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef, Prefetch, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from progress import lights
from progress.models import Disbursement, ProjectStatus, Report
from projects import clock, schedule
from projects.access import jurisdiction_ids_of, jurisdiction_ids_under, may_review, visible_projects
from projects.models import Jurisdiction, Plan, Project, ProjectOrganization, QuarterlyMilestone
from supervision import events
from supervision.escalation import escalate_after_close
from supervision.models import Event, PeriodClose, Snapshot

Standing, ReportState = Snapshot.Standing, Snapshot.ReportState
COUNTED = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
CENT = Decimal("0.0001")


@dataclass(frozen=True)
class MonthClosed:
    """What closing one month across a jurisdiction did: the closes made, and the plans closed before."""

    closed: list[PeriodClose]
    skipped: list[PeriodClose]


@transaction.atomic
def close_period(*, user: User, plan: Plan, month: date) -> PeriodClose:
    """Close one plan's reporting period: lights recomputed, one frozen snapshot per project, one event."""
    _check_may_close(user, plan)
    today = clock.today()
    period = _due_period(plan, month, today)
    close = _claim(user=user, plan=plan, period=period, today=today)
    if close is None:
        raise ValidationError(_already_closed(plan, period))
    _write_snapshots(close, today)
    escalate_after_close(close)
    return close


@transaction.atomic
def close_jurisdiction(*, user: User, jurisdiction: Jurisdiction, month: date) -> MonthClosed:
    """Close `month` for every plan of the jurisdiction (and those under it) that the user sees and that is due."""
    if not may_review(user):
        raise PermissionDenied(_("Only coordinators and administrators close reporting periods."))
    mine = jurisdiction_ids_of(user)
    if mine is not None and jurisdiction.pk not in mine:
        raise PermissionDenied(_("You do not work in this jurisdiction."))
    today = clock.today()
    plans = (Plan.objects.filter(jurisdiction_id__in=jurisdiction_ids_under(jurisdiction.pk),
                                 pk__in=visible_projects(user).values("plan_id"))
             .order_by("-year", "jurisdiction__name", "kind", "pk"))
    due = [(plan, period) for plan in plans
           if (period := plan.schedule.period(plan.year, month)) is not None and period.due < today]
    if not due:
        raise ValidationError(_("No plan of %(jurisdiction)s has a report period %(month)s whose due date has "
                                "passed.") % {"jurisdiction": jurisdiction.name, "month": f"{month:%Y-%m}"})
    closed, skipped = [], []
    for plan, period in due:
        close = _claim(user=user, plan=plan, period=period, today=today)
        if close is None:
            skipped.append(PeriodClose.objects.select_related("plan", "closed_by").get(plan=plan, period=period.month))
            continue
        _write_snapshots(close, today)
        escalate_after_close(close)
        closed.append(close)
    return MonthClosed(closed=closed, skipped=skipped)


def _check_may_close(user: User, plan: Plan) -> None:
    if not may_review(user):
        raise PermissionDenied(_("Only coordinators and administrators close reporting periods."))
    if not visible_projects(user).filter(plan=plan).exists():
        raise PermissionDenied(_("You do not see this plan."))


def _due_period(plan: Plan, month: date, today: date) -> schedule.Period:
    """The plan's period named by `month`, once its reports' due date has passed (units report until that day)."""
    period = plan.schedule.period(plan.year, month)
    if period is None:
        raise ValidationError(_("No report is due for %(month)s under this plan's schedule.") % {
            "month": f"{month:%Y-%m}"})
    if period.due >= today:
        raise ValidationError(_("Reports for %(month)s are due by %(due)s; the period can be closed only after "
                                "that day.") % {"month": period.key, "due": period.due.isoformat()})
    return period


def _already_closed(plan: Plan, period: schedule.Period) -> str:
    return _("%(plan)s: the period %(month)s has been closed already; a closed period is not closed again.") % {
        "plan": plan.title, "month": period.key}


def _claim(*, user: User, plan: Plan, period: schedule.Period, today: date) -> PeriodClose | None:
    """Insert the close row, or None when the period is closed already (or was closed by someone meanwhile).

    Two clerks pressing 关账 at once both find no close; the unique constraint on (plan, period) lets one
    insert and refuses the other, whose insert runs in a savepoint so that its transaction stays usable."""
    if PeriodClose.objects.filter(plan=plan, period=period.month).exists():
        return None
    close = PeriodClose(plan=plan, period=period.month, due=period.due, as_of=schedule.as_of(plan.year, today),
                        closed_at=clock.now(), closed_by=user)
    try:
        with transaction.atomic():
            close.save(force_insert=True)
    except IntegrityError:
        if not PeriodClose.objects.filter(plan=plan, period=period.month).exists():
            raise  # another constraint refused the row: not a race, a fault
        return None
    events.record(subject=Event.Subject.CLOSE, subject_id=close.pk, action="closed", user=user,
                  note=f"{plan.title} {period.key}")
    return close


def _write_snapshots(close: PeriodClose, today: date) -> None:
    """One snapshot per project of the plan, in the table's order, in a constant number of queries.

    Every row of the table, sub-projects included, as the lights, the task pages and the dashboard
    count them: each has its own lead unit and its own reports."""
    plan, period = close.plan, plan_period(close)
    assessed = {project.pk: found for project, found in lights.refresh(Project.objects.filter(plan=plan), today)}
    projects = list(Project.objects.filter(plan=plan).select_related("category").prefetch_related(
        Prefetch("unit_roles", to_attr="leads", queryset=ProjectOrganization.objects.filter(
            role=ProjectOrganization.Role.LEAD).select_related("organization").order_by("position")),
        Prefetch("milestones", to_attr="targets", queryset=QuarterlyMilestone.objects.filter(
            target_percent__isnull=False).only("id", "project_id", "quarter", "target_percent")),
    ).order_by("position"))
    reports = {report.project_id: report for report in Report.objects.filter(project__plan=plan, period=close.period)
               .only("id", "project_id", "status", "version", "progress", "milestone_status", "submitted_at")}
    disbursed = _disbursed(plan, close.period)
    yellow = _yellow_points(plan)
    snapshots = []
    for position, project in enumerate(projects, start=1):
        found = assessed[project.pk]
        report = reports.get(project.pk)
        counted = report is not None and report.status in COUNTED
        state, days_late = _report_state(report if counted else None, period, close.as_of)
        target = schedule.time_target(plan.year, close.as_of, {m.quarter: m.target_percent for m in project.targets})
        by_source = disbursed.get(project.pk, {})
        snapshots.append(Snapshot(
            close=close, project=project, position=position, number=project.number, name=project.name,
            category=project.category.name if project.category else "",
            lead_unit="、".join(role.organization.name for role in project.leads),
            organization=project.leads[0].organization if project.leads else None,
            light=found.light, reasons=found.reasons, percent=found.percent, target=target,
            standing=standing(found.light, found.percent, target, yellow),
            milestone_status=report.milestone_status if counted else "", report_state=state,
            report=report, report_version=report.version if report else None,
            submitted_at=report.submitted_at if counted else None, days_late=days_late,
            progress=report.progress if counted else "", annual_investment=project.annual_investment,
            disbursed={name: str(amount) for name, amount in by_source.items()},
            disbursed_total=sum(by_source.values(), Decimal(0)) if by_source else None,
        ))
    Snapshot.objects.bulk_create(snapshots)


def plan_period(close: PeriodClose) -> schedule.Period:
    """The schedule's period a close is of (its due date as stored when it was closed)."""
    found = close.plan.schedule.period(close.plan.year, close.period)
    return found or schedule.Period(month=close.period, due=close.due, opens=close.period)


def _yellow_points(plan: Plan) -> int:
    # The same points that turn a light yellow: each office's own setting, inherited (progress/light_limits.py).
    return lights.limits_for(plan.jurisdiction_id).yellow_points


def standing(light: str, percent: int | None, target: int, yellow: int) -> str:
    """Where a project stands against its time-proportional target (序时进度)."""
    if light == ProjectStatus.Light.DONE:
        return Standing.DONE
    if percent is None:
        return Standing.UNKNOWN
    if target - percent > yellow:
        return Standing.BEHIND
    if percent - target > yellow:
        return Standing.AHEAD
    return Standing.ON_SCHEDULE


def _report_state(counted: Report | None, period: schedule.Period, as_of: date) -> tuple[str, int]:
    """On time, late (with days late), or missing (days late up to the day the close judges by)."""
    if counted is None:
        return ReportState.MISSING, max((as_of - period.due).days, 0)
    if counted.submitted_at is None:  # an imported report: handed in with its table
        return ReportState.ON_TIME, 0
    days = (timezone.localdate(counted.submitted_at) - period.due).days
    return (ReportState.LATE, days) if days > 0 else (ReportState.ON_TIME, 0)


def _disbursed(plan: Plan, month: date) -> dict[int, dict[str, Decimal]]:
    """Disbursed to date per project and source name ("" for all sources), from the latest report handed in
    for a period up to `month`: the period's own, or, where it is missing, the one before it. One query."""
    latest = (Report.objects.filter(project=OuterRef("report__project"), period__lte=month, status__in=COUNTED)
              .order_by("-period").values("period")[:1])
    rows = (Disbursement.objects.filter(report__project__plan=plan, report__status__in=COUNTED,
                                        report__period=Subquery(latest))
            .order_by("source__position", "source__name").values_list("report__project_id", "source__name", "amount"))
    amounts: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for project_id, source, amount in rows:
        amounts[project_id][source or ""] = amount.quantize(CENT)
    return amounts
