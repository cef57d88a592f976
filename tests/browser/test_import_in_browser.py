"""An administrator imports a responsibility table in a real browser: sign in, upload, preview, confirm."""

import pytest

from accounts.roles import Role
from projects.models import Jurisdiction, Plan
from tests.factories import make_user
from tests.imports.seeds import seed_path

pytestmark = pytest.mark.django_db(transaction=True)


def sign_in(page, username: str, password: str) -> None:
    page.goto(page.base + "/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")


def test_admin_uploads_previews_and_confirms_a_table(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The administrator of the district whose table (seed 001) they load.
    district = Jurisdiction.objects.create(name="泉州台商投资区")
    make_user(username="admin", password="demo-admin-2026", role=Role.ADMIN, jurisdiction=district)
    sign_in(page, "admin", "demo-admin-2026")
    page.click("text=导入责任分解表")
    page.set_input_files("#id_file", str(seed_path("001")))
    page.click("text=读取并预览")

    assert page.locator("h1").inner_text() == "泉州台商投资区党工委、管委会2024年区级为民办实事项目责任分解表"
    assert "合计行“区级补助”：表中写 23945.59，各行相加为 23945.59。" in page.locator(".checks").inner_text()
    assert "儿童孤独症筛查干预服务" in page.locator("table.grid").inner_text()
    assert Plan.objects.count() == 0

    page.click("text=导入这些项目")
    assert "导入完成" in page.locator(".messages").inner_text()
    assert Plan.objects.get().projects.count() == 45


def test_an_officer_cannot_reach_the_import_page(page):
    make_user(username="officer", password="demo-officer-2026", role=Role.OFFICER)
    sign_in(page, "officer", "demo-officer-2026")
    page.click("details.abilities summary")  # what the roles may do is folded under the greeting
    assert "填报本单位牵头项目的进展" in page.locator("main").inner_text()
    assert page.locator("text=导入责任分解表").count() == 0
    response = page.goto(page.base + "/imports/")
    assert response.status == 403
