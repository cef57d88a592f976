"""Factory functions with sensible defaults: a test names only what its story is about."""

from decimal import Decimal
from itertools import count

from accounts.models import User
from accounts.roles import Role
from projects.models import (
    Funding,
    FundingSource,
    Jurisdiction,
    Organization,
    Person,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)

_sequence = count(1)


def make_jurisdiction(*, name: str = "鲤城区", parent: Jurisdiction | None = None, **fields) -> Jurisdiction:
    if parent is None and name == "鲤城区":
        parent, _ = Jurisdiction.objects.get_or_create(name="泉州市", parent=None, defaults={"level": "city"})
    jurisdiction, _ = Jurisdiction.objects.get_or_create(name=name, parent=parent, defaults=fields)
    return jurisdiction


def make_plan(*, jurisdiction: Jurisdiction | None = None, year: int = 2022, **fields) -> Plan:
    fields.setdefault("kind", Plan.Kind.PUBLIC_SERVICE)
    fields.setdefault("title", f"{year}年为民办实事项目责任分解表")
    return Plan.objects.create(jurisdiction=jurisdiction or make_jurisdiction(), year=year, **fields)


def make_project(*, plan: Plan | None = None, **fields) -> Project:
    n = next(_sequence)
    fields.setdefault("position", n)
    fields.setdefault("number", str(n))
    fields.setdefault("key", f"k{n}")
    fields.setdefault("name", f"示例项目{n}")
    return Project.objects.create(plan=plan or make_plan(), **fields)


def make_organization(*, name: str = "区住建局", jurisdiction: Jurisdiction | None = None, **fields) -> Organization:
    return Organization.objects.create(name=name, jurisdiction=jurisdiction or make_jurisdiction(), **fields)


def make_person(*, name: str = "王伟", jurisdiction: Jurisdiction | None = None) -> Person:
    return Person.objects.create(name=name, jurisdiction=jurisdiction or make_jurisdiction())


def make_full_project(*, plan: Plan, n: int) -> Project:
    """A project with two units, a leader, two fundings and four milestones, as an import stores it."""
    project = make_project(plan=plan, total_investment=Decimal("66"))
    jurisdiction = plan.jurisdiction
    for position, role in enumerate(ProjectOrganization.Role):
        unit = make_organization(name=f"单位{n}-{position}", jurisdiction=jurisdiction)
        ProjectOrganization.objects.create(project=project, organization=unit, role=role, position=position)
    leader = make_person(name=f"领导{n}", jurisdiction=jurisdiction)
    ProjectPerson.objects.create(project=project, person=leader, role=ProjectPerson.Role.LEADER)
    for name, amount in (("区财政", "53.3"), ("市财政配套", "12.7")):
        source, _ = FundingSource.objects.get_or_create(name=name)
        Funding.objects.create(project=project, source=source, amount=Decimal(amount))
    for quarter in range(1, 5):
        QuarterlyMilestone.objects.create(project=project, quarter=quarter, planned=f"第{quarter}季度计划")
    return project


def make_user(*, username: str = "user", role: Role | None = None, password: str = "pass-1234-word", **fields) -> User:
    user = User.objects.create_user(username=username, password=password, **fields)
    if role is not None:
        user.groups.add(user.groups.model.objects.get(name=role.value))
    return user
