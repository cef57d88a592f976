"""A table copied from a web page: cells holding line breaks, and cells merged down over rows.

A browser copies an HTML table as one line per row with a tab between cells, but a cell holding
line breaks (<br>, or three units on three lines) cuts its row into several lines, and a row
under a cell merged down over it (rowspan) loses that cell. The reader puts the lines of a row
back together by the width of the header, and aligns the rows under merged cells to the right.
"""

import pytest

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file, read_text


@pytest.fixture(autouse=True)
def _no_size_limits(settings):
    # These stories time the reader on 100,000 lines; an upload past IMPORT_MAX_ROWS is refused
    # (tests/imports/test_upload_memory.py), so the limits are lifted to see the algorithm alone.
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS, settings.IMPORT_MAX_CELLS = 10**7, 10**5, 10**9


MAX_BYTES = 1024 * 1024
HEADER = "序号\t项目名称\t建设内容\t牵头单位\t责任领导"
HEADER_CELLS = ("序号", "项目名称", "建设内容", "牵头单位", "责任领导")


def rows_of(*lines: str) -> list[tuple[int, tuple[str, ...]]]:
    """(line, cells) of the pasted lines, read as the upload reads them."""
    table = read_text("\n".join(lines) + "\n", name="粘贴", header_cells=count_header_cells)
    return [(row.line, row.cells) for row in table.rows]


def merged_of(*lines: str) -> list[tuple[int, tuple[int, ...]]]:
    """(line, indices of the cells repeated from the row above) of the rows that have some."""
    table = read_text("\n".join(lines) + "\n", name="粘贴", header_cells=count_header_cells)
    return [(row.line, tuple(sorted(row.merged))) for row in table.rows if row.merged]


# --- cells holding line breaks ----------------------------------------------------------------


def test_a_unit_cell_wrapped_over_two_lines_stays_one_cell():
    assert rows_of(
        HEADER,
        "1\t建设公园\t新建口袋公园3个\t区城管局",
        "区住建局\t张三",
        "2\t城区学校扩容\t新建教学楼\t区教育局\t李明",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "建设公园", "新建口袋公园3个", "区城管局\n区住建局", "张三")),
        (4, ("2", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
    ]


def test_a_project_name_wrapped_over_two_lines_stays_one_cell():
    assert rows_of(
        HEADER,
        "1\t城区口袋公园",
        "建设工程\t新建口袋公园3个\t区城管局\t张三",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区口袋公园\n建设工程", "新建口袋公园3个", "区城管局", "张三")),
    ]


def test_a_unit_cell_holding_three_units_on_three_lines_stays_one_cell():
    assert rows_of(
        HEADER,
        "1\t义务教育学校改造\t改造校舍12所\t区教育局",
        "区财政局",
        "区住建局\t李明",
        "2\t建设公园\t新建口袋公园3个\t区城管局\t张三",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "义务教育学校改造", "改造校舍12所", "区教育局\n区财政局\n区住建局", "李明")),
        (5, ("2", "建设公园", "新建口袋公园3个", "区城管局", "张三")),
    ]


def test_a_content_cell_with_a_line_between_its_first_and_last_keeps_all_three():
    assert rows_of(
        HEADER,
        "1\t老旧小区改造\t①改造雨污管网",
        "②加装电梯20台",
        "③增设停车位\t区住建局\t王伟",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "老旧小区改造", "①改造雨污管网\n②加装电梯20台\n③增设停车位", "区住建局", "王伟")),
    ]


def test_several_cells_of_one_row_may_each_hold_a_line_break():
    assert rows_of(
        HEADER,
        "1\t城区口袋公园",
        "建设工程\t新建口袋公园3个\t区城管局",
        "区住建局\t张三",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区口袋公园\n建设工程", "新建口袋公园3个", "区城管局\n区住建局", "张三")),
    ]


def test_a_short_line_that_the_next_lines_cannot_complete_stays_a_row_of_its_own():
    # 1 + 4 tabs overshoot the header's 4: the first line is a row (of its own) and so is the next.
    assert rows_of(HEADER, "1\t建设公园", "2\t城区学校扩容\t新建教学楼\t区教育局\t李明") == [
        (1, HEADER_CELLS),
        (2, ("1", "建设公园")),
        (3, ("2", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
    ]


def test_a_blank_line_ends_a_row_even_when_the_lines_after_it_would_complete_it():
    assert rows_of(HEADER, "1\t建设公园\t新建口袋公园3个", "", "区城管局\t张三") == [
        (1, HEADER_CELLS),
        (2, ("1", "建设公园", "新建口袋公园3个")),
        (4, ("区城管局", "张三")),
    ]


def test_text_above_the_header_is_read_line_by_line_as_before():
    assert rows_of("附件\t", "2024年为民办实事项目\t责任分解表", HEADER) == [
        (1, ("附件",)),
        (2, ("2024年为民办实事项目", "责任分解表")),
        (3, HEADER_CELLS),
    ]


def test_without_a_header_recogniser_every_line_is_still_a_row():
    text = f"{HEADER}\n1\t建设公园\t新建口袋公园3个\t区城管局\n区住建局\t张三\n"

    assert [row.cells for row in read_text(text, name="粘贴").rows] == [
        HEADER_CELLS,
        ("1", "建设公园", "新建口袋公园3个", "区城管局"),
        ("区住建局", "张三"),
    ]


# --- rows under cells merged down over them -------------------------------------------------------


def test_a_row_under_a_merged_number_and_name_is_aligned_to_the_right_and_marked_merged():
    lines = (
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "扩建食堂\t区教育局\t李明",
        "2\t建设公园\t新建口袋公园3个\t区城管局\t张三",
    )

    assert rows_of(*lines) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
        (3, ("1", "城区学校扩容", "扩建食堂", "区教育局", "李明")),
        (4, ("2", "建设公园", "新建口袋公园3个", "区城管局", "张三")),
    ]
    assert merged_of(*lines) == [(3, (0, 1))]


def test_three_rows_under_one_merged_name_are_not_stitched_into_one():
    # Two three-cell lines add up to the header's five cells; repeating the unit and leader of
    # the row above says they are rows under the merged number and name, not one cut row.
    lines = (
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "扩建食堂\t区教育局\t李明",
        "改造操场\t区教育局\t李明",
        "2\t建设公园\t新建口袋公园3个\t区城管局\t张三",
    )

    assert [cells for _line, cells in rows_of(*lines)][1:4] == [
        ("1", "城区学校扩容", "新建教学楼", "区教育局", "李明"),
        ("1", "城区学校扩容", "扩建食堂", "区教育局", "李明"),
        ("1", "城区学校扩容", "改造操场", "区教育局", "李明"),
    ]
    assert merged_of(*lines) == [(3, (0, 1)), (4, (0, 1))]


def test_two_rows_under_one_merged_name_sharing_their_unit_are_not_stitched_into_one():
    # The unit and leader differ from the row above, but the two lines repeat each other's.
    lines = (
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "改造操场\t区体育局\t陈静",
        "新建风雨操场\t区体育局\t陈静",
    )

    assert [cells for _line, cells in rows_of(*lines)][2:] == [
        ("1", "城区学校扩容", "改造操场", "区体育局", "陈静"),
        ("1", "城区学校扩容", "新建风雨操场", "区体育局", "陈静"),
    ]
    assert merged_of(*lines) == [(3, (0, 1)), (4, (0, 1))]


def test_two_lines_completing_each_other_without_a_repeated_cell_are_one_cut_row():
    # Three cells and three cells make the five of the header: a content cell cut in the middle.
    assert rows_of(
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "2\t老旧小区改造\t①改造雨污管网",
        "②加装电梯20台\t区住建局\t王伟",
    )[2:] == [(3, ("2", "老旧小区改造", "①改造雨污管网\n②加装电梯20台", "区住建局", "王伟"))]


def test_a_short_row_right_below_the_header_is_not_aligned():
    assert rows_of(HEADER, "扩建食堂\t区教育局\t李明") == [(1, HEADER_CELLS), (2, ("扩建食堂", "区教育局", "李明"))]
    assert merged_of(HEADER, "扩建食堂\t区教育局\t李明") == []


def test_full_width_rows_with_empty_leading_cells_are_left_as_they_are():
    lines = (HEADER, "1\t幼有所育\t新增托位400个\t区卫健局\t李明", "\t\t完成10座公园适儿化改造\t区执法局\t李明")

    assert rows_of(*lines)[2] == (3, ("", "", "完成10座公园适儿化改造", "区执法局", "李明"))
    assert merged_of(*lines) == []


# --- what is not part of any row ------------------------------------------------------------------


def test_a_section_row_between_data_rows_is_not_swallowed():
    assert rows_of(
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "二、城建方面",
        "2\t建设公园\t新建口袋公园3个\t区城管局",
        "区住建局\t张三",
        "三、民生方面\t\t",
        "3\t社区食堂\t新建",
        "老年食堂10家\t区民政局\t王伟",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
        (3, ("二、城建方面",)),
        (4, ("2", "建设公园", "新建口袋公园3个", "区城管局\n区住建局", "张三")),
        (6, ("三、民生方面",)),
        (7, ("3", "社区食堂", "新建\n老年食堂10家", "区民政局", "王伟")),
    ]


def test_a_row_after_a_section_row_is_not_aligned_under_the_row_before_it():
    lines = (HEADER, "1\t城区学校扩容\t新建教学楼\t区教育局\t李明", "二、城建方面", "扩建食堂\t区教育局\t李明")

    assert rows_of(*lines)[-1] == (4, ("扩建食堂", "区教育局", "李明"))
    assert merged_of(*lines) == []


def test_a_repeated_header_is_not_swallowed_nor_aligned_under():
    assert rows_of(
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "扩建食堂\t区教育局\t李明",
        HEADER,
        "改造操场\t区教育局\t李明",
        "2\t建设公园\t新建口袋公园3个\t区城管局\t张三",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
        (3, ("1", "城区学校扩容", "扩建食堂", "区教育局", "李明")),
        (4, HEADER_CELLS),
        (5, ("改造操场", "区教育局", "李明")),
        (6, ("2", "建设公园", "新建口袋公园3个", "区城管局", "张三")),
    ]


def test_a_totals_row_is_neither_swallowed_nor_aligned():
    assert rows_of(
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "扩建食堂\t区教育局\t李明",
        "合计\t\t500",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
        (3, ("1", "城区学校扩容", "扩建食堂", "区教育局", "李明")),
        (4, ("合计", "", "500")),
    ]


def test_notes_after_the_table_stay_rows_of_their_own():
    assert rows_of(
        HEADER,
        "1\t城区学校扩容\t新建教学楼\t区教育局\t李明",
        "注：1.各牵头单位每季度末报送进展情况。",
        "2.联系人及电话",
        "填表人：陈静\t电话：22881234",
        "",
        "区政府办公室\t2024年1月5日",
    ) == [
        (1, HEADER_CELLS),
        (2, ("1", "城区学校扩容", "新建教学楼", "区教育局", "李明")),
        (3, ("注：1.各牵头单位每季度末报送进展情况。",)),
        (4, ("2.联系人及电话",)),
        (5, ("填表人：陈静", "电话：22881234")),
        (7, ("区政府办公室", "2024年1月5日")),
    ]


# --- hostile text -----------------------------------------------------------------------------


def test_a_hundred_thousand_short_lines_are_stitched_four_at_a_time():
    # Every line holds one tab: four of them make a row as wide as the five-cell header.
    text = HEADER + "\n" + "甲\t乙\n" * 100_000

    table = read_text(text, name="粘贴", header_cells=count_header_cells)

    assert len(table.rows) == 1 + 25_000
    assert table.rows[1].cells == ("甲", "乙\n甲", "乙\n甲", "乙\n甲", "乙")
    assert table.rows[-1].line == 99_998


def test_a_short_line_before_a_hundred_thousand_lines_without_a_tab_stays_a_row_of_its_own():
    text = HEADER + "\n甲\t乙\n" + "丙\n" * 100_000 + "1\t建设公园\t新建口袋公园3个\t区城管局\t张三\n"

    table = read_text(text, name="粘贴", header_cells=count_header_cells)

    # 1 tab, none in 100,000 lines, then 4 tabs: past the header's 4, so every line is a row.
    assert len(table.rows) == 1 + 1 + 100_000 + 1
    assert table.rows[1].cells == ("甲", "乙")


def test_a_thousand_column_header_over_a_hundred_thousand_short_lines_reads_each_line_once():
    # Lines of two tabs never add up to the 999 tabs of the header: a reader trying to complete
    # each line by reading ahead would read 500 lines for every one of them.
    header = "序号\t项目名称\t牵头单位\t" + "\t".join(["备注"] * 997)
    text = header + "\n" + "甲\t乙\t丙\n" * 100_000

    table = read_text(text, name="粘贴", header_cells=count_header_cells)

    assert len(table.rows[0].cells) == 1000
    assert len(table.rows) == 1 + 100_000
    assert table.rows[-1].cells == ("甲", "乙", "丙")


# --- through the whole draft ------------------------------------------------------------------

WRAPPED_UNITS_PAGE = """泉州市鲤城区2024年为民办实事项目责任分解表
序号\t项目名称\t建设内容\t牵头单位\t责任领导
1\t义务教育学校改造\t改造校舍12所\t区教育局
区财政局
区住建局\t李明
2\t建设口袋公园\t新建口袋公园3个\t区城管局
区住建局\t张三
3\t社区老年食堂\t新建老年食堂10家\t区民政局\t王伟
"""


def test_a_web_page_table_with_wrapped_unit_cells_drafts_one_project_per_row():
    tables = read_file(
        "粘贴.txt", WRAPPED_UNITS_PAGE.encode(), max_bytes=MAX_BYTES, header_cells=count_header_cells
    )

    draft = draft_plan(tables)

    assert [problem.message for problem in draft.errors] == []
    assert [(project.number, project.name) for project in draft.projects] == [
        ("1", "义务教育学校改造"), ("2", "建设口袋公园"), ("3", "社区老年食堂"),
    ]  # fmt: skip
    assert [[unit.name for unit in project.lead_units] for project in draft.projects] == [
        ["区教育局", "区财政局", "区住建局"], ["区城管局", "区住建局"], ["区民政局"],
    ]  # fmt: skip
    assert [project.leaders for project in draft.projects] == [["李明"], ["张三"], ["王伟"]]


MERGED_NAME_PAGE = """泉州市鲤城区2024年为民办实事项目责任分解表
序号\t项目名称\t建设内容\t牵头单位\t责任领导
1\t城区学校扩容\t新建教学楼\t区教育局\t李明
扩建食堂\t区教育局\t李明
改造操场\t区教育局\t李明
2\t建设口袋公园\t新建口袋公园3个\t区城管局
区住建局\t张三
"""


def test_rows_under_a_merged_number_and_name_draft_as_items_of_that_group():
    tables = read_file("粘贴.txt", MERGED_NAME_PAGE.encode(), max_bytes=MAX_BYTES, header_cells=count_header_cells)

    draft = draft_plan(tables)

    # As the same table reads from Excel or Word: a number and name merged down over rows that
    # each hold their own content make a group, its name the category and each row a project.
    assert [problem.message for problem in draft.errors] == []
    assert [(p.key, p.name, p.category) for p in draft.projects] == [
        ("1", "新建教学楼", "城区学校扩容"), ("1.2", "扩建食堂", "城区学校扩容"), ("1.3", "改造操场", "城区学校扩容"),
        ("2", "新建口袋公园3个", "建设口袋公园"),
    ]  # fmt: skip
    assert [[unit.name for unit in p.lead_units] for p in draft.projects] == [
        ["区教育局"], ["区教育局"], ["区教育局"], ["区城管局", "区住建局"]]
