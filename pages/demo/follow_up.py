"""The demo's follow-up of this year: instruction sheets at every stage and colour, leaders' instructions
open, answered and closed, and finished projects verified (or left awaiting), all through the services.

Everything is written after the live year's reports and closes (pages/demo/cycle.py), each step with
the clock pinned to a plausible day that is never after the demo's today. Sheets of the printed
officer's unit come first, so that the officer's task page and phone show each thing they must do;
the ones the office finishes (closed) or that went unanswered long enough to turn red are on other
units' projects, signed for and answered by those units' quiet demo accounts."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import TypeVar

from django.utils import timezone

from accounts.models import User
from pages.demo.reports import VERIFIED_NOTE, disbursed_by_source, officer_for
from progress import services
from progress.models import CoordinationRequest, ProjectStatus, Report
from progress.verification import return_completion, verify_completion
from projects import clock
from projects.models import Plan, Project, ProjectOrganization, ProjectPerson
from supervision import instructions, sheets
from supervision.models import Instruction, InstructionSheet
from supervision.tiers import refresh_tiers

Light = ProjectStatus.Light
T = TypeVar("T")
RETURNED_CLAIM = "现场核验发现附属设施尚未完工，请完善后再报。"
# What each stage's sheet is about and what it asks, fitting the story its project tells (pages/demo/live_year.py).
LATE = ("补报月度进展", "请按要求补报逾期未报的月度进展，并说明逾期原因。")
BEHIND = ("加快推进项目建设进度", "该项目进度滞后于序时进度，请制定赶超措施，明确完成时限，并于期限内书面反馈。")
MILESTONE = ("落实节点任务", "请对照年度工作计划逐项落实本季度节点任务，于期限内反馈进展情况。")
DISPUTE = "该项目本季度节点已按计划推进，督办事项与实际情况不符，请核实。"
REWORDED = "请于期限内报送本季度节点推进情况的佐证材料（现场照片、施工记录）。"
ANSWER = "已召开专题会议研究，制定赶超措施，明确专人负责，确保按期完成节点任务。"
RETURN_REASON = "答复未写明具体完成时限和责任人，请补充后重新反馈。"
CLOSING = "经核实，督办事项已落实到位，予以办结。"
CONTACT = {"contact_name": "李明", "contact_phone": "0595-22180000"}


@dataclass(frozen=True)
class Cast:
    """Who acts in the demo's follow-up, and the demo's day."""

    coordinator: User
    officer: User
    leader: User
    today: date

    def day(self, wanted: date) -> date:
        """`wanted`, kept within this year and never after today."""
        return min(max(wanted, date(self.today.year, 1, 1)), self.today)

    def officer_of(self, project: Project) -> User:
        """An information officer of the project's lead unit: the printed one for its unit, else a quiet one."""
        lead = (ProjectOrganization.objects.filter(project=project, role=ProjectOrganization.Role.LEAD)
                .order_by("position").select_related("organization").first())
        return officer_for(lead.organization, self.officer)


def _on(day: date, action: Callable[..., T], **arguments) -> T:
    """A service called as on `day`."""
    with clock.pinned(day):
        return action(**arguments)


def _projects(plans: list[Plan], cast: Cast, *, mine: bool) -> list[Project]:
    """The live plans' projects the officer's unit leads (or those it does not), in the tables' order."""
    leads = ProjectOrganization.objects.filter(role=ProjectOrganization.Role.LEAD, position=0,
                                               organization_id=cast.officer.organization_id).values("project_id")
    projects = Project.objects.filter(plan__in=plans, unit_roles__role=ProjectOrganization.Role.LEAD)
    projects = projects.filter(pk__in=leads) if mine else projects.exclude(pk__in=leads)
    return list(projects.select_related("plan", "status").distinct().order_by("plan_id", "position"))


def _light(project: Project) -> str:
    status = getattr(project, "status", None)
    return status.light if status else ""


def write_sheets(plans: list[Plan], cast: Cast, after: date | None) -> None:
    """One sheet at every stage and colour: those under way issued on `after` (the latest close's day), those
    the calendar has coloured or the office has closed some weeks before today."""
    today, base = cast.today, cast.day(after or cast.today)
    soon = today + timedelta(days=10)
    # The officer's projects still under way (a finished one is not chased by sheet), in the tables' order:
    # late, returned, draft (public-service plan), on_plan, withdrawn, behind, missed (work-report tasks).
    mine = [p for p in _projects(plans, cast, mine=True) if _light(p) not in (Light.AWAITING, Light.DONE)]
    others = _projects(plans, cast, mine=False)
    silent = [p for p in others if not Report.objects.filter(project=p).exists()]
    green = [p for p in others if _light(p) == Light.GREEN]
    closed_on = cast.day(today - timedelta(days=30))
    wanted = [  # (stage, project, wording, issued on, deadline)
        ("issued", mine[0], LATE, base, soon), ("signed", mine[1], MILESTONE, base, soon),
        ("reworded", mine[2], MILESTONE, base, soon), ("answered", mine[3], BEHIND, base, soon),
        ("returned", mine[4], BEHIND, base, soon),
        ("yellow", mine[5], BEHIND, today - timedelta(days=13), today - timedelta(days=3)),
        ("closed", green[0], MILESTONE, closed_on, closed_on + timedelta(days=10)),
        ("red", silent[0], LATE, today - timedelta(days=25), today - timedelta(days=15)),
    ]
    # Early in January no deadline of this year can have passed yet: the coloured sheets wait for a later day.
    chosen = [(stage, project, wording, cast.day(issued), due) for stage, project, wording, issued, due in wanted
              if due >= date(today.year, 1, 1)]
    # Issued in the order of their days, so that the numbers run with the dates.
    for stage, project, (matter, content), issued, due in sorted(chosen, key=lambda row: row[3]):
        sheet = _on(issued, sheets.issue_sheet, user=cast.coordinator, project=project, matter=matter,
                    content=content, deadline=max(due, issued), **CONTACT)
        _follow(stage, sheet, cast, issued)
    # The day after its deadline the red one turned yellow, and red from its red day: each change has its event.
    for day in [*(due + timedelta(days=1) for stage, *_rest, due in chosen if stage == "red"), today]:
        _on(day, refresh_tiers, today=day)


def _follow(stage: str, sheet: InstructionSheet, cast: Cast, issued: date) -> None:
    """Take one sheet from issued to its stage, each step a day or two after the one before, never after today."""
    if stage in ("issued", "red"):
        return
    unit = cast.officer_of(sheet.project)
    after = {days: cast.day(issued + timedelta(days=days)) for days in range(1, 6)}
    if stage == "reworded":
        sheet = _on(after[1], sheets.dispute_sheet, user=unit, sheet=sheet, reason=DISPUTE)
        _on(after[2], sheets.reword_sheet, user=cast.coordinator, sheet=sheet, content=REWORDED)
        return
    sheet = _on(after[1], sheets.sign_sheet, user=unit, sheet=sheet)
    if stage in ("signed", "yellow"):
        return
    sheet = _on(after[3], sheets.answer_sheet, user=unit, sheet=sheet, text=ANSWER)
    if stage == "returned":
        _on(after[4], sheets.return_answer, user=cast.coordinator, sheet=sheet, reason=RETURN_REASON)
    elif stage == "closed":
        _on(after[5], sheets.close_sheet, user=cast.coordinator, sheet=sheet, note=CLOSING)


def write_instructions(plans: list[Plan], cast: Cast, after: date | None) -> None:
    """The leader's instructions: one closed, one open on a red project, one on a request answered by the unit."""
    base = cast.day(after or cast.today)
    others = _projects(plans, cast, mine=False)
    own = set(ProjectPerson.objects.filter(person_id=cast.leader.person_id, role=ProjectPerson.Role.LEADER)
              .values_list("project_id", flat=True))
    # The leader's own red projects first: those they would write on.
    red = sorted((p for p in others if _light(p) == Light.RED), key=lambda p: p.pk not in own)
    green = [p for p in others if _light(p) == Light.GREEN]
    mine = [p.pk for p in _projects(plans, cast, mine=True)]
    requests = (CoordinationRequest.objects.filter(project__plan__in=plans, closed_at__isnull=True)
                .select_related("project").order_by("opened_at", "pk"))
    # The officer's unit's problem first, so that the officer answers the instruction on it.
    request = requests.filter(project_id__in=mine).first() or requests.first()
    if green:
        written = cast.day(base - timedelta(days=20))
        done = _on(written, instructions.write_instruction, user=cast.leader, project=green[0],
                   urgency=Instruction.Urgency.NORMAL, text="请加强与街道的沟通协调，确保项目惠及更多群众。")
        done = _on(cast.day(written + timedelta(days=4)), instructions.answer_instruction,
                   user=cast.officer_of(green[0]), instruction=done, version=done.version,
                   text="已与相关街道建立联络机制，每周会商一次，服务范围已扩大至全部社区。")
        _on(cast.day(written + timedelta(days=6)), instructions.close_instruction, user=cast.leader,
            instruction=done, version=done.version, note="落实到位，同意办结。")
    if red:
        # Urgent, written the day before the close: open at the close (the circular lists it) and overdue by now.
        _on(cast.day(base - timedelta(days=1)), instructions.write_instruction, user=cast.leader, project=red[0],
            urgency=Instruction.Urgency.URGENT,
            text="该项目连续亮红灯，请责任单位主要负责同志亲自研究，拿出切实可行的整改措施，限期扭转被动局面。")
    if request is not None:
        asked = cast.day(timezone.localdate(request.opened_at))
        answered = _on(asked, instructions.write_instruction, user=cast.leader, project=request.project,
                       request=request, urgency=Instruction.Urgency.NORMAL,
                       text="请区财政局会同责任单位研究资金垫付方案，确保项目不因资金停工。")
        _on(cast.day(asked + timedelta(days=2)), instructions.answer_instruction,
            user=cast.officer_of(request.project), instruction=answered, version=answered.version,
            text="已与区财政局对接，垫付资金已拨付到位，项目已恢复施工。")


def verify(plans: list[Plan], cast: Cast) -> None:
    """The coordinator verifies the finished projects of other units, the first after a return and a second claim;
    the officer's unit's stay awaiting verification."""
    awaiting = [p for p in _projects(plans, cast, mine=False) if _light(p) == Light.AWAITING]
    with clock.pinned(cast.today):
        for index, project in enumerate(awaiting):
            if index == 0:
                _returned_and_claimed_again(project, cast)
            verify_completion(user=cast.coordinator, project=project, note=VERIFIED_NOTE)


def _returned_and_claimed_again(project: Project, cast: Cast) -> None:
    """The claim returned with a reason, and the unit handing in 100 % again with what was missing."""
    return_completion(user=cast.coordinator, project=project, reason=RETURNED_CLAIM)
    report = Report.objects.filter(project=project).order_by("-period").first()
    data = services.ReportInput(percent_complete=100, progress="附属设施已完善，项目全部完工。", milestone_status="met",
                                next_plan="做好后期管护。", disbursed=disbursed_by_source(project, Decimal(100)))
    services.save_report(user=cast.officer_of(project), project=project, month=report.period, data=data,
                         version=report.version, submit=True)
