"""Every role's main pages in chromium under the Content-Security-Policy: nothing is refused, and what the
pages do with JavaScript still works (the dashboard's print button, the report's photo button, the admin's
widgets). Chromium reports each refusal as a securitypolicyviolation event and a console message
("Refused to apply inline style …"); both are recorded on every page and must stay empty.

The story: an information officer submits this month's report with a photo, the coordinator accepts it and
looks at the project, the list and the dashboard (and prints it), the leader looks at theirs, and an
administrator previews a responsibility table and walks the admin site."""

import re
import struct
import zlib
from urllib.parse import urlsplit

import pytest

from accounts.roles import Role
from progress.models import Attachment, Report
from projects.models import Jurisdiction
from tests.browser.test_dashboard_and_list import sign_in as sign_in_as
from tests.factories import make_user
from tests.imports.seeds import seed_path
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "pass-1234-word"  # tests/factories.py's make_user
REFUSED = re.compile(r"Refused to|Content Security Policy", re.IGNORECASE)

# Each violation is handed to Python as it happens, so one on a page left a moment later is not lost.
LISTEN = """document.addEventListener('securitypolicyviolation', e => window.cspViolation(
    `${e.violatedDirective} refused ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
    + ` on ${location.pathname}`));
// The print dialog would wait for a person; count the calls instead.
window.print = () => { window.printed = (window.printed || 0) + 1; };"""


def small_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes((90, 120 + y, 160) * 16) for y in range(16))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 16, 16, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


@pytest.fixture
def watched(page):
    """The page, with every CSP violation, console message and script error recorded."""
    page.violations, page.console, page.errors = [], [], []
    page.expose_function("cspViolation", lambda text: page.violations.append(text))
    page.add_init_script(LISTEN)
    page.on("console", lambda message: page.console.append(f"{message.type}: {message.text} ({page.url})"))
    page.on("pageerror", lambda error: page.errors.append(f"{error} ({page.url})"))
    return page


def sign_in(page, username: str) -> None:
    """Each role in turn in one browser: the previous one's session is dropped first."""
    page.context.clear_cookies()
    sign_in_as(page, username, PASSWORD)


def visit(page, path: str) -> None:
    response = page.goto(page.base + path)
    assert response.status == 200, f"{path}: {response.status}"
    page.wait_for_load_state("load")


def test_no_page_of_any_role_is_refused_anything(watched, settings, tmp_path):
    page = watched
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    project, month = world.project, f"{world.period.month:%Y-%m}"
    district = Jurisdiction.objects.create(name="泉州台商投资区")
    make_user(username="root", role=Role.ADMIN, jurisdiction=district, is_staff=True, is_superuser=True)
    photo = tmp_path / "工地.png"
    photo.write_bytes(small_png())

    # The information officer: the task list, the report with a photo from the camera button, submitted.
    sign_in(page, world.officer.username)
    visit(page, f"/projects/{project.pk}/reports/{month}/")
    page.fill("input[name=percent_complete]", "40")
    page.fill("textarea[name=progress]", "完成 12 个小区的管网改造。")
    page.select_option("select[name=milestone_status]", "in_progress")
    page.set_input_files("input[name=photo]", str(photo))
    with page.expect_navigation():
        page.click("button[name=submit]")
    assert Report.objects.get(project=project).status == "submitted"
    assert Attachment.objects.filter(report__project=project).count() == 1
    visit(page, "/projects/")
    visit(page, f"/projects/{project.pk}/")
    page.click("header.topbar nav >> text=修改密码")
    assert urlsplit(page.url).path == "/password/"

    # The coordinator: accepts the report, then the project with its progress bar, the list, the dashboard.
    sign_in(page, world.coordinator.username)
    visit(page, f"/projects/{project.pk}/reports/{month}/")
    with page.expect_navigation():
        page.click("button[name=accept]")
    assert Report.objects.get(project=project).status == "accepted"
    visit(page, f"/projects/{project.pk}/")
    bar = page.locator(".status-box .bar, .percent .bar").first
    assert bar.bounding_box()["width"] > 0
    visit(page, "/projects/")
    visit(page, "/dashboard/")
    page.locator("form.filters button[type=button]").click()  # 打印
    assert page.evaluate("window.printed") == 1, "the print button did nothing"

    # The leader: their tasks and their dashboard.
    sign_in(page, world.leader.username)
    visit(page, "/dashboard/")

    # The administrator: a table read and previewed, then the admin site's lists and forms with their widgets.
    sign_in(page, "root")
    visit(page, "/imports/")
    page.set_input_files("#id_file", str(seed_path("001")))
    with page.expect_navigation():
        page.click("text=读取并预览")
    assert "儿童孤独症筛查干预服务" in page.locator("table.grid").first.inner_text()
    visit(page, "/admin/")
    visit(page, "/admin/projects/project/")
    visit(page, f"/admin/projects/project/{project.pk}/change/")
    page.locator(".select2-selection").first.click()  # the autocomplete widget opens its list
    page.wait_for_selector(".select2-results__option")
    visit(page, f"/admin/accounts/user/{world.officer.pk}/change/")  # groups: the two-box selector
    assert page.locator(".selector-available").count() >= 1
    visit(page, "/admin/progress/report/")
    visit(page, "/admin/imports/importrecord/")
    visit(page, "/admin/projects/plan/add/")

    refused = [line for line in page.console if REFUSED.search(line)]
    assert page.violations == [] and refused == [], "\n".join(page.violations + refused)
    assert page.errors == [], "\n".join(page.errors)
