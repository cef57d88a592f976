"""Plans written as numbered paragraphs, not as a grid: read as a list of projects."""

from decimal import Decimal

import pytest

from imports.interpret.draft import PlanDraft
from imports.interpret.projects_from_rows import Interpreter
from imports.read import read_text
from imports.read.base import RawRow
from imports.shape.prose import read_prose
from imports.shape.segment import Segment

STORY = """岳麓区2024年十件民生实事
一、教育方面
1.新建改扩建中小学校3所，新增学位4000个。（牵头单位：区教育局；配合单位：区财政局、区自然资源局；责任领导：王强；完成时限：2024年12月底）
2、实施校园食堂“明厨亮灶”改造30所。（责任单位：区教育局、区市场监管局）
二、医疗卫生方面
（一）建设社区卫生服务中心2个。责任单位：区卫健委
（二）老年食堂：新建老年食堂20个，总投资：1.2亿元（牵头单位：区民政局；责任单位：各街道）
注：以上项目投资为估算。
"""


def prose(text: str) -> tuple[list[str], Segment]:
    found = read_prose(read_text(text, name="x.txt").rows)
    assert found is not None, "the text should read as a numbered list"
    return found


def projects_of(text: str) -> PlanDraft:
    _preamble, segment = prose(text)
    draft = PlanDraft(year=2024)
    Interpreter(draft).read_segment(segment)
    return draft


def kinds(segment: Segment) -> list[tuple[str, str]]:
    """(kind, section text or item number) of each entry, in order."""
    return [(entry.kind, entry.text if entry.kind != "data" else entry.row.cells[0]) for entry in segment.entries]


# The plan as the district wrote it: a title, two headings, four items.


def test_the_title_is_the_preamble_and_headings_are_sections():
    preamble, segment = prose(STORY)
    assert preamble == ["岳麓区2024年十件民生实事"]
    assert kinds(segment) == [
        ("section", "教育方面"), ("data", "1"), ("data", "2"),
        ("section", "医疗卫生方面"), ("data", "一"), ("data", "二"),
        ("note", "注：以上项目投资为估算。"),
    ]  # fmt: skip


def test_each_item_becomes_a_project_in_its_category():
    draft = projects_of(STORY)
    assert [category.name for category in draft.categories] == ["教育方面", "医疗卫生方面"]
    assert [(project.number, project.category) for project in draft.projects] == [
        ("1", "教育方面"), ("2", "教育方面"), ("一", "医疗卫生方面"), ("二", "医疗卫生方面"),
    ]  # fmt: skip
    assert not draft.errors


def test_bracketed_roles_fill_the_units_leaders_and_deadline():
    first = projects_of(STORY).projects[0]
    assert first.name == "新建改扩建中小学校3所，新增学位4000个"
    assert first.content == "新建改扩建中小学校3所，新增学位4000个。"
    assert [unit.name for unit in first.lead_units] == ["区教育局"]
    assert [unit.name for unit in first.assisting_units] == ["区财政局", "区自然资源局"]
    assert first.leaders == ["王强"]
    assert first.deadline == "2024年12月底"


def test_responsible_units_alone_lead_the_work():
    second = projects_of(STORY).projects[1]
    assert [unit.name for unit in second.lead_units] == ["区教育局", "区市场监管局"]
    assert second.assisting_units == []


def test_responsible_units_beside_a_lead_assist_it():
    fourth = projects_of(STORY).projects[3]
    assert [unit.name for unit in fourth.lead_units] == ["区民政局"]
    assert [unit.name for unit in fourth.assisting_units] == ["各街道"]


def test_a_trailing_role_without_brackets_is_read_and_taken_out_of_the_text():
    third = projects_of(STORY).projects[2]
    assert third.name == "建设社区卫生服务中心2个"
    assert third.content == "建设社区卫生服务中心2个。"
    assert [unit.name for unit in third.lead_units] == ["区卫健委"]


def test_a_short_title_before_a_colon_names_the_item_and_money_in_yi_is_read_in_wan():
    fourth = projects_of(STORY).projects[3]
    assert fourth.name == "老年食堂"
    assert fourth.content == "新建老年食堂20个"
    assert fourth.total_investment == Decimal("12000")


def test_the_note_after_the_list_is_reported_not_read_into_the_last_item():
    draft = projects_of(STORY)
    assert "注" not in draft.projects[-1].content
    assert any("以上项目投资为估算" in warning.message and warning.line == 8 for warning in draft.warnings)


def test_warnings_point_at_the_line_each_item_starts_on():
    assert [project.line for project in projects_of(STORY).projects] == [3, 4, 6, 7]


# Numbering styles.


@pytest.mark.parametrize(
    ("first", "second", "numbers"),
    [
        ("1.", "2.", ["1", "2"]),
        ("1、", "2、", ["1", "2"]),
        ("1．", "2．", ["1", "2"]),
        ("1 .", "2 .", ["1", "2"]),
        ("（1）", "（2）", ["1", "2"]),
        ("(1)", "(2)", ["1", "2"]),
        ("1）", "2）", ["1", "2"]),
        ("（一）", "（二）", ["一", "二"]),
        ("(一)", "(二)", ["一", "二"]),
        ("一、", "二、", ["一", "二"]),
        ("十一、", "十二、", ["十一", "十二"]),
        ("①", "②", ["1", "2"]),
        ("⑲", "⑳", ["19", "20"]),
        ("⑴", "⑵", ["1", "2"]),
        ("⒈", "⒉", ["1", "2"]),
        ("第一项 ", "第二项 ", ["一", "二"]),
        ("第一项：", "第二项：", ["一", "二"]),
    ],
)
def test_every_numbering_style_numbers_the_items(first, second, numbers):
    draft = projects_of(f"{first}新建学校3所（牵头单位：区教育局）\n{second}改造道路5条（牵头单位：区住建局）")
    assert [project.number for project in draft.projects] == numbers
    assert [project.name for project in draft.projects] == ["新建学校3所", "改造道路5条"]
    assert not [warning for warning in draft.warnings if "不是编号" in warning.message or "number" in warning.message]


def test_mixed_punctuation_after_arabic_numbers_is_one_level():
    _preamble, segment = prose("1.新建学校\n2、改造道路\n3．建设公园")
    assert kinds(segment) == [("data", "1"), ("data", "2"), ("data", "3")]


def test_a_decimal_at_the_start_of_a_line_is_not_a_number():
    _preamble, segment = prose("1.新建学校\n2.改造道路，\n1.5万平方米。")
    assert kinds(segment) == [("data", "1"), ("data", "2")]
    assert segment.entries[1].row.cells[2] == "改造道路，\n1.5万平方米。"


# Sections and items.


def test_a_list_of_one_two_three_with_nothing_inside_is_a_list_of_items():
    draft = projects_of("2024年为民办实事项目\n一、新建学校3所\n二、改造道路5条\n三、建设公园2个")
    assert [project.number for project in draft.projects] == ["一", "二", "三"]
    assert draft.categories == []


def test_bracketed_chinese_numbers_head_sections_over_arabic_items():
    draft = projects_of("（一）教育\n1.新建学校\n2.改造食堂\n（二）医疗\n1.建设卫生院")
    assert [(project.number, project.name, project.category) for project in draft.projects] == [
        ("1", "新建学校", "教育"), ("2", "改造食堂", "教育"), ("1", "建设卫生院", "医疗"),
    ]  # fmt: skip


def test_three_levels_put_each_item_in_its_innermost_section():
    _preamble, segment = prose("一、民生保障\n（一）教育\n1.新建学校\n2.改造食堂\n（二）医疗\n1.建设卫生院")
    assert kinds(segment) == [
        ("section", "民生保障"), ("section", "教育"), ("data", "1"), ("data", "2"),
        ("section", "医疗"), ("data", "1"),
    ]  # fmt: skip


def test_restarted_numbers_are_kept_as_printed():
    draft = projects_of("一、教育方面\n1.新建学校\n2.改造食堂\n3.新增学位\n二、医疗方面\n1.建设卫生院\n2.建设药店")
    assert [project.number for project in draft.projects] == ["1", "2", "3", "1", "2"]
    assert [project.category for project in draft.projects] == ["教育方面"] * 3 + ["医疗方面"] * 2


def test_a_heading_with_a_declared_count_keeps_it_for_the_category():
    draft = projects_of("一、教育方面（2项）\n1.新建学校\n2.改造食堂")
    assert [(category.name, category.declared_count) for category in draft.categories] == [("教育方面", 2)]


def test_a_heading_without_a_number_starts_a_section():
    draft = projects_of("1.新建学校（牵头单位：区教育局）\n医疗卫生方面\n1.建设卫生院（牵头单位：区卫健委）")
    assert [(project.number, project.category) for project in draft.projects] == [
        ("1", None), ("1", "医疗卫生方面"),
    ]  # fmt: skip


def test_numbered_points_inside_an_item_stay_its_text():
    draft = projects_of(
        "1.改造老旧小区3个，惠及居民2000户。（牵头单位：区住建局）\n（1）岳麓小区\n（2）望城小区\n2.新建公园1个"
    )
    first = draft.projects[0]
    assert [project.number for project in draft.projects] == ["1", "2"]
    assert first.name == "改造老旧小区3个，惠及居民2000户"
    assert first.content == "改造老旧小区3个，惠及居民2000户。\n（1）岳麓小区\n（2）望城小区"


# Numbers lost, items over several lines.


def test_paragraphs_each_carrying_a_role_are_items_when_their_numbers_are_lost():
    draft = projects_of(
        "2024年民生实事\n教育方面\n新建学校3所（牵头单位：区教育局）\n改造食堂10个（责任单位：区教育局；配合单位：区市场监管局）\n"
        "医疗方面\n建设卫生院1个（责任单位：区卫健委）"
    )
    assert [(project.number, project.name, project.category) for project in draft.projects] == [
        ("", "新建学校3所", "教育方面"), ("", "改造食堂10个", "教育方面"), ("", "建设卫生院1个", "医疗方面"),
    ]  # fmt: skip
    assert [unit.name for unit in draft.projects[1].assisting_units] == ["区市场监管局"]
    assert not draft.errors


def test_a_line_without_a_number_continues_the_item_above():
    draft = projects_of(
        "1.新建改扩建中小学校3所，\n新增学位4000个。\n（牵头单位：区教育局；完成时限：2024年底）\n2.改造食堂10个"
    )
    first = draft.projects[0]
    assert first.name == "新建改扩建中小学校3所，新增学位4000个"
    assert first.content == "新建改扩建中小学校3所，\n新增学位4000个。"
    assert [unit.name for unit in first.lead_units] == ["区教育局"]
    assert first.deadline == "2024年底"
    assert first.line == 1


def test_a_unit_name_wrapped_inside_the_brackets_is_not_cut():
    draft = projects_of("1.新建学校（牵头单位：区教\n育局）\n2.改造食堂（牵头单位：区教育局）")
    assert [unit.name for unit in draft.projects[0].lead_units] == ["区教育局"]


# Roles written in other ways.


def test_roles_separated_by_commas_and_ascii_colons_in_trailing_form():
    draft = projects_of(
        "1.新建学校3所。牵头单位:区教育局，配合单位:区财政局、区住建局，责任人:李明，时限:2024年9月\n2.改造道路"
    )
    first = draft.projects[0]
    assert [unit.name for unit in first.lead_units] == ["区教育局"]
    assert [unit.name for unit in first.assisting_units] == ["区财政局", "区住建局"]
    assert first.staff == ["李明"]
    assert first.deadline == "2024年9月"
    assert first.content == "新建学校3所。"


def test_roles_in_separate_brackets_and_square_brackets():
    draft = projects_of("1.新建学校（牵头单位：区教育局）（分管领导：王强）【完成时间：2024年6月】\n2.改造道路")
    first = draft.projects[0]
    assert [unit.name for unit in first.lead_units] == ["区教育局"]
    assert first.leaders == ["王强"]
    assert first.deadline == "2024年6月"
    assert first.content == "新建学校"


def test_another_name_of_a_unit_in_brackets_stays_with_the_unit():
    draft = projects_of("1.新建学校（牵头单位：区教育局（区体育局）；配合单位：区财政局）\n2.改造道路")
    [lead] = draft.projects[0].lead_units
    assert (lead.name, lead.aliases) == ("区教育局", ("区体育局",))
    assert [unit.name for unit in draft.projects[0].assisting_units] == ["区财政局"]


@pytest.mark.parametrize(
    ("money", "amount"),
    [("总投资：1.2亿元", "12000"), ("总投资：500万元", "500"), ("投资：300万元，其中区级补助100万元", "300"),
     ("总投资：800", "800")],
)
def test_money_in_yi_or_wan_is_read_in_wan(money, amount):
    draft = projects_of(f"1.新建学校（牵头单位：区教育局；{money}）\n2.改造道路")
    assert draft.projects[0].total_investment == Decimal(amount)
    assert draft.projects[0].content == "新建学校"


def test_a_long_item_is_named_by_its_first_sentence():
    text = ("新建改扩建中小学校3所，新增学位4000个，其中小学学位2500个、初中学位1500个；"
            "同步建设配套运动场地、食堂和图书馆，改善办学条件。")
    draft = projects_of(f"1.{text}（牵头单位：区教育局）\n2.改造道路")
    assert draft.projects[0].name == "新建改扩建中小学校3所，新增学位4000个，其中小学学位2500个、初中学位1500个"
    assert draft.projects[0].content == text


def test_a_role_that_is_neither_lead_nor_assisting_is_kept_as_a_remark():
    draft = projects_of(
        "1.全市经济总量实现7%左右的增长（牵头领导：邓文彬，牵头单位：市发改委，数据提供单位：市统计局）\n2.新增学位6万个"
    )
    first = draft.projects[0]
    assert [unit.name for unit in first.lead_units] == ["市发改委"]
    assert first.assisting_units == []
    assert first.leaders == ["邓文彬"]
    assert first.remarks == "数据提供单位：市统计局"


def test_a_responsible_unit_on_its_own_line_ending_in_a_full_stop():
    draft = projects_of("1.固定资产投资增长10%以上。\n责任单位：县发改局、县统计局。\n"
                        "2.新增托位600个。\n责任单位：县卫生健康局。")
    assert [[unit.name for unit in project.lead_units] for project in draft.projects] == [
        ["县发改局", "县统计局"], ["县卫生健康局"],
    ]  # fmt: skip
    assert draft.projects[0].content == "固定资产投资增长10%以上。"


def test_a_unit_named_in_the_heading_leads_the_items_of_its_section():
    draft = projects_of(
        "一、县示范区管委会牵头工作（2项）\n1.建设食用菌酵素生产基地\n2.建成产业园3个\n"
        "二、县住建局牵头工作（1项）\n1.改造城镇老旧小区6个（配合单位：县财政局）"
    )
    assert [[unit.name for unit in project.lead_units] for project in draft.projects] == [
        ["县示范区管委会"], ["县示范区管委会"], ["县住建局"],
    ]  # fmt: skip
    assert [unit.name for unit in draft.projects[2].assisting_units] == ["县财政局"]
    assert [category.name for category in draft.categories] == ["县示范区管委会牵头工作", "县住建局牵头工作"]


def test_responsible_units_of_an_item_assist_the_unit_leading_its_section():
    draft = projects_of("一、县住建局牵头工作\n1.改造老旧小区（责任单位：各街道）\n2.新建管网（牵头单位：县水务局）")
    assert [[unit.name for unit in project.lead_units] for project in draft.projects] == [["县住建局"], ["县水务局"]]
    assert [unit.name for unit in draft.projects[0].assisting_units] == ["各街道"]


def test_where_the_document_says_the_first_unit_listed_leads_only_that_one_does():
    draft = projects_of(
        "1.全区地区生产总值增长6%左右。\n责任单位：区发改局\n"
        "2.完成征收拆迁60万平方米。\n责任单位：区房屋征收中心、区发改局、石碶街道（列第一位者为牵头或汇总单位，下同）\n"
        "3.新增普惠性托位300个。\n责任单位：区卫生健康局、区教育局、区妇联"
    )
    assert [[unit.name for unit in project.lead_units] for project in draft.projects] == [
        ["区发改局"], ["区房屋征收中心"], ["区卫生健康局"],
    ]  # fmt: skip
    assert [[unit.name for unit in project.assisting_units] for project in draft.projects] == [
        [], ["区发改局", "石碶街道"], ["区教育局", "区妇联"],
    ]  # fmt: skip


def test_a_leader_named_in_the_heading_is_not_taken_for_a_unit():
    draft = projects_of("一、钱海平区长牵头重点工作\n1.全区一般公共预算收入增长\n2.落实乡财区管")
    assert [project.lead_units for project in draft.projects] == [[], []]


@pytest.mark.parametrize(
    ("sentence", "amount"),
    [
        ("完成7所小学局部改造。项目总投资约260万元，资金由街道负责。", "260"),
        ("完成两条农村公路大中修，分别投资约250万元和100万元，资金由街道负责。", "350"),
        ("新建污水管网，计划投资1.5亿元。", "15000"),
        ("实施重点项目120个，完成投资150亿元。", None),
        ("新增普惠性托位300个。", None),
    ],
)
def test_an_investment_stated_in_the_sentence_is_read(sentence, amount):
    draft = projects_of(f"第一项：{sentence}\n第二项：新增托位。")
    expected = Decimal(amount) if amount else None
    assert draft.projects[0].total_investment == expected
    assert not draft.warnings


# Notes.


def test_numbered_points_under_a_note_are_the_note_not_items():
    _preamble, segment = prose("1.新建学校\n2.改造道路\n说明：\n1.投资为估算。\n2.以上为计划。")
    assert kinds(segment) == [
        ("data", "1"), ("data", "2"), ("note", "说明："), ("note", "1.投资为估算。"), ("note", "2.以上为计划。"),
    ]  # fmt: skip


# What is not a numbered list.


def test_a_grid_without_a_header_is_not_prose():
    rows = [RawRow("表1", line, (str(line), "新建学校", "区教育局")) for line in range(1, 6)]
    assert read_prose(rows) is None


def test_a_few_multi_cell_rows_among_paragraphs_are_joined():
    rows = [
        RawRow("正文", 1, ("2024年民生实事",)),
        RawRow("正文", 2, ("1.新建学校", "（牵头单位：区教育局）")),
        RawRow("正文", 3, ("2.改造道路（牵头单位：区住建局）",)),
        RawRow("正文", 4, ("3.建设公园（牵头单位：区城管局）",)),
    ]
    _preamble, segment = read_prose(rows)
    assert segment.entries[0].row.cells[:4] == ("1", "新建学校", "新建学校", "区教育局")


@pytest.mark.parametrize(
    "text",
    [
        "2024年民生实事\n1.新建学校3所（牵头单位：区教育局）",
        "为切实办好民生实事，现通知如下。\n请各单位认真落实。\n特此通知。",
        "",
    ],
)
def test_fewer_than_two_items_is_not_a_list(text):
    assert read_prose(read_text(text, name="x.txt").rows) is None


# Hostile sizes: read whole, in linear time (timings are measured by hand, not asserted).


def test_ten_thousand_items_are_all_read():
    text = "\n".join(
        f"{number}.新建学校{number}所。（牵头单位：区教育局；配合单位：区财政局；责任领导：王强；"
        f"完成时限：2024年12月底；总投资：{number}万元）"
        for number in range(1, 10_001)
    )
    _preamble, segment = prose(text)
    assert len(segment.entries) == 10_000
    assert segment.entries[-1].row.cells == (
        "10000", "新建学校10000所", "新建学校10000所。", "区教育局", "区财政局", "王强", "", "2024年12月底",
        "10000万元",
    )  # fmt: skip


@pytest.mark.parametrize(
    "paragraph",
    [
        "新建" + "学校，" * 35_000 + "（牵头单位：区教育局）",
        "（" * 100_000,
        "责任单位：" * 20_000,
        "；" * 100_000 + "。",
        "区教育局（" * 20_000,
        "（牵头单位：" + "区（教育局" * 20_000,
        " ，" * 50_000 + "x",
        "（" + "；" * 100_000,
        "一、1." * 30_000,
        "。 " * 50_000 + "x",
        "总投资约" + "1万元和" * 20_000,
    ],
)
def test_a_hundred_kilobyte_paragraph_is_read(paragraph):
    # The readers refuse a cell over IMPORT_MAX_CELL_CHARS (32,767); the list reader stays linear beyond it.
    rows = [RawRow(sheet="文本", line=1, cells=(f"1.{paragraph}",)),
            RawRow(sheet="文本", line=2, cells=("2.改造道路",))]
    _preamble, segment = read_prose(rows)
    assert kinds(segment) == [("data", "1"), ("data", "2")]


# A report on the year: each 实事 a heading naming the task over the items that spell it out (漯河).

COMPLETION = """漯河市2024年民生实事完成情况
一、省重点民生实事完成情况
（一）开展职业技能培训和评价取证
1.全年开展职业技能培训4.5万人次以上。
责任单位：市人力资源和社会保障局
完成情况：全年培训9.6万人次。新增技能人才5.4万人。
（二）提升基层医疗卫生服务能力
2.开展家庭医生团队签约服务技能培训。
责任单位：市卫生健康委
完成情况：完成31个团队124人的培训任务。
3.行政村卫生室基本运行经费补助提高至每年6000元。
责任单位：市卫生健康委、市财政局
完成情况：补助资金已全部拨付到位。
二、市重点民生实事完成情况
（一）实施城镇老旧小区改造
4.改造城镇老旧小区40个。
责任单位：市住房和城乡建设局
完成情况：40个小区全部完工。
"""


def test_a_heading_naming_a_task_is_the_project_and_its_first_item_what_it_does():
    draft = projects_of(COMPLETION)
    top = [project for project in draft.projects if project.parent_key is None]
    assert [(project.number, project.name, project.category) for project in top] == [
        ("一", "开展职业技能培训和评价取证", "省重点民生实事完成情况"),
        ("二", "提升基层医疗卫生服务能力", "省重点民生实事完成情况"),
        ("一", "实施城镇老旧小区改造", "市重点民生实事完成情况"),
    ]  # fmt: skip
    assert top[0].content == "全年开展职业技能培训4.5万人次以上。"
    assert [unit.name for unit in top[0].lead_units] == ["市人力资源和社会保障局"]


def test_a_further_item_under_a_task_heading_is_a_sub_project_with_its_own_units():
    draft = projects_of(COMPLETION)
    [under] = [project for project in draft.projects if project.parent_key is not None]
    assert under.parent_key == "二"
    assert under.name == "行政村卫生室基本运行经费补助提高至每年6000元"
    assert [unit.name for unit in under.lead_units] == ["市卫生健康委", "市财政局"]
    assert under.progress == "补助资金已全部拨付到位。"
    assert under.line == 11


def test_what_was_done_is_read_as_the_progress_not_into_the_name():
    draft = projects_of(COMPLETION)
    first = draft.projects[0]
    # Progress is told in sentences: it runs to the end of its line, full stops and all.
    assert first.progress == "全年培训9.6万人次。新增技能人才5.4万人。"
    assert "完成情况" not in first.name + first.content
    _preamble, segment = prose(COMPLETION)
    assert segment.layout.columns[-1].header == "完成情况"


def test_a_list_that_reports_no_progress_keeps_its_header():
    _preamble, segment = prose(STORY)
    assert [column.header for column in segment.layout.columns][-1] == "备注"


def test_topic_headings_with_one_item_each_stay_categories():
    # 教育, 医疗: topics, not tasks, however few items they hold.
    _preamble, segment = prose("一、民生保障\n（一）教育\n1.新建学校\n（二）医疗\n2.建设卫生院\n"
                               "（三）养老\n3.建设养老院")
    assert kinds(segment) == [
        ("section", "民生保障"), ("section", "教育"), ("data", "1"), ("section", "医疗"), ("data", "2"),
        ("section", "养老"), ("data", "3"),
    ]  # fmt: skip


def test_task_headings_that_mostly_hold_several_items_stay_categories():
    _preamble, segment = prose(
        "一、稳增长\n（一）千方百计保障企业运行\n1.精准对接政策\n2.走访企业500家次\n"
        "（二）全力扩大有效投资\n3.实施重点项目\n4.争取专项债券\n（三）持续促进消费恢复\n5.发放消费券"
    )
    assert [kind for kind, _text in kinds(segment)].count("section") == 4
    assert [text for kind, text in kinds(segment) if kind == "data"] == ["1", "2", "3", "4", "5"]


def test_task_headings_not_under_an_outer_heading_stay_categories():
    _preamble, segment = prose("（一）开展职业技能培训\n1.培训4.5万人次\n（二）改善学校办学条件\n2.改造学校4所")
    assert kinds(segment) == [
        ("section", "开展职业技能培训"), ("data", "1"), ("section", "改善学校办学条件"), ("data", "2"),
    ]  # fmt: skip


# An implementation plan: its aims and its measures are no projects (赵县).

PLAN = """赵县2023年民生工程实施方案
一、主要目标
坚持以人民为中心的发展思想，全年任务力争10月底前全部完成。
二、主要任务
（一）棚户区改造工程。开工400套。（责任单位：县住房和城乡建设局）
（二）城镇老旧小区改造工程。改造老旧小区11个。（责任单位：县住房和城乡建设局）
三、保障措施
（一）加强组织领导。各责任单位要成立工作专班。
（二）强化资金保障。县财政局要统筹安排资金。
"""


def test_only_the_tasks_of_a_plan_are_projects():
    draft = projects_of(PLAN)
    assert [(project.number, project.category) for project in draft.projects] == [
        ("一", "主要任务"), ("二", "主要任务")]
    assert draft.projects[0].name == "棚户区改造工程。开工400套"
    assert [category.name for category in draft.categories] == ["主要任务"]


def test_the_aims_and_the_measures_are_reported_as_not_read_never_dropped():
    draft = projects_of(PLAN)
    unread = [(warning.line, warning.message) for warning in draft.warnings]
    assert [line for line, _message in unread] == [3, 8, 9]
    assert "坚持以人民为中心" in unread[0][1]
    assert "（一）加强组织领导" in unread[1][1]


def test_a_measure_that_names_its_unit_keeps_its_section_projects():
    draft = projects_of(PLAN + "（三）严格督导考核。（责任单位：县政府督查室）\n")
    assert [project.name[:6] for project in draft.projects][2:] == ["加强组织领导", "强化资金保障", "严格督导考核"]


def test_measures_are_projects_in_a_list_where_no_item_names_a_unit():
    # Nothing tells the tasks from the measures apart: every item is kept as a project.
    draft = projects_of("二、主要任务\n（一）新建学校3所\n（二）改造道路5条\n"
                        "三、保障措施\n（一）加强组织领导\n（二）强化资金保障")
    assert len(draft.projects) == 4


# Headings over headings (海城).


def test_a_line_with_a_comma_over_an_inner_heading_heads_a_section():
    draft = projects_of(
        "一、经济社会发展主要目标\n1.地区生产总值增长6.5%以上。\n牵头单位：市发展和改革局\n"
        "二、稳增长，保持经济合理运行\n（一）千方百计保障企业运行\n2.建立重点企业包保服务机制。\n牵头单位：市工业和信息化局"
    )
    assert [(project.number, project.category) for project in draft.projects] == [
        ("1", "经济社会发展主要目标"), ("2", "千方百计保障企业运行"),
    ]  # fmt: skip


def test_a_line_with_a_comma_over_items_is_still_an_item():
    draft = projects_of("一、稳增长，保持经济合理运行\n（1）走访企业\n（2）对接政策\n二、新建学校3所")
    assert [project.number for project in draft.projects] == ["一", "二"]


# Labels of their own (滁州): who leads, the lead unit and the units working with it.


def test_leader_lead_and_assisting_labels_of_their_own_are_read():
    draft = projects_of(
        "1. 地区生产总值增长8%以上。\n牵头负责领导：周立新。\n牵头责任单位：市发展改革委。\n"
        "协同责任单位：市经信局、滁州海关等，各县、市、区政府。\n"
        "2. 财政收入增长8%左右。\n牵头负责领导：周立新。\n牵头责任单位：市财政局。\n协同责任单位：市税务局。"
    )
    first = draft.projects[0]
    assert first.name == "地区生产总值增长8%以上"
    assert first.leaders == ["周立新"]
    assert [unit.name for unit in first.lead_units] == ["市发展改革委"]
    # 等 closes the list of bureaus; 各县、市、区政府 is one group, all the county-level governments.
    assert [unit.name for unit in first.assisting_units] == ["市经信局", "滁州海关", "各县、市、区政府"]
