"""An information officer reports a month's progress from a phone (375 px wide, as inside WeCom or DingTalk):
signs in, opens the report due from the task list, fills it in with a photo, submits, and sees it submitted.

Every page is checked for what a phone user would notice first: no sideways scrolling, no control cut off
at the screen's edge, and a screenshot that shows something (kept in /tmp/browser-shots/ for a human)."""

import re
import shutil
import struct
import zlib
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from accounts.roles import Role
from progress.models import Attachment, Report
from tests.browser.screens import SHOTS, assert_not_blank
from tests.factories import make_full_project, make_jurisdiction, make_plan, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 375, 812  # an iPhone's screen in CSS pixels
PASSWORD = "xinxi-2026-lc"


# --- PNG: a small file to upload, and a reader for Chromium's screenshots (Pillow is not installed) ---

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width: int, height: int, pixel) -> bytes:
    """An 8-bit RGB PNG; `pixel(x, y)` gives (r, g, b)."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


# --- what a phone user would notice ---

def check_fits_the_phone(page) -> None:
    """No sideways scrolling, every visible control within the screen's width and tall enough to tap (24 px,
    WCAG 2.5.8), and text fields at 16 px or more (smaller ones make iOS and WeCom zoom the page on focus)."""
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"{page.url} scrolls sideways: content {sizes[0]} px on a {sizes[1]} px screen"
    controls = page.evaluate("""() => [...document.querySelectorAll('input, select, textarea, button')]
      .filter(el => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
                      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; })
      .map(el => { const r = el.getBoundingClientRect();
        return {control: el.tagName.toLowerCase() + '[name=' + (el.name || '') + '] ' + el.textContent.trim(),
                left: r.left + window.scrollX, right: r.right + window.scrollX, height: r.height,
                typed: el.matches('textarea, select, input:not([type=file], [type=checkbox], [type=radio])'),
                font: parseFloat(getComputedStyle(el).fontSize)}; })""")
    assert controls, f"{page.url} shows no form control at all"
    outside = [c for c in controls if c["left"] < -0.5 or c["right"] > WIDTH + 0.5]
    assert not outside, f"{page.url}: controls beyond the {WIDTH} px screen: {outside}"
    small = [c for c in controls if c["height"] < 24]
    assert not small, f"{page.url}: controls too small to tap: {small}"
    zooming = [c for c in controls if c["typed"] and c["font"] < 16]
    assert not zooming, f"{page.url}: text fields under 16 px make a phone zoom in: {zooming}"


def screenshot(page, tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / name)
    assert_not_blank(path, WIDTH)
    return path


def test_an_officer_reports_the_month_from_a_phone(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    plan = make_plan(jurisdiction=make_jurisdiction(name="鲤城区"), year=timezone.localdate().year)
    project = make_full_project(plan=plan, n=1)
    project.name = "老旧小区改造提升工程（含雨污分流管网、立面整治及适老化配套设施建设）"
    project.save(update_fields=["name"])
    unit = project.unit_roles.get(role="lead").organization
    unit.name = "区住建局"
    unit.save(update_fields=["name"])
    make_user(username="xinxiyuan", password=PASSWORD, role=Role.OFFICER, organization=unit)
    photo = tmp_path / "工地现场.png"
    photo.write_bytes(png_bytes(96, 64, lambda x, y: (40 + x * 2, 90 + y * 2, 160)))

    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

    # Not signed in: the task list sends the officer to sign in first, and back afterwards.
    page.goto(page.base + "/tasks/")
    page.wait_for_url(re.compile(r"/login/"))
    address = urlsplit(page.url)
    assert address.path == "/login/" and parse_qs(address.query)["next"] == ["/tasks/"]
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "login-375.png")
    page.fill("input[name=username]", "xinxiyuan")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(r"/tasks/$"))
    assert urlsplit(page.url).path == "/tasks/"

    # The task list: this month's report is due for the unit's project (last period's, missing, is listed as late).
    current = plan.schedule.current(plan.year, timezone.localdate())
    card = page.locator("li.task", has=page.locator("a.task-name", has_text=project.name)).filter(
        has_text=f" {current.key} ")
    assert card.count() == 1
    assert plan.title in card.inner_text()
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "tasks-375.png")

    card.locator("a.task-name").click()
    page.wait_for_url(re.compile(rf"/projects/{project.pk}/reports/\d{{4}}-\d\d/$"))
    month = urlsplit(page.url).path.rstrip("/").rsplit("/", 1)[1]
    form = page.locator("form.report-form")
    assert form.is_visible()

    # The report: how far, what was done, the quarter's milestone, and a photo from the site.
    done = "完成3栋楼外立面整治，铺设雨污分流管网1.2公里；适老化扶手安装进场。"
    page.fill("input[name=percent_complete]", "35")
    page.fill("textarea[name=progress]", done)
    page.select_option("select[name=milestone_status]", "in_progress")
    page.set_input_files("input[name=photo]", str(photo))
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "report-form-375.png")
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert urlsplit(page.url).path == f"/projects/{project.pk}/reports/{month}/"

    # Submitted: the record replaces the form, and the photo comes back through the checked address.
    report = Report.objects.get(project=project)
    assert (report.status, report.percent_complete, report.progress) == ("submitted", 35, done)
    assert report.milestone_status == "in_progress" and report.organization == unit
    attachment = Attachment.objects.get(report=report)
    assert (attachment.content_type, attachment.name) == ("image/png", photo.name)
    assert page.locator("form.report-form").count() == 0
    assert page.locator(".messages .success").count() == 1
    assert page.locator(".facts .state-submitted").inner_text() == "已提交"
    assert done in page.locator(".facts").inner_text()
    image = page.locator(".attachments img")
    assert image.count() == 1
    assert image.get_attribute("src") == f"/attachments/{attachment.pk}/"
    image.scroll_into_view_if_needed()  # it loads lazily, as on a phone
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => [img.naturalWidth, img.naturalHeight]") == [96, 64]
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "report-submitted-375.png")
