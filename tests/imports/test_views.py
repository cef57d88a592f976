"""An admin uploads a table in the browser, sees it as it will be stored, and confirms."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.models import ImportRecord
from projects.models import Jurisdiction, Organization, Plan, Project
from tests.factories import make_user
from tests.imports.seeds import seed_bytes, seed_path

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The administrator of 晋江市, whose 新塘街道 (seed 002) comes in as a new sub-district.
    city = Jurisdiction.objects.create(name="晋江市", level="city")
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=city))
    return client


def upload(client, number: str, **extra):
    with seed_path(number).open("rb") as file:
        return client.post(reverse("imports:upload"), {"file": file, **extra}, follow=True)


def test_admin_previews_a_table_and_nothing_is_stored_yet(admin_client):
    # 鲤城区's table: previewed by a superuser, who may import anywhere (晋江市's administrator may not).
    admin_client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    page = upload(admin_client, "000").content.decode()
    assert "2022年鲤城区委、区政府为民办实事项目责任分解表" in page
    assert "关爱女孩行动" in page and "区卫健局" in page
    assert "17996.759" in page
    assert Plan.objects.count() == 0 and Project.objects.count() == 0
    assert ImportRecord.objects.get().status == "previewed"


def test_confirming_the_preview_imports_the_table(admin_client):
    upload(admin_client, "002")
    record = ImportRecord.objects.get()
    page = admin_client.post(reverse("imports:confirm", args=[record.pk]), follow=True).content.decode()
    assert "导入完成" in page
    record.refresh_from_db()
    assert record.status == "applied" and record.plan.projects.count() == 12
    assert record.user.username == "admin"


def test_pasted_text_is_read_like_a_file(admin_client):
    # Another jurisdiction's table, as above.
    admin_client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    response = admin_client.post(reverse("imports:upload"), {"text": seed_bytes("003").decode()}, follow=True)
    assert "幼有所育" in response.content.decode()
    assert ImportRecord.objects.get().result["counts"]["projects"] == 29


def test_preview_shows_warnings_where_they_are(admin_client):
    page = upload(admin_client, "002").content.decode()
    assert "12–13" in page
    assert "第32行" in page  # the row whose plan could not be put in quarters


def test_a_bad_file_is_explained_and_nothing_changes(admin_client, tmp_path):
    bad = tmp_path / "表.xlsx"
    bad.write_bytes(b"not a workbook at all")
    with bad.open("rb") as file:
        page = admin_client.post(reverse("imports:upload"), {"file": file}, follow=True).content.decode()
    assert "不是 Excel 工作簿" in page
    assert ImportRecord.objects.get().status == "failed"
    assert Plan.objects.count() == 0 and Organization.objects.count() == 0


def test_an_upload_over_the_limit_is_refused_before_it_is_read(admin_client, settings, tmp_path):
    settings.MAX_UPLOAD_MB, settings.MAX_UPLOAD_BYTES = 1, 1024 * 1024
    big = tmp_path / "big.csv"
    big.write_bytes(b"x" * (2 * 1024 * 1024))
    with big.open("rb") as file:
        page = admin_client.post(reverse("imports:upload"), {"file": file}, follow=True).content.decode()
    assert "超过" in page and ImportRecord.objects.count() == 0


def test_choosing_neither_file_nor_text_asks_for_one(admin_client):
    page = admin_client.post(reverse("imports:upload"), {}).content.decode()
    assert "选择文件或粘贴表格" in page


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.OFFICER, Role.LEADER])
def test_only_administrators_may_import(client, role):
    client.force_login(make_user(username="someone", role=role))
    assert client.get(reverse("imports:upload")).status_code == 403


def test_the_admin_site_links_to_the_upload(admin_client):
    admin = make_user(username="root", is_staff=True, is_superuser=True)
    admin_client.force_login(admin)
    page = admin_client.get(reverse("admin:imports_importrecord_changelist")).content.decode()
    assert reverse("imports:upload") in page


def test_an_administrator_may_not_import_another_citys_table(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    Jurisdiction.objects.create(name="晋江市", level="city")
    elsewhere = Jurisdiction.objects.create(name="温州市", level="city")
    client.force_login(make_user(username="wz", role=Role.ADMIN, jurisdiction=elsewhere))
    # Refused at the preview already (tests/imports/test_foreign_jurisdiction.py), and so at confirm.
    page = upload(client, "002").content.decode()
    assert "您只能导入温州市及其下级行政区的计划" in page
    record = ImportRecord.objects.get()
    assert record.status == "failed"
    page = client.post(reverse("imports:confirm", args=[record.pk]), follow=True).content.decode()
    assert "该次导入失败，请重新上传表格。" in page
    assert not Plan.objects.exists()


def test_the_upload_form_speaks_chinese(admin_client):
    page = admin_client.get(reverse("imports:upload")).content.decode()
    assert "文件（.xlsx、.xls、.docx、.csv 或 .txt）" in page and "……或粘贴表格" in page and "Only when" not in page
