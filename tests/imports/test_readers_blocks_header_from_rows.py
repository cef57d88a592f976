"""An admin pastes a web table one cell a block whose header the vocabulary's words do not find, or
find wrongly: the rows numbered 1, 2, 3 … under it say where it starts and how wide it is
(imports.read.header_from_rows). These are her stories, and the hostile texts that must still read
in linear time."""

import pytest

from tests.imports.test_readers_pasted_blocks import BLOCKS, page, rows_of


@pytest.fixture(autouse=True)
def _no_size_limits(settings):
    # As in tests/imports/test_readers_pasted_blocks.py: the limits are lifted to see the algorithm alone.
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS, settings.IMPORT_MAX_CELLS = 10**7, 10**5, 10**9


def test_a_header_of_unknown_words_is_as_wide_as_the_numbered_rows_under_it():
    text = page(
        "某县2025年民生实事进展表",
        "位次", "实事名目", "当前状况", "承接主体",
        "1", "幼儿园建设", "主体完工", "县教育局",
        "2", "农村公路", "已完成60公里", "县交通运输局",
        "3", "老年食堂", "已建成10个", "县民政局",
    )  # fmt: skip

    assert rows_of(text) == [
        ("某县2025年民生实事进展表",),
        ("位次", "实事名目", "当前状况", "承接主体"),
        ("1", "幼儿园建设", "主体完工", "县教育局"),
        ("2", "农村公路", "已完成60公里", "县交通运输局"),
        ("3", "老年食堂", "已建成10个", "县民政局"),
    ]


def test_a_word_above_a_header_starting_with_its_number_word_stays_a_line_above():
    text = page("附件", "序号", "任务名称", "量化要求", "牵头单位", *"1 甲 乙 丙 2 丁 戊 己 3 庚 辛 壬".split())

    rows = rows_of(text)

    assert rows[:3] == [("附件",), ("序号", "任务名称", "量化要求", "牵头单位"), ("1", "甲", "乙", "丙")]
    assert len(rows) == 5


def test_a_unit_merged_over_two_rows_does_not_narrow_a_header_of_unknown_words():
    # Row 2 has no unit block (merged with row 1's): the 3 stands one block closer than a full row.
    text = page("序号", "项目", "具体指标", "责任单位", *"1 甲 乙 区住建局 2 丙 丁 3 戊 己 区民政局".split())

    assert rows_of(text) == [
        ("序号", "项目", "具体指标", "责任单位"),
        ("1", "甲", "乙", "区住建局"),
        ("2", "丙", "丁", "区住建局"),
        ("3", "戊", "己", "区民政局"),
    ]


def test_an_empty_last_column_keeps_the_header_from_its_number_word():
    # 情况说明 is empty on every row, and an empty <td> leaves no block: rows are three blocks apart.
    text = page("序号", "实事名目", "承接主体", "情况说明", *"1 甲 县民政局 2 乙 县住建局 3 丙 县教育局".split())

    rows = rows_of(text)

    assert rows[0] == ("序号", "实事名目", "承接主体", "情况说明")
    assert [row[:3] for row in rows[1:]] == [("1", "甲", "县民政局"), ("2", "乙", "县住建局"), ("3", "丙", "县教育局")]


def test_two_short_lines_above_numbered_blocks_are_no_header_without_a_number_word():
    # A title and a notice line are as likely as a header of two unknown words.
    text = page("附件", "2024年民生实事项目", "1", "幼儿园：新建1所", "2", "公路：新建60公里", "3", "食堂：新建10个")

    assert rows_of(text) == [(block.strip(),) for block in text.split("\n\n") if block.strip()]


def test_a_title_naming_a_column_is_not_the_first_cell_of_the_header():
    text = page(
        "鹿城区山福镇2018年民生实事项目", "序号", "项目名称及建设内容",
        "1", "低保暖心工程：投保", "2", "交通惠民工程：停车位",
    )  # fmt: skip

    assert rows_of(text) == [
        ("鹿城区山福镇2018年民生实事项目",),
        ("序号", "项目名称及建设内容"),
        ("1", "低保暖心工程：投保"),
        ("2", "交通惠民工程：停车位"),
    ]


def test_a_category_left_of_the_number_stays_in_the_header():
    text = page("领域", "序号", "项目名称", "责任单位", "教育", "1", "幼儿园", "区教育局", "2", "食堂", "区教育局")

    assert rows_of(text)[:2] == [("领域", "序号", "项目名称", "责任单位"), ("教育", "1", "幼儿园", "区教育局")]


def test_tab_rows_under_a_header_of_unknown_words_get_back_a_unit_merged_over_them():
    text = "序号\t项目\t具体指标\t责任单位\n1\t甲\t乙\t区住建局\n2\t丙\t丁\n3\t戊\t己\t区民政局\n"

    rows = rows_of(text)

    assert rows[2] == ("2", "丙", "丁", "区住建局")
    assert rows[3] == ("3", "戊", "己", "区民政局")


# --- hostile text: linear however it is written ---------------------------------------------------


def test_a_hundred_thousand_blocks_of_short_words_each_run_ending_at_a_one_followed_by_twos():
    # Every 1 ends a run of 30 short blocks and has 30 twos after it: each 2 is looked at once.
    rows = rows_of(page(*(["甲"] * 30 + ["1"] + ["2"] * 30) * (BLOCKS // 61)))

    assert len(rows) == BLOCKS // 61 * 61


def test_a_hundred_thousand_blocks_of_titles_taken_into_headers_find_one_header():
    rows = rows_of(page(*(["民生实事", "序号", "项目名称", "责任单位"] + ["1"]) * (BLOCKS // 5)))

    assert rows[1] == ("序号", "项目名称", "责任单位")
    assert len(rows) < BLOCKS


def test_a_hundred_thousand_numbered_rows_under_a_header_of_unknown_words_read_in_linear_time():
    blocks = [block for number in range(1, BLOCKS // 4 + 1) for block in (str(number), "甲", "乙", "丙")]
    rows = rows_of(page("位次", "实事名目", "当前状况", "承接主体", *blocks))

    assert rows[0] == ("位次", "实事名目", "当前状况", "承接主体")
    assert len(rows) == BLOCKS // 4 + 1


def test_a_hundred_thousand_tab_lines_numbered_one_read_in_linear_time():
    rows = rows_of("甲\t乙\n" + "1\t甲\n" * BLOCKS)

    assert len(rows) == BLOCKS + 1
