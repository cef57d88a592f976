"""A seed-like 2026 plan of 鲤城区 with five projects, reported on through the progress services as the
units and the office would, day by day (clock.pinned), for the close stories.

February (due 22 Feb): every unit hands in on 20 Feb; the office accepts on 21 Feb; P2 raises a problem.
March (due 22 Mar):
  P1 区住建局  on 20 Mar, 30 %, two sources (40.5 + 10), accepted   quarterly targets 30/60: target 28 on 25 Mar
  P2 区住建局  on 22 Mar (the due day), 45 %, its problem still open  -> red (request open 33 days)
  P3 区教育局  on 24 Mar, 8 %: two days late
  P4 区卫健局  nothing for March: missing, its February money (2) still the latest
  P5 区民政局  on 15 Mar, 100 %, accepted                               -> done
"""

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from progress import services
from progress.models import Disbursement, Report
from projects import clock
from projects.models import (
    Category,
    Funding,
    FundingSource,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)
from supervision import closing
from supervision.models import PeriodClose
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project, make_user

FEB, MAR = date(2026, 2, 1), date(2026, 3, 1)
FEB_CLOSED_ON, MAR_CLOSED_ON = date(2026, 2, 25), date(2026, 3, 25)


@dataclass
class Seed:
    plan: Plan
    projects: list[Project]  # P1 … P5
    officers: list[User]  # the lead unit's officer of each project, in the same order
    coordinator: User
    leader: User
    city: User


def _source(name: str, position: int) -> FundingSource:
    return FundingSource.objects.get_or_create(name=name, defaults={"position": position})[0]


def build_seed() -> Seed:
    district = make_jurisdiction(name="鲤城区")
    plan = make_plan(jurisdiction=district, year=2026, title="2026年鲤城区为民办实事项目")
    building = Category.objects.create(plan=plan, position=1, name="一、城市建设")
    welfare = Category.objects.create(plan=plan, position=2, name="二、民生保障")
    district_budget, city_match = _source("区财政", 1), _source("市财政配套", 2)
    units = {name: make_organization(name=name, jurisdiction=district)
             for name in ("区住建局", "区教育局", "区卫健局", "区民政局")}
    rows = [("老旧小区改造", "区住建局", building, "150"), ("背街小巷整治", "区住建局", building, "80"),
            ("中小学食堂改造", "区教育局", building, "60"), ("社区卫生服务站", "区卫健局", welfare, "40"),
            ("老年助餐点", "区民政局", welfare, "20")]
    leader_person = make_person(name="王伟", jurisdiction=district)
    projects, officers = [], []
    for n, (name, unit, category, annual) in enumerate(rows, start=1):
        project = make_project(plan=plan, number=str(n), position=n, key=f"seed{n}", name=name, category=category,
                               annual_investment=Decimal(annual))
        ProjectOrganization.objects.create(project=project, organization=units[unit], role="lead")
        ProjectPerson.objects.create(project=project, person=leader_person, role="leader")
        Funding.objects.create(project=project, source=district_budget, amount=Decimal(annual))
        projects.append(project)
        officer = User.objects.filter(organization=units[unit]).first() or make_user(
            username=f"officer{n}", role=Role.OFFICER, organization=units[unit], password=None)
        officers.append(officer)
    Funding.objects.filter(project=projects[0]).update(amount=Decimal("100"))
    Funding.objects.create(project=projects[0], source=city_match, amount=Decimal("50"))
    for quarter, percent in ((1, 30), (2, 60)):
        QuarterlyMilestone.objects.create(project=projects[0], quarter=quarter, planned=f"第{quarter}季度",
                                          target_percent=percent)
    seed = Seed(plan=plan, projects=projects, officers=officers,
                coordinator=make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district, password=None),
                leader=make_user(username="wang", role=Role.LEADER, person=leader_person, password=None),
                city=make_user(username="city", role=Role.COORDINATOR, jurisdiction=district.parent, password=None))
    _february(seed)
    return seed


def report(seed: Seed, n: int, month: date, on: date, *, percent: int, money: dict[str, str] | None = None,
           accept_on: date | None = None, **fields) -> Report:
    """Project n's lead unit hands in its report on day `on` (the office accepts it on `accept_on`)."""
    project, officer = seed.projects[n - 1], seed.officers[n - 1]
    sources = {f.source.name: f.source_id for f in project.fundings.select_related("source")}
    existing = Report.objects.filter(project=project, period=month).first()
    data = services.ReportInput(percent_complete=percent, progress=f"{project.name}{month:%m}月进展",
                                disbursed={sources[name]: Decimal(amount) for name, amount in (money or {}).items()},
                                **fields)
    with clock.pinned(on):
        saved = services.save_report(user=officer, project=project, month=month, data=data, submit=True,
                                     version=existing.version if existing else 0)
    if accept_on:
        with clock.pinned(accept_on):
            saved = services.review_report(user=seed.coordinator, report=saved, version=saved.version, accept=True)
    return saved


def _february(seed: Seed) -> None:
    on, accept = date(2026, 2, 20), date(2026, 2, 21)
    report(seed, 1, FEB, on, percent=20, money={"区财政": "10", "市财政配套": "5"}, accept_on=accept)
    report(seed, 2, FEB, on, percent=10, accept_on=accept, problems="背街小巷改造需供电公司迁改线路")
    report(seed, 3, FEB, on, percent=5, accept_on=accept)
    report(seed, 4, FEB, on, percent=5, money={"区财政": "2"}, accept_on=accept)
    report(seed, 5, FEB, on, percent=90, money={"区财政": "15"}, accept_on=accept)


def march(seed: Seed) -> None:
    """March's reports, as the header says."""
    report(seed, 1, MAR, date(2026, 3, 20), percent=30, money={"区财政": "40.5", "市财政配套": "10"},
           milestone_status="in_progress", accept_on=date(2026, 3, 21))
    report(seed, 2, MAR, date(2026, 3, 22), percent=45, problems="供电线路迁改仍待协调")
    report(seed, 3, MAR, date(2026, 3, 24), percent=8, money={"区财政": "3"})
    report(seed, 5, MAR, date(2026, 3, 15), percent=100, money={"区财政": "20"}, accept_on=date(2026, 3, 16))


def close_february(seed: Seed) -> PeriodClose:
    with clock.pinned(FEB_CLOSED_ON):
        return closing.close_period(user=seed.coordinator, plan=seed.plan, month=FEB)


def close_march(seed: Seed) -> PeriodClose:
    with clock.pinned(MAR_CLOSED_ON):
        return closing.close_period(user=seed.coordinator, plan=seed.plan, month=MAR)


def return_and_correct(seed: Seed, n: int, percent: int) -> Report:
    """The office returns project n's March report on 26 March; the unit hands it in again on 27 March."""
    sent = Report.objects.get(project=seed.projects[n - 1], period=MAR)
    with clock.pinned(date(2026, 3, 26)):
        services.review_report(user=seed.coordinator, report=sent, version=sent.version, accept=False,
                               comment="请核实完成比例")
    return report(seed, n, MAR, date(2026, 3, 27), percent=percent, money={"区财政": "6"})


def plan_of(size: int) -> tuple[Plan, User]:
    """A 2026 plan of `size` projects, each led by a unit, funded by two sources, with a March report."""
    district = make_jurisdiction()
    plan = make_plan(jurisdiction=district, year=2026)
    sources = [FundingSource.objects.get_or_create(name=name)[0] for name in ("区财政", "市财政配套")]
    submitted = timezone.make_aware(datetime.combine(date(2026, 3, 20), time(10)))
    for n in range(size):
        project = make_project(plan=plan, annual_investment=Decimal("10"))
        unit = make_organization(name=f"单位{n}", jurisdiction=district)
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
        QuarterlyMilestone.objects.create(project=project, quarter=1, planned="一季度", target_percent=30)
        for source in sources:
            Funding.objects.create(project=project, source=source, amount=Decimal("5"))
        sent = Report.objects.create(project=project, organization=unit, period=MAR, status="submitted",
                                     percent_complete=n % 100, submitted_at=submitted)
        Disbursement.objects.bulk_create([Disbursement(report=sent, source=source, amount=Decimal("1.5"))
                                          for source in sources])
    return plan, make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district, password=None)
