"""Cells the database cannot hold: amounts too large or in scientific notation, over-long texts, control characters."""

import io

import openpyxl
import pytest
from django.urls import reverse
from django.utils.translation import override

from imports.interpret.draft import Problem
from imports.services import apply_import, preview_import
from projects.models import Project
from tests.factories import make_user
from tests.imports.files import csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

TITLE = ("新塘街道 2023 年度为民办实事项目责任分解表",)
HEADER = ("序号", "项目名称", "主要内容", "总投资 (万元)", "建设年限", "完成时限", "责任领导", "责任科室")


def row(**cells: str) -> tuple[str, ...]:
    values = {"序号": "1", "项目名称": "关爱女孩行动", "主要内容": "建设内容", "总投资 (万元)": "10",
              "建设年限": "2023", "完成时限": "2023年底", "责任领导": "张剑辉", "责任科室": "区卫健局"}
    values.update({HEADER[int(key[1:])]: value for key, value in cells.items()})
    return tuple(values[header] for header in HEADER)


def preview_of(*rows: tuple[str, ...], name: str = "t.csv", data: bytes | None = None):
    with override("en"):
        preview = preview_import(file_name=name, data=data or csv_bytes([TITLE, HEADER, *rows], encoding="utf-8"),
                                 reuse=False)
    assert preview.errors == []
    return preview


def warnings_at(preview, column: str) -> list[Problem]:
    return [warning for warning in preview.draft.warnings if warning.column == column]


def assert_admin_pages_answer(client) -> None:
    client.force_login(make_user(username="root", is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:projects_project_changelist")).status_code == 200
    for project in Project.objects.all():
        assert client.get(reverse("admin:projects_project_change", args=[project.pk])).status_code == 200


# --- 1. amounts beyond what can be stored, or implausible, or in scientific notation ----------


@pytest.mark.parametrize("text, reason", [
    ("12,345,678,901", "too large"),
    ("12345678901", "too large"),
    ("100000000", "too large"),
    ("1.5亿亿元", "not an amount"),
    ("20000亿元", "too large"),
    ("1" * 40, "too large"),
    ("1e30", "scientific notation"),
    ("1.5E+3", "scientific notation"),
])
def test_an_amount_the_database_cannot_hold_is_not_stored_and_is_reported_where_it_stood(client, text, reason):
    preview = preview_of(row(c3=text))

    [project] = preview.draft.projects
    assert project.total_investment is None
    [warning] = warnings_at(preview, "总投资 (万元)")
    assert warning.line == 3 and reason in warning.message and text[:20] in warning.message

    apply_import(preview=preview, user=None)
    assert Project.objects.get().total_investment is None
    assert_admin_pages_answer(client)


def test_the_largest_plausible_amount_is_stored(client):
    preview = preview_of(row(c3="99,999,999.9999"))

    assert warnings_at(preview, "总投资 (万元)") == []
    apply_import(preview=preview, user=None)
    assert str(Project.objects.get().total_investment) == "99999999.9999"
    assert_admin_pages_answer(client)


def test_a_huge_number_excel_holds_as_a_number_is_reported_not_a_server_error(client):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for values in (TITLE, HEADER):
        sheet.append(values)
    sheet.append([1, "关爱女孩行动", "建设内容", 1e30, "2023", "2023年底", "张剑辉", "区卫健局"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    preview = preview_of(name="t.xlsx", data=buffer.getvalue())

    assert preview.draft.projects[0].total_investment is None
    [warning] = warnings_at(preview, "总投资 (万元)")
    assert "too large" in warning.message
    apply_import(preview=preview, user=None)
    assert_admin_pages_answer(client)


def test_a_huge_total_in_funding_prose_is_reported_not_a_server_error():
    header = (*HEADER, "资金安排")
    data = csv_bytes([TITLE, header, (*row(), "总投资" + "9" * 40 + "万元，区财政承担")], encoding="utf-8")
    with override("en"):
        preview = preview_import(file_name="t.csv", data=data, reuse=False)

    assert preview.errors == []
    assert preview.draft.projects[0].fundings == []
    assert any("too large" in w.message for w in warnings_at(preview, "资金安排"))


# --- 2. a text longer than its field is shortened, and says so -----------------------------


@pytest.mark.parametrize("cell, field_name, limit", [
    ("c1", "name", 500),
    ("c0", "number", 20),
    ("c4", "construction_period", 50),
    ("c5", "deadline", 200),
])
def test_a_text_longer_than_its_field_is_shortened_with_a_warning_where_it_stood(client, cell, field_name, limit):
    # A workbook, since the CSV reader refuses a cell this long; compared as booleans, as a failing
    # comparison of 349,525 characters would have pytest diff them.
    long_text = "长" * 349_525 if field_name == "name" else "7" * (limit + 5)
    preview = preview_of(name="t.xlsx", data=xlsx_bytes([TITLE, HEADER, row(**{cell: long_text})]))

    project = preview.draft.projects[0]
    shortened = getattr(project, field_name) == long_text[:limit]
    assert shortened
    assert len(project.key) <= limit or field_name != "number"
    [warning] = [w for w in warnings_at(preview, HEADER[int(cell[1:])]) if "shortened" in w.message]
    assert warning.line == 3 and str(limit) in warning.message

    apply_import(preview=preview, user=None)
    stored = getattr(Project.objects.get(), field_name) == long_text[:limit]
    assert stored
    assert_admin_pages_answer(client)


def test_the_limits_are_the_models():
    from imports.interpret.projects_from_rows import FIELD_LIMITS

    assert FIELD_LIMITS == {name: Project._meta.get_field(name).max_length for name in FIELD_LIMITS}


def test_a_text_that_fits_is_not_reported():
    preview = preview_of(row(c1="名" * 500, c5="底" * 200))

    assert preview.draft.projects[0].name == "名" * 500
    assert [w for w in preview.draft.warnings if "shortened" in w.message] == []


# --- 3. control characters are dropped, one warning per cell -------------------------------


def test_nul_and_control_characters_are_dropped_with_one_warning_per_cell(client):
    # OOXML writes a NUL as _x0000_; a text file with one is refused as binary, a workbook is not.
    data = xlsx_bytes([TITLE, HEADER, row(c1="关爱_x0000_女孩_x0000_行动_x001B_", c2="第一行\n\t第二行_x0007_")])
    preview = preview_of(name="t.xlsx", data=data)

    project = preview.draft.projects[0]
    assert project.name == "关爱女孩行动"
    assert project.content == "第一行\n\t第二行"
    assert len(warnings_at(preview, "项目名称")) == 1
    assert len(warnings_at(preview, "主要内容")) == 1
    assert all("Control characters" in w.message for w in warnings_at(preview, "项目名称"))
    apply_import(preview=preview, user=None)
    stored = Project.objects.get()
    assert "\x00" not in stored.name and "\x07" not in stored.content
    assert_admin_pages_answer(client)


def test_line_breaks_and_tabs_are_kept_without_a_warning():
    preview = preview_of(name="t.xlsx", data=xlsx_bytes([TITLE, HEADER, row(c2="第一行\n\t第二行")]))

    assert preview.draft.projects[0].content == "第一行\n\t第二行"
    assert [w for w in preview.draft.warnings if "Control characters" in w.message] == []


@pytest.mark.parametrize(("name", "build"), [
    ("表.xlsx", xlsx_bytes), ("表.csv", csv_bytes),
    ("表.txt", lambda rows: "\n".join("\t".join(r) for r in rows).encode()),
])  # fmt: skip
def test_a_cell_longer_than_excel_holds_is_refused_naming_its_row(name, build, settings):
    settings.IMPORT_MAX_CELL_CHARS = 1_000
    rows = [("合肥市蜀山区2024年民生实事项目责任分解表",), ("序号", "项目名称", "牵头单位"),
            ("1", "新建幼儿园", "区教育局"), ("2", "很长" * 600, "区民政局")]

    preview = preview_import(file_name=name, data=build(rows))

    [error] = preview.errors
    assert "1,200" in error.message and "1,000" in error.message and "4" in error.message
    assert not preview.draft.projects


def test_control_characters_in_a_header_are_never_stored(client):
    # PostgreSQL's JSON cannot hold a NUL: the record of the import keeps each column's header.
    header = list(HEADER)
    header[1] = "项目_x0000_名称"
    data = xlsx_bytes([TITLE, tuple(header), row(c1="关爱女孩行动")])
    preview = preview_of(name="t.xlsx", data=data)

    assert [c["header"] for c in preview.draft.layouts[0]["columns"]][1] == "项目名称"
    record = apply_import(preview=preview, user=None)
    assert "\x00" not in str(record.result)
