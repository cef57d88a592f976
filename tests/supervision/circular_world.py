"""A district whose October was closed with five projects in every state a circular tells apart:
the people and the close every circular story starts from."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from progress.models import CoordinationRequest, Report
from projects.models import Organization, Plan, Project, ProjectOrganization
from supervision.models import Instruction, PeriodClose
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project, make_user
from tests.supervision.factories import make_close

MONTH = date(2026, 10, 1)


@dataclass
class CircularWorld:
    plan: Plan
    close: PeriodClose
    projects: dict[str, Project]  # done, ahead, on, behind, silent
    units: dict[str, Organization]  # housing, education, health, civil
    coordinator: User
    admin: User
    leader: User
    officer: User  # 区住建局: leads the behind project
    stranger: User  # 区财政局: on no project of the close


def at(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def build_circular_world(*, jurisdiction_name: str = "鲤城区") -> CircularWorld:
    district = make_jurisdiction(name=jurisdiction_name)
    plan = make_plan(jurisdiction=district, year=2026)
    units = {key: make_organization(name=name, jurisdiction=district) for key, name in (
        ("housing", "区住建局"), ("education", "区教育局"), ("health", "区卫健局"), ("civil", "区民政局"))}
    names = {"done": "背街小巷整治", "ahead": "新建公办幼儿园", "on": "社区卫生服务站提升", "behind": "老旧小区改造",
             "silent": "居家养老服务站"}
    lead_of = {"done": "housing", "ahead": "education", "on": "health", "behind": "housing", "silent": "civil"}
    projects = {key: make_project(plan=plan, name=name) for key, name in names.items()}
    for key, project in projects.items():
        ProjectOrganization.objects.create(project=project, organization=units[lead_of[key]], role="lead")

    def unit(key):
        organization = units[lead_of[key]]
        return {"lead_unit": organization.name, "organization": organization}

    close = make_close(plan=plan, month=MONTH, rows=[
        (projects["done"], "done", 100), (projects["ahead"], "green", 75), (projects["on"], "green", 52),
        (projects["behind"], "red", 20), (projects["silent"], "yellow", None),
    ], details={
        projects["done"]: {**unit("done"), "annual_investment": Decimal("100"), "disbursed_total": Decimal("100")},
        projects["ahead"]: {**unit("ahead"), "annual_investment": Decimal("80"),
                            "disbursed_total": Decimal("40.5")},
        projects["on"]: {**unit("on"), "report_state": "late", "days_late": 3,
                         "annual_investment": Decimal("50.25"), "disbursed_total": Decimal("10")},
        projects["behind"]: {**unit("behind"), "report_state": "missing", "annual_investment": Decimal("200")},
        projects["silent"]: {**unit("silent"), "report_state": "missing", "annual_investment": None,
                             "disbursed_total": None},
    })
    leader_person = make_person(name="王伟", jurisdiction=district)
    return CircularWorld(
        plan=plan, close=close, projects=projects, units=units,
        coordinator=make_user(username=f"duban-{district.pk}", role=Role.COORDINATOR, jurisdiction=district),
        admin=make_user(username=f"admin-{district.pk}", role=Role.ADMIN, jurisdiction=district),
        leader=make_user(username=f"wang-{district.pk}", role=Role.LEADER, person=leader_person),
        officer=make_user(username=f"zhang-{district.pk}", role=Role.OFFICER, organization=units["housing"]),
        stranger=make_user(username=f"qian-{district.pk}", role=Role.OFFICER,
                           organization=make_organization(name="区财政局", jurisdiction=district)),
    )


def open_request(world: CircularWorld, key: str, text: str, opened: date, closed: date | None = None):
    """A coordination request raised in the project's report of `opened`'s month."""
    project = world.projects[key]
    report = Report.objects.create(project=project, organization=project.unit_roles.get().organization,
                                   period=opened.replace(day=1), status="submitted", problems=text)
    return CoordinationRequest.objects.create(project=project, report=report, text=text, opened_at=at(opened),
                                              closed_at=at(closed) if closed else None)


def instruct(world: CircularWorld, key: str, text: str, written: date, due: date, answered: date | None = None):
    project = world.projects[key]
    return Instruction.objects.create(
        project=project, organization=project.unit_roles.get().organization, author=world.leader, text=text,
        written_at=at(written), due=due, status="answered" if answered else "open",
        answered_at=at(answered) if answered else None, answer="已办理" if answered else "")


def text_of(reading) -> str:
    """Every line of a circular's body, as one text to search."""
    lines = [reading.number_text, reading.title, reading.addressees, *reading.opening]

    def walk(part):
        lines.extend([part.heading, *part.paragraphs, *part.items])
        for inner in part.parts:
            walk(inner)

    for part in reading.parts:
        walk(part)
    return "\n".join(lines + [reading.office, reading.dated, reading.annex_line])
