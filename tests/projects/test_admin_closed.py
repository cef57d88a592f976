"""The admin site is closed by default: only administrators reach it, a model the scoping map does not
name is for superusers only, and rows every jurisdiction shares are changed by superusers only."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.urls import include, path, reverse

from accounts.roles import Role
from progress.models import AssistingNote
from projects.admin_scope import SCOPES, SUPERUSER_ONLY
from projects.models import FundingSource
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user
from tests.projects.admin_forms import post_changed

pytestmark = pytest.mark.django_db


class ContentTypeAdmin(admin.ModelAdmin):
    ordering = ["app_label", "model"]
    search_fields = ["model"]


# A site of the product's own kind with one model the scoping map has never heard of: what a
# colleague's new ModelAdmin would be before anyone adds it to the map.
unlisted_site = admin.site.__class__(name="unlisted")
unlisted_site.register(ContentType, ContentTypeAdmin)
unlisted_site.register(Permission)
urlpatterns = [path("unlisted/", unlisted_site.urls), path("", include("config.urls"))]


def test_every_registered_model_is_scoped_or_for_superusers_only():
    registered = {model._meta.label_lower for model in admin.site._registry}
    # Inlines are scoped too: a report's revisions, a plan's categories.
    inlines = {inline.model._meta.label_lower for model_admin in admin.site._registry.values()
               for inline in model_admin.inlines}
    assert not set(SCOPES) & SUPERUSER_ONLY
    assert registered <= set(SCOPES) | SUPERUSER_ONLY
    assert set(SCOPES) == (registered - SUPERUSER_ONLY) | inlines, "a scope for a model the admin does not show"


@pytest.fixture
def district():
    licheng = make_jurisdiction(name="鲤城区")
    project = make_project(plan=make_plan(jurisdiction=licheng), name="鲤城的项目")
    return licheng, project


def administrator(client, jurisdiction):
    client.force_login(make_user(username="gly", role=Role.ADMIN, is_staff=True, jurisdiction=jurisdiction))
    return client


@pytest.mark.parametrize("role", [Role.OFFICER, Role.COORDINATOR, Role.LEADER], ids=lambda role: role.name)
def test_staff_without_the_administrator_role_is_sent_to_the_admin_sign_in(client, district, role):
    licheng, project = district
    client.force_login(make_user(username="staff", role=role, is_staff=True, jurisdiction=licheng,
                                 organization=make_organization(jurisdiction=licheng)))
    for url in (reverse("admin:index"), reverse("admin:projects_project_changelist"),
                reverse("admin:projects_project_change", args=[project.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url


def test_a_staff_officer_cannot_forge_a_note_for_another_unit_and_person(client, district):
    licheng, project = district
    ours, theirs = make_organization(name="区住建局", jurisdiction=licheng), make_organization(name="区财政局",
                                                                                          jurisdiction=licheng)
    someone_else = make_user(username="other", role=Role.OFFICER, organization=theirs)
    client.force_login(make_user(username="zjj", role=Role.OFFICER, is_staff=True, organization=ours))
    client.post(reverse("admin:progress_assistingnote_add"), {
        "project": project.pk, "organization": theirs.pk, "author": someone_else.pk, "period": "2022-06-01",
        "text": "冒名的说明",
    })
    assert not AssistingNote.objects.exists()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("page", ["changelist", "change", "add", "delete", "history", "autocomplete"])
def test_a_model_missing_from_the_scoping_map_is_closed_to_administrators_even_with_its_permissions(
        client, district, page):
    licheng, _ = district
    user = make_user(username="gly", role=Role.ADMIN, is_staff=True, jurisdiction=licheng)
    user.user_permissions.add(*Permission.objects.filter(content_type__model__in=["contenttype", "permission"]))
    client.force_login(user)
    some = ContentType.objects.get_for_model(Permission)
    url = {
        "changelist": reverse("unlisted:contenttypes_contenttype_changelist"),
        "change": reverse("unlisted:contenttypes_contenttype_change", args=[some.pk]),
        "add": reverse("unlisted:contenttypes_contenttype_add"),
        "delete": reverse("unlisted:contenttypes_contenttype_delete", args=[some.pk]),
        "history": reverse("unlisted:contenttypes_contenttype_history", args=[some.pk]),
        "autocomplete": reverse("unlisted:autocomplete") + "?app_label=auth&model_name=permission"
                                                           "&field_name=content_type&term=perm",
    }[page]
    assert client.get(url).status_code == 403
    if page != "autocomplete":  # which answers GET only
        assert client.post(url, {"model": "changed", "app_label": "x", "post": "yes"}).status_code == 403
    assert ContentType.objects.filter(pk=some.pk, model="permission").exists()
    assert "contenttype" not in client.get(reverse("unlisted:index")).content.decode()


def test_superuser_only_models_are_absent_for_a_district_administrator(client, district):
    administrator(client, district[0])
    index = client.get(reverse("admin:index")).content.decode()
    for label in SUPERUSER_ONLY:
        app_label, model_name = label.split(".")
        changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
        assert changelist not in index
        assert client.get(changelist).status_code == 403, label
    assert reverse("admin:projects_project_changelist") in index


def test_a_superuser_reaches_the_superuser_only_models(client):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    for label in SUPERUSER_ONLY:
        app_label, model_name = label.split(".")
        assert client.get(reverse(f"admin:{app_label}_{model_name}_changelist")).status_code == 200, label


def test_a_district_administrator_sees_funding_sources_but_cannot_rename_add_or_delete_them(client, district):
    source = FundingSource.objects.create(name="区财政", position=1)
    administrator(client, district[0])
    change = reverse("admin:projects_fundingsource_change", args=[source.pk])
    assert client.get(reverse("admin:projects_fundingsource_changelist")).status_code == 200
    page = client.get(change)
    assert page.status_code == 200 and 'name="name"' not in page.content.decode()
    assert client.post(change, {"name": "改名", "position": 1, "_save": "Save"}).status_code == 403
    add = reverse("admin:projects_fundingsource_add")
    assert client.post(add, {"name": "新来源", "position": 2}).status_code == 403
    delete = reverse("admin:projects_fundingsource_delete", args=[source.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert list(FundingSource.objects.values_list("name", flat=True)) == ["区财政"]


def test_a_superuser_renames_a_funding_source(client):
    source = FundingSource.objects.create(name="区财政", position=1)
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    post_changed(client, reverse("admin:projects_fundingsource_change", args=[source.pk]), name="区级财政")
    source.refresh_from_db()
    assert source.name == "区级财政"
