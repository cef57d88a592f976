"""Demo reports for the past years' plans, written by demo officers through the same services as the browser.

Each past plan's first projects get one story each over its last two periods, as its year ended;
the other projects stay unreported. The current year is pages/demo/live_year.py's."""

from collections import Counter
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction

from accounts.models import User
from accounts.roles import Role
from progress import services
from progress.models import Report
from progress.verification import verify_completion
from projects import clock
from projects.models import Organization, Plan, Project, ProjectOrganization

MONEY_STEP = Decimal("0.0001")
VERIFIED_NOTE = "现场核验，已完工"
STORIES = ["returned", "done", "submitted_behind", "draft", "missed_with_problem", "on_plan"]


def officer_for(unit: Organization, printed: User) -> User:
    """The printed demo officer for its unit; a quiet account (no password) for the others."""
    if printed.organization_id == unit.pk:
        return printed
    user, created = User.objects.get_or_create(username=f"demo-officer-{unit.pk}", defaults={
        "organization": unit, "first_name": unit.name[:30]})
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(Group.objects.get(name=Role.OFFICER.value))
    return user


def disbursed_by_source(project: Project, percent: Decimal) -> dict[int | None, Decimal]:
    """Paid out to date at `percent` of the planned money, keyed as the officer's form keys it.

    One figure per funding source when the project has sources (the form's one field per source,
    or its single field for the only source); all sources together only when it has none."""
    fundings = [f for f in project.fundings.all() if f.amount is not None]
    if fundings:
        return {f.source_id: (f.amount * percent / 100).quantize(MONEY_STEP) for f in fundings}
    if project.total_investment:
        return {None: (project.total_investment * percent / 100).quantize(MONEY_STEP)}
    return {}


def _write(officer: User, project: Project, month, *, percent: int, text: str, submit: bool, milestone: str = "",
           problems: str = "") -> Report:
    existing = Report.objects.filter(project=project, period=month).first()
    data = services.ReportInput(
        percent_complete=percent, progress=text, milestone_status=milestone, problems=problems,
        next_plan="继续推进，按计划完成下一阶段任务。",
        disbursed=disbursed_by_source(project, Decimal(percent)),
    )
    return services.save_report(user=officer, project=project, month=month, data=data,
                                version=existing.version if existing else 0, submit=submit)


def tell(story: str, officer: User, reviewer: User, project: Project) -> str:
    periods = project.plan.schedule.periods(project.plan.year)
    # Each report is written the day before it was due, as the unit would have: a past year's
    # demo reports written today would each be "handed in 1,400 days late".
    with clock.pinned(periods[-2].due - timedelta(days=1)):
        _tell_earlier(story, officer, reviewer, project, periods[-2].month)
    with clock.pinned(periods[-1].due - timedelta(days=1)):
        _tell_last(story, officer, reviewer, project, periods[-1].month)
    return story


def _tell_earlier(story: str, officer: User, reviewer: User, project: Project, earlier) -> None:
    first = _write(officer, project, earlier, percent=60, text="完成主体工程，正在推进配套建设。", submit=True,
                   milestone="missed" if story == "missed_with_problem" else "in_progress")
    services.review_report(user=reviewer, report=first, version=first.version, accept=True)


def _tell_last(story: str, officer: User, reviewer: User, project: Project, last) -> None:
    if story == "done":
        report = _write(officer, project, last, percent=100, text="项目已全部完成并通过验收。", submit=True,
                        milestone="met")
        services.review_report(user=reviewer, report=report, version=report.version, accept=True)
        # Checked on site as the year ended: a past year's finished project does not wait in this year's queue.
        verify_completion(user=reviewer, project=project, note=VERIFIED_NOTE)
    elif story == "on_plan":
        report = _write(officer, project, last, percent=90, text="按计划推进，本期节点已完成。", submit=True,
                        milestone="met")
        services.review_report(user=reviewer, report=report, version=report.version, accept=True)
    elif story == "submitted_behind":
        _write(officer, project, last, percent=65, text="受天气影响，本季度节点尚未开始。", submit=True,
               milestone="not_started")
    elif story == "missed_with_problem":
        _write(officer, project, last, percent=70, text="资金未到位，进度滞后。", submit=True, milestone="missed",
               problems="上级补助资金尚未下达，需区财政协调先行垫付。")
    elif story == "returned":
        report = _write(officer, project, last, percent=75, text="已完成。", submit=True, milestone="in_progress")
        services.review_report(user=reviewer, report=report, version=report.version, accept=False,
                               comment="请写明本期完成的具体工程量和资金拨付情况。")
    elif story == "draft":
        _write(officer, project, last, percent=70, text="（草稿）本期完成招标。", submit=False)


@transaction.atomic
def write_demo_reports(*, officer: User, reviewer: User, before: int) -> Counter:
    """A few periods of reports for every plan of a year before `before` but the published progress tables."""
    told: Counter = Counter()
    for plan in Plan.objects.exclude(kind=Plan.Kind.PROGRESS_REPORT).filter(year__lt=before).order_by("pk"):
        if len(plan.schedule.periods(plan.year)) < 2:
            continue
        leads = (ProjectOrganization.objects.filter(project__plan=plan, role="lead", position=0,
                                                    organization__kind=Organization.Kind.UNIT)
                 .select_related("project__plan", "organization").order_by("project__position"))
        # The printed officer's own projects first, so their tasks show every state.
        chosen = sorted(leads, key=lambda role: role.organization_id != officer.organization_id)[:len(STORIES)]
        for story, role in zip(STORIES, chosen):
            if Report.objects.filter(project=role.project).exists():
                continue
            told[tell(story, officer_for(role.organization, officer), reviewer, role.project)] += 1
    return told
