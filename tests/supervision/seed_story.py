"""Issue 16's first "Done when", as one story on a frozen clock: the real seed table fixtures/000 (鲤城区's
2022 public-service projects, 34 rows) imported as the 2026 plan, the way `manage.py demo` loads this year's
plan, and a few months of the supervision office's cycle on it, written through the services only.

The four projects the story follows, by their lead units (each gets one information officer):
  A  13 老旧小区改造示范项目    区住建局  reports on time every month, on its target (Q2 50 %)   -> green
  B  27 实施呵护母婴健康工程    区卫健局  reports on time; claims completion in May               -> done
  C   5 80周岁以上老年人高龄津贴  区民政局  February two days late, then corrected after the close
  D  10 建设口袋公园项目        区城管局  never reports: red at every close, a sheet, escalation
The other 30 projects' units never report: missing, red, as a seed plan nobody reports on would be.

Calendar (reports due on the 22nd, the office closes on the 25th):
  Jan 20     A, B, C report January (not closed: the office's cycle starts with February)
  Feb 20–24  A, B on time, C late        Feb 25 close February       Feb 26–27 C returned and handed in again
  Mar 2      circular of February drafted, edited; Mar 3 published; a sheet issued on D (deadline Mar 16)
  Mar 17     the sheet turns yellow; Mar 27 red (10 days after the deadline); answered Mar 30, closed Mar 31
  Mar, Apr   A, B, C on time; closes on the 25th: D letter (2 in a row), summon (3)
  Apr 1–6    the leader's 批示 on A, answered, closed
  May 20–23  B claims 100 %, returned, claims again, verified;  May 25 close May: D listed (the office's rule: 4)
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accounts.models import User
from accounts.roles import Role
from imports.services import apply_import, preview_import
from progress import services, verification
from progress.models import Report
from projects import clock
from projects.models import Organization, Plan, Project, ProjectPerson
from supervision import circulars, closing, instructions, sheets
from supervision.models import Circular, InstructionSheet, PeriodClose, Rules
from tests.factories import make_user
from tests.imports.seeds import seed_path

YEAR, SEED_YEAR = 2026, 2022
JAN, FEB, MAR, APR, MAY = (date(YEAR, month, 1) for month in (1, 2, 3, 4, 5))
# The office's own escalation rule: listed supervision after four red closes (the product's default is five).
LISTED_AFTER = 4
SHEET_ISSUED, SHEET_DEADLINE = date(YEAR, 3, 2), date(YEAR, 3, 16)
EDITED_OPENING = "为压实责任、加快进度，经区政府同意，现将2026年2月全区为民办实事项目进展情况通报如下。"


@dataclass
class Story:
    plan: Plan
    projects: dict[str, Project]  # "A" … "D"
    officers: dict[str, User]  # each project's lead-unit officer
    coordinator: User
    leader: User  # the supervising leader of A
    closes: dict[date, PeriodClose]
    sheet: InstructionSheet | None = None


def as_this_year(text: str) -> str:
    """The 2022 table's text as the same table of 2026: the years in its title and notice moved, as the demo does."""
    return re.sub(rf"(?<!\d)({SEED_YEAR - 1}|{SEED_YEAR})(?=\s*年)",
                  lambda match: str(int(match.group(1)) + YEAR - SEED_YEAR), text)


def import_seed() -> Plan:
    path = seed_path("000")
    with clock.pinned(date(YEAR, 1, 5)):
        preview = preview_import(file_name=path.name, data=as_this_year(path.read_text(encoding="utf-8")).encode(),
                                 year=YEAR)
        assert preview.errors == []
        return apply_import(preview=preview).plan


def begin() -> Story:
    """The plan imported on 5 January, the office's rules, and the accounts of the story."""
    plan = import_seed()
    Rules.objects.create(jurisdiction=plan.jurisdiction, circular_prefix="鲤督通", sheet_prefix="鲤督办",
                         listed_red_periods=LISTED_AFTER)
    numbers = {"A": "13", "B": "27", "C": "5", "D": "10"}
    projects = {key: Project.objects.get(plan=plan, number=number) for key, number in numbers.items()}
    officers = {}
    for key, project in projects.items():
        unit = Organization.objects.get(project_roles__project=project, project_roles__role="lead")
        officers[key] = make_user(username=f"officer-{key}", role=Role.OFFICER, organization=unit, password=None,
                                  last_name=unit.name)
    person = ProjectPerson.objects.filter(project=projects["A"], role="leader").select_related("person").first().person
    return Story(plan=plan, projects=projects, officers=officers, closes={},
                 coordinator=make_user(username="duban", role=Role.COORDINATOR, jurisdiction=plan.jurisdiction,
                                       password=None, first_name="督查室"),
                 leader=make_user(username="leader", role=Role.LEADER, person=person, password=None))


def report(story: Story, key: str, month: date, on: date, *, percent: int, money: dict[str, str] | None = None,
           accept_on: date | None = None) -> Report:
    """Project `key`'s lead unit hands in its report for `month` on day `on` (and the office accepts it)."""
    project, officer = story.projects[key], story.officers[key]
    sources = {f.source.name: f.source_id for f in project.fundings.select_related("source")}
    existing = Report.objects.filter(project=project, period=month).first()
    data = services.ReportInput(percent_complete=percent, progress=f"{project.name}{month.month}月完成{percent}%",
                                disbursed={sources[name]: Decimal(amount) for name, amount in (money or {}).items()})
    with clock.pinned(on):
        saved = services.save_report(user=officer, project=project, month=month, data=data, submit=True,
                                     version=existing.version if existing else 0)
    if accept_on:
        with clock.pinned(accept_on):
            saved = services.review_report(user=story.coordinator, report=saved, version=saved.version, accept=True)
    return saved


def close(story: Story, month: date) -> PeriodClose:
    with clock.pinned(month.replace(day=25)):
        story.closes[month] = closing.close_period(user=story.coordinator, plan=story.plan, month=month)
    return story.closes[month]


def february(story: Story) -> PeriodClose:
    """January's reports of A, B and C; February's: A and B on time (A accepted), C two days late, D and the
    rest nothing; closed on the 25th. January is not closed: the office starts its cycle in February."""
    for key, percent in (("A", 8), ("B", 15), ("C", 8)):
        report(story, key, JAN, date(YEAR, 1, 20), percent=percent)
    report(story, "A", FEB, date(YEAR, 2, 20), percent=15, money={"区财政": "50", "市财政配套": "10"},
           accept_on=date(YEAR, 2, 21))
    report(story, "B", FEB, date(YEAR, 2, 22), percent=30, money={"区财政": "10"})
    report(story, "C", FEB, date(YEAR, 2, 24), percent=15, money={"区财政": "100"})
    return close(story, FEB)


def correct_c(story: Story) -> Report:
    """After the close the office returns C's February report; the unit hands it in again with new figures."""
    sent = Report.objects.get(project=story.projects["C"], period=FEB)
    with clock.pinned(date(YEAR, 2, 26)):
        services.review_report(user=story.coordinator, report=sent, version=sent.version, accept=False,
                               comment="请核实拨付金额")
    return report(story, "C", FEB, date(YEAR, 2, 27), percent=16, money={"区财政": "120"})


def circular_of(story: Story, month: date, *, drafted: date, published: date, opening: str = "") -> Circular:
    """The month's circular drafted, its opening reworded (when given), and published."""
    with clock.pinned(drafted):
        circular = circulars.draft_circular(user=story.coordinator, close=story.closes[month])
        if opening:
            circular = circulars.edit_circular(
                user=story.coordinator, circular=circular, version=circular.version, opening=opening,
                summary_remarks=circular.summary_remarks, requirements=circular.requirements)
    with clock.pinned(published):
        return circulars.publish_circular(user=story.coordinator, circular=circular, version=circular.version)


def issue_sheet_on_d(story: Story) -> InstructionSheet:
    with clock.pinned(SHEET_ISSUED):
        story.sheet = sheets.issue_sheet(user=story.coordinator, project=story.projects["D"],
                                         matter="口袋公园建设进度滞后且未按月报送进展",
                                         content="请于3月16日前报送口袋公园建设计划和当前进度，并说明未报送原因。",
                                         deadline=SHEET_DEADLINE)
    with clock.pinned(date(YEAR, 3, 3)):
        story.sheet = sheets.sign_sheet(user=story.officers["D"], sheet=story.sheet, version=story.sheet.version)
    return story.sheet


def on_time_month(story: Story, month: date, *, a: int, b: int, c: int) -> PeriodClose:
    """A, B and C hand in on the 20th; D and the others nothing; the month is closed on the 25th."""
    on = month.replace(day=20)
    report(story, "A", month, on, percent=a, money={"区财政": str(2 * a), "市财政配套": "10"})
    report(story, "B", month, on, percent=b, money={"区财政": "10"})
    report(story, "C", month, on, percent=c, money={"区财政": "150"})
    return close(story, month)


def leaders_instruction(story: Story):
    """The leader instructs on A on 1 April; the unit answers on the 3rd; the leader closes it on the 6th."""
    with clock.pinned(date(YEAR, 4, 1)):
        written = instructions.write_instruction(user=story.leader, project=story.projects["A"], urgency="normal",
                                                 text="老旧小区改造要倾听居民意见，雨季前完成管网改造。")
    with clock.pinned(date(YEAR, 4, 3)):
        answered = instructions.answer_instruction(user=story.officers["A"], instruction=written,
                                                   text="已召开居民议事会3场，管网改造5月底前完成。",
                                                   version=written.version)
    with clock.pinned(date(YEAR, 4, 6)):
        closed = instructions.close_instruction(user=story.leader, instruction=answered, note="",
                                                version=answered.version)
    return written, answered, closed


def b_completes_in_may(story: Story):
    """B claims 100 % on 20 May; returned the 21st; claims again the 22nd; verified the 23rd."""
    report(story, "A", MAY, date(YEAR, 5, 20), percent=40, money={"区财政": "80", "市财政配套": "10"})
    report(story, "C", MAY, date(YEAR, 5, 20), percent=40, money={"区财政": "200"})
    claim = report(story, "B", MAY, date(YEAR, 5, 20), percent=100, money={"区财政": "54.4"})
    with clock.pinned(date(YEAR, 5, 21)):
        returned = verification.return_completion(user=story.coordinator, project=story.projects["B"],
                                                  reason="请补充竣工验收材料", version=claim.version)
    claim = report(story, "B", MAY, date(YEAR, 5, 22), percent=100, money={"区财政": "54.4"})
    with clock.pinned(date(YEAR, 5, 23)):
        verified = verification.verify_completion(user=story.coordinator, project=story.projects["B"],
                                                  note="现场核验，已完工", version=claim.version)
    return returned, verified
