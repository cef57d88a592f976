"""A coordinator and a leader look at the year from the dashboard, follow a figure to the list behind it and
download it, on an office screen (1366 px) and on a phone (375 px); the dashboard also prints on A4.

Seed 000 (鲤城区 2022, 34 projects) is loaded through the importer, with 区住建局's project 9 reported done and
accepted and project 8 reported red with an open coordination request (as tests/projects/conftest.py does); every
other project has no report for a year that is over, so it is red too. Screenshots are kept in /tmp/browser-shots/."""

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from openpyxl import load_workbook

from accounts.roles import Role
from projects.models import Person
from tests.browser.screens import SHOTS, assert_not_blank
from tests.browser.test_report_on_phone import check_fits_the_phone
from tests.factories import make_user
from tests.projects.conftest import report_on_2022

pytestmark = pytest.mark.django_db(transaction=True)

OFFICE, PHONE = {"width": 1366, "height": 900}, {"width": 375, "height": 812}
PASSWORD = "ducha-2026-lc"
COUNT_LINE = re.compile(r"共 (\d+) 个项目")


@pytest.fixture
def year_2022(transactional_db, settings, tmp_path):
    """tests/projects/conftest.py's story, set up before the browser starts (list it before `page`),
    so the live server finds it all in place."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return report_on_2022(coordinator_password=PASSWORD)


# --- helpers ---

def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
    assert urlsplit(page.url).path == "/tasks/", f"sign-in failed, still at {page.url}"


def assert_no_sideways_scroll(page) -> None:
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"{page.url} scrolls sideways: content {sizes[0]} px on a {sizes[1]} px screen"


def at_both_widths(page, tmp_path: Path, name: str) -> None:
    """The page as an office screen and a phone show it: no sideways scrolling (and on the phone, controls within
    the screen, big enough to tap, typed in at 16 px or more), a screenshot of the whole page."""
    for viewport in (OFFICE, PHONE):
        page.set_viewport_size(viewport)
        page.wait_for_function(f"document.documentElement.clientWidth === {viewport['width']}")
        assert_no_sideways_scroll(page)
        if viewport is PHONE:
            check_fits_the_phone(page)
        path = tmp_path / f"{name}-{viewport['width']}.png"
        page.screenshot(path=str(path), full_page=True)
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, SHOTS / path.name)
        assert_not_blank(path, viewport["width"])
    page.set_viewport_size(OFFICE)


def headline(page) -> dict[str, int]:
    """The dashboard's headline counts by the figure's class: projects, done, awaiting, green, yellow, red.

    The first figure of each class: the leaders' instructions' figures follow the lights'."""
    counts = {}
    for figure in page.locator(".headline a.figure").all():
        kind = (figure.get_attribute("class").replace("figure", "").strip() or "projects")
        counts.setdefault(kind, int(figure.locator("strong").inner_text()))
    return counts


def listed(page) -> tuple[int, list[str]]:
    """The list's "共 N 个项目" count and the numbers (序号) of the rows shown."""
    count = int(COUNT_LINE.fullmatch(page.locator("main p.muted").first.inner_text().strip()).group(1))
    numbers = [cell.strip() for cell in page.locator("table.projects tbody tr td:first-child").all_inner_texts()]
    return count, numbers


# --- stories ---

def test_a_coordinator_follows_the_red_figure_to_the_list_and_downloads_it(year_2022, page, tmp_path):
    plan, _coordinator = year_2022
    sign_in(page, "ducha")
    page.set_viewport_size(OFFICE)
    page.click("header.topbar nav >> text=总览")
    page.wait_for_url(re.compile(r"/dashboard/$"))

    # The year at a glance: 34 projects, 1 done, the other 33 red (8 reported late work, the rest no report).
    assert page.locator("h1").inner_text() == "总览 · 鲤城区 · 2022"  # what the page, and its printout, covers
    figures = headline(page)
    assert figures == {"projects": 34, "done": 1, "awaiting": 0, "green": 0, "yellow": 0, "red": 33}
    headline_text = page.locator(".headline").inner_text()
    assert "平均完成进度" in headline_text and "75%" in headline_text
    assert "征迁受阻" in page.locator("main").inner_text()  # the open coordination request
    at_both_widths(page, tmp_path, "dashboard-coordinator")

    # The red figure opens the list of exactly those projects.
    page.click(".headline a.figure.red")
    page.wait_for_url(re.compile(r"/projects/\?.*light=red"))
    query = urlsplit(page.url).query
    assert parse_qs(query) == {"jurisdiction": [str(plan.jurisdiction_id)], "year": ["2022"], "light": ["red"]}
    count, numbers = listed(page)
    assert count == figures["red"] == len(numbers) == 33
    assert "8" in numbers and "9" not in numbers
    assert page.locator("table.projects tbody .light-red").count() == 33
    at_both_widths(page, tmp_path, "list-red")

    # The export is the same list: same query, same projects in the same order, every cell text.
    link = page.locator("form.filters a", has_text="导出 .xlsx")
    assert link.get_attribute("href") == f"/projects/export.xlsx?{query}"
    with page.expect_download() as caught:
        link.click()
    download = caught.value
    assert download.suggested_filename.startswith("项目清单-") and download.suggested_filename.endswith(".xlsx")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    sheet = load_workbook(saved).active
    header, *rows = list(sheet.iter_rows())
    titles = [cell.value for cell in header]
    assert titles[:5] == ["行政区", "年度", "计划", "序号", "名称"]
    assert [row[titles.index("序号")].value for row in rows] == numbers
    assert {row[titles.index("亮灯状态")].value for row in rows} == {"红灯"}
    # The year, the amounts and the percentages are numbers a spreadsheet adds up; every other cell is text,
    # never a formula.
    numeric = {titles.index(title) for title in ("年度", "总投资（万元）", "完成进度")}
    for row in [header, *rows]:
        for cell in row:
            if cell.value is not None:
                kind = "n" if cell.row > 1 and cell.column - 1 in numeric else "s"
                assert cell.data_type == kind, f"{cell.coordinate} = {cell.value!r} is of type {cell.data_type}"


def test_a_leader_lands_on_the_projects_they_supervise(year_2022, page, tmp_path):
    wang = Person.objects.get(name="王伟", jurisdiction__name="鲤城区")
    make_user(username="wangwei", password=PASSWORD, role=Role.LEADER, person=wang)
    sign_in(page, "wangwei")
    page.set_viewport_size(OFFICE)
    page.goto(page.base + "/dashboard/")

    assert "王伟 分管的项目" in page.locator("h1").inner_text()
    assert page.locator("select[name=mine] option:checked").inner_text() == "我分管的"
    figures = headline(page)
    assert figures["projects"] == 9
    at_both_widths(page, tmp_path, "dashboard-leader")

    page.click(".headline a.figure >> nth=0")
    page.wait_for_url(re.compile(r"/projects/\?"))
    assert parse_qs(urlsplit(page.url).query)["leader"] == [str(wang.pk)]
    count, numbers = listed(page)
    assert count == len(numbers) == 9
    leaders = page.locator("table.projects tbody td:nth-child(4)").all_inner_texts()
    assert all("王伟" in cell for cell in leaders), leaders
    at_both_widths(page, tmp_path, "list-leader")


def test_on_a_phone_the_list_rows_are_cards_with_labelled_lines(year_2022, page):
    sign_in(page, "ducha")
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/projects/?light=red&per_page=25")
    assert page.locator("table.projects tbody tr").count() == 25
    assert not page.locator("table.projects thead").is_visible()
    assert page.locator("table.projects tbody tr").first.evaluate("tr => getComputedStyle(tr).display") == "block"
    cells = page.locator("table.projects tbody tr").first.evaluate("""tr => [...tr.cells].map(td => ({
        label: td.dataset.label, before: getComputedStyle(td, '::before').content,
        display: getComputedStyle(td).display, overflows: td.scrollWidth > td.clientWidth + 1}))""")
    assert [cell["label"] for cell in cells] == [
        "序号", "名称", "承办单位", "分管领导", "投资（万元）", "完成进度", "亮灯状态", "最近报送"]
    for cell in cells:
        assert cell["display"] == "block", cell
        assert cell["before"] == f'"{cell["label"]}："', cell
        assert not cell["overflows"], cell
    assert_no_sideways_scroll(page)


def test_from_a_phone_the_open_request_leads_to_the_project_and_its_close_form(year_2022, page, tmp_path):
    sign_in(page, "ducha")
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/dashboard/")
    request = page.locator("ul.cards li", has_text="征迁受阻")
    assert request.count() == 1
    request.locator("a").click()
    page.wait_for_url(re.compile(r"/projects/\d+/$"))
    assert "实施断头路改造项目" in page.locator("h1").inner_text()
    assert page.locator("textarea[name=resolution]").is_visible()  # a coordinator may close it
    check_fits_the_phone(page)
    path = tmp_path / "project-open-request-375.png"
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    assert_not_blank(path, PHONE["width"])


def test_the_dashboard_prints_on_a4(year_2022, page, tmp_path):
    sign_in(page, "ducha")
    page.set_viewport_size(OFFICE)
    page.goto(page.base + "/dashboard/")
    page.emulate_media(media="print")
    # What a printout leaves out: the bar of links, the filters and their buttons.
    assert not page.locator("header.topbar").is_visible()
    assert not page.locator("form.filters").is_visible()
    assert page.locator(".headline").is_visible()
    path = tmp_path / "dashboard-coordinator.pdf"
    try:
        page.pdf(path=str(path), format="A4")
    except Exception as error:  # pragma: no cover - depends on the chromium build
        pytest.skip(f"this chromium cannot print to PDF headless: {error}")
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert 1 <= pages <= 4, f"the dashboard prints on {pages} A4 pages"
    # The page size is A4 (595 × 842 points).
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes), boxes

