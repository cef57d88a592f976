"""THE WALK: every address of the product that writes, and every write of the admin site, leaves an entry.

Addresses come from the URL resolver, so a route added later is either walked here with a valid write by
the right person or named in WRITES_NOTHING; the admin's models come from its registry, so a model registered
later is walked too (its change, add, delete and every action). Each write must record at least one entry
carrying the request's own id (the X-Request-ID header of the answer).

The world is the permission matrix's (tests/progress/test_permissions.py), built once and rolled back after
each test; its POST rows say who may do what, and the first kind of user for whom a row is DONE does it here."""

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import get_resolver, reverse
from django.utils import timezone

from audit.models import AuditEntry
from imports.models import ImportRecord
from progress import services
from tests.audit.admin_walk import ADD_FORMS, NOTHING_TO_CHANGE, SPARES, changed_form, filled_add_form
from tests.imports.lettered_list import LETTERED
from tests.progress.test_permissions import (
    DONE,
    POST_MATRIX,
    POST_ROWS,
    ROUTES,
    USERS,
    _named_routes,
    _report,
    signed_in,
    world,  # noqa: F401 - the fixture
    ym,
)
from tests.projects.admin_forms import rendered_form

pytestmark = pytest.mark.django_db

# Routes that only show or download: a GET writes nothing, and they take no POST.
WRITES_NOTHING = {
    "home", "tasks", "password_change_done", "dashboard", "plan_table",
    "projects:detail", "projects:list", "projects:export_xlsx", "projects:export_csv",
    "progress:attachment", "progress:export", "progress:verification_photo",
    "imports:preview",
    "supervision:close", "supervision:circulars", "supervision:circular", "supervision:circular_docx",
    "supervision:instructions", "supervision:sheets", "supervision:sheet_docx", "supervision:sheet_attachment",
    "supervision:escalations",
}


def recorded(response) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(request_id=response.headers["X-Request-ID"]))


# ---------------------------------------------------------------------------------------------
# Writes by address: the matrix's rows, and the writes it cannot show (its rows there change nothing).


def _matrix_case(row: str):
    kind = next(kind for kind, answer in zip(USERS, POST_MATRIX[row]) if answer == DONE)

    def perform(client, w):
        spec = POST_ROWS[row]
        return signed_in(client, w, kind).post(spec.url(w), spec.data(w))

    return perform


def _fresh(w, kind: str):
    # A copy: the world's own instance lives across tests, and a password set on it would outlive the rollback.
    return type(w.users[kind]).objects.get(pk=w.users[kind].pk)


def _sign_in(client, w):
    user = _fresh(w, "coord")
    user.set_password("walk-password-1")
    user.save()
    return client.post("/login/", {"username": user.username, "password": "walk-password-1"})


def _sign_out(client, w):
    return signed_in(client, w, "coord").post("/logout/")


def _change_password(client, w):
    user = _fresh(w, "coord")
    user.set_password("walk-password-1")
    user.save()
    client.force_login(user)
    return client.post("/password/", {
        "old_password": "walk-password-1", "new_password1": "another-walk-9", "new_password2": "another-walk-9"})


def _save_report(client, w):
    # R is handed in; its unit takes it back, then saves it again: on any day of the year (report_save_new
    # needs a second period open, which 1–22 January has not).
    report = services.withdraw_report(user=w.users["lead"], report=_report(w.R), version=_report(w.R).version)
    return signed_in(client, w, "lead").post(f"/projects/{w.P}/reports/{ym(w.month)}/", {
        "version": report.version, "percent_complete": 45, "progress": "重写"})


@pytest.fixture
def wuhou_admin(client, settings, tmp_path):
    """An administrator of 武侯区, where the lettered list (tests/imports/lettered_list.py) belongs."""
    from accounts.roles import Role
    from projects.models import Jurisdiction
    from tests.factories import make_user

    settings.MEDIA_ROOT = tmp_path
    city = Jurisdiction.objects.create(name="成都市", level="city")
    Jurisdiction.objects.create(name="武侯区", parent=city)
    client.force_login(make_user(username="wuhou-admin", role=Role.ADMIN, jurisdiction=city.children.get()))
    return client


def _paste(client) -> ImportRecord:
    response = client.post(reverse("imports:upload"), {"text": LETTERED})
    return ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def _reread(client) -> ImportRecord:
    record = _paste(client)
    response = client.post(reverse("imports:reread", args=[record.pk]),
                           {"items": "A.", "categories": "", "start": ""})
    return ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


IMPORT_CASES = {
    "imports:upload": lambda client: client.post(reverse("imports:upload"), {"text": LETTERED}),
    "imports:reread": lambda client: client.post(reverse("imports:reread", args=[_paste(client).pk]),
                                                 {"items": "A.", "categories": "", "start": ""}),
    "imports:relayout": lambda client: (lambda record: client.post(
        reverse("imports:relayout", args=[record.pk]),
        {**{f"role-0-{c['index']}": c["role"] or "other" for c in record.result["layouts"][0]["columns"]},
         "header_row": ""}))(_reread(client)),
    "imports:confirm": lambda client: client.post(reverse("imports:confirm", args=[_reread(client).pk])),
}

CASES = {
    **{f"{ROUTES[row]} ({row})": (ROUTES[row], _matrix_case(row)) for row in POST_MATRIX if DONE in POST_MATRIX[row]},
    "login": ("login", _sign_in),
    "logout": ("logout", _sign_out),
    "password_change": ("password_change", _change_password),
    "progress:report (save)": ("progress:report", _save_report),
}


def test_every_route_is_walked_or_named_as_writing_nothing():
    routes = {name for name, _route in _named_routes(get_resolver().url_patterns)}
    walked = {route for route, _perform in CASES.values()} | set(IMPORT_CASES)
    assert walked & WRITES_NOTHING == set()
    assert routes - walked - WRITES_NOTHING == set(), "routes neither walked here nor named in WRITES_NOTHING"
    assert (walked | WRITES_NOTHING) - routes == set(), "names of routes that no longer exist"


@pytest.mark.parametrize("case", sorted(CASES))
def test_every_write_by_address_is_recorded(client, world, case):  # noqa: F811 - the fixture
    if case.startswith("supervision:chase (") and timezone.localdate().timetuple().tm_yday == 1:
        pytest.skip("1 January: nothing has fallen due, so nothing is chased and nothing written")
    response = CASES[case][1](client, world)
    assert response.status_code in (200, 302), response.status_code
    assert recorded(response), f"{case} wrote without an entry in the audit trail"


@pytest.mark.parametrize("route", sorted(IMPORT_CASES))
def test_every_import_step_is_recorded_with_who_previewed_and_who_confirmed(wuhou_admin, route):
    response = IMPORT_CASES[route](wuhou_admin)
    assert response.status_code == 302
    entries = recorded(response)
    wanted = {"imports:upload": "import_failed", "imports:reread": "import_previewed",
              "imports:relayout": "import_previewed", "imports:confirm": "import_confirmed"}[route]
    assert wanted in {entry.action for entry in entries}, [entry.action for entry in entries]
    if route == "imports:confirm":
        record = ImportRecord.objects.get(pk=next(e.object_id for e in entries if e.action == "import_confirmed"))
        assert (record.status, record.user.username, record.confirmed_by.username) == (
            "applied", "wuhou-admin", "wuhou-admin")
        assert record.confirmed_at >= record.created_at


# ---------------------------------------------------------------------------------------------
# Writes in the admin site: every registered model's change, add, delete and actions, as a superuser.


def _root_request(w):
    request = RequestFactory().get("/admin/")
    request.user = w.users["root"]
    return request


def _admins():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label_lower)


MODELS = [model._meta.label_lower for model, _ma in _admins()]


def _admin_of(label: str):
    return next((model, ma) for model, ma in _admins() if model._meta.label_lower == label)


@pytest.mark.parametrize("label", MODELS)
def test_every_admin_change_is_recorded_with_before_and_after(client, world, label):  # noqa: F811
    model, model_admin = _admin_of(label)
    request = _root_request(world)
    obj = model_admin.get_queryset(request).order_by("pk").first()
    if obj is None or not model_admin.has_change_permission(request, obj):
        assert obj is None or label in NOTHING_TO_CHANGE or not model_admin.has_change_permission(request), label
        return
    signed_in(client, world, "root")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    form, field, value = changed_form(client, url, model)
    if field is None:
        assert label in NOTHING_TO_CHANGE, f"{label}: no text field to change; name it in NOTHING_TO_CHANGE"
        return
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    changes = [entry.changes for entry in recorded(response)]
    assert any(change.get(field, [None, None])[1] == value for change in changes), changes


@pytest.mark.parametrize("label", MODELS)
def test_every_admin_add_is_recorded(client, world, label):  # noqa: F811
    model, model_admin = _admin_of(label)
    if not model_admin.has_add_permission(_root_request(world)):
        assert label not in ADD_FORMS
        return
    assert label in ADD_FORMS, f"{label} can be added in the admin: give it a form in tests/audit/admin_walk.py"
    signed_in(client, world, "root")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = client.post(url, filled_add_form(client, url, ADD_FORMS[label](world)))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert "created" in {entry.action for entry in recorded(response) if entry.object_type == label}


@pytest.mark.parametrize("label", MODELS)
@pytest.mark.parametrize("how", ["delete page", "delete_selected action"])
def test_every_admin_delete_is_recorded(client, world, label, how):  # noqa: F811
    model, model_admin = _admin_of(label)
    request = _root_request(world)
    if not model_admin.has_delete_permission(request):
        return
    if how == "delete_selected action":
        assert set(model_admin.get_actions(request)) <= {"delete_selected"}, "walk this model's other actions"
    assert label in SPARES, f"{label} can be deleted in the admin: give the walk a spare one in admin_walk.py"
    obj = SPARES[label](world)
    signed_in(client, world, "root")
    names = f"admin:{model._meta.app_label}_{model._meta.model_name}"
    if how == "delete page":
        response = client.post(reverse(f"{names}_delete", args=[obj.pk]), {"post": "yes"})
    else:
        response = client.post(reverse(f"{names}_changelist"),
                               {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"})
    assert response.status_code == 302
    assert not model.objects.filter(pk=obj.pk).exists()
    assert ("deleted", str(obj.pk)) in {(e.action, e.object_id) for e in recorded(response) if e.object_type == label}


def test_the_admin_form_helper_reads_a_change_page(client, world):  # noqa: F811
    signed_in(client, world, "root")
    assert "name" in rendered_form(client, reverse("admin:projects_project_change", args=[world.P]))


def test_the_admins_own_pages_that_write_are_recorded_too(client, world):  # noqa: F811
    """Beyond the registry's pages: a password set by the admin, and the admin's own password change."""
    signed_in(client, world, "root")
    officer = world.users["lead"]
    response = client.post(reverse("admin:auth_user_password_change", args=[officer.pk]),
                           {"password1": "Set-by-admin-2026", "password2": "Set-by-admin-2026",
                            "usable_password": "true"})
    assert response.status_code == 302
    assert any(entry.changes.get("password") == ["******", "******"] for entry in recorded(response))
    root = type(officer).objects.get(pk=world.users["root"].pk)
    root.set_password("root-password-1")
    root.save()
    client.force_login(root)
    response = client.post(reverse("admin:password_change"), {
        "old_password": "root-password-1", "new_password1": "Root-new-2026x", "new_password2": "Root-new-2026x"})
    assert response.status_code == 302 and recorded(response)
