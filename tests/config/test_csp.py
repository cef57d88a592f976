"""Content-Security-Policy: pages load scripts, styles, images and fonts only from the application itself,
nothing may frame them, and their forms post only back to it. So a value that slipped through escaping
(a project name, a pasted table) cannot run as a script or restyle the page.

tests/browser/test_no_csp_violations.py opens the pages in chromium and checks nothing is refused."""

import re
from pathlib import Path

import pytest
from django.contrib import admin

from tests.progress.world import build_world

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy")
    assert header, f"no Content-Security-Policy on {response.request['PATH_INFO']}"
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in directives}


def assert_strict(response) -> None:
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    # Scripts and styles from the application's files only: no inline code, no inline style attributes.
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_the_sign_in_page_has_the_policy(client):
    assert_strict(client.get("/login/"))


@pytest.mark.parametrize(("who", "address"), [
    ("officer", "/tasks/"),
    ("officer", "/projects/"),
    ("officer", "/projects/{project}/"),
    ("officer", "/projects/{project}/reports/{month}/"),
    ("coordinator", "/tasks/"),
    ("coordinator", "/dashboard/"),
    ("leader", "/tasks/"),
    ("admin", "/admin/"),
    ("admin", "/admin/projects/project/{project}/change/"),
    ("admin", "/imports/"),
])
def test_every_page_has_the_policy(client, who, address):
    world = build_world()
    if who == "admin":
        user = world.coordinator
        user.is_staff = user.is_superuser = True
        user.save()
    else:
        user = getattr(world, who)
    client.force_login(user)
    response = client.get(address.format(project=world.project.pk, month=f"{world.period.month:%Y-%m}"))
    assert response.status_code == 200
    assert_strict(response)


def test_refusals_have_the_policy_too(client):
    world = build_world()
    client.force_login(world.officer)
    assert_strict(client.get("/projects/999999/"))  # the product's 404 page
    assert_strict(client.get("/imports/"))  # 403


# What the policy refuses, so no template may write it: inline <script> code, <style> blocks,
# style="…" attributes and on…="…" event handlers.
INLINE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.IGNORECASE)


def test_no_template_writes_what_the_policy_refuses():
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for path in sorted((ROOT / "templates").rglob("*.html"))
             for number, line in enumerate(path.read_text().splitlines(), 1) if INLINE.search(line)]
    assert not found, "\n".join(found)


def test_no_python_code_writes_what_the_policy_refuses():
    # Table cells and widgets written with format_html (projects/tables.py drew its bars with style="width").
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
             for app in ("accounts", "projects", "progress", "imports", "config")
             for path in sorted((ROOT / app).rglob("*.py")) if "migrations" not in path.parts
             for number, line in enumerate(path.read_text().splitlines(), 1)
             if "<" in line and not line.lstrip().startswith("#") and INLINE.search(line)]
    assert not found, "\n".join(found)


def test_the_pattern_finds_what_it_looks_for():
    for written in ('<span style="width: 3%">', "<button onclick=\"print()\">", "<script>go()</script>", "<style>"):
        assert INLINE.search(written), written
    allowed_forms = ('<script src="/static/js/print.js" defer></script>', '<p class="styled">', "{{ v|json_script }}")
    for allowed in allowed_forms:
        assert not INLINE.search(allowed), allowed


def test_no_admin_list_writes_djangos_inline_style():
    # Django's admin/change_list.html writes a <style> block when a ModelAdmin shows its actions neither
    # above nor below the list; the policy would refuse it.
    hidden = [type(model_admin).__name__ for model_admin in admin.site._registry.values()
              if not (model_admin.actions_on_top or model_admin.actions_on_bottom)]
    assert hidden == []
