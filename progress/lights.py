"""Status lights: computed from the reports, milestones and open requests, with the reasons in words.

green    on plan;
yellow   more than `yellow_points` behind the time-proportional target (序时进度, projects/schedule.py),
         this quarter's milestone not started, a report late by up to `late_days`, no lead unit, or just
         back from red (`recovering`: green only once a later reporting period is still on target);
red      more than `red_points` behind the target, a missed milestone, no report for the last two
         periods, a report late by more than `late_days`, or a coordination request open longer than
         `request_days`;
awaiting the latest counted report says 100 %: the supervision office has yet to verify it;
done     the office verified the completion (progress/verification.py): only this counts as done.
The limits are each jurisdiction's, inherited from its parent (`limits_for`).
Once a plan's year is over (projects/schedule.py), its light is the one it had on 31 December:
the fourth quarter is its current one, the target is 100 %, days late and days open stop at that
day (the reasons say so), and no report is chased any more (no late period, so it is on no list of
late reports). Every change of a stored light is kept as a LightChange.
"""

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from progress.light_limits import Limits, all_limits, gap_light
from progress.light_limits import limits_for as limits_for  # for other apps, beside the rules that use it
from progress.light_words import describe as describe  # the pages ask lights.describe
from progress.models import CoordinationRequest, LightChange, ProjectStatus, Report, Verification
from projects import bulk, clock
from projects.models import Plan, Project, ProjectOrganization, QuarterlyMilestone
from projects.schedule import Period, Schedule, as_of, is_over, time_target

Light = ProjectStatus.Light


@dataclass
class Assessment:
    light: str
    reasons: list[dict] = field(default_factory=list)
    percent: int | None = None
    last_period: date | None = None
    late: Period | None = None  # the latest period whose report is missing, when one is due
    late_days: int = 0
    period: date | None = None  # the reporting period of the day judged on (its month)


def assess(project: Project, today: date, limits: Limits, previous: ProjectStatus | None = None) -> Assessment:
    """The light of one project whose reports, milestones, open requests and lead units are loaded.

    `previous` is its stored status (None for a first computation): a project back from red stays yellow a while."""
    plan = project.plan
    # A past year is judged as on its last day: its days late stop there, and its quarter is the fourth.
    over, today = is_over(plan.year, today), as_of(plan.year, today)
    closed = {"year_over": True} if over else {}
    counted = sorted((r for r in project.reports.all() if r.counts), key=lambda r: r.period)
    latest = counted[-1] if counted else None
    current = plan.schedule.current(plan.year, today)
    result = Assessment(light=Light.GREEN, percent=_percent(counted), last_period=latest.period if latest else None,
                        period=current.month if current else None)
    if project.verified:
        result.light, result.reasons = Light.DONE, [{"code": "done"}]
        return result
    if latest and latest.percent_complete == 100:
        result.light, result.reasons = Light.AWAITING, [{"code": "awaiting_verification",
                                                         "period": f"{latest.period:%Y-%m}"}]
        return result
    red, yellow = [], []
    milestone_of = {}
    for report in counted:
        if report.milestone_quarter and report.milestone_status:
            milestone_of[report.milestone_quarter] = report.milestone_status
    red += [{"code": "milestone_missed", "quarter": q} for q, s in sorted(milestone_of.items()) if s == "missed"]
    quarter = (today.month - 1) // 3 + 1
    if milestone_of.get(quarter) == "not_started":
        yellow.append({"code": "behind_milestone", "quarter": quarter})
    if result.percent is not None:  # without a percent the lateness rules below speak
        judged_on = today if over else _judged_on(plan, today, latest)
        target = time_target(plan.year, judged_on, {m.quarter: m.target_percent for m in project.targets})
        gap = target - result.percent
        if light := gap_light(gap, limits):
            behind = {"code": "behind_target", "percent": result.percent, "target": target, "gap": gap}
            (red if light == Light.RED else yellow).append(behind)
    if not project.lead_roles:
        yellow.append({"code": "no_lead_unit"})
    else:
        reported = {r.period for r in counted}
        due = _due(plan.schedule, plan.year, today)
        if len(due) >= 2 and all(p.month not in reported for p in due[-2:]):
            red.append({"code": "no_report_two_periods", "periods": [p.key for p in due[-2:]]})
        # Only the latest due report is chased; earlier gaps show as "no report for two periods".
        if due and due[-1].month not in reported:
            days = (today - due[-1].due).days
            if not over:  # a past year's report is chased no more
                result.late, result.late_days = due[-1], days
            late = {"code": "late", "period": due[-1].key, "days": days, **closed}
            (red if days > limits.late_days else yellow).append(late)
    for request in project.open_requests:
        days = max(0, (today - timezone.localdate(request.opened_at)).days)
        if days > limits.request_days:
            red.append({"code": "request_open", "days": days, "text": request.text[:80], **closed})
    if red:
        result.light, result.reasons = Light.RED, red + yellow
    elif yellow:
        result.light, result.reasons = Light.YELLOW, yellow
    # A past year has no later period to wait for: its light is what its facts say on 31 December.
    elif not over and (recovering := _recovering(previous, result.period)):
        result.light, result.reasons = Light.YELLOW, [recovering]
    else:
        result.reasons = [_on_plan(plan, latest)]
    return result


def _judged_on(plan: Plan, today: date, latest: Report | None) -> date:
    """The day the reported percent is held against the time-proportional target.

    A percent describes the project on the day it was due (or handed in, if later), not on every day after:
    a plan that reports in June and December must not turn red in October for June's figure. So it is the
    latest due date passed, or the day the latest report came in if that is later, and never after today.
    Before any due date and without a report, it is today. (A past year is judged on 31 December.)"""
    due = _due(plan.schedule, plan.year, today)
    days = [due[-1].due] if due else []
    if latest is not None and latest.submitted_at is not None:
        days.append(timezone.localdate(latest.submitted_at))
    return min(max(days), today) if days else today


def _recovering(previous: ProjectStatus | None, period: date | None) -> dict | None:
    """The reason a project that computes green stays yellow, if it must: it was red, and no later reporting
    period has begun since it caught up. Red turns yellow first; green comes in a later period still on target."""
    if previous is None:
        return None
    if previous.light == Light.RED:
        return {"code": "recovering", "period": f"{period:%Y-%m}" if period else None}
    if previous.light != Light.YELLOW or not any(r.get("code") == "recovering" for r in previous.reasons):
        return None
    if period is not None and (previous.since_period is None or period > previous.since_period):
        return None
    return {"code": "recovering", "period": f"{previous.since_period:%Y-%m}" if previous.since_period else None}


def _on_plan(plan: Plan, latest: Report | None) -> dict:
    """Green's reason. A report handed in after its due date no longer makes the light yellow or red,
    but the reason must not read as if it came on time: it says how late the latest one was."""
    if latest is not None and latest.submitted_at is not None:
        period = plan.schedule.period(plan.year, latest.period)
        days = (timezone.localdate(latest.submitted_at) - period.due).days if period else 0
        if days > 0:
            return {"code": "on_plan_late", "period": period.key, "days": days}
    return {"code": "on_plan"}


@lru_cache(maxsize=256)
def _due(schedule: Schedule, year: int, today: date) -> list[Period]:
    # The same few plans for thousands of projects: their due periods are worked out once.
    return schedule.due_before(year, today)


def _percent(counted: list[Report]) -> int | None:
    return next((r.percent_complete for r in reversed(counted) if r.percent_complete is not None), None)


def with_facts(projects: QuerySet[Project]) -> QuerySet[Project]:
    """Projects with everything `assess` reads, in a constant number of queries.

    Reports and milestones unsorted: assess() sorts the reports and reads the milestones by quarter, and
    the models' orderings joined project, plan and jurisdiction to every row only to sort it."""
    verified = Verification.objects.filter(project=OuterRef("pk"), outcome=Verification.Outcome.VERIFIED)
    return projects.select_related("plan").annotate(verified=Exists(verified)).prefetch_related(
        Prefetch("reports", queryset=Report.objects.order_by().only(
            "id", "project_id", "period", "status", "percent_complete", "milestone_quarter", "milestone_status",
            "submitted_at")),
        # Only milestones with a target percent matter here; most tables give none.
        Prefetch("milestones", queryset=QuarterlyMilestone.objects.filter(target_percent__isnull=False).order_by()
                 .only("id", "project_id", "quarter", "target_percent"), to_attr="targets"),
        Prefetch("requests", queryset=CoordinationRequest.objects.filter(closed_at__isnull=True),
                 to_attr="open_requests"),
        Prefetch("unit_roles", queryset=ProjectOrganization.objects.filter(role="lead").select_related("organization")
                 .only("id", "project_id", "position", "organization__id", "organization__name").order_by("position"),
                 to_attr="lead_roles"),
    )


def _stored(project_id: int, found: Assessment, previous: ProjectStatus | None, now: datetime) -> ProjectStatus:
    """The status to store; a light that goes on keeps the day and period it began."""
    kept = previous is not None and previous.light == found.light
    return ProjectStatus(
        project_id=project_id, light=found.light, reasons=found.reasons, percent_complete=found.percent,
        last_period=found.last_period, late_period=found.late.month if found.late else None,
        late_days=found.late_days, computed_at=now,
        since=previous.since if kept else now, since_period=previous.since_period if kept else found.period)


def _change(project_id: int, found: Assessment, previous: ProjectStatus | None, now: datetime) -> LightChange | None:
    """The history row of a stored light that changes; a first light has none."""
    if previous is None or previous.light == found.light:
        return None
    return LightChange(project_id=project_id, at=now, period=found.period, before=previous.light, after=found.light,
                       reasons=found.reasons)


STATUS_FIELDS = ["project", "light", "reasons", "percent_complete", "last_period", "late_period", "late_days",
                 "computed_at", "since", "since_period"]


def refresh(projects: QuerySet[Project], today: date | None = None) -> list[tuple[Project, Assessment]]:
    """Recompute and store the lights of `projects`, recording each change; returns each project with its assessment.

    For a few projects (a report's, a plan's); every project of a province is refresh_in_batches()'s."""
    return [pair for batch in refresh_in_batches(projects, today) for pair in batch]


def refresh_in_batches(projects: QuerySet[Project], today: date | None = None, *,
                       batch: int = 1000) -> Iterator[list[tuple[Project, Assessment]]]:
    """refresh(), a batch of projects at a time by ascending id, each batch stored before it is yielded.

    Each batch is read with its own queries, from the id after the last one: memory holds one batch's
    projects with their reports (about 20 KB a project), never all of them nor all their ids."""
    today = today or clock.today()
    limits, now, after = all_limits(), clock.now(), 0
    while True:
        ids = list(projects.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return
        # The stored status comes along (a join): the light it had decides whether it changes, and how.
        chunk = with_facts(Project.objects.filter(pk__in=ids).select_related("status").order_by("pk"))
        assessed, statuses, changes = [], [], []
        for project in chunk:
            previous = getattr(project, "status", None)
            found = assess(project, today, limits[project.plan.jurisdiction_id], previous)
            assessed.append((project, found))
            statuses.append(_stored(project.pk, found, previous, now))
            changes.append(_change(project.pk, found, previous, now))
        ProjectStatus.objects.bulk_create(statuses, update_conflicts=True, unique_fields=["project"],
                                          update_fields=STATUS_FIELDS[1:])
        if changed := [change for change in changes if change is not None]:
            LightChange.objects.bulk_create(changed)
        yield assessed
        if len(ids) < batch:  # the last batch: no query to find nothing after it
            return
        after = ids[-1]


class _NoReports:
    def all(self) -> list:
        return []


@dataclass
class _Quiet:
    """What assess() reads of a project nobody has reported on and no request is open for."""

    plan: Plan
    targets: list
    lead_roles: bool
    reports: _NoReports = field(default_factory=_NoReports)
    open_requests: tuple = ()
    verified: bool = False  # a verification needs a report


def refresh_many(projects: QuerySet[Project], today: date | None = None) -> None:
    """Store the lights of many projects at once, as an import needs them.

    Projects without reports or open requests (every project a table has just brought in) are
    assessed from plain values and written in one COPY; building model instances for tens of
    thousands of them cost more than the import's own writing. The others go through refresh()."""
    today = today or clock.today()
    # Whether each has a lead unit, probed in the unique index that starts with the project: a
    # join would read every unit link of the plan, tens of thousands in a long table.
    has_lead = Exists(ProjectOrganization.objects.filter(project=OuterRef("pk"), role=ProjectOrganization.Role.LEAD))
    rows = list(projects.order_by("pk").values_list("pk", "plan_id", "plan__jurisdiction_id", has_lead))
    # The projects as a subquery: thousands of ids sent as parameters cost more than the queries.
    selected = projects.values("pk")
    # The models' orderings would join project, plan and jurisdiction for every row only to sort it
    # (the milestones' took longer than the milestones: 14 ms for 5,000 projects without any).
    busy = set(Report.objects.filter(project__in=selected).order_by().values_list("project_id", flat=True))
    busy.update(CoordinationRequest.objects.filter(project__in=selected, closed_at__isnull=True).order_by()
                .values_list("project_id", flat=True))
    targets = defaultdict(list)
    for pk, quarter, percent in QuarterlyMilestone.objects.filter(
            project__in=selected, target_percent__isnull=False).order_by("project_id", "quarter").values_list(
                "project_id", "quarter", "target_percent"):
        targets[pk].append(_Target(quarter, percent))
    if busy:
        refresh(Project.objects.filter(pk__in=busy), today)
    # A table imported again: the lights its projects had decide what changes (none on a first import).
    before = {pk: ProjectStatus(project_id=pk, light=light, reasons=reasons, since=since, since_period=period)
              for pk, light, reasons, since, period in ProjectStatus.objects.filter(project__in=selected)
              .exclude(project_id__in=busy).order_by()
              .values_list("project_id", "light", "reasons", "since", "since_period")}
    plans = Plan.objects.in_bulk({plan for _pk, plan, _jurisdiction, _lead in rows})
    limits, adapt, now = all_limits(), connection.ops, clock.now()
    quiet, changes, known = [], [], {}

    def values(status: ProjectStatus, found: Assessment) -> tuple:
        """A status's STATUS_FIELDS but the project, as the database stores them."""
        return (found.light, json.dumps(found.reasons, ensure_ascii=False), found.percent,
                adapt.adapt_datefield_value(found.last_period), adapt.adapt_datefield_value(status.late_period),
                found.late_days, adapt.adapt_datetimefield_value(now),
                adapt.adapt_datetimefield_value(status.since), adapt.adapt_datefield_value(status.since_period))

    for pk, plan, jurisdiction, lead in rows:
        if pk in busy:
            continue
        previous = before.get(pk)
        # Without reports, a light depends on these alone: a table's thousands of projects share a few.
        facts = (plan, jurisdiction, tuple(targets[pk]), lead, _state(previous))
        if facts not in known:
            found = assess(_Quiet(plans[plan], targets[pk], lead), today, limits[jurisdiction], previous)
            # A first light (every project of a new table) is the same row for all projects of these
            # facts but their id: made once, not a model instance and its JSON for each of thousands.
            known[facts] = found, None if previous else values(_stored(0, found, None, now), found)
        found, stored = known[facts]
        quiet.append((pk, *(stored or values(_stored(pk, found, previous, now), found))))
        if change := _change(pk, found, previous, now):
            changes.append(change)
    ProjectStatus.objects.filter(project__in=selected).exclude(project_id__in=busy).delete()
    bulk.insert(ProjectStatus, STATUS_FIELDS, quiet)
    LightChange.objects.bulk_create(changes, batch_size=2000)


def _state(previous: ProjectStatus | None) -> tuple | None:
    """What of a stored status a quiet project's new light depends on (see _recovering)."""
    if previous is None:
        return None
    return previous.light, any(r.get("code") == "recovering" for r in previous.reasons), previous.since_period


@dataclass(frozen=True)
class _Target:
    quarter: int
    target_percent: int
