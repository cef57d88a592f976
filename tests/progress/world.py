"""A district with one project reported on by its lead unit: the people every progress story needs."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from projects.models import (
    Funding,
    FundingSource,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)
from projects.schedule import Period
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project, make_user


@dataclass
class World:
    plan: Plan
    project: Project
    period: Period
    officer: User
    colleague: User
    assisting: User
    other_unit: User
    coordinator: User
    leader: User


def build_world() -> World:
    district = make_jurisdiction(name="鲤城区")
    year = timezone.localdate().year
    plan = make_plan(jurisdiction=district, year=year)
    project = make_project(plan=plan, name="老旧小区改造", total_investment=Decimal("300"))
    lead, helper, other = (make_organization(name=name, jurisdiction=district)
                           for name in ("区住建局", "区财政局", "区教育局"))
    ProjectOrganization.objects.create(project=project, organization=lead, role="lead")
    ProjectOrganization.objects.create(project=project, organization=helper, role="assisting")
    person = make_person(name="王伟", jurisdiction=district)
    ProjectPerson.objects.create(project=project, person=person, role="leader")
    for name, amount in (("区财政", "200"), ("上级补助", "100")):
        Funding.objects.create(project=project, source=FundingSource.objects.get_or_create(name=name)[0],
                               amount=Decimal(amount))
    for quarter in range(1, 5):
        QuarterlyMilestone.objects.create(project=project, quarter=quarter, planned=f"第{quarter}季度节点")
    return World(
        plan=plan, project=project, period=plan.schedule.current(year, timezone.localdate()),
        officer=make_user(username="zhang", role=Role.OFFICER, organization=lead),
        colleague=make_user(username="li", role=Role.OFFICER, organization=lead),
        assisting=make_user(username="chen", role=Role.OFFICER, organization=helper),
        other_unit=make_user(username="zhao", role=Role.OFFICER, organization=other),
        coordinator=make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district),
        leader=make_user(username="wang", role=Role.LEADER, person=person),
    )


def report_form(world: World, **fields) -> dict:
    """What an officer posts: a complete report with the fields the story changes."""
    sources = {f.source.name: f.source_id for f in world.project.fundings.select_related("source")}
    data = {
        "version": 0, "percent_complete": 40, "progress": "完成 12 个小区的管网改造。",
        "milestone_status": "in_progress",
        "milestone_note": "", "problems": "", "next_plan": "启动剩余小区施工。",
        f"disbursed_{sources['区财政']}": "80", f"disbursed_{sources['上级补助']}": "20.5", "submit": "1",
    }
    data.update(fields)
    return data
