"""CSV files at the edges of detection: tabs inside quoted cells, stray NULs, binary files named .csv."""

import csv
import io

import pytest
from django.utils import translation

from imports.read import RawRow, ReadError, read_file

MAX_BYTES = 1024 * 1024
HEADER = ("序号", "项目名称", "承办单位", "分管领导")


def csv_bytes(rows: list[tuple[str, ...]], *, encoding: str = "utf-8", quoting: int = csv.QUOTE_MINIMAL) -> bytes:
    """The rows as a CSV: comma-separated, CRLF, quoted only where needed unless told otherwise."""
    buffer = io.StringIO(newline="")
    csv.writer(buffer, quoting=quoting).writerows(rows)
    return buffer.getvalue().encode(encoding)


def read_cells(data: bytes, name: str = "名单.csv") -> list[tuple[str, int, tuple[str, ...]]]:
    [table] = read_file(name, data, max_bytes=MAX_BYTES)
    return [(row.sheet, row.line, row.cells) for row in table.rows]


def refusal(name: str, data: bytes) -> str:
    with translation.override("en"), pytest.raises(ReadError) as raised:
        read_file(name, data, max_bytes=MAX_BYTES)
    return str(raised.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
@pytest.mark.parametrize("quoting", [csv.QUOTE_MINIMAL, csv.QUOTE_ALL], ids=["unquoted", "quoted"])
def test_a_tab_inside_a_cell_does_not_make_the_file_tab_separated(encoding, quoting):
    data = csv_bytes(
        [HEADER, ("1", "关爱女孩行动", "区卫健局\t区民政局", "张剑辉"), ("2", "护理补助", "区卫健局", "王伟")],
        encoding=encoding,
        quoting=quoting,
    )

    assert read_cells(data) == [
        ("名单.csv", 1, HEADER),
        ("名单.csv", 2, ("1", "关爱女孩行动", "区卫健局\t区民政局", "张剑辉")),
        ("名单.csv", 3, ("2", "护理补助", "区卫健局", "王伟")),
    ]


def test_quoted_cells_with_tabs_and_line_breaks_stay_whole_in_every_row():
    # Cells copied from Word into Excel: indented lines and tab-aligned figures, in every row.
    rows = [
        HEADER,
        ("1", "关爱女孩行动", "区卫健局\n\t区民政局", "张剑辉"),
        ("2", "护理补助\t（续）", "区卫健局\t\t区财政局", "王伟"),
        ("3", "|老旧小区|改造|", "区住建局\n\t|街道|", "李明"),
    ]

    assert [cells for _sheet, _line, cells in read_cells(csv_bytes(rows))] == [
        HEADER,
        ("1", "关爱女孩行动", "区卫健局\n\t区民政局", "张剑辉"),
        ("2", "护理补助\t（续）", "区卫健局\t\t区财政局", "王伟"),
        ("3", "|老旧小区|改造|", "区住建局\n\t|街道|", "李明"),
    ]


def test_tab_separated_text_with_commas_in_its_cells_is_still_read_as_text():
    text = "序号\t项目名称\t金额\n1\t关爱女孩行动\t1,000\n2\t护理补助\t2,500\n"

    assert read_cells(text.encode(), name="名单.txt") == [
        ("文本", 1, ("序号", "项目名称", "金额")),
        ("文本", 2, ("1", "关爱女孩行动", "1,000")),
        ("文本", 3, ("2", "护理补助", "2,500")),
    ]


def test_a_markdown_table_with_commas_in_its_cells_is_still_read_as_text():
    text = "| 序号 | 项目名称 | 金额 |\n|---|---|---|\n| 1 | 关爱女孩行动 | 1,000 |\n| 2 | 护理补助 | 2,500 |\n"

    assert [cells for _sheet, _line, cells in read_cells(text.encode(), name="名单.txt")] == [
        ("序号", "项目名称", "金额"),
        ("1", "关爱女孩行动", "1,000"),
        ("2", "护理补助", "2,500"),
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_a_stray_nul_does_not_make_a_csv_unreadable_and_is_passed_on_in_its_cell(encoding):
    # The reader keeps the NUL so that the interpreter can drop it with a warning at its cell.
    data = csv_bytes([HEADER, ("1", "关爱女孩\x00行动", "区卫健局", "张剑辉")], encoding=encoding)

    [table] = read_file("名单.csv", data, max_bytes=MAX_BYTES)

    assert table.rows[1] == RawRow(sheet="名单.csv", line=2, cells=("1", "关爱女孩\x00行动", "区卫健局", "张剑辉"))


def test_a_few_nuls_in_a_long_csv_are_tolerated():
    rows = [HEADER] + [(str(number), f"项目{number}", "区卫健局", "张剑辉") for number in range(1, 2001)]
    data = bytearray(csv_bytes(rows))
    for position in (100, 20_000, 40_000, 60_000):
        line_start = data.index(b"\n", position) + 1
        data[line_start:line_start] = b"\x00"

    [table] = read_file("名单.csv", bytes(data), max_bytes=MAX_BYTES)

    assert len(table.rows) == 2001


def test_a_binary_file_renamed_csv_is_still_refused():
    # Mostly ASCII but full of NULs, as a binary format's records or UTF-16 text without a BOM.
    binary = (b"\x00\x00\x00\x08Sheet1\x00\x00\x01\x00" * 200) + "序号,项目名称\n".encode("utf-16-le")

    assert refusal("名单.csv", binary) == "The file is not text in a known encoding (UTF-8 or GB18030)."


def test_utf16_text_without_a_bom_is_refused_as_unknown_text():
    data = "no,name,unit\n1,abc,def\n".encode("utf-16-le") * 5

    assert refusal("名单.csv", data) == "The file is not text in a known encoding (UTF-8 or GB18030)."
