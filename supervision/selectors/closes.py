"""Named reads of closed periods: which the user sees, which periods may be closed, what was corrected since.

The headline figures of a close are supervision/figures.py `close_figures` (the circular and the
dashboard read them too); what changed between two closes is supervision/compare.py."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import Coalesce

from accounts.models import User
from progress.models import Disbursement, Report, Revision
from projects import clock
from projects.access import WIDE_ROLES, may_review, roles_of, visible_projects
from projects.models import Plan
from projects.schedule import Period
from supervision.models import PeriodClose, Snapshot

ReportState = Snapshot.ReportState


def may_see_closes(user: User) -> bool:
    """Leaders, coordinators and administrators read closes; information officers have no business here."""
    return user.is_superuser or bool(roles_of(user) & WIDE_ROLES)


def may_close(user: User) -> bool:
    return may_review(user)


def plans_visible(user: User) -> QuerySet[Plan]:
    """The plans whose projects the user sees."""
    return Plan.objects.filter(pk__in=visible_projects(user).values("plan_id"))


def closes_visible(user: User) -> QuerySet[PeriodClose]:
    """Closes of the plans the user sees, newest period first, with who closed them."""
    if not may_see_closes(user):
        return PeriodClose.objects.none()
    return (PeriodClose.objects.filter(plan__in=plans_visible(user)).select_related("plan__jurisdiction", "closed_by")
            .order_by("-period", "plan__title", "pk"))


@dataclass(frozen=True)
class PlanCloses:
    """A plan's closes for the list page, newest first, each with its counts annotated."""

    plan: Plan
    closes: list[PeriodClose]


def closes_by_plan(user: User) -> list[PlanCloses]:
    """The closes the user sees, per plan (newest year first), each close with its red and late counts."""
    counted = closes_visible(user).annotate(
        projects=Count("snapshots"),
        red=Count("snapshots", filter=Q(snapshots__light="red")),
        behind=Count("snapshots", filter=Q(snapshots__standing=Snapshot.Standing.BEHIND)),
        late=Count("snapshots", filter=Q(snapshots__report_state=ReportState.LATE)),
        missing=Count("snapshots", filter=Q(snapshots__report_state=ReportState.MISSING)),
    )
    groups: dict[int, PlanCloses] = {}
    for close in counted:
        groups.setdefault(close.plan_id, PlanCloses(plan=close.plan, closes=[])).closes.append(close)
    return sorted(groups.values(), key=lambda g: (-g.plan.year, g.plan.title, g.plan.pk))


@dataclass(frozen=True)
class Closable:
    """A plan's period whose due date has passed and that nobody has closed yet."""

    plan: Plan
    period: Period

    @property
    def value(self) -> str:
        return self.period.key


def closable_periods(user: User, today: date | None = None) -> list[Closable]:
    """Every (plan, period) the user may close now, the most recently due first."""
    if not may_close(user):
        return []
    today = today or clock.today()
    plans = list(plans_visible(user).select_related("jurisdiction").order_by("-year", "title", "pk"))
    closed = set(PeriodClose.objects.filter(plan__in=[p.pk for p in plans]).order_by()
                 .values_list("plan_id", "period"))
    found = [Closable(plan, period) for plan in plans for period in plan.schedule.due_before(plan.year, today)
             if (plan.pk, period.month) not in closed]
    return sorted(found, key=lambda c: (-c.period.due.toordinal(), c.plan.title, c.plan.pk))


@dataclass(frozen=True)
class Correction:
    """A report handed in again (or for the first time) for a closed period after it was closed.

    The snapshot keeps the figure the office closed on; this is what the report says now."""

    snapshot: Snapshot
    report: Report
    by: User | None
    at: datetime

    @property
    def percent(self) -> int | None:
        return self.report.percent_complete

    @property
    def disbursed_total(self) -> Decimal | None:
        amounts = [d.amount for d in self.report.disbursements.all()]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def counts(self) -> bool:
        """Whether the corrected report is in the office's hands now (not returned again meanwhile)."""
        return self.report.counts


def corrections(close: PeriodClose, snapshots: list[Snapshot] | None = None) -> list[Correction]:
    """The close's rows whose report was handed in after the close, in table order; one or two queries.

    A version after the snapshot's is not enough: accepting a report bumps its version but changes no
    figure. A correction is a later revision that handed the report in (submitted again, or imported).
    Pass the close's snapshots when they are loaded already (the close page has them)."""
    handed_in = (Revision.objects
                 .filter(report__period=close.period, report__project__snapshots__close=close,
                         action__in=[Revision.Action.SUBMITTED, Revision.Action.IMPORTED],
                         version__gt=Coalesce("report__project__snapshots__report_version", 0))
                 .select_related("author", "report")
                 .prefetch_related(Prefetch("report__disbursements", queryset=Disbursement.objects.order_by()))
                 .order_by("report_id", "version"))
    latest = {revision.report.project_id: revision for revision in handed_in}  # the last one per report wins
    if not latest:
        return []
    rows = snapshots if snapshots is not None else list(close.snapshots.filter(project_id__in=latest))
    return [Correction(snapshot=s, report=latest[s.project_id].report, by=latest[s.project_id].author,
                       at=latest[s.project_id].at) for s in rows if s.project_id in latest]


@dataclass(frozen=True)
class ClosedRow:
    """A project's frozen row in one close of its plan, and whether its report was handed in again since."""

    snapshot: Snapshot
    corrected: bool

    @property
    def close(self) -> PeriodClose:
        return self.snapshot.close


def project_closes(project_id: int) -> list[ClosedRow]:
    """The project's row in every close of its plan, newest first, each marked when corrected after the close.

    The rule is `corrections`' (a later revision that handed the report in), read for one project across its
    closes at once: two queries however many months are closed."""
    snapshots = list(Snapshot.objects.filter(project_id=project_id).select_related("close")
                     .order_by("-close__period"))
    if not snapshots:
        return []
    frozen = {s.close.period: s.report_version or 0 for s in snapshots}
    handed_in = (Revision.objects.filter(report__project_id=project_id, report__period__in=list(frozen),
                                         action__in=[Revision.Action.SUBMITTED, Revision.Action.IMPORTED])
                 .order_by().values_list("report__period", "version"))
    corrected = {period for period, version in handed_in if version > frozen[period]}
    return [ClosedRow(snapshot=s, corrected=s.close.period in corrected) for s in snapshots]
