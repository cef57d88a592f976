"""An information officer reports a month's progress from a phone (375 px wide, as inside WeCom or DingTalk):
signs in, opens the report due from the task list, fills it in with a photo, submits, and sees it submitted.

Every page is checked for what a phone user would notice first: no sideways scrolling, no control cut off
at the screen's edge, and a screenshot that shows something (kept in /tmp/browser-shots/ for a human)."""

import re
import shutil
import struct
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from accounts.roles import Role
from progress.models import Attachment, Report
from tests.factories import make_full_project, make_jurisdiction, make_plan, make_user

pytestmark = pytest.mark.django_db(transaction=True)

WIDTH, HEIGHT = 375, 812  # an iPhone's screen in CSS pixels
SHOTS = Path("/tmp/browser-shots")
PASSWORD = "xinxi-2026-lc"


# --- PNG: a small file to upload, and a reader for Chromium's screenshots (Pillow is not installed) ---

def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def png_bytes(width: int, height: int, pixel) -> bytes:
    """An 8-bit RGB PNG; `pixel(x, y)` gives (r, g, b)."""
    rows = b"".join(b"\x00" + bytes(c for x in range(width) for c in pixel(x, y)) for y in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(rows)) + _chunk(b"IEND", b"")


def png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """(width, height, rows of raw pixel bytes) of an 8-bit RGB or RGBA, non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, [], None
    while position < len(data):
        (length,), kind = struct.unpack(">I", data[position:position + 4]), data[position + 4:position + 8]
        body = data[position + 8:position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _compression, _filter, interlace = header
    assert depth == 8 and colour in (2, 6) and interlace == 0, f"unexpected PNG format {header}"
    bpp = 4 if colour == 6 else 3
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    rows, prior = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:  # Sub
            for i in range(bpp, stride):
                row[i] = (row[i] + row[i - bpp]) & 0xFF
        elif kind == 2:  # Up
            row = bytearray((a + b) & 0xFF for a, b in zip(row, prior))
        elif kind == 3:  # Average
            for i in range(stride):
                row[i] = (row[i] + ((row[i - bpp] if i >= bpp else 0) + prior[i]) // 2) & 0xFF
        elif kind == 4:  # Paeth
            for i in range(stride):
                a, b, c = (row[i - bpp] if i >= bpp else 0), prior[i], (prior[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(row))
        prior = row
    return width, height, rows


def assert_not_blank(path: Path) -> None:
    """The screenshot shows something: besides its background, other colours cover a real share of it."""
    width, height, rows = png_pixels(path.read_bytes())
    assert width == WIDTH, f"{path.name} is {width} px wide"
    bpp = len(rows[0]) // width
    colours = Counter(row[i:i + 3] for row in rows for i in range(0, len(row), bpp))
    total = width * height
    (_background, most), *others = colours.most_common()
    assert most / total < 0.97, f"{path.name}: one colour covers {most / total:.1%} of the picture"
    shown = sum(1 for _colour, n in others if n / total >= 0.002)
    assert shown >= 2, f"{path.name} shows too little besides its background"


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
    assert_not_blank(path)
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

    # The task list: this month's report is due for the unit's project.
    card = page.locator("li.task", has=page.locator("a.task-name", has_text=project.name))
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
