"""An administrator reads the admin's lists on an office screen (1366 px): the product's red header, the project's
name and lead units first, a long name cut with the whole of it on hover, and nothing scrolling sideways.

Seed 000 (鲤城区 2022, 34 projects) is loaded through the importer; one name is made as long as a work-report
task's can be."""

import shutil

import pytest

from tests.browser.screens import SHOTS, assert_not_blank
from tests.browser.test_dashboard_and_list import OFFICE, assert_no_sideways_scroll
from tests.factories import make_user
from tests.projects.conftest import load

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "root-2026-admin"
LONG_NAME = ("城区老旧小区改造提升工程（含雨污分流、管线下地、加装电梯、增设停车位、适老化改造"
             "及小区配套公共服务设施完善）")


@pytest.fixture
def seed_000(transactional_db):
    """Loaded before the browser starts (list it before `page`), so the live server finds it in place."""
    plan = load("000")
    plan.projects.filter(number="1").update(name=LONG_NAME)
    make_user(username="root", password=PASSWORD, is_staff=True, is_superuser=True)
    return plan


def test_an_administrator_reads_the_project_list_at_1366_px(seed_000, page, tmp_path):
    page.set_viewport_size(OFFICE)
    page.goto(page.base + "/admin/login/?next=/admin/projects/project/")
    page.fill("input[name=username]", "root")
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.locator("#site-name").inner_text() == "为民办实事项目"
    # The header carries the product's red (static/css/admin.css), not Django's blue.
    assert page.eval_on_selector("#header", "e => getComputedStyle(e).backgroundColor") == "rgb(183, 28, 28)"
    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [text.strip() for text in headers[1:5]] == ["序号", "名称", "承办单位", "分管领导"]
    cut = page.locator(f'#result_list span.cut[title="{LONG_NAME}"]')
    assert cut.count() == 1 and len(cut.inner_text()) < len(LONG_NAME)
    # The name column is wide enough to read: a name of a few characters is not broken letter by letter.
    assert page.eval_on_selector("td.field-project_name", "e => e.getBoundingClientRect().width") > 150
    assert_no_sideways_scroll(page)
    path = tmp_path / "admin-projects-1366.png"
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    assert_not_blank(path, OFFICE["width"])
