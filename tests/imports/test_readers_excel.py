"""The .xlsx reader on workbooks built here with openpyxl, some edited at the XML level."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.utils import translation

from imports.read import ReadError, read_file
from imports.read import base as readers_base
from imports.read.excel import cell_text
from tests.imports.files import replace_in_part

MAX_BYTES = 50 * 1024 * 1024


def save(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def responsibility_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "责任分解表"
    sheet.append(["2024年为民办实事项目责任分解表"])
    sheet.append(["序号", "项目名称", "2024年进度计划", None, None, None, "分管领导", "总投资"])
    sheet.append([None, None, "1季度", "2季度", "3季度", "4季度", None, "(万元)"])
    sheet.append([1, "关爱女孩行动", "摸底", "实施", "实施", "完成", "张剑辉", 34])
    sheet.append([2, "特困失能老人护理补助项目", "发放", "发放", "发放", "发放", None, 28.959])
    sheet.append([3, "为80周岁以上老年人购买意外伤害保险项目", None, None, None, None, None, 34.0])
    sheet.append([])
    sheet.append(["0034", "区卫健局\n区民政局  ", datetime.datetime(2023, 5, 11), True, "=SUM(H4:H6)"])
    for cells in ("A1:H1", "C2:F2", "A2:A3", "B2:B3", "G2:G3", "G4:G6"):
        sheet.merge_cells(cells)
    notes = workbook.create_sheet("说明")
    notes.append(["填表说明：金额单位为万元"])
    lookup = workbook.create_sheet("下拉")
    lookup.append(["区卫健局"])
    lookup.sheet_state = "hidden"
    workbook.create_sheet("空白")
    return save(workbook)


def read_rows(data: bytes) -> dict[str, list[tuple[int, tuple[str, ...]]]]:
    tables = read_file("责任分解表.xlsx", data, max_bytes=MAX_BYTES)
    return {table.name: [(row.line, row.cells) for row in table.rows] for table in tables}


def test_every_visible_non_empty_sheet_becomes_a_table_named_after_it():
    tables = read_file("责任分解表.xlsx", responsibility_workbook(), max_bytes=MAX_BYTES)

    assert [table.name for table in tables] == ["责任分解表", "说明"]
    assert tables[1].rows[0].sheet == "说明"
    assert tables[1].rows[0].cells == ("填表说明：金额单位为万元",)


def test_title_merged_across_columns_keeps_its_text_in_the_first_cell_only():
    rows = read_rows(responsibility_workbook())["责任分解表"]

    assert rows[0] == (1, ("2024年为民办实事项目责任分解表",))


def test_two_row_header_keeps_the_horizontal_merge_in_its_first_column_and_repeats_vertical_ones():
    rows = read_rows(responsibility_workbook())["责任分解表"]

    assert rows[1] == (2, ("序号", "项目名称", "2024年进度计划", "", "", "", "分管领导", "总投资"))
    assert rows[2] == (3, ("序号", "项目名称", "1季度", "2季度", "3季度", "4季度", "分管领导", "(万元)"))


def test_vertically_merged_leader_repeats_down_every_row_of_the_range():
    rows = read_rows(responsibility_workbook())["责任分解表"]

    assert [cells[6] for _line, cells in rows[3:6]] == ["张剑辉", "张剑辉", "张剑辉"]


def test_numbers_read_as_a_person_sees_them_and_text_numbers_stay_text():
    rows = read_rows(responsibility_workbook())["责任分解表"]

    assert rows[3] == (4, ("1", "关爱女孩行动", "摸底", "实施", "实施", "完成", "张剑辉", "34"))
    assert rows[4] == (5, ("2", "特困失能老人护理补助项目", "发放", "发放", "发放", "发放", "张剑辉", "28.959"))
    assert rows[5] == (6, ("3", "为80周岁以上老年人购买意外伤害保险项目", "", "", "", "", "张剑辉", "34"))


def test_blank_rows_are_dropped_and_lines_stay_excel_row_numbers():
    rows = read_rows(responsibility_workbook())["责任分解表"]

    assert [line for line, _cells in rows] == [1, 2, 3, 4, 5, 6, 8]


def test_text_date_boolean_and_uncached_formula_cells():
    rows = read_rows(responsibility_workbook())["责任分解表"]

    # openpyxl writes no cached value: the formula reads as empty, it is never evaluated.
    assert rows[6] == (8, ("0034", "区卫健局\n区民政局", "2023-05-11", "TRUE"))


def test_formula_with_a_cached_value_reads_the_cached_value():
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "=1+1"
    workbook.active["B1"] = "=A1*100"
    data = replace_in_part(save(workbook), "xl/worksheets/sheet1.xml", "<f>1+1</f><v></v>", "<f>1+1</f><v>2</v>")

    assert read_rows(data)["Sheet"] == [(1, ("2",))]


def test_merged_range_blanks_stale_values_in_its_other_columns():
    workbook = openpyxl.Workbook()
    workbook.active.append(["区卫健局", "残留", "甲"])
    workbook.active.append([None, "残留", "乙"])
    data = replace_in_part(
        save(workbook),
        "xl/worksheets/sheet1.xml",
        "</sheetData>",
        '</sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells>',
    )

    assert read_rows(data)["Sheet"] == [(1, ("区卫健局", "", "甲")), (2, ("区卫健局", "", "乙"))]


def test_a_wrong_dimension_record_does_not_cut_the_sheet_short():
    workbook = openpyxl.Workbook()
    for number in range(1, 4):
        workbook.active.append([number, f"项目{number}"])
    data = replace_in_part(save(workbook), "xl/worksheets/sheet1.xml",
                           '<dimension ref="A1:B3"/>', '<dimension ref="A1"/>')

    assert read_rows(data)["Sheet"] == [(1, ("1", "项目1")), (2, ("2", "项目2")), (3, ("3", "项目3"))]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (28.959000000000003, "28.959"),
        (0.30000000000000004, "0.3"),
        (34.0, "34"),
        (-0.0, "0"),
        (1e-07, "0.0000001"),
        (1.5e16, "15000000000000000"),
        (12345678901234567, "12345678901234567"),
        (False, "FALSE"),
        (datetime.datetime(2023, 5, 11, 8, 30), "2023-05-11 08:30"),
        (datetime.date(2023, 5, 11), "2023-05-11"),
        ("换行_x000D_\n", "换行\r\n"),
    ],
)
def test_cell_values_become_the_text_a_person_sees(value, text):
    assert cell_text(value) == text


def test_a_ten_thousand_row_sheet_is_read_whole():
    # How fast is measured by bench/imports.py, not asserted here.
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("大表")
    for number in range(10_000):
        sheet.append([number, f"项目{number}", 28.959, "区卫健局\n区民政局", None, 34.0,
                      *[f"文本{c}" for c in range(10)]])
    data = save(workbook)

    tables = read_file("大表.xlsx", data, max_bytes=MAX_BYTES)

    assert len(tables[0].rows) == 10_000
    assert tables[0].rows[-1].cells[:6] == ("9999", "项目9999", "28.959", "区卫健局\n区民政局", "", "34")


def test_a_highly_compressed_member_is_refused_as_a_zip_bomb():
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b"0" * (20 * 1024 * 1024))

    with translation.override("en"), pytest.raises(ReadError, match="far more than a real table"):
        read_file("炸弹.xlsx", output.getvalue(), max_bytes=MAX_BYTES)


def test_a_workbook_unpacking_beyond_the_total_limit_is_refused(monkeypatch):
    monkeypatch.setattr(readers_base, "MAX_UNPACKED_BYTES", 1000)

    with pytest.raises(ReadError):
        read_file("责任分解表.xlsx", responsibility_workbook(), max_bytes=MAX_BYTES)


def test_a_workbook_with_a_damaged_sheet_part_is_refused():
    workbook = openpyxl.Workbook()
    workbook.active.append(["甲"])
    data = replace_in_part(save(workbook), "xl/worksheets/sheet1.xml", "</sheetData>", "</sheetDat>")

    with translation.override("en"), pytest.raises(ReadError, match="damaged"):
        read_file("坏.xlsx", data, max_bytes=MAX_BYTES)


def test_a_truncated_workbook_is_refused_as_damaged():
    data = responsibility_workbook()

    with translation.override("en"), pytest.raises(ReadError, match="damaged"):
        read_file("坏.xlsx", data[: len(data) // 2], max_bytes=MAX_BYTES)
