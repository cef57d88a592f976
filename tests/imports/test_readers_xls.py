"""Excel 97-2003 .xls workbooks: read as .xlsx is, after a check of their container and records.

The files are written by hand (tests/imports/xls_files.py), so that each hostile one differs from
a well-formed one, which calamine reads, in the one thing it lies about.
"""

import struct

import pytest
from django.utils import translation

from imports.read import ReadError, read_file
from tests.imports.xls_files import (
    FILEPASS,
    SST,
    biff_stream,
    biff_workbook,
    compound_file,
    dimensions,
    label,
    merged,
    number,
    record,
)

MAX_BYTES = 20 * 1024 * 1024
SHEET = "责任分解表"
TABLE = [dimensions(3, 3), label(0, 0, "序号"), label(0, 1, "项目名称"), label(0, 2, "承办单位"),
         number(1, 0, 1), label(1, 1, "关爱女孩行动"), label(1, 2, "区卫健局"),
         number(2, 0, 2), label(2, 1, "高龄津贴项目")]  # fmt: skip


def read(data: bytes, name: str = "责任分解表.xls") -> list[tuple[str, ...]]:
    [table] = read_file(name, data, max_bytes=MAX_BYTES)
    return [row.cells for row in table.rows]


def refusal(data: bytes, name: str = "责任分解表.xls") -> str:
    with translation.override("en"), pytest.raises(ReadError) as refused:
        read_file(name, data, max_bytes=MAX_BYTES)
    return str(refused.value)


# --- what is read ------------------------------------------------------------------------------


def test_a_hand_written_workbook_is_read_with_its_sheet_name_and_numbers_as_shown():
    [table] = read_file("责任分解表.xls", biff_workbook({SHEET: TABLE}), max_bytes=MAX_BYTES)

    assert table.name == SHEET
    assert [row.cells for row in table.rows] == [
        ("序号", "项目名称", "承办单位"), ("1", "关爱女孩行动", "区卫健局"), ("2", "高龄津贴项目")]


def test_a_unit_merged_down_over_two_rows_is_repeated_and_marked_as_merged():
    [table] = read_file("表.xls", biff_workbook({SHEET: [*TABLE, merged((1, 2, 2, 2))]}), max_bytes=MAX_BYTES)

    assert table.rows[2].cells == ("2", "高龄津贴项目", "区卫健局")
    assert table.rows[2].merged == {2}


def test_every_sheet_is_a_table_of_its_own():
    tables = read_file("表.xls", biff_workbook({"教育类": TABLE, "卫生类": TABLE[:4]}), max_bytes=MAX_BYTES)

    assert [(table.name, len(table.rows)) for table in tables] == [("教育类", 3), ("卫生类", 1)]


def test_the_file_is_read_by_its_content_whatever_its_name():
    assert read(biff_workbook({SHEET: TABLE}), name="下载文件")[1] == ("1", "关爱女孩行动", "区卫健局")


# --- what is refused, and how ------------------------------------------------------------------


def test_a_sheet_declaring_four_billion_rows_is_refused_naming_it():
    data = biff_workbook({SHEET: [record(0x0200, struct.pack("<IIHHH", 0, 4_000_000_000, 0, 3, 0)), *TABLE[1:]]})

    assert refusal(data) == (
        "Sheet 责任分解表 is too large to read: it declares 4,000,000,000 rows by 3 columns; at most 20,000 rows, "
        "200 columns and 1,000,000 cells can be read. If the table is smaller, save the workbook as .xlsx "
        "and upload that."
    )


def test_a_value_in_the_last_cell_of_a_sheet_is_refused_as_in_an_xlsx():
    data = biff_workbook({SHEET: [*TABLE[1:], label(65535, 255, "备注")]})

    assert refusal(data) == (
        "Sheet 责任分解表 is too large to read: its values reach IV65536 (65,536 rows by 256 columns); "
        "at most 20,000 rows, 200 columns and 1,000,000 cells can be read."
    )


def test_the_limits_come_from_the_settings(settings):
    settings.IMPORT_MAX_ROWS = 2
    assert "(3 rows by 3 columns)" in refusal(biff_workbook({SHEET: TABLE[1:]}))
    assert "declares 3 rows by 3 columns" in refusal(biff_workbook({SHEET: TABLE}))

    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_CELLS = 3, 9
    assert len(read(biff_workbook({SHEET: TABLE}))) == 3


def test_cells_written_again_and_again_at_one_place_are_counted(settings):
    settings.IMPORT_MAX_CELLS = 10

    assert refusal(biff_workbook({SHEET: [number(0, 0, n) for n in range(11)]})) == (
        "Sheet 责任分解表 is too large to read: it holds more than 10 cells.")


def test_overlapping_merged_ranges_covering_far_more_than_the_sheet_are_refused():
    # Each range is filled cell by cell; 200 ranges over the whole grid would be 800 million cells.
    whole = (0, 19_999, 0, 199)
    data = biff_workbook({SHEET: [*TABLE, *(merged(*[whole] * 100) for _ in range(2))]})

    assert "holds more than 1,000,000 cells" in refusal(data)


def test_sheets_together_beyond_the_cell_limit_are_refused(settings):
    # calamine lays out every sheet of an .xls as it opens the file, so the limit is the workbook's.
    settings.IMPORT_MAX_CELLS = 12

    data = biff_workbook({"一": TABLE[1:], "二": TABLE[1:]})

    assert refusal(data) == "The workbook is too large to read: its sheets together hold more than 12 cells."


@pytest.mark.parametrize("build", [
    lambda: biff_workbook({SHEET: TABLE}, globals_records=[record(SST, struct.pack("<II", 1, 4_000_000_000))]),
    lambda: biff_workbook({SHEET: [record(0x0200, struct.pack("<IIHHH", 9, 3, 0, 3, 0)), *TABLE[1:]]}),
    lambda: biff_workbook({SHEET: TABLE}, positions=[1_000_000]),
    lambda: biff_workbook({"一": TABLE, "二": TABLE}, positions=[52, 52]),
    lambda: biff_workbook({"一": TABLE, "二": TABLE}, positions=[52, 72]),
    lambda: compound_file({"Workbook": biff_stream({SHEET: TABLE})}, chain={2: 2}),
    lambda: compound_file({"Workbook": biff_stream({SHEET: TABLE})}, chain={2: 1_000_000}),
    lambda: compound_file({"Workbook": biff_stream({SHEET: TABLE})}, sizes={"Workbook": 2**40}),
    lambda: compound_file({"Workbook": biff_stream({SHEET: TABLE})}, sizes={"Workbook": 100_000}),
    lambda: compound_file({"Workbook": biff_stream({SHEET: TABLE})}, fat_sectors=1_000_000),
    lambda: biff_workbook({SHEET: TABLE})[:1500],
    lambda: biff_workbook({SHEET: [record(0x0204, b"\x01")]}),
], ids=["string-count-beyond-the-file", "dimension-ending-before-it-starts", "sheet-past-the-stream",
        "two-sheets-at-one-place", "sheets-overlapping", "chain-looping", "chain-leaving-the-file",
        "stream-larger-than-the-file", "stream-longer-than-its-chain", "more-fat-sectors-than-the-file",
        "cut-short", "cell-shorter-than-its-fields"])  # fmt: skip
def test_a_broken_container_or_record_is_refused_as_damaged(build):
    # Two one-character sheet names make the globals 52 bytes long: the first sheet starts there.
    assert refusal(build()) == "The workbook is damaged and cannot be read."


def test_a_password_protected_workbook_says_so():
    data = biff_workbook({SHEET: TABLE}, globals_records=[record(FILEPASS, b"\x01\x00" + b"\0" * 52)])

    assert refusal(data) == "The file is password-protected: remove the password, save it and upload it again."


def test_a_password_protected_xlsx_says_so_too():
    data = compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": b"\0" * 5000})

    assert "password-protected" in refusal(data, name="责任分解表.xlsx")


def test_a_word_document_stays_refused_whatever_its_name():
    data = compound_file({"WordDocument": b"\xec\xa5" + b"\0" * 5000})

    assert refusal(data, name="责任分解表.doc") == refusal(data, name="责任分解表.xls") == (
        "The file is a password-protected or old .doc document: save it as .docx.")


def test_a_container_of_neither_says_what_it_is_not():
    assert refusal(compound_file({"Contents": b"\0" * 5000})) == (
        "The file is neither an Excel workbook nor a Word document.")
