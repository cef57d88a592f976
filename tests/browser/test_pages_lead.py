"""On the demo, each role's first pages lead with what matters and fit an office screen and a phone.

The demo (`manage.py demo`: the five seed tables through the importer, reports written through the services,
and whatever plans a colleague's demo adds) is loaded before the browser starts. The coordinator's task page
and dashboard, the leader's dashboard and task page and the officer's task page are opened at 1366 and 375 px:
no sideways scroll, a screenshot that shows something (kept in var/screens/ of the worktree, and
/tmp/browser-shots/), and each page's height printed (run with -s to read it). At 1366 px the coordinator's
task page and the dashboard stay under 3,000 px: ten rows of each kind, the rest one click away."""

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.browser.screens import SHOTS, assert_not_blank

pytestmark = pytest.mark.django_db(transaction=True)

OFFICE, PHONE = {"width": 1366, "height": 900}, {"width": 375, "height": 812}
SCREENS = Path(settings.BASE_DIR) / "var" / "screens"
TALLEST = 3000  # px at 1366: a page a coordinator or leader takes in with a few turns of the wheel


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    """The demo, loaded before the browser starts (list it before `page`)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=open("/dev/null", "w"))


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", f"demo-{username}-2026")
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
    assert urlsplit(page.url).path == "/tasks/", f"sign-in failed, still at {page.url}"


def walk(page, name: str) -> dict[int, int]:
    """The page at both widths: no sideways scroll, a screenshot that is not blank; its heights by width."""
    heights = {}
    for viewport in (OFFICE, PHONE):
        page.set_viewport_size(viewport)
        page.wait_for_function(f"document.documentElement.clientWidth === {viewport['width']}")
        width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert width <= client, f"{name}: content {width} px wide on a {client} px screen scrolls sideways"
        heights[viewport["width"]] = page.evaluate("document.documentElement.scrollHeight")
        path = SCREENS / f"{name}-{viewport['width']}.png"
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(path), full_page=True)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / path.name)
        assert_not_blank(path, viewport["width"])
    page.set_viewport_size(OFFICE)
    print(f"{name}: {heights[1366]} px high at 1366 px, {heights[375]} px at 375 px")
    return heights


def test_each_roles_first_pages_lead_with_what_matters_on_the_demo(demo, page):
    sign_in(page, "coordinator")
    main = page.locator("main")
    # The worst first: the late units lead the page, ten of them, the rest in the list of late projects.
    assert main.locator("h2").first.inner_text().startswith("各单位逾期未报")
    late_rows = main.locator("table.late-units tbody tr")
    assert 0 < late_rows.count() <= 10
    counts = [int(text) for text in late_rows.locator("td:nth-child(2)").all_inner_texts()]
    assert counts == sorted(counts, reverse=True)
    assert main.locator("p.more a[href='/projects/?late=1']").count() == 1
    assert walk(page, "tasks-coordinator")[1366] < TALLEST

    page.goto(page.base + "/dashboard/")
    # Charts first, each with its numbers as a table; the lights of each category add up to its projects.
    for chart in ("#chart-lights", "#chart-periods", "#chart-completion"):
        assert page.locator(f"{chart} svg").count() > 0, chart
        assert page.locator(f"{chart} details table").count() == 1, chart
    assert "序时进度" in page.locator(".headline").inner_text()
    assert walk(page, "dashboard-coordinator")[1366] < TALLEST

    sign_in(page, "leader")
    # The leader's projects, a heading per plan, red before yellow before green before done.
    headings = main.locator("h3.plan-heading")
    assert headings.count() >= 2
    order = {"红灯": 0, "黄灯": 1, "待核验": 2, "绿灯": 3, "已核验完成": 4}  # as pages/tasks.py ranks them
    for cards in main.locator("ul.supervised").all():
        lights = [order[text] for text in cards.locator(".light").all_inner_texts()]
        assert lights == sorted(lights)
    walk(page, "tasks-leader")
    page.goto(page.base + "/dashboard/")
    assert "王伟" in page.locator("h1").inner_text()
    walk(page, "dashboard-leader")

    sign_in(page, "officer")
    assert main.locator("h2", has_text="待报进展").count() == 1
    walk(page, "tasks-officer")
