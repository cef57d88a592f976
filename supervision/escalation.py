"""What follows a project that stays yellow or red close after close (published practice; each office sets the
counts in its Rules): a formal letter (专函) after `letter_yellow_periods` yellow-or-red closes in a row, the
unit's head summoned (约谈) after `summon_red_periods` red ones, listed supervision (挂牌督办) after
`listed_red_periods`. Each step is reached once a plan year. And the office's list of projects red long
enough to deserve a sheet, with none open on them.

Counted from the closes' frozen snapshots, never from today's lights: what was published decides."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import User
from progress.models import ProjectStatus
from projects import clock
from projects.access import visible_projects
from projects.models import Project
from supervision import events
from supervision.models import Escalation, Event, InstructionSheet, PeriodClose, Snapshot
from supervision.rules import all_rules, rules_for
from supervision.sheet_access import may_issue_sheets

Light, Step = ProjectStatus.Light, Escalation.Step
WARNING = {Light.YELLOW, Light.RED}


def _run(lights: dict[int, str], closes: list[int], wanted: set[str]) -> int:
    """How many of `closes` (newest first) in a row, from the newest, show one of the `wanted` lights."""
    count = 0
    for close_id in closes:
        if lights.get(close_id) not in wanted:
            break
        count += 1
    return count


def _reason(step: str, periods: int, since: date, until: date) -> str:
    # Stored as text in the product's language: the reason is part of the record, as the office wrote it.
    with translation.override(settings.LANGUAGE_CODE):
        if step == Step.LETTER:
            text = _("Yellow or red in %(n)s closed periods in a row (%(since)s to %(until)s).")
        else:
            text = _("Red in %(n)s closed periods in a row (%(since)s to %(until)s).")
        return text % {"n": periods, "since": f"{since:%Y-%m}", "until": f"{until:%Y-%m}"}


@transaction.atomic
def escalate_after_close(close: PeriodClose) -> list[Escalation]:
    """The escalation steps the close's projects reached with it and had not reached this year; an Event each."""
    plan = close.plan
    rules = rules_for(plan.jurisdiction_id)
    closes = list(PeriodClose.objects.filter(plan_id=plan.pk, period__lte=close.period)
                  .order_by("-period").values_list("pk", "period"))
    order, periods = [pk for pk, _period in closes], dict(closes)
    lights: dict[int, dict[int, str]] = defaultdict(dict)
    names = {}  # as published in this close
    for project_id, close_id, light, name in (Snapshot.objects.filter(close_id__in=order, project__isnull=False)
                                              .values_list("project_id", "close_id", "light", "name")):
        lights[project_id][close_id] = light
        if close_id == close.pk:
            names[project_id] = name
    in_close = list(names)
    reached = set(Escalation.objects.filter(project_id__in=in_close, year=plan.year).values_list("project_id", "step"))
    created = []
    for project_id in sorted(in_close):
        warning, red = _run(lights[project_id], order, WARNING), _run(lights[project_id], order, {Light.RED})
        for step, run, needed in ((Step.LETTER, warning, rules.letter_yellow_periods),
                                  (Step.SUMMON, red, rules.summon_red_periods),
                                  (Step.LISTED, red, rules.listed_red_periods)):
            if run < needed or (project_id, step) in reached:
                continue
            escalation = Escalation(project_id=project_id, step=step, year=plan.year, periods=run, close=close,
                                    reason=_reason(step, run, periods[order[run - 1]], close.period), at=clock.now())
            try:
                with transaction.atomic():  # a close escalated twice at once: the constraint keeps one of each
                    escalation.save(force_insert=True)
            except IntegrityError:
                continue
            events.record(subject=Event.Subject.CLOSE, subject_id=close.pk, action="escalated", user=close.closed_by,
                          note=escalation.reason, changes={"project": ["", names[project_id]], "step": ["", step]})
            created.append(escalation)
    return created


@dataclass(frozen=True)
class Suggestion:
    """A project red in its plan's last `periods` closes with no open sheet: the office may issue one."""

    project: Project
    periods: int
    since: date
    until: date


def suggested_sheets(user: User) -> list[Suggestion]:
    """For the office: projects red for at least `suggest_sheet_periods` closes in a row, none of their sheets open.

    Only this year's plans: a past year's projects are chased no more."""
    if not may_issue_sheets(user):
        return []
    projects = visible_projects(user)
    closes = list(PeriodClose.objects.filter(plan__in=projects.values("plan_id"), plan__year__gte=clock.today().year)
                  .order_by("plan_id", "-period").values_list("pk", "plan_id", "plan__jurisdiction_id", "period"))
    by_plan: dict[int, list[int]] = defaultdict(list)
    periods, rules = {}, all_rules() if closes else {}
    for pk, plan_id, _jurisdiction_id, period in closes:
        by_plan[plan_id].append(pk)
        periods[pk] = period
    plan_rule = {plan_id: rules[jurisdiction_id].suggest_sheet_periods
                 for _pk, plan_id, jurisdiction_id, _period in closes}
    red: dict[int, dict[int, str]] = defaultdict(dict)
    plan_of = {}
    for project_id, close_id, plan_id in (Snapshot.objects.filter(close_id__in=periods, light=Light.RED,
                                                                  project__in=projects)
                                          .values_list("project_id", "close_id", "close__plan_id")):
        red[project_id][close_id] = Light.RED
        plan_of[project_id] = plan_id
    runs = {project_id: _run(red[project_id], by_plan[plan_of[project_id]], {Light.RED}) for project_id in red}
    runs = {project_id: run for project_id, run in runs.items() if run >= plan_rule[plan_of[project_id]]}
    covered = set(InstructionSheet.objects.filter(project_id__in=runs).exclude(status=InstructionSheet.Status.CLOSED)
                  .values_list("project_id", flat=True))
    chosen = Project.objects.filter(pk__in=set(runs) - covered).select_related("plan").order_by("plan_id", "position")
    return [Suggestion(project=project, periods=runs[project.pk],
                       since=periods[by_plan[project.plan_id][runs[project.pk] - 1]],
                       until=periods[by_plan[project.plan_id][0]]) for project in chosen]
