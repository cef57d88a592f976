"""The demo's live year: the current year's plans reported on through the services, period by period up to today.

The demo command imports 鲤城区's two 2022 tables again for the current year. Here their units
report as they would have: each period's report on the day before it is due, or today for the
period being reported now (the clock pinned to that day, so nothing is dated after today and no
report is written for a period not yet open), the office accepting it the same day. Each project
follows one story, chosen so that on any day of the year every light and every report state the
date allows is on screen:

    on_plan    every period handed in and accepted; the one being reported now submitted     green
    quiet      as on_plan, but the period being reported now not written yet                 green
    done       100 % reached and accepted in the period being reported now                  done
    behind     this quarter's milestone not started                                         yellow
    missed     this period's milestone missed, with a problem raised (a request)            red
    late       the latest period due never reported; its unit is on "late by unit"          yellow or red
    returned   the period being reported now returned with a comment
    draft      the period being reported now saved, not submitted
    withdrawn  the period being reported now submitted, then withdrawn by the unit
    silent     nothing reported all year                                                    red once two are due

From 1 to 22 January no period is due yet, so no report can be late: there is no "late" state then,
and the red lights come from missed milestones. Running the demo again writes the year afresh.

The year is written period by period, every project's report of a period before the next period's,
so that whatever the office does after a period (pages/demo/cycle.py closes it a few days after it
was due) sees the reports that existed on that day and none written later."""

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from audit.models import AuditEntry
from audit.protection import erasing
from audit.recording import record, summarised
from pages.demo.photos import site_photo
from pages.demo.reports import disbursed_by_source, officer_for
from progress import services
from progress.models import (
    AssistingNote,
    Attachment,
    CoordinationRequest,
    LightChange,
    ProjectStatus,
    Report,
    Revision,
)
from projects import clock, schedule
from projects.models import Organization, Plan, Project, ProjectOrganization
from projects.schedule import Period

# The printed officer's unit gets these first, so its task list shows every state of a report.
OFFICER_STORIES = ["late", "returned", "draft", "on_plan", "done", "withdrawn", "behind", "missed"]
# Most projects of a live year are on plan; a few are behind, late or silent.
OTHER_STORIES = ["on_plan", "quiet", "on_plan", "behind", "on_plan", "done", "late", "quiet", "missed", "on_plan",
                 "silent", "on_plan", "returned", "quiet"]
TEXTS = {
    "on_plan": "按计划推进，本期节点任务已完成。",
    "behind": "受天气和前期手续影响，本季度节点尚未开始。",
    "missed": "资金未到位，本季度节点未能完成。",
    "done": "项目已全部完成并通过验收。",
    "draft": "（草稿）本期完成招标，正在组织进场。",
}
PROBLEM = "上级补助资金尚未下达，需区财政协调先行垫付。"
RETURN_COMMENT = "请写明本期完成的具体工程量和资金拨付情况。"


@transaction.atomic
def write_live_year(*, plans: list[Plan], officer: User, reviewer: User,
                    after_period: Callable[[Plan, Period], None] | None = None) -> Counter:
    """Reset the reports of `plans` and write each project's story up to today, period by period, calling
    `after_period` once each period's reports are written; returns the stories told."""
    today = clock.today()
    _reset(plans)
    told: Counter = Counter()
    officer_stories = iter(OFFICER_STORIES)
    for plan in plans:
        periods = [p for p in plan.schedule.periods(plan.year) if p.opens <= today]
        if not periods:
            continue
        leads = (ProjectOrganization.objects.filter(project__plan=plan, role="lead", position=0,
                                                    organization__kind=Organization.Kind.UNIT)
                 .select_related("project__plan", "organization")
                 .prefetch_related("project__fundings", "project__milestones")
                 .order_by("project__position"))
        cast = []
        for index, role in enumerate(leads):
            mine = role.organization_id == officer.organization_id
            story = next(officer_stories, "on_plan") if mine else OTHER_STORIES[index % len(OTHER_STORIES)]
            # The office closes the public-service plan month by month: its closes need every month's reports.
            full = mine or plan.kind == Plan.Kind.PUBLIC_SERVICE
            cast.append((story, officer_for(role.organization, officer), role.project, full))
            told[story] += 1
        for period in periods:
            for story, unit_officer, project, full in cast:
                _tell(story, unit_officer, reviewer, project, periods, period, today, full=full)
            if after_period is not None:
                after_period(plan, period)
    return told


def _reset(plans: list[Plan]) -> None:
    # A demo reset only: in the product a report is never deleted, the unit withdraws it, and its revisions are
    # kept for good (audit/protection.py). The demo erases its own, saying so in the trail once.
    reports = Report.objects.filter(project__plan__in=plans)
    with summarised("demo reset"), erasing("demo reset"):
        CoordinationRequest.objects.filter(report__in=reports).delete()
        Attachment.objects.filter(report__in=reports).delete()
        AssistingNote.objects.filter(project__plan__in=plans).delete()
        revisions, _by_model = Revision.objects.filter(report__in=reports).delete()
        count, _by_model = reports.delete()
    if count:
        record(AuditEntry.Action.ERASED, object_type="progress.report",
               detail={"reason": "demo reset", "plans": [plan.pk for plan in plans], "revisions": revisions,
                       "rows": count})
    # The lights and their history go with the reports: a light carried over from the last run would colour
    # the first close of this one (a red light "recovering" in January).
    LightChange.objects.filter(project__plan__in=plans).delete()
    ProjectStatus.objects.filter(project__plan__in=plans).delete()


def _tell(story: str, officer: User, reviewer: User, project: Project, periods: list[Period], period: Period,
          today: date, *, full: bool) -> None:
    """Write one project's story for `period`, one of the periods open on `today`, the last being the one
    reported now.

    The public-service plan's projects and the printed officer's report every period; the others, to
    keep the demo quick, only the period before now (with the one reported now, all the lights need)."""
    if story == "silent":
        return
    *history, now = periods
    if period != now:
        late = now if now.due < today else (history[-1] if history else None)
        if not (story == "late" and period == late) and (full or period == history[-1]):
            _accepted(story, officer, reviewer, project, period, today)
        return
    if story in ("quiet", "late"):
        return
    if story in ("on_plan", "behind", "missed"):
        _write(officer, project, now, today, percent=_percent(story, project, now, today), submit=True,
               milestone=_milestone(story, now, today), problems=PROBLEM if story == "missed" else "",
               text=TEXTS[story])
    elif story == "done":
        # With a site photo: the photos a report carries are shown on it, and a backup carries them.
        report = _write(officer, project, now, today, percent=100, submit=True, milestone="met", text=TEXTS["done"],
                        files=[site_photo(project.pk)])
        _review(reviewer, report, now, today, accept=True)
    elif story == "returned":
        report = _write(officer, project, now, today, percent=_percent(story, project, now, today), submit=True,
                        milestone="in_progress", text="已完成。")
        _review(reviewer, report, now, today, accept=False)
    elif story == "draft":
        _write(officer, project, now, today, percent=_percent(story, project, now, today), submit=False,
               text=TEXTS["draft"])
    elif story == "withdrawn":
        report = _write(officer, project, now, today, percent=_percent(story, project, now, today), submit=True,
                        milestone="in_progress", text=TEXTS["on_plan"])
        with clock.pinned(_day(now, today)):
            services.withdraw_report(user=officer, report=report, version=report.version)


def _accepted(story: str, officer: User, reviewer: User, project: Project, period: Period, today: date) -> None:
    report = _write(officer, project, period, today, percent=_percent(story, project, period, today), submit=True,
                    milestone=_milestone(story, period, today), text=TEXTS["on_plan"])
    _review(reviewer, report, period, today, accept=True)


def _percent(story: str, project: Project, period: Period, today: date) -> int:
    # A little ahead of the time-proportional target (序时进度) on the day the report is written, so that a
    # project on plan is green at every close; a project behind lags 15 points (yellow), one that missed a
    # milestone 20. Never 100: that would claim the project complete (the "done" story's report alone does).
    targets = {m.quarter: m.target_percent for m in project.milestones.all() if m.target_percent is not None}
    target = schedule.time_target(project.plan.year, _day(period, today), targets)
    return max(5, min(99, target + 3) - {"behind": 15, "missed": 20}.get(story, 0))


def _milestone(story: str, period: Period, today: date) -> str:
    this_quarter = period.quarter == (today.month - 1) // 3 + 1
    if story == "behind" and this_quarter:
        return "not_started"
    if story == "missed" and this_quarter:
        return "missed"
    return "met" if period.month.month % 3 == 0 else "in_progress"


def _day(period: Period, today: date) -> date:
    """The day a period's report is written: the day before it is due, or today if that is still to come."""
    return max(period.opens, min(period.due - timedelta(days=1), today))


def _write(officer: User, project: Project, period: Period, today: date, *, percent: int, submit: bool, text: str,
           milestone: str = "", problems: str = "", files: list = ()) -> Report:
    data = services.ReportInput(percent_complete=percent, progress=text, milestone_status=milestone,
                                problems=problems, next_plan="继续推进，按计划完成下一阶段任务。",
                                disbursed=disbursed_by_source(project, Decimal(percent)))
    existing = Report.objects.filter(project=project, period=period.month).first()
    with clock.pinned(_day(period, today)):
        return services.save_report(user=officer, project=project, month=period.month, data=data,
                                    version=existing.version if existing else 0, submit=submit, files=files)


def _review(reviewer: User, report: Report, period: Period, today: date, *, accept: bool) -> None:
    with clock.pinned(_day(period, today)):
        services.review_report(user=reviewer, report=report, version=report.version, accept=accept,
                               comment="" if accept else RETURN_COMMENT)
