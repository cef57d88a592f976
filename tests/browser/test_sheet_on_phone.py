"""The lead unit's officer takes an instruction sheet on a phone (375 px): finds it in the unit's list of sheets,
signs for it in one tap, answers it with a photo, sees the answer and the photo on the sheet (who signed and who
answered recorded); and the office's list of sheets reads on the same screen. Every page: no sideways
scrolling, controls within the screen and big enough to tap (tests/browser/test_report_on_phone.py's checks)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.roles import Role
from supervision import sheets
from supervision.models import InstructionSheet
from tests.browser.test_report_on_phone import HEIGHT, WIDTH, check_fits_the_phone, png_bytes, screenshot
from tests.factories import make_full_project, make_jurisdiction, make_plan, make_user

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "xinxi-2026-lc"


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(r"/tasks/$"))


def test_an_officer_signs_and_answers_a_sheet_from_a_phone(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    district = make_jurisdiction(name="鲤城区")
    project = make_full_project(plan=make_plan(jurisdiction=district, year=timezone.localdate().year), n=1)
    project.name = "老旧小区改造提升工程（含雨污分流管网、立面整治及适老化配套设施建设）"
    project.save(update_fields=["name"])
    unit = project.unit_roles.get(role="lead").organization
    make_user(username="xinxiyuan", password=PASSWORD, role=Role.OFFICER, organization=unit)
    office = make_user(username="duban", password=PASSWORD, role=Role.COORDINATOR, jurisdiction=district)
    sheet = sheets.issue_sheet(
        user=office, project=project, matter="加快老旧小区雨污分流管网改造进度，确保年底前全部完工",
        content="一、倒排工期，完成剩余 8 个小区管网改造；\n二、每周五前书面报告进展。",
        deadline=timezone.localdate() + timedelta(days=10), feedback="periodic", feedback_days=7,
        contact_name="督查室李娜", contact_phone="0595-22222222")
    photo = tmp_path / "完工照片.png"
    photo.write_bytes(png_bytes(96, 64, lambda x, y: (60 + x, 120, 90 + y)))
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

    sign_in(page, "xinxiyuan")
    # The officer finds the sheet among the unit's own, on the phone, and taps its number (no address typed).
    page.goto(page.base + "/supervision/sheets/")
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"the officer's sheets list scrolls sideways: {sizes}"
    screenshot(page, tmp_path, "sheets-of-the-unit-375.png")
    with page.expect_navigation():
        page.locator("table.sheets a", has_text=sheet.number_text).click()
    assert page.url.endswith(f"/supervision/sheets/{sheet.pk}/")
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "sheet-to-sign-375.png")
    sign = page.locator("button.big", has_text="签收")
    assert sign.bounding_box()["y"] < HEIGHT  # the first thing on the screen, no scrolling to find it
    with page.expect_navigation():
        sign.click()
    assert InstructionSheet.objects.get(pk=sheet.pk).status == "signed"

    page.fill("textarea[name=text]", "已完成 5 个小区管网改造，剩余 3 个小区 12 月 20 日前完工。")
    page.set_input_files("input[name=photo]", str(photo))
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "sheet-answer-375.png")
    with page.expect_navigation():
        page.click("button.big")
    stored = InstructionSheet.objects.get(pk=sheet.pk)
    assert (stored.status, stored.attachments.count()) == ("answered", 1)
    # Who signed and who answered, and when, are recorded: the officer, in that order.
    officer = stored.signed_by
    assert officer.username == "xinxiyuan" and stored.answered_by == officer
    assert stored.signed_at <= stored.answered_at
    assert page.locator(".messages .success").count() == 1
    # The answered sheet shows the answer and the photo, and the photo fits the phone's screen.
    assert "剩余 3 个小区 12 月 20 日前完工" in page.inner_text("main")
    image = page.locator("ul.attachments img")
    assert image.count() == 1
    # The page is shown before the photo arrives; wait for it (a fixed check raced the download on a busy machine).
    image.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
    assert image.evaluate("img => img.naturalWidth") == 96
    assert image.bounding_box()["x"] + image.bounding_box()["width"] <= WIDTH
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "sheet-answered-375.png")

    sign_in(page, "duban")
    page.goto(page.base + "/supervision/sheets/")
    assert page.locator("table.sheets").is_visible()
    sizes = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert sizes[0] <= sizes[1], f"the sheets list scrolls sideways: {sizes}"
    screenshot(page, tmp_path, "sheets-list-375.png")
    page.goto(page.base + f"/supervision/projects/{project.pk}/sheets/new/")
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "sheet-issue-375.png")
