"""Status lights: computed from the reports, milestones and open requests, with the reasons in words.

green  on plan;
yellow behind the current quarter's milestone, a report late by up to `late_days`, or no lead unit;
red    a missed milestone, no report for the last two periods, a report late by more than
       `late_days`, or a coordination request open longer than `request_days`;
done   the latest accepted report says 100 %.
Once a plan's year is over (projects/schedule.py), its light is the one it had on 31 December:
the fourth quarter is its current one, days late and days open stop at that day (the reasons
say so), and no report is chased any more (no late period, so it is on no list of late reports).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from progress.models import CoordinationRequest, ProjectStatus, Report
from projects import bulk, clock
from projects.models import Jurisdiction, Plan, Project, ProjectOrganization, QuarterlyMilestone
from projects.schedule import Period, Schedule, as_of, is_over

DEFAULT_LATE_DAYS, DEFAULT_REQUEST_DAYS = 7, 30
Light = ProjectStatus.Light


@dataclass
class Assessment:
    light: str
    reasons: list[dict] = field(default_factory=list)
    percent: int | None = None
    last_period: date | None = None
    late: Period | None = None  # the latest period whose report is missing, when one is due
    late_days: int = 0


def thresholds() -> dict[int, tuple[int, int]]:
    """(late_days, request_days) per jurisdiction id, inherited from the parents."""
    rows = {j.id: j for j in Jurisdiction.objects.only("id", "parent_id", "late_days", "request_days")}

    def resolve(pk: int | None, attribute: str, default: int) -> int:
        seen = set()
        while pk is not None and pk not in seen:
            seen.add(pk)
            if (value := getattr(rows[pk], attribute)) is not None:
                return value
            pk = rows[pk].parent_id
        return default

    return {pk: (resolve(pk, "late_days", DEFAULT_LATE_DAYS), resolve(pk, "request_days", DEFAULT_REQUEST_DAYS))
            for pk in rows}


def assess(project: Project, today: date, limits: tuple[int, int]) -> Assessment:
    """The light of one project whose reports, milestones, open requests and lead units are loaded."""
    late_days, request_days = limits
    plan = project.plan
    # A past year is judged as on its last day: its days late stop there, and its quarter is the fourth.
    over, today = is_over(plan.year, today), as_of(plan.year, today)
    closed = {"year_over": True} if over else {}
    counted = sorted((r for r in project.reports.all() if r.counts), key=lambda r: r.period)
    latest = counted[-1] if counted else None
    result = Assessment(light=Light.GREEN, percent=_percent(counted), last_period=latest.period if latest else None)
    if latest and latest.status == Report.Status.ACCEPTED and latest.percent_complete == 100:
        result.light, result.reasons = Light.DONE, [{"code": "done"}]
        return result
    red, yellow = [], []
    milestone_of = {}
    for report in counted:
        if report.milestone_quarter and report.milestone_status:
            milestone_of[report.milestone_quarter] = report.milestone_status
    red += [{"code": "milestone_missed", "quarter": q} for q, s in sorted(milestone_of.items()) if s == "missed"]
    quarter = (today.month - 1) // 3 + 1
    targets = {m.quarter: m.target_percent for m in project.targets}
    if milestone_of.get(quarter) == "not_started" or (
        targets.get(quarter) is not None and (result.percent or 0) < targets[quarter]
    ):
        yellow.append({"code": "behind_milestone", "quarter": quarter})
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
            (red if days > late_days else yellow).append(late)
    for request in project.open_requests:
        days = max(0, (today - timezone.localdate(request.opened_at)).days)
        if days > request_days:
            red.append({"code": "request_open", "days": days, "text": request.text[:80], **closed})
    if red:
        result.light, result.reasons = Light.RED, red + yellow
    elif yellow:
        result.light, result.reasons = Light.YELLOW, yellow
    else:
        result.reasons = [_on_plan(plan, latest)]
    return result


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
    """Projects with everything `assess` reads, in a constant number of queries."""
    return projects.select_related("plan").prefetch_related(
        Prefetch("reports", queryset=Report.objects.only(
            "id", "project_id", "period", "status", "percent_complete", "milestone_quarter", "milestone_status",
            "submitted_at")),
        # Only milestones with a target percent matter here; most tables give none.
        Prefetch("milestones", queryset=QuarterlyMilestone.objects.filter(target_percent__isnull=False)
                 .only("id", "project_id", "quarter", "target_percent"), to_attr="targets"),
        Prefetch("requests", queryset=CoordinationRequest.objects.filter(closed_at__isnull=True),
                 to_attr="open_requests"),
        Prefetch("unit_roles", queryset=ProjectOrganization.objects.filter(role="lead").select_related("organization")
                 .only("id", "project_id", "position", "organization__id", "organization__name").order_by("position"),
                 to_attr="lead_roles"),
    )


def refresh(projects: QuerySet[Project], today: date | None = None, *,
            batch: int = 2000) -> list[tuple[Project, Assessment]]:
    """Recompute and store the lights of `projects`; returns each project with its assessment."""
    today = today or clock.today()
    limits, now, results = thresholds(), timezone.now(), []
    ids = list(projects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), batch):
        chunk = with_facts(Project.objects.filter(pk__in=ids[start:start + batch]).order_by("pk"))
        assessed = [(p, assess(p, today, limits[p.plan.jurisdiction_id])) for p in chunk]
        ProjectStatus.objects.bulk_create(
            [ProjectStatus(project=p, light=a.light, reasons=a.reasons, percent_complete=a.percent,
                           last_period=a.last_period, late_period=a.late.month if a.late else None,
                           late_days=a.late_days, computed_at=now) for p, a in assessed],
            update_conflicts=True, unique_fields=["project"],
            update_fields=["light", "reasons", "percent_complete", "last_period", "late_period", "late_days",
                           "computed_at"],
        )
        results += assessed
    return results


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


STATUS_FIELDS = ["project", "light", "reasons", "percent_complete", "last_period", "late_period", "late_days",
                 "computed_at"]


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
    busy = set(Report.objects.filter(project__in=selected).values_list("project_id", flat=True))
    busy.update(CoordinationRequest.objects.filter(project__in=selected, closed_at__isnull=True)
                .values_list("project_id", flat=True))
    targets = defaultdict(list)
    for pk, quarter, percent in QuarterlyMilestone.objects.filter(
            project__in=selected, target_percent__isnull=False).values_list("project_id", "quarter", "target_percent"):
        targets[pk].append(_Target(quarter, percent))
    if busy:
        refresh(Project.objects.filter(pk__in=busy), today)
    plans = Plan.objects.in_bulk({plan for _pk, plan, _jurisdiction, _lead in rows})
    limits, adapt = thresholds(), connection.ops
    now = adapt.adapt_datetimefield_value(timezone.now())
    quiet, known = [], {}
    for pk, plan, jurisdiction, lead in rows:
        if pk in busy:
            continue
        # Without reports, a light depends on these alone: a table's thousands of projects share a few.
        facts = (plan, jurisdiction, tuple(targets[pk]), lead)
        if facts not in known:
            found = assess(_Quiet(plans[plan], targets[pk], lead), today, limits[jurisdiction])
            known[facts] = (found.light, json.dumps(found.reasons, ensure_ascii=False), found.percent,
                            adapt.adapt_datefield_value(found.last_period),
                            adapt.adapt_datefield_value(found.late.month if found.late else None), found.late_days, now)
        quiet.append((pk, *known[facts]))
    ProjectStatus.objects.filter(project__in=selected).exclude(project_id__in=busy).delete()
    bulk.insert(ProjectStatus, STATUS_FIELDS, quiet)


@dataclass(frozen=True)
class _Target:
    quarter: int
    target_percent: int


def describe(reason: dict) -> str:
    """One reason in the reader's language."""
    code = reason.get("code")
    if code == "done":
        return _("Fully complete and accepted.")
    if code == "on_plan":
        return _("On plan: reports are in and no milestone is behind.")
    if code == "on_plan_late":
        return ngettext("On plan: no milestone is behind; the latest report, for %(period)s, came in %(days)s day "
                        "after its due date.",
                        "On plan: no milestone is behind; the latest report, for %(period)s, came in %(days)s days "
                        "after its due date.", reason["days"]) % reason
    if code == "milestone_missed":
        return _("The milestone of quarter %(quarter)s was missed.") % reason
    if code == "behind_milestone":
        return _("Behind the milestone of quarter %(quarter)s.") % reason
    if code == "no_lead_unit":
        return _("No lead unit: nobody is asked to report.")
    if code == "no_report_two_periods":
        return _("No report for two periods (%(periods)s).") % {"periods": "、".join(reason["periods"])}
    if code == "late" and reason.get("year_over"):
        return ngettext("At the year's end the report for %(period)s was %(days)s day late.",
                        "At the year's end the report for %(period)s was %(days)s days late.", reason["days"]) % reason
    if code == "request_open" and reason.get("year_over"):
        return ngettext("At the year's end a coordination request had been open for %(days)s day: %(text)s",
                        "At the year's end a coordination request had been open for %(days)s days: %(text)s",
                        reason["days"]) % reason
    if code == "late":
        return ngettext("The report for %(period)s is %(days)s day late.",
                        "The report for %(period)s is %(days)s days late.", reason["days"]) % reason
    if code == "request_open":
        return ngettext("A coordination request has been open for %(days)s day: %(text)s",
                        "A coordination request has been open for %(days)s days: %(text)s", reason["days"]) % reason
    return str(reason)
