"""Unnumbered lines each a named project (study class 8, 大安): 名称。内容 lines read as a list.

Texts of our own in the shape of the 大安 report, other wording and places; counts written down
before the reader ran on them.
"""

from decimal import Decimal

from imports.read import read_text
from imports.shape.prose import read_prose
from tests.imports.test_prose_flattened import draft_of, names


def test_lines_each_opening_with_a_named_work_are_projects():
    draft = draft_of(
        "洮南市2022年四大行动惠民生\n"
        "2022年，洮南市围绕群众所需，集中实施四大惠民行动。\n"
        "就业增收行动。投资0.8亿元，新建创业孵化基地1处；开展职业技能培训3000人次。\n"
        "教育提质行动。投资2.6亿元，新建第九中学；改扩建乡镇中心校4所。\n"
        "健康保障行动。投资1.5亿元，建成市医院门诊楼。\n"
        "住房改善行动。投资4.1亿元，改造老旧小区35个；新建保障性住房200套。\n"
    )
    assert draft.jurisdiction[-1] == "洮南市" and draft.year == 2022
    assert names(draft) == ["就业增收行动", "教育提质行动", "健康保障行动", "住房改善行动"]
    # The parts after ； are the work's content, not projects of their own.
    assert "开展职业技能培训3000人次" in draft.projects[0].content
    assert sum((project.total_investment for project in draft.projects), Decimal(0)) == Decimal(90000)
    assert draft.categories == []


def test_named_lines_after_a_lead_in_without_money():
    draft = draft_of(
        "乾安县2023年三项民心工程\n"
        "今年，乾安县集中力量实施三项民心工程。\n"
        "老旧小区改造工程。改造小区18个，惠及居民4200户。\n"
        "城乡供水保障工程。新建水厂1座，铺设供水管网26公里。\n"
        "农村道路畅通工程。新建和改造农村公路110公里。\n"
    )
    assert names(draft) == ["老旧小区改造工程", "城乡供水保障工程", "农村道路畅通工程"]
    assert draft.projects[1].content.startswith("新建水厂1座")


def test_sentences_that_share_no_ending_are_no_list():
    # 会议指出。… 会议强调。… are a meeting's report, not named works: still no list found.
    text = (
        "某县召开民生工作会议\n"
        "会议指出。今年民生实事总体进展顺利，多数项目按计划推进。\n"
        "会议强调。各责任单位要倒排工期，确保按时完成。\n"
        "会议要求。要加强督查，及时通报进展。\n"
    )
    assert read_prose(read_text(text, name="x.txt").rows) is None
