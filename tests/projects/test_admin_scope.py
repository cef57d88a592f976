"""An administrator of one district manages that district in the admin site, and nothing of another."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from projects.models import Plan
from tests.factories import make_jurisdiction, make_plan, make_project, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_districts():
    licheng = make_jurisdiction(name="鲤城区")
    fengze = make_jurisdiction(name="丰泽区", parent=licheng.parent)
    return (make_project(plan=make_plan(jurisdiction=licheng), name="鲤城的项目"),
            make_project(plan=make_plan(jurisdiction=fengze), name="丰泽的项目"))


def test_a_district_administrator_sees_only_their_district(client, two_districts):
    ours, theirs = two_districts
    client.force_login(make_user(username="gly", role=Role.ADMIN, is_staff=True, jurisdiction=ours.plan.jurisdiction))
    listing = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "鲤城的项目" in listing and "丰泽的项目" not in listing
    assert client.get(reverse("admin:projects_project_change", args=[ours.pk])).status_code == 200
    # Someone else's project is "not found" (the admin sends you back to its index).
    assert client.get(reverse("admin:projects_project_change", args=[theirs.pk])).status_code == 302
    plans = client.get(reverse("admin:projects_plan_changelist")).content.decode()
    assert ours.plan.title in plans and str(theirs.plan.jurisdiction.name) not in plans


def test_a_jurisdiction_posted_by_hand_from_another_district_is_refused(client, two_districts):
    ours, theirs = two_districts
    client.force_login(make_user(username="gly", role=Role.ADMIN, is_staff=True, jurisdiction=ours.plan.jurisdiction))
    response = client.post(reverse("admin:projects_plan_add"), {
        "jurisdiction": theirs.plan.jurisdiction_id, "year": 2030, "kind": "public_service", "title": "越权",
        "report_frequency": "monthly", "report_day": 22, "categories-TOTAL_FORMS": 0, "categories-INITIAL_FORMS": 0,
    })
    assert response.status_code == 200 and not Plan.objects.filter(title="越权").exists()


def test_a_superuser_sees_every_district(client, two_districts):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:projects_project_changelist")).content.decode()
    assert "鲤城的项目" in listing and "丰泽的项目" in listing
