"""Lists flattened into one line (study class 1): each item read as a project, nothing else split.

Texts of our own in the shapes the study found (甘谷, 秦安, 琼山, 宁海, 吉县, 天祝, 黑龙江), with other
wording, numbering and places; the counts were written down before the reader ever ran on them.
"""

import time
from decimal import Decimal

import pytest

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft import PlanDraft
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file, read_text
from imports.read.base import RawRow
from imports.shape.prose import read_prose
from imports.shape.prose.flattened import read_paragraphs
from tests.imports.test_real_tables import MAX_BYTES

NOT_A_NAME = "0123456789.、，,;；:：()（）①②③④⑤⑥⑦⑧⑨⑩《》 "


def draft_of(text: str) -> PlanDraft:
    tables = read_file("list.txt", text.encode(), max_bytes=MAX_BYTES, header_cells=count_header_cells)
    draft = draft_plan(tables)
    assert [problem.message for problem in draft.errors] == []
    for project in draft.projects:
        assert project.name.strip(NOT_A_NAME), project.name
        for unit in project.lead_units + project.assisting_units:
            assert unit.name.strip(NOT_A_NAME), unit.name
    return draft


def names(draft: PlanDraft) -> list[str]:
    return [project.name for project in draft.projects]


def test_circled_numbers_after_a_lead_in_are_the_items():
    draft = draft_of(
        "临泽县2022年为民办实事项目\n"
        "1月8日，临泽县第十八届人民代表大会第一次会议召开。会议确定，今年县政府将办好6件为民实事，具体是："
        "①新建城区幼儿园2所；②改造老旧小区12个；③建成乡镇污水处理站3座；④为全县60岁以上老人免费体检；"
        "⑤新增城区公共停车位800个；⑥实施农村饮水安全巩固提升工程。\n"
    )
    assert draft.jurisdiction[-1] == "临泽县" and draft.year == 2022
    assert names(draft) == [
        "新建城区幼儿园2所", "改造老旧小区12个", "建成乡镇污水处理站3座", "为全县60岁以上老人免费体检",
        "新增城区公共停车位800个", "实施农村饮水安全巩固提升工程",
    ]
    assert draft.categories == []


def test_yi_shi_er_shi_items_end_with_their_paragraph():
    # The paragraph after the list says something of the whole year: it is no part of item 五.
    draft = draft_of(
        "文昌市2019年民生实事\n"
        "据悉，今年市政府确定的5件民生实事是：一是建设市第二中学新校区；二是完成农村公路提档升级80公里；"
        "三是新建公办幼儿园4所，新增学位1200个；四是建成市急救中心；五是改造城区排水管网15公里。\n"
        "今年全市民生支出占一般公共预算支出的七成以上。\n"
    )
    assert names(draft) == [
        "建设市第二中学新校区", "完成农村公路提档升级80公里", "新建公办幼儿园4所，新增学位1200个", "建成市急救中心",
        "改造城区排水管网15公里",
    ]
    assert "七成" not in draft.projects[-1].content


def test_unnumbered_items_split_by_semicolons_after_fen_bie_wei():
    draft = draft_of(
        "榆中县2024年五件实事\n"
        "记者从县人代会上获悉，今年县政府承诺办好的五件实事分别为：新建和改扩建城乡学校4所、幼儿园2所；"
        "为城乡居民免费开展健康体检3万人次；改造提升农贸市场3个；建成城区应急避难场所2处；新增城区绿地面积5万平方米。\n"
    )
    # The first item holds 、 of its own: split at ；, never inside an item.
    assert names(draft) == [
        "新建和改扩建城乡学校4所、幼儿园2所", "为城乡居民免费开展健康体检3万人次", "改造提升农贸市场3个",
        "建成城区应急避难场所2处", "新增城区绿地面积5万平方米",
    ]
    assert [project.number for project in draft.projects] == ["1", "2", "3", "4", "5"]


def test_two_labelled_lists_of_names_are_two_categories():
    draft = draft_of(
        "永和县2018年“双五”工程\n"
        "今年，永和县将集中实施5项重点工程和5件民生实事。\n"
        "5项重点工程为：县城集中供热改造工程、乾坤湾景区提升工程、芝河治理二期工程、高标准农田建设工程、城南新区路网工程。\n"
        "5件民生实事为：新建城区公厕10座、改造农村危房300户、开设老年食堂8处、免费培训农民工1000人、更新城乡公交车20辆。\n"
    )
    assert [category.name for category in draft.categories] == ["5项重点工程", "5件民生实事"]
    assert len(draft.projects) == 10
    assert draft.projects[0].name == "县城集中供热改造工程"
    assert draft.projects[-1].name == "更新城乡公交车20辆"
    assert draft.projects[-1].category == "5件民生实事"


def test_titles_in_book_marks_after_bao_kuo_are_items_and_the_notice_is_not():
    draft = draft_of(
        "民勤县2024年为民实事政策解读\n"
        "县政府印发了为民实事实施方案，现解读如下。\n"
        "《实施方案》包括《新建城区公办幼儿园2所》《改造农村户厕1500座》《建成县城污水处理厂提标工程》"
        "3个实事方案，逐项明确了牵头部门和完成时限。\n"
    )
    assert names(draft) == ["新建城区公办幼儿园2所", "改造农村户厕1500座", "建成县城污水处理厂提标工程"]
    assert "牵头部门" not in draft.projects[-1].content


def test_numbered_items_glued_after_a_closing_bracket_are_split():
    draft = draft_of(
        "汤原县2023年重点民生项目责任分工\n"
        "一、教育卫生\n"
        "1.新建县第三小学。（牵头单位：县教育局）2.改造乡镇卫生院5所。（牵头单位：县卫健局）\n"
        "3.建成县妇幼保健院。（牵头单位：县卫健局）\n"
        "二、城乡建设\n"
        "（一）改造老旧小区8个。（牵头单位：县住建局）（二）新建城区公园2个。（牵头单位：县住建局；配合单位：县自然资源局）\n"
    )
    assert [category.name for category in draft.categories] == ["教育卫生", "城乡建设"]
    assert names(draft) == [
        "新建县第三小学", "改造乡镇卫生院5所", "建成县妇幼保健院", "改造老旧小区8个", "新建城区公园2个",
    ]
    assert [unit.name for unit in draft.projects[1].lead_units] == ["县卫健局"]
    assert [unit.name for unit in draft.projects[-1].assisting_units] == ["县自然资源局"]


def test_a_list_inside_an_item_stays_its_text():
    # 主要包括：A、B、C under an item spells the item out; it makes no projects of its own.
    draft = draft_of(
        "桦南县2023年民生实事\n"
        "1.实施城区道路改造工程。\n"
        "主要包括：城东片区道路改造、城西片区道路改造、高新区道路新建三个片区的道路。\n"
        "2.改造背街小巷30条。\n"
    )
    assert len(draft.projects) == 2
    assert "城西片区" in draft.projects[0].content


def test_a_unit_list_after_fen_bie_shi_is_no_list_of_projects():
    text = (
        "某县召开民生实事推进会\n"
        "会议通报了今年民生实事的进展。\n"
        "各项目的责任单位分别是：县住建局、县交通运输局、县水务局、各乡（镇）人民政府。\n"
    )
    assert read_prose(read_text(text, name="x.txt").rows) is None


def test_years_and_amounts_in_a_sentence_are_no_numbers():
    # 2.5亿元 and 2023年 are no inline numbers; the one numbered line per item reads as before.
    draft = draft_of(
        "依兰县2023年民生实事\n"
        "1.新建县医院门诊楼，总投资2.5亿元，2023年底前完成主体工程。\n"
        "2.改造城区供热管网12公里，总投资0.5亿元。\n"
    )
    assert len(draft.projects) == 2
    assert sum((project.total_investment for project in draft.projects), Decimal(0)) == Decimal(30000)


HOSTILE_UNITS = ["：（1）", "为：甲乙；", "分别是：一是甲。", "）2.", "《甲乙》", "实事：（1）甲（2）乙"]


@pytest.mark.parametrize("unit", HOSTILE_UNITS)
def test_a_hostile_line_costs_what_its_length_does(unit):
    # Each number 1 or lead-in tried scans the rest of the line: tries are bounded, so a line four
    # times as long takes about four times as long, not sixteen.
    def seconds(times: int) -> float:
        start = time.perf_counter()
        read_paragraphs([RawRow("文本", 1, (unit * times,))])  # unnumbered: a lead-in and its list
        read_paragraphs([RawRow("文本", 1, ("1.甲" + unit * times,))])  # numbered: items glued on
        return time.perf_counter() - start

    seconds(100)  # warm the regular expressions
    assert seconds(40_000) < 8 * seconds(10_000) + 0.1
