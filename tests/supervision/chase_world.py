"""A district on 25 March 2026: one unit owes four reports, one owes none, one led a past year's project.

Monthly reports are due on the 22nd, so January's, February's and March's have fallen due."""

from dataclasses import dataclass
from datetime import date

from accounts.models import User
from accounts.roles import Role
from progress.models import Report
from projects.models import Jurisdiction, Organization, Project, ProjectOrganization
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user

YEAR = 2026
TODAY = date(YEAR, 3, 25)


@dataclass
class ChaseWorld:
    district: Jurisdiction
    late: Organization  # owes p1's March, p2's January, February and March
    complete: Organization  # handed everything in
    past: Organization  # led only a 2025 project, reported on never
    p1: Project
    p2: Project
    p3: Project
    old: Project
    officer: User  # of `late`, with an address
    no_address: User  # of `late`, without one
    complete_officer: User
    coordinator: User
    leader: User


def report(project: Project, month: int, status: str, year: int = YEAR) -> Report:
    unit = project.unit_roles.get(role="lead").organization
    return Report.objects.create(project=project, organization=unit, period=date(year, month, 1), status=status)


def led(plan, unit: Organization, name: str) -> Project:
    project = make_project(plan=plan, name=name)
    ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    return project


def build_chase_world() -> ChaseWorld:
    district = make_jurisdiction(name="鲤城区")
    plan = make_plan(jurisdiction=district, year=YEAR)
    late, complete, past = (make_organization(name=name, jurisdiction=district)
                            for name in ("区住建局", "区教育局", "区文旅局"))
    p1, p2 = led(plan, late, "老旧小区改造"), led(plan, late, "口袋公园建设")
    p3 = led(plan, complete, "校园扩容")
    old = led(make_plan(jurisdiction=district, year=YEAR - 1), past, "去年的图书馆")
    report(p1, 1, "accepted")
    report(p1, 2, "submitted")
    report(p2, 1, "draft")  # a draft is not in the office's hands
    report(p2, 2, "returned")  # nor is a returned report
    for month in (1, 2, 3):
        report(p3, month, "accepted")
    make_user(username="gone", role=Role.OFFICER, organization=late, email="gone@example.gov.cn", is_active=False)
    make_user(username="past", role=Role.OFFICER, organization=past, email="past@example.gov.cn")
    return ChaseWorld(
        district=district, late=late, complete=complete, past=past, p1=p1, p2=p2, p3=p3, old=old,
        officer=make_user(username="zhang", role=Role.OFFICER, organization=late, email="zhang@example.gov.cn"),
        no_address=make_user(username="li", role=Role.OFFICER, organization=late),
        complete_officer=make_user(username="wu", role=Role.OFFICER, organization=complete, email="wu@example.gov.cn"),
        coordinator=make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district),
        leader=make_user(username="wang", role=Role.LEADER, jurisdiction=district),
    )
