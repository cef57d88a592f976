"""Role brackets written without labels: （县发改局负责）, （X主办，Y协办）, （X牵头，Y配合）.

Texts of our own in the shape of the 黑龙江 2013 分工 (tests/imports/study): the unit bracket names
who leads and who assists by the verb after the names, with no 牵头单位： before them. The counts
below were written by hand before the reader was changed.
"""

from imports.interpret.draft import PlanDraft
from tests.imports.test_prose import kinds, projects_of, prose

COUNTY = """某县人民政府关于2024年政府工作报告重点工作责任分工的通知
各乡镇人民政府，县政府各部门：
现将重点工作分工如下：
一、稳住经济基本盘
（一）地区生产总值增长6%左右。（县发改局负责）
（二）一般公共预算收入增长5%。（县财政局牵头，县税务局配合）
（三）新开工亿元以上项目20个。（县发改局、县工信局负责）
二、办好民生实事
（一）新建城区幼儿园2所。（县教育局主办，县住建局、县自然资源局协办）
（二）改造农村公路80公里。（由县交通运输局负责）
"""


def units(draft: PlanDraft) -> list[tuple[list[str], list[str]]]:
    return [([unit.name for unit in project.lead_units], [unit.name for unit in project.assisting_units])
            for project in draft.projects]


def test_the_verb_after_the_names_says_who_leads_and_who_assists():
    draft = projects_of(COUNTY)
    assert [category.name for category in draft.categories] == ["稳住经济基本盘", "办好民生实事"]
    assert units(draft) == [
        (["县发改局"], []),
        (["县财政局"], ["县税务局"]),
        (["县发改局", "县工信局"], []),
        (["县教育局"], ["县住建局", "县自然资源局"]),
        (["县交通运输局"], []),
    ]  # fmt: skip
    assert not draft.errors


def test_the_role_bracket_is_taken_out_of_the_name():
    draft = projects_of(COUNTY)
    assert [project.name for project in draft.projects][:2] == ["地区生产总值增长6%左右", "一般公共预算收入增长5%"]
    assert all("负责" not in project.name + project.content for project in draft.projects)


def test_ascii_brackets_commas_and_other_verbs():
    draft = projects_of(
        "2025年某区为民办实事项目\n"
        "1.建设社区食堂10个(区民政局牵头,各街道参与)\n"
        "2、实施老旧小区改造15个（区住建局负责，区财政局、区城管局等协助）\n"
        "3.新增公共停车位3000个。（区城管局主办）\n"
    )
    assert units(draft) == [
        (["区民政局"], ["各街道"]),
        (["区住建局"], ["区财政局", "区城管局"]),
        (["区城管局"], []),
    ]  # fmt: skip
    assert [project.name for project in draft.projects][0] == "建设社区食堂10个"


def test_a_bracket_that_names_no_unit_stays_in_the_text():
    draft = projects_of(
        "1.建设柳林公园（三期），打造生态空间。（区园林局负责）\n"
        "2.开展供热“冬病夏治”（群众反映问题负责到底）\n"
        "3.改造供热管网（1、2号站负责）\n"
    )
    assert units(draft) == [(["区园林局"], []), ([], []), ([], [])]
    names = [project.name for project in draft.projects]
    assert names[0].startswith("建设柳林公园（三期）")
    assert "（群众反映问题负责到底）" in names[1]
    # A number is never a unit: 1、2号站 is no unit list.
    assert names[2] == "改造供热管网（1、2号站负责）"


# A subsection heading ending in a full stop over items that name their units (黑龙江: 二 over
# （一）全力推进产业项目建设。 over 1. 2. …).

SUBSECTIONS = """二、推进产业项目建设
（一）全力推进重点项目建设。
1.抓好50个重点产业项目。（县发改局主办，县工信局协办）
2.推进新型材料项目落地。（县工信局负责）
（二）扩大有效投资。
3.争取专项债券资金2亿元。（县财政局负责）
"""


def test_a_short_line_ending_in_a_full_stop_over_items_with_units_heads_a_section():
    draft = projects_of(SUBSECTIONS)
    assert [(project.number, project.category) for project in draft.projects] == [
        ("1", "全力推进重点项目建设"), ("2", "全力推进重点项目建设"), ("3", "扩大有效投资"),
    ]  # fmt: skip
    assert units(draft)[0] == (["县发改局"], ["县工信局"])


def test_a_line_ending_in_a_full_stop_over_points_without_units_is_still_an_item():
    _preamble, segment = prose("1.新建学校3所。\n（1）城区2所\n（2）乡镇1所\n2.新建公园1个。（县住建局负责）")
    assert kinds(segment) == [("data", "1"), ("data", "2")]
