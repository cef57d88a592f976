"""Issue 17, study class 2: the place read from a title that names a 州, a 省 or a 盟, or starts with 关于.

Texts of our own in the shapes of the study's 黔东南 and 前进区 pages; the expected places were
written down before the importer read them.
"""

import pytest

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file
from imports.shape.preamble import places_in

ITEMS = """
1.新建城区公办幼儿园3所。（责任单位：教育局）
2.改造农村公路危桥12座。（责任单位：交通运输局）
3.为困难群众免费体检1次。（责任单位：卫生健康委）
"""


def draft_of(title: str):
    text = title + "\n" + ITEMS
    return draft_plan(read_file("list.txt", text.encode(), max_bytes=1_000_000, header_cells=count_header_cells))


@pytest.mark.parametrize(("title", "place"), [
    ("恩施州2024年十件民生实事", ["恩施州"]),  # an autonomous prefecture by its short name
    ("红河州人民政府2023年为民办实事项目", ["红河州"]),
    ("吉林省人民政府关于2022年民生实事分工的意见", ["吉林省"]),
    ("阿拉善盟2024年为民办实事项目", ["阿拉善盟"]),
    ("关于通榆县2024年度衔接资金项目计划安排的公示", ["通榆县"]),  # 关于 is not part of the place
    ("关于东风区人民政府2023年民生实事的公告", ["东风区"]),
])
def test_the_place_is_read_from_a_title_naming_a_prefecture_province_league_or_after_guanyu(title, place):
    draft = draft_of(title)
    assert [problem.message for problem in draft.errors] == []
    assert draft.jurisdiction == place
    assert len(draft.projects) == 3


@pytest.mark.parametrize(("text", "places"), [
    # 州 ends a place only where the name ends: 杭州市, 兰州市 and 贵州省 are not 杭州, 兰州, 贵州.
    ("杭州市2024年民生实事", ["杭州市"]),
    ("兰州市城关区2024年民生实事", ["兰州市", "城关区"]),
    ("贵州省黔东南州2023年民生实事", ["贵州省", "黔东南州"]),
    ("宁波杭州湾新区2024年民生实事", ["宁波杭州湾新区"]),
    ("黔东南苗族侗族自治州2024年民生实事", ["黔东南苗族侗族自治州"]),
    # After 关于, a sentence's words are no place: 加快推进城区 is not a district.
    ("关于加快推进城区2024年民生实事的通知", []),
    ("关于做好2024年民生实事工作的通知", []),
    ("关于印发《桐庐县2025年民生实事项目实施方案》的通知", ["桐庐县"]),
])
def test_a_prefecture_ends_where_its_name_does_and_guanyu_starts_no_place(text, places):
    assert places_in(text) == places


def test_a_title_with_no_place_still_asks_for_one():
    draft = draft_of("关于做好2024年民生实事工作的通知")
    assert draft.jurisdiction == []
    assert len(draft.errors) == 1
