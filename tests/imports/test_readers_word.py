"""The .docx reader on documents built here with python-docx."""

import io
import zipfile

import pytest
from django.utils import translation
from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from imports.read import ReadError, read_file

MAX_BYTES = 10 * 1024 * 1024


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def fill_row(table, row: int, texts: list[str]) -> None:
    for column, text in enumerate(texts):
        table.cell(row, column).text = text


def responsibility_document() -> bytes:
    """A title, a table with merges, a section heading, then the table's continuation page."""
    document = Document()
    document.add_paragraph("附件")
    document.add_paragraph("")
    document.add_paragraph("2024年为民办实事项目责任分解表")
    first = document.add_table(rows=5, cols=6)
    fill_row(first, 0, ["序号", "项目名称", "2024年进度计划", "", "", "分管领导"])
    fill_row(first, 1, ["", "", "1季度", "2季度", "3季度", ""])
    fill_row(first, 2, ["1", "关爱女孩行动", "摸底", "实施", "完成", "张剑辉"])
    fill_row(first, 3, ["2", "特困失能老人护理补助项目", "发放", "发放", "发放", ""])
    fill_row(first, 4, ["3", "高龄津贴项目", "", "", "", ""])
    first.cell(0, 2).merge(first.cell(0, 4))
    first.cell(0, 0).merge(first.cell(1, 0))
    first.cell(2, 5).merge(first.cell(4, 5))
    units = first.cell(4, 2)
    units.text = "区卫健局"
    units.add_paragraph("区民政局")
    nested = first.cell(4, 3).add_table(rows=1, cols=2)
    fill_row(nested, 0, ["甲方", "乙方"])
    document.add_paragraph("三、城乡品质提升方面(14项)")
    second = document.add_table(rows=2, cols=6)
    fill_row(second, 0, ["序号", "项目名称", "2024年进度计划", "", "", "分管领导"])
    fill_row(second, 1, ["4", "建设口袋公园项目", "选址", "设计", "施工", "王  伟"])
    second.cell(0, 2).merge(second.cell(0, 4))
    return save(document)


def read_rows(data: bytes) -> list[tuple[str, int, tuple[str, ...]]]:
    [table] = read_file("责任分解表.docx", data, max_bytes=MAX_BYTES)
    return [(row.sheet, row.line, row.cells) for row in table.rows]


def test_body_is_read_in_order_with_paragraphs_as_single_cell_rows():
    rows = read_rows(responsibility_document())

    assert [(sheet, line) for sheet, line, _cells in rows] == [
        ("正文", 1),
        ("正文", 3),
        ("表1", 1),
        ("表1", 2),
        ("表1", 3),
        ("表1", 4),
        ("表1", 5),
        ("正文", 4),
        ("表2", 1),
        ("表2", 2),
    ]
    assert rows[0][2] == ("附件",)
    assert rows[7][2] == ("三、城乡品质提升方面(14项)",)


def test_document_is_one_table_named_after_the_file():
    [table] = read_file("责任分解表.docx", responsibility_document(), max_bytes=MAX_BYTES)

    assert table.name == "责任分解表.docx"


def test_horizontal_span_keeps_its_text_in_the_first_grid_column():
    rows = read_rows(responsibility_document())

    assert rows[2][2] == ("序号", "项目名称", "2024年进度计划", "", "", "分管领导")


def test_vertically_merged_cells_repeat_their_text_down():
    rows = read_rows(responsibility_document())

    assert rows[3][2] == ("序号", "", "1季度", "2季度", "3季度")
    assert [cells[5] for _sheet, _line, cells in rows[4:7]] == ["张剑辉", "张剑辉", "张剑辉"]


def test_cell_paragraphs_and_nested_tables_become_lines_of_the_cell():
    rows = read_rows(responsibility_document())

    assert rows[6][2] == ("3", "高龄津贴项目", "区卫健局\n区民政局", "甲方\n乙方", "", "张剑辉")


def test_a_table_continued_on_the_next_page_follows_with_its_repeated_header():
    rows = read_rows(responsibility_document())

    assert rows[8][2] == ("序号", "项目名称", "2024年进度计划", "", "", "分管领导")
    assert rows[9][2] == ("4", "建设口袋公园项目", "选址", "设计", "施工", "王  伟")


def test_tracked_deletions_and_tab_stops_are_not_text_but_insertions_and_breaks_are():
    document = Document()
    paragraph = document.add_paragraph()
    paragraph._p.append(
        parse_xml(
            f"<w:pPr {nsdecls('w')}><w:tabs><w:tab w:val='left' w:pos='720'/></w:tabs></w:pPr>"
        )
    )
    paragraph._p.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>区卫健局</w:t><w:br/><w:t>区民政局</w:t></w:r>"))
    paragraph._p.append(parse_xml(f"<w:del {nsdecls('w')}><w:r><w:delText>区残联</w:delText></w:r></w:del>"))
    paragraph._p.append(parse_xml(f"<w:ins {nsdecls('w')}><w:r><w:tab/><w:t>区妇联</w:t></w:r></w:ins>"))

    assert read_rows(save(document)) == [("正文", 1, ("区卫健局\n区民政局\t区妇联",))]


def test_a_document_without_any_text_gives_no_table():
    assert read_file("空.docx", save(Document()), max_bytes=MAX_BYTES) == []


def test_a_damaged_document_part_is_refused():
    source = zipfile.ZipFile(io.BytesIO(save(Document())))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            target.writestr(info.filename, b"<w:document" if info.filename == "word/document.xml" else content)

    with translation.override("en"), pytest.raises(ReadError, match="The document is damaged"):
        read_file("坏.docx", output.getvalue(), max_bytes=MAX_BYTES)


def test_a_truncated_document_is_refused():
    data = responsibility_document()

    with translation.override("en"), pytest.raises(ReadError, match="damaged"):
        read_file("坏.docx", data[:-200], max_bytes=MAX_BYTES)
