"""Leaders' instructions and chasing on a phone (375 px, as inside WeCom): the leader writes an instruction, the
unit's officer answers it, the coordinator chases the late unit. Every page fits the screen, without sideways
scrolling and with controls a thumb can use (tests/browser/test_report_on_phone.py's checks)."""

from urllib.parse import urlsplit

import pytest
from django.utils import timezone

from projects.models import ProjectOrganization
from supervision.models import Chase, Instruction
from tests.browser.test_report_on_phone import HEIGHT, WIDTH, check_fits_the_phone, screenshot
from tests.factories import make_plan, make_project
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "pass-1234-word"  # tests/factories.make_user's


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")
    assert urlsplit(page.url).path == "/tasks/", f"sign-in failed, still at {page.url}"


def test_an_instruction_written_answered_and_a_unit_chased_on_a_phone(page, tmp_path):
    world = build_world()
    world.project.name = "老旧小区改造提升工程（含雨污分流管网、立面整治及适老化配套设施建设）"
    world.project.save(update_fields=["name"])
    # A report that fell due on 1 January: the unit owes something to chase on every day but the first.
    owed = make_project(name="背街小巷整治提升（含强弱电入地、路面黑化及沿街立面改造）", plan=make_plan(
        jurisdiction=world.plan.jurisdiction, year=timezone.localdate().year, kind="work_report",
        report_frequency="dates", report_dates="1-1"))
    ProjectOrganization.objects.create(project=owed, organization=world.officer.organization, role="lead")
    page.set_viewport_size({"width": WIDTH, "height": HEIGHT})

    sign_in(page, "wang")
    page.goto(f"{page.base}/supervision/projects/{world.project.pk}/instructions/new/")
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "instruction-form-375.png")
    page.fill("textarea[name=text]", "请于月底前完成全部管网改造，并报送照片。" * 3)
    page.select_option("select[name=urgency]", "urgent")
    with page.expect_navigation():
        page.click("form.instruction-form button[type=submit]")
    instruction = Instruction.objects.get()
    assert urlsplit(page.url).path == f"/supervision/instructions/{instruction.pk}/"
    check_fits_the_phone(page)

    sign_in(page, "zhang")
    page.goto(f"{page.base}/supervision/instructions/")
    assert page.locator(".instruction-card").count() == 1
    page.goto(f"{page.base}/supervision/instructions/{instruction.pk}/")
    check_fits_the_phone(page)
    page.fill("textarea[name=text]", "已完成 80%，预计本月 28 日完工，照片随月报报送。")
    with page.expect_navigation():
        page.click("button[name=answer]")
    assert "答复已报送领导" in page.inner_text("ul.messages")
    screenshot(page, tmp_path, "instruction-answered-375.png")

    sign_in(page, "duban")
    page.goto(f"{page.base}/supervision/chase/")
    check_fits_the_phone(page)
    screenshot(page, tmp_path, "chase-375.png")
    if timezone.localdate().timetuple().tm_yday > 1:
        with page.expect_navigation():
            page.click(f"button[name=unit][value='{world.officer.organization_id}']")
        assert "已向 1 个单位发出催报" in page.inner_text("ul.messages")
        assert Chase.objects.filter(organization=world.officer.organization).count() == 1
