"""The CSV reader: encodings and delimiters detected from the bytes."""

import pytest
from django.utils import translation

from imports.read import ReadError, read_file
from imports.read.delimited import decode_text, read_delimited, sniff_delimiter

MAX_BYTES = 1024 * 1024

CSV_TEXT = (
    "2023年为民办实事项目责任分解表,,,\r\n"
    "序号,项目名称,承办单位,分管领导\r\n"
    '1,关爱女孩行动,"区卫健局\r\n区民政局",张剑辉\r\n'
    "\r\n"
    "2,特困失能老人护理补助项目,区卫健局, 王  伟 \r\n"
)
EXPECTED = [
    ("名单.csv", 1, ("2023年为民办实事项目责任分解表",)),
    ("名单.csv", 2, ("序号", "项目名称", "承办单位", "分管领导")),
    ("名单.csv", 3, ("1", "关爱女孩行动", "区卫健局\n区民政局", "张剑辉")),
    ("名单.csv", 6, ("2", "特困失能老人护理补助项目", "区卫健局", "王  伟")),
]


def read_rows(data: bytes, name: str = "名单.csv") -> list[tuple[str, int, tuple[str, ...]]]:
    [table] = read_file(name, data, max_bytes=MAX_BYTES)
    return [(row.sheet, row.line, row.cells) for row in table.rows]


@pytest.mark.parametrize(
    "data",
    [CSV_TEXT.encode("utf-8"), b"\xef\xbb\xbf" + CSV_TEXT.encode("utf-8"), CSV_TEXT.encode("gb18030")],
    ids=["utf-8", "utf-8 with BOM", "gb18030"],
)
def test_csv_reads_the_same_in_every_encoding_excel_writes(data):
    assert read_rows(data) == EXPECTED


def test_a_quoted_multi_line_cell_keeps_its_line_break_and_the_next_record_its_own_line():
    rows = read_rows(CSV_TEXT.encode("utf-8"))

    assert rows[2][2][2] == "区卫健局\n区民政局"
    assert rows[3][1] == 6


def test_semicolon_separated_values_are_recognised():
    data = "序号;项目名称;分管领导\n1;关爱女孩行动;张剑辉\n".encode()

    assert read_rows(data) == [
        ("名单.csv", 1, ("序号", "项目名称", "分管领导")),
        ("名单.csv", 2, ("1", "关爱女孩行动", "张剑辉")),
    ]


def test_utf16_tab_separated_text_from_excel_is_read_with_its_quoted_cells():
    text = '序号\t项目名称\t承办单位\r\n1\t关爱女孩行动\t"区卫健局\r\n区民政局"\r\n'

    assert read_rows(text.encode("utf-16"), name="名单.txt") == [
        ("文本", 1, ("序号", "项目名称", "承办单位")),
        ("文本", 2, ("1", "关爱女孩行动", "区卫健局\n区民政局")),
    ]


def test_sniffing_finds_commas_but_not_in_prose():
    assert sniff_delimiter("a,b,c\n1,2,3\n4,5,6\n") == ","
    assert sniff_delimiter("a\tb\n1\t2\n") == "\t"
    assert sniff_delimiter("根据要求,做好工作。\n按计划推进,确保完成,年底验收。\n总结经验。\n") is None


def test_decode_text_prefers_utf8_then_gb18030_and_unifies_line_ends():
    assert decode_text("繁體字\r\n".encode()) == "繁體字\n"
    assert decode_text("区卫健局\r".encode("gb18030")) == "区卫健局\n"


def test_bytes_that_are_no_known_text_are_refused():
    with translation.override("en"), pytest.raises(ReadError, match="not text in a known encoding"):
        decode_text(bytes(range(256)) * 4)


def test_a_field_beyond_the_csv_limit_is_refused_with_its_line():
    text = "序号,项目名称\n1," + "长" * 200_000 + "\n"

    with translation.override("en"), pytest.raises(ReadError, match="Line 2 cannot be read as CSV"):
        read_delimited(text, name="名单.csv", delimiter=",")
