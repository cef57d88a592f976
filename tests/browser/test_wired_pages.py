"""The pages that now carry the supervision cycle (pages/cycle.py) fit an office screen and a phone: each role's
/tasks/, the project page, the dashboard and the close page at 1366 and 375 px, no sideways scroll, nothing
refused by the Content-Security-Policy, and the header's 督办 links wrapping instead of pushing the page wide."""

from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from supervision.models import PeriodClose
from tests.browser.screens import SHOTS
from tests.pages.cycle_world import add_cycle
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pass-1234-word"  # tests/factories.py's make_user
WIDTHS = (1366, 375)
LISTEN = """document.addEventListener('securitypolicyviolation', e => window.cspViolation(
    `${e.violatedDirective} refused ${e.blockedURI || 'inline'} on ${location.pathname}`));"""


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
    assert urlsplit(page.url).path == "/tasks/"


def fits(page, path: str, who: str) -> None:
    page.goto(page.base + path)
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_function(f"document.documentElement.clientWidth === {width}")
        scroll, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert scroll <= client, f"{path}: {scroll} px wide on a {client} px screen"
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = path.strip("/").replace("/", "-") or "home"
        page.screenshot(path=str(SHOTS / f"wired-{who}-{name}-{width}.png"), full_page=True)


def test_the_wired_pages_fit_1366_and_375_px_without_csp_refusals(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    add_cycle(Client(SERVER_NAME="localhost"), world, 3)  # the live server allows localhost only
    project = world.plan.projects.filter(sheets__isnull=False).first()
    close = PeriodClose.objects.order_by("period").first()
    refused = []
    page.expose_function("cspViolation", lambda text: refused.append(text))
    page.add_init_script(LISTEN)

    sign_in(page, world.coordinator.username)
    for path in (reverse("tasks"), reverse("projects:detail", args=[project.pk]), reverse("dashboard"),
                 reverse("supervision:close", args=[close.pk])):
        fits(page, path, "coordinator")
    # The header wraps at 375 px: every 督办 link is on the screen.
    page.goto(page.base + reverse("tasks"))
    page.set_viewport_size({"width": 375, "height": 900})
    for box in (link.bounding_box() for link in page.locator("header nav a").all()):
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375
    assert page.locator("header nav a", has_text="催报").count() == 1

    sign_in(page, world.leader.username)
    for path in (reverse("tasks"), reverse("projects:detail", args=[project.pk]), reverse("dashboard")):
        fits(page, path, "leader")
    sign_in(page, world.officer.username)
    for path in (reverse("tasks"), reverse("projects:detail", args=[project.pk])):
        fits(page, path, "officer")
    assert refused == []
