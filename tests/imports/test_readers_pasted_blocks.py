"""An admin pastes a table she copied from a government web page: every cell comes alone between
blank lines (the "blocks" shape of imports.read.pasted). Two things on real pages used to shift
every row: header words her browser wrapped over two blocks (责任<p>领导), and section headings
spanning the table between the numbered rows. These are her stories."""

from pathlib import Path

import pytest

from imports.foundation.layouts import count_header_cells
from imports.read import read_file, read_text
from imports.read.wrapped_headers import count_wrapped_header_cells


@pytest.fixture(autouse=True)
def _no_size_limits(settings):
    # These stories time the reader on 100,000 lines; an upload past IMPORT_MAX_ROWS is refused
    # (tests/imports/test_upload_memory.py), so the limits are lifted to see the algorithm alone.
    settings.IMPORT_MAX_ROWS, settings.IMPORT_MAX_COLUMNS, settings.IMPORT_MAX_CELLS = 10**7, 10**5, 10**9


REAL = Path(__file__).resolve().parent / "real"
MAX_BYTES = 1024 * 1024


def page(*blocks: str) -> str:
    """Text as a browser copies an HTML table: each cell alone, blank lines between."""
    return "\n\n".join(blocks) + "\n"


def rows_of(text: str, header_cells=count_header_cells) -> list[tuple[str, ...]]:
    return [row.cells for row in read_text(text, name="粘贴", header_cells=header_cells).rows]


# --- header words wrapped over two blocks -------------------------------------------------------

TOWN_PAGE = page(
    "某镇2024年二季度执行情况表",
    "序号", "重点工作", "责任", "领导", "责任", "科室", "攻坚目标", "任务", "完成情况",
    "1", "水库工程政策处理", "陈立军", "水库工作领导小组", "完成库区政策处理。", "完成约六成。",
    "2", "美丽城镇建设", "吴晓峰", "乡村振兴办", "创成样板镇。", "已完成投资3000万元。",
)


def test_header_words_wrapped_over_two_blocks_are_read_as_one_column_each():
    rows = rows_of(TOWN_PAGE)

    assert rows[1] == ("序号", "重点工作", "责任领导", "责任科室", "攻坚目标任务", "完成情况")
    assert rows[2] == ("1", "水库工程政策处理", "陈立军", "水库工作领导小组", "完成库区政策处理。", "完成约六成。")
    assert rows[3] == ("2", "美丽城镇建设", "吴晓峰", "乡村振兴办", "创成样板镇。", "已完成投资3000万元。")
    assert len(rows) == 4


def test_a_unit_word_wrapped_after_its_first_half_joins_the_block_before():
    # 牵头 | 单位 | 协办 | 单位: each 单位 ends the word before it, it does not start the next one.
    text = page("序号", "项目名称", "牵头", "单位", "协办", "单位", "1", "幼儿园建设", "区教育局", "区住建局")

    assert rows_of(text) == [
        ("序号", "项目名称", "牵头单位", "协办单位"),
        ("1", "幼儿园建设", "区教育局", "区住建局"),
    ]


def test_the_number_of_the_first_row_never_joins_the_header():
    # 完成情况 + 1 would still name a column: a number is never the line of a header word.
    text = page("序号", "任务", "责任", "单位", "完成情况", "1", "修路", "交通局", "已完成")

    assert rows_of(text) == [("序号", "任务", "责任单位", "完成情况"), ("1", "修路", "交通局", "已完成")]


def test_a_title_just_above_the_header_stays_a_title():
    text = page("附件", "序号", "项目名称", "责任", "单位", "1", "修路", "交通局")

    assert rows_of(text) == [("附件",), ("序号", "项目名称", "责任单位"), ("1", "修路", "交通局")]


def test_a_quarter_under_its_group_word_becomes_a_second_header_row_when_the_rows_are_narrower():
    # 工作任务安排<p>第二季度 is one cell: the row numbers 1 and 2 stand four blocks apart, not five.
    # The quarter goes under its group word, the two header rows imports.foundation.layouts reads as one column.
    text = page(
        "序号", "重点工作", "工作任务安排", "第二季度", "完成情况",
        "1", "水库工程", "推进坟墓迁移。", "完成六成。",
        "2", "城镇建设", "推进配套项目。", "完成投资。",
    )

    assert rows_of(text) == [
        ("序号", "重点工作", "工作任务安排", "完成情况"),
        ("", "", "第二季度"),
        ("1", "水库工程", "推进坟墓迁移。", "完成六成。"),
        ("2", "城镇建设", "推进配套项目。", "完成投资。"),
    ]


def test_a_quarter_column_of_its_own_is_kept_when_the_rows_are_as_wide_as_the_header():
    text = page(
        "序号", "重点工作", "年度目标", "二季度进度", "责任单位",
        "1", "水库工程", "完成政策处理。", "完成六成。", "水利站",
        "2", "城镇建设", "创成样板镇。", "完成投资。", "振兴办",
    )

    rows = rows_of(text)

    assert rows[0] == ("序号", "重点工作", "年度目标", "二季度进度", "责任单位")
    assert rows[2] == ("2", "城镇建设", "创成样板镇。", "完成投资。", "振兴办")


def test_a_reader_with_its_own_header_recogniser_gets_the_blocks_as_they_are():
    def three_columns(cells: list[str]) -> int | None:
        return 3 if cells[:1] == ["序号"] else None

    text = page("序号", "责任", "领导", "1", "甲", "乙")

    assert rows_of(text, three_columns) == [("序号", "责任", "领导"), ("1", "甲", "乙")]


def test_the_header_count_other_readers_use_is_unchanged():
    # Word, Excel and tab-separated text keep asking count_header_cells: wrapped words stop it.
    assert count_header_cells(["序号", "项目名称", "牵头单位", "甲"]) == 3
    assert count_header_cells(["序号", "重点工作", "责任", "领导", "责任", "科室"]) is None


# --- section rows between the numbered rows ----------------------------------------------------

DISTRICT_PAGE = page(
    "2023年区政府工作目标任务落实责任分解表",
    "序号", "目  标  任  务", "牵头单位", "责任单位", "责任人",
    "一、主要经济指标等工作目标（牵头领导：刘建华、赵明）",
    "1", "★地区生产总值增长15%。", "区发改局", "区统计局、各乡镇", "张伟",
    "2", "★一般公共预算收入增长10%以上。", "区财政局", "区税务局", "李红梅",
    "二、城乡建设等工作目标（牵头领导：陈志强）",
    "3", "改造老旧小区12个。", "区住建局", "城关镇", "周涛",
)


def test_a_section_heading_spanning_the_table_is_a_row_of_its_own():
    rows = rows_of(DISTRICT_PAGE)

    assert rows == [
        ("2023年区政府工作目标任务落实责任分解表",),
        ("序号", "目  标  任  务", "牵头单位", "责任单位", "责任人"),
        ("一、主要经济指标等工作目标（牵头领导：刘建华、赵明）",),
        ("1", "★地区生产总值增长15%。", "区发改局", "区统计局、各乡镇", "张伟"),
        ("2", "★一般公共预算收入增长10%以上。", "区财政局", "区税务局", "李红梅"),
        ("二、城乡建设等工作目标（牵头领导：陈志强）",),
        ("3", "改造老旧小区12个。", "区住建局", "城关镇", "周涛"),
    ]


def test_a_section_without_a_heading_mark_is_known_by_the_number_after_it():
    # Numbering restarts at 1 under each section; a marked row number (★2) is still a number.
    text = page(
        "序号", "项目名称", "责任单位",
        "教育类", "1", "新建幼儿园", "教育局", "★2", "改造校舍", "教育局",
        "卫生类", "1", "建设卫生院", "卫健局",
    )

    assert rows_of(text) == [
        ("序号", "项目名称", "责任单位"),
        ("教育类",),
        ("1", "新建幼儿园", "教育局"),
        ("★2", "改造校舍", "教育局"),
        ("卫生类",),
        ("1", "建设卫生院", "卫健局"),
    ]


def test_a_note_under_the_last_row_is_its_own_row():
    text = page("序号", "项目名称", "责任单位", "1", "新建幼儿园", "教育局", "注：带★的为约束性指标。")

    assert rows_of(text)[-1] == ("注：带★的为约束性指标。",)


def test_an_empty_number_cell_still_starts_a_full_row():
    # <td>&nbsp;</td> under 序号: an empty cell, not a section.
    text = page("序号", "项目名称", "责任单位", "1", "新建幼儿园", "教育局", "\xa0", "改造校舍", "教育局")

    assert rows_of(text)[-1] == ("", "改造校舍", "教育局")


def test_a_table_without_a_number_column_is_grouped_by_the_header_width_as_before():
    # Rows start with a category, not a number: nothing can tell a heading from a first cell.
    text = page("类别", "任务内容", "责任单位", "经济发展", "增长6%。", "发改局", "民生", "新增学位900个。", "教育局")

    assert rows_of(text) == [
        ("类别", "任务内容", "责任单位"),
        ("经济发展", "增长6%。", "发改局"),
        ("民生", "新增学位900个。", "教育局"),
    ]


def test_a_text_block_that_is_not_followed_by_the_next_number_stays_in_its_row():
    # A row whose 序号 was lost (merged above): no section, the row is grouped as wide as ever.
    text = page("序号", "项目名称", "责任单位", "1", "新建幼儿园", "教育局", "改造校舍", "教育局", "3")

    assert rows_of(text)[2] == ("改造校舍", "教育局", "3")


# --- the two real pages -----------------------------------------------------------------------


def real_rows(file_name: str) -> list[tuple[str, ...]]:
    path = REAL / file_name
    [table] = read_file(path.name, path.read_bytes(), max_bytes=MAX_BYTES, header_cells=count_header_cells)
    return [row.cells for row in table.rows]


def test_the_sizhoutou_page_reads_seven_columns_from_eleven_header_blocks():
    rows = real_rows("zj_xiangshan_sizhoutou_2024_blocks.txt")

    assert rows[2] == ("序号", "重点工作", "责任领导", "责任科室", "攻坚目标任务", "工作任务安排", "完成情况")
    assert rows[3] == ("", "", "", "", "", "第二季度")
    assert [cells[0] for cells in rows[4:]] == ["1", "2", "3", "4", "5"]
    assert {len(cells) for cells in rows[4:]} == {7}
    assert rows[4][1] == "白仙山水库工程政策处理"
    assert rows[-1][3] == "海洋渔业办"


def test_the_yunyang_page_keeps_its_rows_aligned_across_its_sections():
    rows = real_rows("hb_shiyan_yunyang_2023_blocks.txt")
    table = rows[rows.index(("序号", "目  标  任  务", "牵头单位", "责任单位", "责任人")):]

    assert [cells[0] for cells in table if len(cells) == 5][1:] == ["1", "2", "3", "4", "5", "6"]
    assert [cells for cells in table if len(cells) == 1] == [
        ("一、主要经济社会发展指标、发改、财政、营商环境等工作目标（牵头领导：刘建华、赵明）",),
        ("二、城乡建设、交通、住建等工作目标（牵头领导：陈志强）",),
    ]
    assert table[-1] == ("6", "建成城区停车泊位500个。", "区住建局", "区城管执法局、区公安分局", "周涛")


# --- hostile text: linear however it is written ---------------------------------------------------

BLOCKS = 100_000


def test_a_hundred_thousand_header_words_without_a_name_column_read_as_single_cells():
    # Every start could begin a header of 序号 … but none names a name or content.
    rows = rows_of(page(*["序号"] * BLOCKS))

    assert len(rows) == BLOCKS


def test_a_hundred_thousand_wrapped_halves_read_as_single_cells():
    rows = rows_of(page(*["责任", "领导"] * (BLOCKS // 2)))

    assert len(rows) == BLOCKS


def test_a_hundred_thousand_section_like_blocks_under_a_header_are_sections():
    rows = rows_of(page("序号", "项目名称", "责任单位", *["一、标题"] * BLOCKS))

    assert len(rows) == BLOCKS + 1
    assert rows[-1] == ("一、标题",)


def test_a_hundred_thousand_blocks_of_headings_and_numbers_keep_their_rows():
    rows = rows_of(page("序号", "项目名称", "责任单位", *["标题", "1"] * (BLOCKS // 2)))

    # 标题 then 1 is a section, and the 1 starts a row of three blocks: 1, 标题, 1.
    assert rows[1] == ("标题",)
    assert rows[2] == ("1", "标题", "1")


def test_a_hundred_thousand_header_words_with_unknown_halves_find_the_header_once():
    rows = rows_of(page(*(["序号"] * 50 + ["甲", "项目"]) * (BLOCKS // 52)))

    assert rows[0][0] == "序号" and len(rows[0]) > 3
    assert len(rows) < BLOCKS // 10


# --- the running 序号 as row anchors --------------------------------------------------------------


def test_a_row_whose_last_cell_was_empty_ends_where_the_next_number_stands():
    # An empty <td> leaves no block: row 1 has four blocks among rows of five, then a section.
    text = page(
        "序号", "主要工作任务", "牵头单位", "配合单位", "责任领导",
        "一、做大做强主导产业",
        "1", "推动三产融合发展。", "区农业农村局", "区发展改革局",
        "2", "推动签约项目开工。", "近海经济区管委会", "自然资源分局", "冯立群",
        "二、提升城乡品质",
        "3", "改造老旧小区9个。", "区住建局", "各街道办事处", "许丽华",
    )

    assert rows_of(text) == [
        ("序号", "主要工作任务", "牵头单位", "配合单位", "责任领导"),
        ("一、做大做强主导产业",),
        ("1", "推动三产融合发展。", "区农业农村局", "区发展改革局"),
        ("2", "推动签约项目开工。", "近海经济区管委会", "自然资源分局", "冯立群"),
        ("二、提升城乡品质",),
        ("3", "改造老旧小区9个。", "区住建局", "各街道办事处", "许丽华"),
    ]


def test_a_second_goal_under_a_merged_task_is_a_row_under_its_number_and_name():
    # Task 2 has two goals: the second <tr> has only its goal and completion, two blocks among fours.
    text = page(
        "序号", "任务名称", "年度任务及目标", "全年完成情况",
        "1", "疫情防控", "不发生聚集性疫情", "全年未发生。",
        "2", "科技创新", "1.建设文化平台", "平台已上线。", "2.新增高新技术企业50家", "新增58家。",
        "3", "小区整治", "完成8个小区", "全部完工。",
    )

    [*_, first_goal, second_goal, third] = read_text(text, name="粘贴", header_cells=count_header_cells).rows

    assert first_goal.cells == ("2", "科技创新", "1.建设文化平台", "平台已上线。")
    assert second_goal.cells == ("2", "科技创新", "2.新增高新技术企业50家", "新增58家。")
    assert second_goal.merged == {0, 1}
    assert third.cells == ("3", "小区整治", "完成8个小区", "全部完工。")


def test_three_goals_under_a_merged_task_are_three_rows():
    text = page(
        "序号", "任务名称", "年度任务及目标", "全年完成情况",
        "1", "科技创新", "1.建平台", "已上线。", "2.新增企业", "新增58家。", "3.引进人才", "引进20人。",
        "2", "小区整治", "完成8个小区", "全部完工。",
    )

    assert rows_of(text)[1:] == [
        ("1", "科技创新", "1.建平台", "已上线。"),
        ("1", "科技创新", "2.新增企业", "新增58家。"),
        ("1", "科技创新", "3.引进人才", "引进20人。"),
        ("2", "小区整治", "完成8个小区", "全部完工。"),
    ]


def test_a_category_merged_down_on_the_left_is_repeated_on_the_rows_that_lost_it():
    # 领域 before 序号 is written once per group: the rows under it start with their number.
    text = page(
        "领域", "序号", "重要项目", "主责部门", "配合部门",
        "一、经济发展", "1", "稳增长", "区发展改革委", "区财政局",
        "2", "楼宇经济", "区商务委", "各街道",
        "二、城区建设", "3", "旧区改造", "区建管委", "区房管局",
    )

    rows = read_text(text, name="粘贴", header_cells=count_header_cells).rows

    assert [row.cells for row in rows] == [
        ("领域", "序号", "重要项目", "主责部门", "配合部门"),
        ("一、经济发展", "1", "稳增长", "区发展改革委", "区财政局"),
        ("一、经济发展", "2", "楼宇经济", "区商务委", "各街道"),
        ("二、城区建设", "3", "旧区改造", "区建管委", "区房管局"),
    ]
    assert [row.merged for row in rows[1:]] == [frozenset(), {0}, frozenset()]


def test_a_figure_in_a_cell_equal_to_the_next_number_does_not_start_a_row():
    # Row 2's amount is 3 (万元): the real row 3 stands a full row later.
    text = page(
        "序号", "项目名称", "投资（万元）", "责任单位",
        "1", "修路", "5", "交通局",
        "2", "建校", "3", "教育局",
        "3", "改厕", "2", "农业农村局",
    )

    assert rows_of(text)[1:] == [
        ("1", "修路", "5", "交通局"), ("2", "建校", "3", "教育局"), ("3", "改厕", "2", "农业农村局"),
    ]


def test_numbering_restarting_at_one_after_a_section_keeps_the_rows():
    text = page(
        "序号", "项目名称", "责任单位", "责任领导",
        "教育类", "1", "新建幼儿园", "教育局",
        "卫生类", "1", "建设卫生院", "卫健局", "王伟",
        "2", "改造诊所", "卫健局", "王伟",
    )

    assert rows_of(text)[1:] == [
        ("教育类",), ("1", "新建幼儿园", "教育局"),
        ("卫生类",), ("1", "建设卫生院", "卫健局", "王伟"), ("2", "改造诊所", "卫健局", "王伟"),
    ]


def test_quarters_written_after_the_whole_first_header_row_go_under_their_group():
    # 阶段性工作计划 spans four quarters in a second header row: nine blocks, and the rows say eight
    # columns (1 and 2 stand eight blocks apart): five cells above, four quarters under one of them.
    text = page(
        "序号", "重要项目", "阶段性工作计划", "主责部门", "配合部门", "第一季度", "第二季度", "第三季度", "第四季度",
        "1", "稳增长", "制定方案。", "完成建设。", "走访企业。", "完成目标。", "区发展改革委", "区财政局",
        "2", "楼宇经济", "完成评估。", "推出清单。", "招商推介。", "新增2幢。", "区商务委", "各街道",
    )

    assert rows_of(text) == [
        ("序号", "重要项目", "阶段性工作计划", "", "", "", "主责部门", "配合部门"),
        ("", "", "第一季度", "第二季度", "第三季度", "第四季度"),
        ("1", "稳增长", "制定方案。", "完成建设。", "走访企业。", "完成目标。", "区发展改革委", "区财政局"),
        ("2", "楼宇经济", "完成评估。", "推出清单。", "招商推介。", "新增2幢。", "区商务委", "各街道"),
    ]


def test_a_column_word_the_vocabulary_lacks_stays_a_column_before_a_known_one():
    # 主抓科室 names no column the words know; 配合部门 names one by itself: two columns, not 主抓科室配合部门.
    assert count_wrapped_header_cells(["序号", "项目", "工作目标", "主抓科室", "配合部门", "1"]) == (
        5, ("序号", "项目", "工作目标", "主抓科室", "配合部门"),
    )
    # A fragment of two characters still joins the word after it, and a word across the seam too.
    assert count_wrapped_header_cells(["序号", "项目", "分管", "领导", "攻坚目标", "任务", "1"]) == (
        6, ("序号", "项目", "分管领导", "攻坚目标任务"),
    )
    # Before three known cells, an unknown word ends the header.
    assert count_wrapped_header_cells(["序号", "主要工作抓手", "牵头单位", "配合单位", "责任领导"]) is None


def test_a_title_naming_a_column_word_is_no_header_cell():
    text = page("工作任务分解表", "序号", "工作任务", "牵头单位", "1", "修路", "交通局")

    assert rows_of(text) == [("工作任务分解表",), ("序号", "工作任务", "牵头单位"), ("1", "修路", "交通局")]


def test_the_dongcheng_page_reads_task_two_as_two_rows():
    rows = real_rows("bj_dongcheng_2021_blocks.txt")
    table = rows[rows.index(("序号", "任务名称", "年度任务及目标", "全年完成情况")) + 1 :]

    assert [cells[:2] for cells in table] == [
        ("1", "常态化疫情防控"), ("2", "国际科技创新中心建设工作"), ("2", "国际科技创新中心建设工作"),
        ("3", "老旧小区综合整治"), ("4", "背街小巷环境整治提升"), ("5", "接诉即办"),
    ]
    assert table[2][2:] == ("2.支持区内科技企业申报高新技术企业，新增认定50家", "全年新增认定国家高新技术企业58家。")


def test_the_changning_page_reads_ten_columns_under_a_header_of_two_rows():
    rows = real_rows("sh_changning_2019_blocks.txt")
    start = rows.index(("领域", "序号", "重要 项目", "目标任务和工作要求", "阶段性目标和工作任务量", "", "", "",
                        "主责部门", "配合部门"))
    table = rows[start + 2 :]

    assert rows[start + 1] == ("", "", "", "", "第一季度", "第二季度", "第三季度", "第四季度")
    assert [cells[:2] for cells in table] == [
        ("一、经济发展", "1"), ("一、经济发展", "2"), ("二、城区建设", "3"), ("二、城区建设", "4"),
        ("三、民生保障", "5"),
    ]
    assert {len(cells) for cells in table} == {10}
    assert table[0][8:] == ("区发展改革委", "区财政局、区统计局、区商务委")


def test_the_liaozhong_rows_keep_their_places_once_the_header_is_known():
    # 主要工作举措 is no header word the importer knows (see the report); read as 主要工作任务, its rows are right.
    text = (REAL / "ln_shenyang_liaozhong_2024_blocks.txt").read_text(encoding="utf-8")
    rows = rows_of(text.replace("主要工作举措", "主要工作任务"))
    table = rows[rows.index(("序号", "主要工作任务", "牵头单位", "配合单位", "责任领导")) + 1 :]

    assert [cells[0] for cells in table] == ["一、做大做强主导产业", "1", "2", "3", "二、提升城乡品质", "4", "5"]
    assert table[1][2:] == ("区农业农村局", "区发展改革局、区工业和信息化局、沈阳近海经济区管委会")
    assert table[-1] == ("5", "新改建农村公路60公里。", "区交通运输局", "各镇政府", "许丽华")


def test_a_hundred_thousand_consecutive_numbers_are_rows_of_their_own():
    rows = rows_of(page("序号", "项目名称", "责任单位", *map(str, range(1, BLOCKS + 1))))

    assert len(rows) == BLOCKS + 1
    assert rows[-1] == (str(BLOCKS),)


def test_a_hundred_thousand_blocks_of_the_same_number_are_grouped_by_the_width():
    rows = rows_of(page("序号", "项目名称", "责任单位", *["2"] * BLOCKS))

    assert rows[1] == ("2", "2", "2")
    assert len(rows) == 1 + -(-BLOCKS // 3)


def test_a_hundred_thousand_goal_blocks_between_far_numbers_read_in_linear_time():
    # Rows of a number and ten blocks under a header of four: every gap is rows under merged cells.
    chunk = ["甲", "乙"] * 5
    blocks = [block for number in range(1, BLOCKS // 11 + 1) for block in (str(number), *chunk)]
    rows = rows_of(page("序号", "任务名称", "年度目标", "完成情况", *blocks))

    assert rows[1] == ("1", "甲", "乙", "甲")
    assert len(rows) > BLOCKS // 11
