"""Named read queries of the task page (pages/views.py `tasks`): what each role must do now."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Max, QuerySet

from accounts.models import User
from accounts.roles import Role
from pages import cycle
from progress.models import Report
from progress.selectors import open_requests, open_requests_seen_by, supervised
from projects.access import roles_of, visible_projects, visible_through
from projects.models import Plan, Project, ProjectOrganization
from projects.schedule import Period, is_over
from projects.selectors import projects_with_people


@dataclass
class Due:
    """A project's report for the period being reported now, as its lead unit sees it."""

    project: Project
    period: Period
    report: Report | None
    today: date

    @property
    def days_left(self) -> int:
        return (self.period.due - self.today).days

    @property
    def days_late(self) -> int:
        return -self.days_left

    @property
    def state(self) -> str:
        return self.report.status if self.report else "missing"

    @property
    def done(self) -> bool:
        return self.report is not None and self.report.counts


def officer_tasks(user: User, today: date) -> dict:
    """An officer's lead projects with the reports to write now, returned reports, assisting projects.

    Only plans whose year is not over: a past year's reports are chased no more (projects/schedule.py).
    Beside the current period's report, the latest one due and not handed in is listed as late, as
    the light counts it."""
    unit = user.organization_id
    mine = visible_projects(user).filter(plan__year__gte=today.year)
    lead = list(projects_with_people(mine.filter(
        unit_roles__organization_id=unit, unit_roles__role=ProjectOrganization.Role.LEAD)).select_related("status")
        .order_by("-plan__year", "plan_id", "position"))
    reports = {(r.project_id, r.period): r for r in Report.objects.filter(project__in=[p.pk for p in lead])
               .select_related("project")}
    due = []
    for project in lead:
        schedule, year = project.plan.schedule, project.plan.year
        period = schedule.current(year, today)
        if period is None:
            continue
        passed = schedule.due_before(year, today)
        if passed and passed[-1] != period:
            late = Due(project, passed[-1], reports.get((project.pk, passed[-1].month)), today)
            if not late.done:
                due.append(late)
        due.append(Due(project, period, reports.get((project.pk, period.month)), today))
    due.sort(key=lambda item: (item.done, item.period.due))
    returned = [r for r in reports.values() if r.status == Report.Status.RETURNED]
    assisting = projects_with_people(mine.filter(
        unit_roles__organization_id=unit, unit_roles__role=ProjectOrganization.Role.ASSISTING)).select_related("status")
    return {"due": due, "returned": sorted(returned, key=lambda r: r.period),
            "assisting": list(assisting.order_by("-plan__year", "plan_id", "position"))}


def waiting_for_review(user: User) -> QuerySet[Report]:
    return (Report.objects.filter(visible_through(user, "project"), status=Report.Status.SUBMITTED)
            .select_related("project__plan", "organization").order_by("submitted_at"))


def late_by_unit(user: User) -> QuerySet:
    """Lead units with reports due and missing, the most late first."""
    return (ProjectOrganization.objects
            .filter(visible_through(user, "project"), role=ProjectOrganization.Role.LEAD,
                    project__status__late_period__isnull=False)
            .values("organization_id", "organization__name", "organization__jurisdiction__name")
            .annotate(projects=Count("project", distinct=True), most_days=Max("project__status__late_days"))
            .order_by("-projects", "-most_days", "organization__name"))


# A task page shows this many rows of a kind, the worst first; the rest are one click away in the project list.
SHOWN = 10
# Open requests take several lines each (the unit's words): fewer of them, so the page stays short.
REQUESTS_SHOWN = 5
# Worst first: a leader reads what needs them before what is going well. A claim of completion awaiting
# verification is not yet done, nor a worry: after red and yellow, before green.
LIGHT_RANK = {"red": 0, "yellow": 1, "awaiting": 2, "green": 3, "done": 4}


@dataclass
class PlanGroup:
    """A plan's projects on a task page, worst light first, with how many there are in all."""

    plan: Plan
    projects: list[Project]
    total: int


def by_plan_worst_first(projects: list[Project], shown: int = SHOWN) -> list[PlanGroup]:
    """Projects grouped by plan (newest year first), each plan's red, yellow, green, then done, in printed order.

    Plans apart, because two plans' numbering (1, 2, … in each) means nothing mixed."""
    groups: dict[int, list[Project]] = {}
    for project in projects:
        groups.setdefault(project.plan_id, []).append(project)

    def rank(project: Project) -> tuple:
        status = getattr(project, "status", None)
        return LIGHT_RANK.get(status.light if status else "", len(LIGHT_RANK)), project.position

    plans = sorted(groups.values(), key=lambda items: (-items[0].plan.year, items[0].plan.title, items[0].plan_id))
    return [PlanGroup(items[0].plan, sorted(items, key=rank)[:shown], len(items)) for items in plans]


def tasks_for(user: User, today: date, *, all_waiting: bool = False) -> dict:
    """What each of the user's roles must do now, each kind bounded to SHOWN rows, worst first, with its total."""
    roles = roles_of(user)
    context: dict = {"roles": roles, "shown": SHOWN}
    if Role.OFFICER in roles and user.organization_id:
        officer = officer_tasks(user, today)
        pending, handed_in = [d for d in officer["due"] if not d.done], [d for d in officer["due"] if d.done]
        officer |= {"due": pending[:SHOWN], "due_total": len(pending), "handed_in": handed_in[:SHOWN],
                    "handed_in_total": len(handed_in), "assisting": officer["assisting"][:SHOWN],
                    "assisting_total": len(officer["assisting"])}
        context["officer"] = officer
        context["officer_cycle"] = cycle.officer_cycle(user, SHOWN)
    if user.is_superuser or roles & {Role.ADMIN, Role.COORDINATOR}:
        visible = visible_projects(user)
        context["reviewer"] = True
        waiting = waiting_for_review(user)
        context["waiting_total"] = waiting.count()
        context["waiting"] = list(waiting if all_waiting else waiting[:SHOWN])
        late_units = list(late_by_unit(user))
        context["late_units"], context["late_unit_total"] = late_units[:SHOWN], len(late_units)
        context["late_total"] = visible.filter(status__late_period__isnull=False).count()
        seen = open_requests_seen_by(user)
        context["requests"] = list(seen[:REQUESTS_SHOWN])
        context["requests_total"] = seen.count()
        context["office_cycle"] = cycle.office_cycle(user, today, SHOWN)
    if user.is_superuser or roles & {Role.ADMIN, Role.COORDINATOR, Role.LEADER}:
        plans = plans_with_periods(user, today)
        # This year's tables first; past years are history, folded so that a city's many years stay one line.
        context["plans"] = [row for row in plans if not is_over(row[0].year, today)]
        context["past_plans"] = [row for row in plans if is_over(row[0].year, today)]
    if Role.LEADER in roles:
        context["leader"] = True
        mine = supervised(user)
        context["mine"] = by_plan_worst_first(list(projects_with_people(mine).select_related("status")))
        context["leader_cycle"] = cycle.leader_cycle(user, SHOWN)
        if "requests" not in context:
            context["requests"] = list(open_requests(mine)[:REQUESTS_SHOWN])
            context["requests_total"] = open_requests(mine).count()
    return context


def plans_with_periods(user: User, today: date) -> list[tuple[Plan, list[Period], Period | None]]:
    """The plans the user sees, each with its reporting periods and the current one, for the progress-table export."""
    plans = (Plan.objects.filter(pk__in=visible_projects(user).values("plan_id")).select_related("jurisdiction__parent")
             .order_by("-year", "jurisdiction__name", "pk"))
    return [(plan, plan.schedule.periods(plan.year), plan.schedule.current(plan.year, today)) for plan in plans]
