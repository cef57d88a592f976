"""Small files that declare huge sheets or tables are refused (or cut to size) before they are laid out.

A 5 KB workbook with a value at XFD1048576, a document cell with gridSpan="300000000" and a
workbook of 1,048,576 rows each asked for gigabytes or minutes. The import runs here as
`import_table` does in cron, in a process with 2 GB of address space and 60 seconds: a web
worker reading the same file has no more.
"""

import io
import json
import os
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from openpyxl.styles import Font

from imports.read import ReadError, read_file
from tests.imports.files import replace_in_part, xlsx_bytes

ROOT = Path(__file__).resolve().parents[2]
MAX_BYTES = 20 * 1024 * 1024
MEMORY_LIMIT = 2 * 1024 * 1024 * 1024
SHEET = "xl/worksheets/sheet1.xml"
SHEET_NAME = "责任分解表"
LAST_ROW = 1_048_576


def save_workbook(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def far_corner_workbook(*, with_header: bool) -> bytes:
    """A sheet with one value in the last cell Excel has (and, with `with_header`, one in A1)."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    if with_header:
        sheet["A1"] = "序号"
    sheet["XFD1048576"] = "备注"
    return save_workbook(workbook)


def with_sheet_xml(rows_xml: str | None = None, *, stream_rows=None) -> bytes:
    """A one-sheet workbook whose sheet XML is written here: `rows_xml`, or chunks from `stream_rows`."""
    base = xlsx_bytes([("序号",)], sheet_title=SHEET_NAME)
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:A{LAST_ROW}"/><sheetData>'
    )
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info.filename, source.read(info.filename))
        with target.open(SHEET, "w", force_zip64=True) as stream:
            stream.write(head.encode())
            for chunk in [rows_xml] if rows_xml is not None else stream_rows:
                stream.write(chunk.encode())
            stream.write(b"</sheetData></worksheet>")
    return output.getvalue()


def million_row_workbook() -> bytes:
    """1,048,576 rows, each with its number: a few MB once packed."""

    def rows():
        for start in range(1, LAST_ROW + 1, 65_536):
            yield "".join(
                f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(start, start + 65_536)
            )

    return with_sheet_xml(stream_rows=rows())


def sparse_million_row_workbook() -> bytes:
    """A value in A1 and one in A1048576, nothing between."""
    return with_sheet_xml(
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>'
        f'<row r="{LAST_ROW}"><c r="A{LAST_ROW}"><v>1</v></c></row>'
    )


def spanning_document(*, span: str = "300000000") -> bytes:
    """A three-column table whose second data cell claims to span `span` grid columns."""
    document = Document()
    document.add_paragraph("2024年为民办实事项目责任分解表")
    table = document.add_table(rows=3, cols=3)
    for row, texts in enumerate([("序号", "项目名称", "承办单位"), ("1", "关爱女孩行动", ""),
                                 ("2", "高龄津贴项目", "区民政局")]):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    table.cell(1, 1).merge(table.cell(1, 2))  # written as <w:gridSpan w:val="2"/>
    buffer = io.BytesIO()
    document.save(buffer)
    return replace_in_part(buffer.getvalue(), "word/document.xml", 'w:gridSpan w:val="2"',
                           f'w:gridSpan w:val="{span}"')


def refusal(data: bytes, name: str = "责任分解表.xlsx") -> str:
    with translation.override("en"), pytest.raises(ReadError) as refused:
        read_file(name, data, max_bytes=MAX_BYTES)
    return str(refused.value)


# --- .xlsx, in this process --------------------------------------------------------------------


def test_a_value_in_the_last_cell_of_a_sheet_is_refused_naming_the_sheet_and_its_size():
    data = far_corner_workbook(with_header=True)
    assert len(data) < 10 * 1024

    assert refusal(data) == (
        "Sheet 责任分解表 is too large to read: its values reach XFD1048576 (1,048,576 rows by 16,384 columns); "
        "at most 20,000 rows, 200 columns and 1,000,000 cells can be read."
    )


def test_a_lone_value_in_the_last_cell_is_refused_too():
    # calamine's own range is one cell here; the reader would have padded it out from A1.
    assert "XFD1048576" in refusal(far_corner_workbook(with_header=False))


def test_the_limits_come_from_the_settings(settings):
    rows = [("序号", "项目名称", "承办单位"), ("1", "关爱女孩行动", "区卫健局"), ("2", "高龄津贴项目", "区民政局")]
    settings.IMPORT_MAX_ROWS = 2
    assert "(3 rows by 3 columns)" in refusal(xlsx_bytes(rows, sheet_title=SHEET_NAME))

    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS = 3, 2
    assert "reach C" in refusal(xlsx_bytes(rows, sheet_title=SHEET_NAME))

    settings.IMPORT_MAX_COLUMNS, settings.IMPORT_MAX_CELLS = 3, 8
    assert "at most 3 rows, 3 columns and 8 cells" in refusal(xlsx_bytes(rows, sheet_title=SHEET_NAME))

    settings.IMPORT_MAX_CELLS = 9
    [table] = read_file("责任分解表.xlsx", xlsx_bytes(rows, sheet_title=SHEET_NAME), max_bytes=MAX_BYTES)
    assert len(table.rows) == 3


def test_formatted_empty_cells_far_beyond_the_table_are_not_counted():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append(["序号", "项目名称"])
    sheet.append([1, "关爱女孩行动"])
    sheet["Z60000"].font = Font(bold=True)  # <c r="Z60000" s="1"/>: a style, no value

    [table] = read_file("责任分解表.xlsx", save_workbook(workbook), max_bytes=MAX_BYTES)

    assert [row.cells for row in table.rows] == [("序号", "项目名称"), ("1", "关爱女孩行动")]


def test_cells_without_a_reference_are_counted_where_calamine_places_them():
    # No r attribute: the cell belongs to its row's row number, and one column past the last.
    data = with_sheet_xml(
        '<row r="1"><c t="inlineStr"><is><t>序号</t></is></c><c t="inlineStr"><is><t>项目名称</t></is></c></row>'
        f'<row r="{LAST_ROW}"><c><v>1</v></c></row>'
    )

    assert "(1,048,576 rows by 2 columns)" in refusal(data)


def test_cells_without_a_reference_within_the_limits_are_read():
    data = with_sheet_xml(
        '<row r="1"><c t="inlineStr"><is><t>序号</t></is></c><c t="inlineStr"><is><t>项目名称</t></is></c></row>'
        '<row r="2"><c><v>1</v></c><c t="inlineStr"><is><t>关爱女孩行动</t></is></c></row>'
    )

    [table] = read_file("责任分解表.xlsx", data, max_bytes=MAX_BYTES)

    assert [row.cells for row in table.rows] == [("序号", "项目名称"), ("1", "关爱女孩行动")]


def test_a_cell_hiding_its_end_in_an_attribute_is_still_counted():
    # ">" and "/>" may stand in an attribute value; such a cell must not pass as an empty one.
    data = with_sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>'
        f'<row r="{LAST_ROW}"><c r="XFD{LAST_ROW}" x="/>"><v>1</v></c></row>'
    )

    assert "XFD1048576" in refusal(data)


def test_a_cell_after_the_last_row_is_still_counted():
    data = with_sheet_xml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c></row>'
        f'<c r="XFD{LAST_ROW}"><v>1</v></c>'
    )

    assert "XFD1048576" in refusal(data)


# --- .docx, in this process --------------------------------------------------------------------


def test_a_span_of_300_million_columns_is_cut_at_the_tables_grid():
    [table] = read_file("责任分解表.docx", spanning_document(), max_bytes=MAX_BYTES)

    assert [row.cells for row in table.rows[1:]] == [
        ("序号", "项目名称", "承办单位"), ("1", "关爱女孩行动"), ("2", "高龄津贴项目", "区民政局")]


def test_empty_grid_columns_before_a_row_are_cut_at_the_tables_grid():
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "序号", "项目名称"
    table.rows[0]._tr.insert(0, parse_xml(f'<w:trPr {nsdecls("w")}><w:gridBefore w:val="300000000"/></w:trPr>'))
    buffer = io.BytesIO()
    document.save(buffer)

    [table] = read_file("责任分解表.docx", buffer.getvalue(), max_bytes=MAX_BYTES)

    assert table.rows[0].cells == ("", "", "序号", "项目名称")


def test_a_document_table_beyond_the_row_limit_is_refused_naming_the_table(settings):
    settings.IMPORT_MAX_ROWS = 2

    assert refusal(spanning_document(), name="责任分解表.docx") == (
        "Table 表1 is too large to read: it has at least 3 rows by 3 columns; "
        "at most 2 rows, 200 columns and 1,000,000 cells can be read."
    )


# --- the whole import in a process of its own, with 2 GB and 60 s -----------------------------


@pytest.fixture(scope="module")
def database(tmp_path_factory) -> str:
    """An empty, migrated SQLite database for the child processes (the test database is not theirs)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('hostile') / 'db.sqlite3'}"
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], cwd=ROOT, env={**os.environ, "DATABASE_URL": url},
                   check=True, timeout=300)
    return url


def limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def import_in_a_process(path: Path, database: str) -> tuple[int, dict]:
    """`import_table PATH --dry-run --json` with 2 GB of address space; fails the test after 60 s."""
    result = subprocess.run(
        [sys.executable, "manage.py", "import_table", str(path), "--dry-run", "--json"],
        cwd=ROOT, env={**os.environ, "DATABASE_URL": database}, preexec_fn=limit_memory,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode in (0, 1), result.stderr[-2000:]  # not killed, not aborted (134)
    return result.returncode, json.loads(result.stdout)


@pytest.mark.parametrize("build", [
    lambda: far_corner_workbook(with_header=False),
    lambda: far_corner_workbook(with_header=True),
    sparse_million_row_workbook,
    million_row_workbook,
], ids=["last-cell-only", "first-and-last-cell", "first-and-last-row", "a-million-rows"])  # fmt: skip
def test_a_huge_sheet_is_refused_quickly_by_the_command(tmp_path, database, settings, build):
    path = tmp_path / "责任分解表.xlsx"
    path.write_bytes(build())
    assert path.stat().st_size < settings.MAX_UPLOAD_MB * 1024 * 1024

    code, summary = import_in_a_process(path, database)

    assert code == 1
    [error] = summary["errors"]
    # The child speaks the site's language; the sheet's name and the limit read the same in any.
    assert SHEET_NAME in error["message"] and "20,000" in error["message"]


def test_a_document_cell_spanning_300_million_columns_is_read_by_the_command(tmp_path, database):
    path = tmp_path / "责任分解表.docx"
    path.write_bytes(spanning_document())

    _code, summary = import_in_a_process(path, database)

    # Both projects are read; the title names no jurisdiction, which is the only error.
    assert summary["counts"]["projects"] == 2
    assert not any("20,000" in error["message"] for error in summary["errors"])


def headerless_text(rows: int) -> str:
    """A pasted table without a header row: every column's role has to be read from its cells."""
    lines = ["合肥市蜀山区2024年民生实事项目清单"]
    lines += [f"{n}\t项目{n}\t区教育局、区财政局\t王强\t{n % 900 + 10}\t2024年12月" for n in range(1, rows + 1)]
    return "\n".join(lines)


def prose_text(items: int) -> str:
    """A numbered list as long as the row limit, each item with its roles in brackets."""
    lines = ["合肥市蜀山区2024年民生实事项目"]
    lines += [f"{n}.新建口袋公园{n}个，改造绿地{n}处。（牵头单位：区城管局；配合单位：区财政局、区住建局；"
              f"责任领导：王强；完成时限：2024年12月底）" for n in range(1, items + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize(("build", "projects"), [
    (lambda: headerless_text(19_000), 19_000),
    (lambda: prose_text(19_000), 19_000),
    (lambda: "合肥市蜀山区2024年民生实事项目\n" + "（牵头单位：" * 200_000, 0),
], ids=["headerless-19000-rows", "prose-19000-items", "200000-open-brackets"])  # fmt: skip
def test_tables_read_without_a_header_stay_bounded(tmp_path, database, build, projects):
    path = tmp_path / "清单.txt"
    path.write_text(build(), encoding="utf-8")

    code, summary = import_in_a_process(path, database)

    assert summary["counts"]["projects"] == projects
    if projects:
        assert code == 0 or all("20,000" not in error["message"] for error in summary["errors"])


# --- merged ranges -------------------------------------------------------------------------------


def merged_workbook(ranges: list[str]) -> bytes:
    """A sheet of 2,000 rows by 60 columns (values in A1 and BH2000) with these merged ranges."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet["A1"], sheet["BH2000"] = "序号", "备注"
    merges = "".join(f'<mergeCell ref="{span}"/>' for span in ranges)
    return replace_in_part(save_workbook(workbook), SHEET, "</sheetData>",
                           f'</sheetData><mergeCells count="{len(ranges)}">{merges}</mergeCells>')


def test_overlapping_merged_ranges_are_refused_not_filled_cell_by_cell_again_and_again():
    # 400 ranges over nearly the whole sheet, a few KB packed: filled one by one they asked for 48 million
    # cells; no sheet Excel writes has two ranges covering one cell.
    data = merged_workbook([f"A{row}:BG1999" for row in range(2, 402)])
    assert len(data) < 20_000
    assert refusal(data) == f"Sheet {SHEET_NAME} is damaged and cannot be read: its merged cells overlap."


def test_ranges_that_tile_the_sheet_and_one_right_of_its_values_are_read():
    data = merged_workbook([f"B{row}:C{row + 1}" for row in range(2, 1998, 2)] + ["CA1:CA2000"])
    rows = read_file("责任分解表.xlsx", data, max_bytes=MAX_BYTES)[0].rows
    assert [row.line for row in rows] == [1, 2000]  # read, not refused: the empty rows between are left out
