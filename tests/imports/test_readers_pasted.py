"""Pasted text: the five real tables in fixtures/ and the shapes they stand for."""

from pathlib import Path

import pytest

from imports.read import read_file, read_text
from imports.read.pasted import detect_shape

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
MAX_BYTES = 1024 * 1024


def fixture_rows(prefix: str) -> dict[int, tuple[str, ...]]:
    [path] = FIXTURES.glob(f"{prefix}_*.txt")
    [table] = read_file(path.name, path.read_bytes(), max_bytes=MAX_BYTES)
    assert {row.sheet for row in table.rows} == {"文本"}
    return {row.line: row.cells for row in table.rows}


def cells_of(text: str, **options) -> list[tuple[int, tuple[str, ...]]]:
    return [(row.line, row.cells) for row in read_text(text, name="粘贴", **options).rows]


# Fixture 000: Word copied a table as one cell per line, each starting with a tab.


def test_word_table_copy_reads_every_project_as_one_row():
    rows = fixture_rows("000")

    assert len(rows) == 39
    assert rows[2] == ("附件",)
    assert rows[4] == ("2022年鲤城区委、区政府为民办实事项目责任分解表",)
    assert rows[21] == ("社会救助类",)
    assert rows[352] == ("社会投资类",)
    assert [cells[0] for cells in rows.values() if len(cells) == 8][1:] == [str(n) for n in range(1, 35)]


def test_word_table_copy_header_joins_the_wrapped_header_cells():
    rows = fixture_rows("000")

    assert rows[6] == ("序号", "项目名称", "项目简况", "工作计划", "资金安排", "承办\n单位", "协办\n单位", "分管\n领导")


def test_word_table_copy_cell_continues_over_lines_without_a_tab():
    rows = fixture_rows("000")

    assert rows[77] == (
        "7",
        "购买居家养老信息化服务项目",
        "以“特困供养人员、低保对象、重点优抚对象、计划生育特殊家庭成员、重度残疾人、空巢独居人员”中的60周岁以上"
        "老年人和80周岁以上老年人为基数，按照每人每月不低于20元的标准，引进居家养老专业化服务组织，提供居家养老基础服务。",
        "2021年10月进行摸底，11月完成招标，2022年1月开始为老年人提供服务。",
        "计划投资168万元，由区财政投入134.4万元，市财政配套33.6万元。",
        "区民政局",
        "区卫健局\n区退役军人事务局\n区残联\n各街道党工委、办事处",
        "王垦福",
    )


def test_word_table_copy_row_16_has_all_eight_cells():
    rows = fixture_rows("000")

    assert rows[180] == (
        "16",
        "江南新区雨污管网节点整治项目",
        "①对3号污水提升泵站进行提升改造，更换两台75KW排污泵及配电柜，配备自动化PLC柜，维修粗栅格、4套闸门，"
        "安装4套不锈钢导轨，配套出水压力管排查及增设检查井，污水池清泥。②兴贤路排水箱涵清淤工程项目，"
        "对兴贤路排水箱涵进行清淤疏浚，缓解该路段道路积水问题。",
        "1-3月动建，并开工建设；6月完工。",
        "计划投资150万元，由区财政投入。",
        "区城管局",
        "江南城建集团",
        "王  伟",
    )


def test_word_table_copy_lone_tab_is_an_empty_cell():
    rows = fixture_rows("000")

    assert rows[354][5:] == ("中国移动鲤城分公司\n中国电信鲤城分公司\n中国联通泉州市鲤城区分公司", "", "吴小纲")
    assert rows[370][6:] == ("", "吴小纲")
    assert rows[354][2].split("\n")[1].startswith("电信公司：①开展端数通设备升级")


# Fixture 001: Markdown pipe tables, the first one column wider than the others.


def test_pipe_tables_keep_section_headings_between_tables_as_single_cells():
    rows = fixture_rows("001")

    assert len(rows) == 70
    assert rows[3] == ("泉州台商投资区党工委、管委会2024年区级为民办实事项目责任分解表",)
    assert rows[8] == ("一、卫生健康方面(8项)",)
    assert rows[33] == ("三、城乡品质提升方面(14项)",)


def test_pipe_tables_drop_separators_and_the_trailing_empty_header_column():
    rows = fixture_rows("001")
    header = (
        "序号", "项目名称", "推荐理由", "前期准备情况", "2024年进度计划", "", "", "",
        "项目总投资及资金来源 (单位: 万元)", "", "", "", "区分管领导", "承办单位", "协办单位",
    )  # fmt: skip

    # The first table's header ends in "| 协办单位 | |": the empty 16th cell is dropped like
    # every trailing empty cell, while its data rows really have 16 cells.
    assert [line for line, cells in rows.items() if cells == header] == [5, 14, 24, 35, 45, 56, 65, 73, 83]
    assert 6 not in rows
    assert rows[7] == ("", "", "", "", "1季度", "2季度", "3季度", "4季度", "总投资", "上级补助", "区级补助", "镇村自筹")
    assert len(rows[9]) == 16
    assert rows[9][8:] == ("34", "", "", "", "34", "赖丽水", "区民生保障局", "区财政金融与国资局")
    assert len(rows[17]) == 15


def test_pipe_table_sub_item_rows_keep_their_empty_leading_cells():
    rows = fixture_rows("001")

    assert rows[53][:2] == ("", "")
    assert rows[53][8:] == ("32", "", "16", "16", "赖丽水", "张坂镇人民政府",
                            "区财政金融与国资局、自然资源与规划建设交通局")
    assert rows[92] == ("2024年合计(万元):", "", "", "", "", "", "", "", "29162.79", "4339", "23945.59", "878.2")


# Fixtures 002-004: tab-separated rows, one per line, below a notice.


def test_tab_rows_below_a_notice_keep_the_notice_as_single_cells():
    rows = fixture_rows("002")

    assert len(rows) == 29
    assert rows[3] == ("晋新工委〔2023〕48号",)
    assert rows[23] == ("2023 年 5 月 11 日",)
    assert rows[29] == (
        "序号", "项目名称", "主要内容", "形象进度安排 (需细化到季度)", "建设年限",
        "总投资 (万元)", "年度投资 (万元)", "责任领导", "责任科室", "责任人员",
    )  # fmt: skip


def test_tab_rows_keep_empty_cells_inside_a_row():
    rows = fixture_rows("002")

    assert rows[43] == (
        "10",
        "新塘街道“爱在心淌”公益慈善基金会",
        "全面发动慈善捐款, 用于慈善事业发展, 促进新塘各项事业高质量发展, 满足辖区群众日益增长的需求。",
        "第一、二季度: 广发发动、筹备成立、接受捐款; 第三、四季度: 正式运行。",
        "2023",
        "",
        "",
        "张国钱",
        "",
        "吴佳兵",
    )


def test_tab_row_sub_items_keep_their_two_leading_empty_cells():
    rows = fixture_rows("003")

    assert len(rows) == 33
    assert rows[6] == ("1", "幼有所育", "新增 0-3 岁幼儿托育机构托位 400 个。", "区卫生健康局",
                       "已建设 15 家，托位 440 个。")
    assert rows[7] == (
        "",
        "",
        "完成 10 座公园适儿化项目综合改造提升。",
        "区综合行政执法局",
        "已完成 6 座公园适儿化改造提升，剩余 4 座推进中。",
    )
    assert rows[11] == ("", "", "新改造交互式班级多媒体设备 300 套。", "", "完成交互式多媒体的招投标工作，已完成 65%。")


def test_markdown_headings_lose_their_marks_and_rules_are_dropped():
    rows = fixture_rows("004")

    assert len(rows) == 145
    assert rows[3] == ("泉州市鲤城区人民政府办公室文件",)
    assert 7 not in rows
    assert rows[9] == ("泉州市鲤城区人民政府办公室关于 2022年区政府工作报告目标任务责任分解的通知",)
    assert rows[15] == ("一、提高站位、深化认识",)


def test_bold_category_rows_lose_their_tags_and_trailing_tabs():
    rows = fixture_rows("004")

    assert rows[54] == ("(一) 聚力转型攻坚，推动提质力促提级",)
    assert rows[156] == ("(五) 突出优质均衡，聚焦民生凝聚民心",)
    assert rows[61] == (
        "13",
        "依托滨江总部经济区、东亚之窗、九一路、温陵路楼宇群和江南新区新建楼宇等载体，加快培育总部型楼宇经济集群"
        "和区域性商务营运中心，新增“千万楼宇”6处。",
        "区商务局 区发改局",
        "",
        "庄垂生 吴小纲",
    )


@pytest.mark.parametrize(
    ("prefix", "shape"),
    [("000", "tab cells"), ("001", "pipes"), ("002", "tab rows"), ("003", "tab rows"), ("004", "tab rows")],
)
def test_each_fixture_is_recognised_by_its_shape(prefix, shape):
    [path] = FIXTURES.glob(f"{prefix}_*.txt")

    assert detect_shape(path.read_text(encoding="utf-8").split("\n")) == shape


# A web page copied from a browser: every cell alone between blank lines.

WEB_PAGE = """新塘街道 2023 年度为民办实事项目责任分解表

序号

项目名称

主要内容

建设年限

总投资 (万元)

责任领导

责任科室

2

实施送温暖工程

送温暖工程:困难职工帮扶;春送温暖夏送清凉;关爱困难职工子女;金秋助学。

2023

8

张绍萍

街道总工会
社会事务办

序号

项目名称

主要内容

建设年限

总投资 (万元)

责任领导

责任科室

5

和丰路“白改黑”项目

和丰路为沙塘社区主干路,本次道路改造范围为振荣服饰隘门至官口隘门。

2023

600

林舟

沙塘社区
"""


def seven_columns(cells: list[str]) -> int | None:
    return 7 if cells[:2] == ["序号", "项目名称"] else None


def test_web_page_cells_are_grouped_into_rows_as_wide_as_the_header():
    assert cells_of(WEB_PAGE, header_cells=seven_columns) == [
        (1, ("新塘街道 2023 年度为民办实事项目责任分解表",)),
        (3, ("序号", "项目名称", "主要内容", "建设年限", "总投资 (万元)", "责任领导", "责任科室")),
        (17, (
            "2", "实施送温暖工程", "送温暖工程:困难职工帮扶;春送温暖夏送清凉;关爱困难职工子女;金秋助学。",
            "2023", "8", "张绍萍", "街道总工会\n社会事务办",
        )),
        (32, ("序号", "项目名称", "主要内容", "建设年限", "总投资 (万元)", "责任领导", "责任科室")),
        (46, ("5", "和丰路“白改黑”项目", "和丰路为沙塘社区主干路,本次道路改造范围为振荣服饰隘门至官口隘门。",
              "2023", "600", "林舟", "沙塘社区")),
    ]  # fmt: skip


def test_web_page_without_a_header_recogniser_falls_back_to_single_cell_rows():
    rows = cells_of(WEB_PAGE)

    assert rows[:3] == [(1, ("新塘街道 2023 年度为民办实事项目责任分解表",)), (3, ("序号",)), (5, ("项目名称",))]
    assert (30, ("社会事务办",)) in rows


def test_web_page_whose_header_is_not_recognised_falls_back_to_single_cell_rows():
    assert cells_of("甲\n\n乙\n", header_cells=seven_columns) == [(1, ("甲",)), (3, ("乙",))]


# Details of cells.


def test_cells_are_stripped_of_nbsp_and_ideographic_spaces_only_at_their_ends():
    text = "序号\t项目名称\t分管领导\r\n\u3000 1\xa0\t關愛\u3000女孩\t王\xa0伟\u3000\r\n"

    assert cells_of(text) == [(1, ("序号", "项目名称", "分管领导")), (2, ("1", "關愛\u3000女孩", "王\xa0伟"))]


def test_html_line_breaks_entities_and_tags_in_pipe_cells():
    text = "| 承办单位 | 备注 |\n|---|---|\n| 区卫健局<br>区民政局 | <span style='x'>A&amp;B</span> 5<10 |\n"

    assert cells_of(text) == [(1, ("承办单位", "备注")), (3, ("区卫健局\n区民政局", "A&B 5<10"))]


def test_escaped_pipes_stay_inside_their_cell():
    assert cells_of("| a \\| b | c |\n| d | e |\n") == [(1, ("a | b", "c")), (2, ("d", "e"))]


def test_text_without_any_table_shape_is_one_row_per_line():
    assert cells_of("附件\n\n  2022年责任分解表  \n") == [(1, ("附件",)), (3, ("2022年责任分解表",))]
