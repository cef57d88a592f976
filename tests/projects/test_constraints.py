"""The rules of the data that the database itself enforces, whoever writes."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from projects.models import (
    Category,
    Funding,
    FundingSource,
    Jurisdiction,
    Organization,
    Person,
    Plan,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project

pytestmark = pytest.mark.django_db


def refused(create) -> bool:
    """True when the database refuses the write (and the test's transaction survives it)."""
    try:
        with transaction.atomic():
            create()
    except IntegrityError:
        return True
    return False


def test_milestone_quarter_must_be_1_to_4():
    project = make_project()
    assert refused(lambda: QuarterlyMilestone.objects.create(project=project, quarter=5, planned="x"))
    assert refused(lambda: QuarterlyMilestone.objects.create(project=project, quarter=0, planned="x"))
    QuarterlyMilestone.objects.create(project=project, quarter=4, planned="完工")


def test_one_milestone_per_project_and_quarter():
    project = make_project()
    QuarterlyMilestone.objects.create(project=project, quarter=1, planned="招标")
    assert refused(lambda: QuarterlyMilestone.objects.create(project=project, quarter=1, planned="开工"))


def test_milestone_target_percent_is_at_most_100():
    project = make_project()
    assert refused(lambda: QuarterlyMilestone.objects.create(project=project, quarter=2, planned="x",
                                                             target_percent=101))


def test_amounts_are_never_negative():
    project = make_project()
    source = FundingSource.objects.create(name="区财政")
    assert refused(lambda: Funding.objects.create(project=project, source=source, amount=Decimal("-1")))
    assert refused(lambda: make_project(plan=project.plan, total_investment=Decimal("-0.0001")))
    assert refused(lambda: make_project(plan=project.plan, annual_investment=Decimal("-5")))


def test_amounts_keep_every_digit():
    project = make_project(total_investment=Decimal("28.959"))
    project.refresh_from_db()
    assert project.total_investment == Decimal("28.959")


def test_one_funding_line_per_source():
    project = make_project()
    source = FundingSource.objects.create(name="市财政配套")
    Funding.objects.create(project=project, source=source, amount=Decimal("12.7"))
    assert refused(lambda: Funding.objects.create(project=project, source=source, amount=Decimal("1")))


def test_number_is_unique_within_plan_but_not_across_plans():
    plan = make_plan()
    make_project(plan=plan, number="1")
    assert refused(lambda: make_project(plan=plan, number="1"))
    make_project(plan=make_plan(year=2023), number="1")


def test_sub_projects_without_number_may_repeat_but_numbered_ones_are_unique_under_parent():
    parent = make_project(number="24")
    make_project(plan=parent.plan, parent=parent, number="")
    make_project(plan=parent.plan, parent=parent, number="")
    make_project(plan=parent.plan, parent=parent, number="1")
    assert refused(lambda: make_project(plan=parent.plan, parent=parent, number="1"))


def test_row_position_is_unique_within_plan():
    project = make_project()
    assert refused(lambda: make_project(plan=project.plan, position=project.position))


def test_one_plan_per_jurisdiction_year_and_kind():
    plan = make_plan(year=2022)
    assert refused(lambda: make_plan(jurisdiction=plan.jurisdiction, year=2022))
    make_plan(jurisdiction=plan.jurisdiction, year=2022, kind=Plan.Kind.WORK_REPORT)


def test_plan_year_is_plausible():
    assert refused(lambda: make_plan(year=1900))


def test_two_districts_each_have_their_own_housing_bureau():
    licheng = make_jurisdiction(name="鲤城区")
    lucheng = make_jurisdiction(name="鹿城区", parent=make_jurisdiction(name="温州市", parent=None))
    make_organization(name="区住建局", jurisdiction=licheng)
    make_organization(name="区住建局", jurisdiction=lucheng)
    assert Organization.objects.filter(name="区住建局").count() == 2
    assert refused(lambda: make_organization(name="区住建局", jurisdiction=licheng))


def test_same_sub_district_name_under_different_cities_but_not_twice_under_one():
    city = Jurisdiction.objects.create(name="晋江市", level="city")
    Jurisdiction.objects.create(name="新塘街道", parent=city, level="subdistrict")
    assert refused(lambda: Jurisdiction.objects.create(name="新塘街道", parent=city))
    assert refused(lambda: Jurisdiction.objects.create(name="晋江市"))


def test_person_names_are_stored_without_padding_spaces():
    assert refused(lambda: make_person(name="王 伟"))
    make_person(name="王伟")
    assert refused(lambda: make_person(name="王伟"))


def test_a_unit_or_person_has_each_role_once_per_project():
    project = make_project()
    unit = make_organization(jurisdiction=project.plan.jurisdiction)
    ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    ProjectOrganization.objects.create(project=project, organization=unit, role="assisting")
    assert refused(lambda: ProjectOrganization.objects.create(project=project, organization=unit, role="lead"))
    assert refused(lambda: ProjectOrganization.objects.create(
        project=project, organization=make_organization(name="区城管局", jurisdiction=unit.jurisdiction), role="boss"
    ))
    person = make_person(jurisdiction=project.plan.jurisdiction)
    ProjectPerson.objects.create(project=project, person=person, role="leader")
    assert refused(lambda: ProjectPerson.objects.create(project=project, person=person, role="leader"))
    assert refused(lambda: ProjectPerson.objects.create(project=project, person=person, role="mayor"))


def test_category_names_and_positions_are_unique_within_plan():
    plan = make_plan()
    Category.objects.create(plan=plan, position=1, name="社会救助类")
    assert refused(lambda: Category.objects.create(plan=plan, position=1, name="社会投资类"))
    assert refused(lambda: Category.objects.create(plan=plan, position=2, name="社会救助类"))


def test_sub_project_must_share_its_parents_plan():
    parent = make_project()
    child = make_project(plan=make_plan(year=2030), parent=None)
    child.parent = parent
    with pytest.raises(Exception) as caught:
        child.full_clean()
    assert "parent" in caught.value.message_dict


def test_deleting_a_unit_still_on_a_project_is_refused():
    project = make_project()
    unit = make_organization(jurisdiction=project.plan.jurisdiction)
    ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    with pytest.raises(Exception):
        with transaction.atomic():
            unit.delete()
    assert Organization.objects.filter(pk=unit.pk).exists()
    assert Person.objects.count() == 0
