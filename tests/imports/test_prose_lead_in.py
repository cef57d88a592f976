"""A unit named once above the list for all its items: 由市城市管理委负责以下6个子项任务.

Texts of our own in the shape of the 天津 2025 城管委 share (tests/imports/study): a lead-in line,
above the list or under a heading, names the unit every item below it answers to, as a heading
naming its unit does (一、县住建局牵头工作). Counts written by hand before the reader was changed.
"""

from tests.imports.test_prose import projects_of
from tests.imports.test_prose_role_brackets import units

BUREAU = """某市2024年为民办实事项目县交通运输局承担任务
市政府公布10件民生实事，其中以下4项由县交通运输局负责。
1.改造农村公路。改造农村公路100公里。
2.建设客运站。新建乡镇客运站2个。
3.开通城乡公交线路5条，方便群众出行。
4.建设停车场。新建公共停车场3个。（牵头单位：县城管局）
"""


def test_the_unit_named_above_the_list_leads_every_item_that_names_none():
    draft = projects_of(BUREAU)
    assert units(draft) == [
        (["县交通运输局"], []), (["县交通运输局"], []), (["县交通运输局"], []), (["县城管局"], []),
    ]  # fmt: skip
    assert not draft.errors


SECTIONS = """2025年某区民生实事分工
一、教育类
由区教育局牵头负责以下事项：
1.新建幼儿园2所
2.改造学校食堂10个（责任单位：区市场监管局）
二、卫生类
以下事项由区卫健局负责：
3.建设社区卫生服务站3个
4.开展免费体检1万人次
"""


def test_a_lead_in_under_a_heading_leads_the_items_of_that_section_only():
    draft = projects_of(SECTIONS)
    assert [category.name for category in draft.categories] == ["教育类", "卫生类"]
    # The item's own 责任单位 share the work of the unit the lead-in names, as under a heading naming it.
    assert units(draft) == [
        (["区教育局"], []), (["区教育局"], ["区市场监管局"]), (["区卫健局"], []), (["区卫健局"], []),
    ]  # fmt: skip
    # The lead-in was read: it is not reported as text left unread.
    assert not [warning for warning in draft.warnings if "区教育局" in warning.message]


def test_a_lead_in_naming_a_person_or_no_list_names_no_unit():
    draft = projects_of(
        "以下事项由王强同志负责：\n1.新建幼儿园2所\n2.改造学校食堂10个\n"
        "二、卫生类\n县卫健局负责全县医疗工作。\n3.建设卫生院1个\n4.开展义诊20场"
    )
    assert units(draft) == [([], [])] * 4


def test_a_sentence_inside_an_item_is_no_lead_in():
    draft = projects_of("1.新建幼儿园2所。\n以下两所由县教育局负责建设。\n2.改造学校食堂10个")
    assert units(draft) == [([], []), ([], [])]
