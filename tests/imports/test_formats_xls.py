"""Workbooks saved as Excel 97-2003 .xls by LibreOffice Calc read as the same workbooks as .xlsx do.

LibreOffice writes .xls as Excel does (BIFF8 in an OLE2 file, small streams in the mini stream,
merged ranges, numbers as numbers), so these are the files offices still send. One LibreOffice
run converts every workbook of this module.
"""

import io

import openpyxl
import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.models import ImportRecord
from imports.services import preview_import
from projects.models import Jurisdiction
from tests.factories import make_user
from tests.imports.files import PREFIXES, fixture_rows, xlsx_bytes
from tests.imports.test_formats import NUMBERS_IN, built_summary, rows_read_back, text_summary
from tests.imports.xls_files import as_xls

pytestmark = pytest.mark.django_db

TITLE = "合肥市蜀山区2024年为民办实事项目责任分解表"


def merged_workbook() -> bytes:
    """A title merged across the table, category rows merged across it, a unit merged down two rows."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "责任分解表"
    rows = [
        [TITLE],
        ["序号", "项目名称", "主要内容", "总投资（万元）", "牵头单位", "责任领导"],
        ["一、教育类（2项）"],
        [1, "新建公办幼儿园", "新建公办幼儿园2所，新增学位540个", 3000, "区教育局", "王强"],
        [2, "改造农村校舍", "改造农村学校校舍1.2万平方米", 1200.5, None, "王强"],
        ["二、卫生类（1项）"],
        [3, "建设社区卫生服务中心", "新建社区卫生服务中心1个", 800, "区卫健局", "李明"],
    ]
    for row in rows:
        sheet.append(row)
    for cells in ("A1:F1", "A3:F3", "A6:F6", "E4:E5"):
        sheet.merge_cells(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def saved() -> dict[str, bytes]:
    """Every workbook of this module, saved as .xls by LibreOffice."""
    workbooks = {prefix: xlsx_bytes(fixture_rows(prefix), numbers=prefix in NUMBERS_IN) for prefix in PREFIXES}
    return as_xls({**workbooks, "merged": merged_workbook()})


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_as_xls_gives_the_same_plan(saved, prefix):
    assert built_summary("责任分解表.xls", saved[prefix]) == text_summary(prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_as_xls_reads_back_as_the_rows_it_was_built_from(saved, prefix):
    assert rows_read_back("表.xls", saved[prefix]) == fixture_rows(prefix)


def test_merged_title_categories_and_units_are_read_as_from_the_xlsx(saved):
    from_xls = preview_import(file_name="责任分解表.xls", data=saved["merged"])
    from_xlsx = preview_import(file_name="责任分解表.xlsx", data=merged_workbook())

    summary = from_xls.summary()
    assert from_xls.errors == []
    assert summary["counts"]["projects"] == 3
    assert [(c.name, c.declared_count) for c in from_xls.draft.categories] == [("一、教育类", 2), ("二、卫生类", 1)]
    assert [p.lead_units[0].name for p in from_xls.draft.projects] == ["区教育局", "区教育局", "区卫健局"]
    assert sum(p.total_investment for p in from_xls.draft.projects) == 5000.5
    assert from_xls.draft.projects == from_xlsx.draft.projects
    assert {**summary, "file_name": "", "checksum": ""} == {**from_xlsx.summary(), "file_name": "", "checksum": ""}


def test_an_xls_is_uploaded_and_previewed_in_the_browser(client, settings, tmp_path, saved):
    settings.MEDIA_ROOT = tmp_path
    district = Jurisdiction.objects.create(name="蜀山区", level="district")
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=district))
    upload = io.BytesIO(saved["merged"])
    upload.name = "蜀山区责任分解表.xls"

    page = client.post(reverse("imports:upload"), {"file": upload}, follow=True).content.decode()

    assert "新建公办幼儿园" in page and "区卫健局" in page
    record = ImportRecord.objects.get()
    assert record.status == "previewed" and record.result["counts"]["projects"] == 3


def test_the_upload_page_names_xls_among_the_formats(client):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))

    page = client.get(reverse("imports:upload")).content.decode()

    assert ".xlsx、.xls" in page
