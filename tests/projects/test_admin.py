"""Every admin page works with data, and its query count does not grow with the rows it shows."""

from datetime import date

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.timezone import now

from accounts.models import User
from imports.models import ImportRecord, SavedLayout, SavedReading
from progress.models import AssistingNote, CoordinationRequest, LightChange, ProjectStatus, Report, Verification
from projects.models import (
    Category,
    Jurisdiction,
    Organization,
    OrganizationAlias,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
)
from tests.factories import make_full_project, make_organization, make_person, make_plan, make_user

pytestmark = pytest.mark.django_db

DOMAIN_APPS = {"projects", "accounts", "progress", "imports"}
REGISTERED = [model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS]


def grow(step: int) -> None:
    """One more district with a plan of two full projects, a category, an alias and a user."""
    city = Jurisdiction.objects.get_or_create(name="泉州市", parent=None)[0]
    district = Jurisdiction.objects.create(name=f"第{step}区", parent=city)
    plan = make_plan(jurisdiction=district, year=2020 + step)
    category = Category.objects.create(plan=plan, position=1, name="社会救助类", declared_count=2)
    for n in range(2):
        project = make_full_project(plan=plan, n=step * 10 + n)
        project.category = category
        project.save()
        report = Report.objects.create(
            project=project, organization=project.organizations.first(), period=date(2022, 6, 1), progress="已完成",
            problems="征迁受阻",
        )
        CoordinationRequest.objects.create(project=project, report=report, text=report.problems, opened_at=now())
        AssistingNote.objects.create(project=project, organization=project.organizations.last(),
                                     period=report.period, text="已配合")
        ProjectStatus.objects.create(project=project, light="green", computed_at=now())
        LightChange.objects.create(project=project, at=now(), period=report.period, before="red", after="green",
                                   reasons=[{"code": "on_plan"}])
        Verification.objects.create(project=project, report=report, report_version=1, outcome="returned",
                                    note="尚未完工", at=now())
    ImportRecord.objects.create(file_name=f"{step}.xlsx", checksum="0" * 64, status="applied", plan=plan)
    SavedLayout.objects.create(digest=f"{step:064d}", header=f"序号|工程{step}|主抓", roles={"主抓": "lead"},
                               user=User.objects.first())
    SavedReading.objects.create(digest=f"{step:064d}", shape=f"清单|A.|第{step}区0年民生实事",
                                choice={"items": "A.", "categories": "", "start": None}, user=User.objects.first())
    unit = plan.jurisdiction.organizations.first()
    OrganizationAlias.objects.create(organization=unit, name=f"别名{step}")
    make_user(username=f"officer{step}", organization=unit, person=plan.jurisdiction.people.first())


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.fixture
def admin_client_(client):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    return client


def changelist_url(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def test_every_domain_model_is_in_the_admin():
    from django.apps import apps

    models = [m for app in DOMAIN_APPS - {"accounts"} for m in apps.get_app_config(app).get_models()]
    # A model shown only inside its parent's page (a report's revisions) counts as there.
    inlines = {inline.model for model_admin in admin.site._registry.values() for inline in model_admin.inlines}
    assert set(models) <= set(REGISTERED) | inlines


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_changelist_query_count_does_not_grow_with_rows(admin_client_, model):
    grow(1)
    few = count_queries(admin_client_, changelist_url(model))
    for step in range(2, 5):
        grow(step)
    assert model.objects.count() > 1
    assert count_queries(admin_client_, changelist_url(model)) == few


@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m.__name__)
def test_change_page_opens_with_data(admin_client_, model):
    grow(1)
    obj = model.objects.order_by("pk").first()
    response = admin_client_.get(change_url(obj))
    assert response.status_code == 200
    assert str(obj) in response.content.decode()


def test_project_page_query_count_does_not_grow_with_its_units_people_and_milestones(admin_client_):
    grow(1)
    small, big = Project.objects.order_by("pk")[:2]
    jurisdiction = big.plan.jurisdiction
    for position in range(2, 8):
        ProjectOrganization.objects.create(
            project=big, organization=make_organization(name=f"协办单位{position}", jurisdiction=jurisdiction),
            role="assisting", position=position,
        )
        ProjectPerson.objects.create(
            project=big, person=make_person(name=f"人员{position}", jurisdiction=jurisdiction),
            role="staff", position=position,
        )
    response = admin_client_.get(change_url(big))
    assert "协办单位7" in response.content.decode()
    assert count_queries(admin_client_, change_url(big)) == count_queries(admin_client_, change_url(small))


def test_project_changelist_shows_lead_units_and_leaders(admin_client_):
    grow(1)
    project = Project.objects.order_by("pk").first()
    lead = project.unit_roles.get(role="lead").organization.name
    leader = project.person_roles.get(role="leader").person.name
    page = admin_client_.get(changelist_url(Project)).content.decode()
    assert lead in page and leader in page


def test_plan_page_query_count_does_not_grow_with_its_categories(admin_client_):
    grow(1)
    grow(2)
    small, big = Plan.objects.order_by("pk")[:2]
    for position in range(2, 9):
        Category.objects.create(plan=big, position=position, name=f"类别{position}")
    assert count_queries(admin_client_, change_url(big)) == count_queries(admin_client_, change_url(small))


def test_unit_page_query_count_does_not_grow_with_its_aliases(admin_client_):
    grow(1)
    small, big = Organization.objects.order_by("pk")[:2]
    for n in range(6):
        OrganizationAlias.objects.create(organization=big, name=f"又名{n}")
    assert count_queries(admin_client_, change_url(big)) == count_queries(admin_client_, change_url(small))
