"""Column roles read from what the cells hold, when the header's words are unknown or there is no header.

A county's table may head its columns 编号 | 工程 | 主抓部门 | 挂帅, or have no header row at all;
the importer reads the roles from the cells, says it did, and checks header words against cells.
"""

from decimal import Decimal

import pytest

from imports.foundation.layouts import Role, classify
from imports.interpret.draft_plan import draft_plan
from imports.read import read_text
from imports.shape.roles_from_cells import Kind, kind_of

TITLE = "成都市武侯区2024年民生工程清单"


def draft_of(*lines: str):
    return draft_plan([read_text("\n".join([TITLE, *lines]), name="清单.txt")])


def roles_of(draft) -> list[tuple[str, str, str]]:
    [layout] = draft.layouts
    return [(column["header"], column["role"], column["basis"]) for column in layout["columns"]]


@pytest.mark.parametrize(("text", "kind"), [
    ("3", Kind.NUMBER), ("（二）", Kind.NUMBER), ("十二、", Kind.NUMBER),
    ("1200.5", Kind.MONEY), ("350万元", Kind.MONEY),
    ("已完成", Kind.STATUS), ("序时推进", Kind.STATUS), ("完成85%", Kind.STATUS),
    ("2024年12月底", Kind.DATE), ("三季度", Kind.DATE), ("2024", Kind.DATE),
    ("区住建局", Kind.UNITS), ("区民政局、区商务局", Kind.UNITS), ("各乡镇（街道）", Kind.UNITS),
    ("县人民医院\n县中医院", Kind.UNITS),
    ("王强", Kind.PEOPLE), ("李明、欧阳春晓", Kind.PEOPLE),
    ("老旧小区改造", Kind.SHORT),
    ("改造老旧小区12个，惠及居民3000户，完成雨污分流、强弱电下地和外立面整治，同步加装电梯。", Kind.PROSE),
])
def test_each_cell_is_judged_by_its_shape(text, kind):
    assert kind_of(text) == kind


@pytest.mark.parametrize(("header", "role"), [
    ("民生实事", Role.NAME), ("指标名称", Role.NAME), ("项目", Role.NAME), ("类别", Role.CATEGORY),
    ("目标任务", Role.CONTENT), ("年度目标", Role.CONTENT), ("落实情况", Role.PROGRESS),
    ("完成情况", Role.PROGRESS), ("责任部门", Role.ASSISTING), ("监考单位", Role.ASSISTING),
    ("建设时间", Role.PERIOD), ("主责单位", Role.LEAD),
])
def test_the_header_vocabulary_knows_the_words_other_provinces_use(header, role):
    assert classify(header)[0] == role


def test_unknown_header_words_are_kept_and_the_roles_read_from_the_cells():
    draft = draft_of(
        "编号\t工程\t具体做法\t主抓部门\t挂帅\t钱数",
        "1\t老旧小区改造\t改造老旧小区12个，惠及居民3000户\t区住建局\t王强\t1200",
        "2\t社区食堂\t新建社区食堂5个，覆盖主要街道\t区民政局、区商务局\t李明\t300.5",
        "3\t口袋公园\t建设口袋公园8个，增加绿地面积\t区公园城市局\t王强\t800",
    )

    assert draft.errors == []
    assert roles_of(draft) == [
        ("编号", "number", "content"), ("工程", "name", "content"), ("具体做法", "content", "content"),
        ("主抓部门", "lead", "content"), ("挂帅", "leaders", "content"), ("钱数", "total_investment", "content"),
    ]
    # Said, so the admin checks them.
    assert any("文本" in w.message and "check" in w.message.lower() or "核对" in w.message for w in draft.warnings)
    second = draft.projects[1]
    assert [u.name for u in second.lead_units] == ["区民政局", "区商务局"]
    assert second.leaders == ["李明"] and second.total_investment == Decimal("300.5")


def test_a_table_without_a_header_row_is_read_from_its_cells():
    draft = draft_of(
        "1\t老旧小区改造\t区住建局\t区财政局\t王强\t2024年12月\t已完成",
        "2\t社区食堂\t区民政局\t区商务局\t李明\t2024年10月\t序时推进",
        "3\t口袋公园\t区公园城市局\t区财政局\t王强\t2024年11月\t已完成",
    )

    assert draft.errors == []
    assert [role for _header, role, _basis in roles_of(draft)] == [
        "number", "name", "lead", "assisting", "leaders", "deadline", "progress"]
    assert [p.name for p in draft.projects] == ["老旧小区改造", "社区食堂", "口袋公园"]
    assert [u.name for u in draft.projects[0].assisting_units] == ["区财政局"]
    assert draft.projects[1].progress == "序时推进"


def test_a_category_column_merged_down_gives_each_row_its_category():
    draft = draft_of(
        "序号\t领域\t项目名称\t牵头单位",
        "1\t教育\t新建幼儿园\t区教育局",
        "2\t教育\t改造校舍\t区教育局",
        "3\t养老\t新增养老床位\t区民政局",
        "4\t养老\t建设助餐点\t区民政局",
    )

    assert draft.errors == []
    assert [c.name for c in draft.categories] == ["教育", "养老"]
    assert [p.category for p in draft.projects] == ["教育", "教育", "养老", "养老"]


def test_short_labels_repeated_in_runs_are_read_as_the_category():
    draft = draft_of(
        "1\t教育\t新建幼儿园3所，新增学位900个\t区教育局",
        "2\t教育\t改造校舍5处，消除危房\t区教育局",
        "3\t教育\t建设智慧教室40间\t区教育局",
        "4\t养老\t新增养老床位200张\t区民政局",
        "5\t养老\t建设老年助餐点10个\t区民政局",
        "6\t养老\t改造适老化家庭300户\t区民政局",
    )

    assert [role for _header, role, _basis in roles_of(draft)][:2] == ["number", "category"]
    assert [c.name for c in draft.categories] == ["教育", "养老"]


def test_a_header_word_the_cells_contradict_is_reported_not_overruled():
    draft = draft_of(
        "序号\t项目名称\t牵头单位\t责任领导",
        "1\t老旧小区改造\t1200\t王强",
        "2\t社区食堂\t300\t李明",
        "3\t口袋公园\t800\t王强",
    )

    assert any("牵头单位" in w.message for w in draft.warnings)
    assert ("牵头单位", "lead", "header") in roles_of(draft)


def test_a_name_and_its_content_in_one_cell_are_told_apart():
    draft = draft_of(
        "序号\t项目名称\t责任单位",
        "1\t老旧小区改造：改造老旧小区12个，惠及居民3000户\t区住建局",
        "2\t社区食堂：新建社区食堂5个\t区民政局",
    )

    assert [(p.name, p.content) for p in draft.projects] == [
        ("老旧小区改造", "改造老旧小区12个，惠及居民3000户"), ("社区食堂", "新建社区食堂5个")]
    # 责任单位 is the only unit column: its units lead.
    assert [u.name for u in draft.projects[0].lead_units] == ["区住建局"]


def test_a_table_without_numbers_is_numbered_in_row_order_and_says_so():
    draft = draft_of(
        "项目名称\t建设内容\t牵头单位",
        "老旧小区改造\t改造老旧小区12个\t区住建局",
        "社区食堂\t新建社区食堂5个\t区民政局",
    )

    assert [(p.number, p.key) for p in draft.projects] == [("1", "1"), ("2", "2")]
    assert "表格没有序号列：项目按行的顺序编号为1至2。" in [w.message for w in draft.warnings]


def test_a_section_numbered_in_the_number_column_with_its_label_in_the_name_column_is_a_category():
    draft = draft_of(
        "序号\t项目名称\t建设内容\t责任单位",
        "一\t教育类\t\t",
        "1\t第三小学扩建工程\t新建教学楼1栋\t区教育局",
        "2\t城区幼儿园改造\t改造园舍3所\t区教育局",
        "（二）\t医疗卫生\t\t",
        "3\t乡镇卫生院提升\t改造卫生院5所\t区卫健委",
    )

    assert [(p.key, p.category, p.name) for p in draft.projects] == [
        ("1", "一、教育类", "第三小学扩建工程"), ("2", "一、教育类", "城区幼儿园改造"),
        ("3", "（二）医疗卫生", "乡镇卫生院提升")]
    assert [c.name for c in draft.categories] == ["一、教育类", "（二）医疗卫生"]


def test_projects_numbered_in_chinese_with_only_a_name_stay_projects_in_a_two_column_list():
    draft = draft_of("序号\t项目名称", "一\t老旧小区改造", "二\t社区食堂建设", "三\t口袋公园建设")

    assert [(p.key, p.name) for p in draft.projects] == [
        ("一", "老旧小区改造"), ("二", "社区食堂建设"), ("三", "口袋公园建设")]


def test_a_year_s_planned_investment_is_the_annual_investment_and_whole_amounts_are_money():
    assert classify("2025年计划投资")[0] == Role.ANNUAL
    assert classify("计划总投资")[0] == Role.TOTAL
    draft = draft_of(
        "单位：万元",
        "序号\t项目名称\t总投资\t2025年计划投资\t责任单位",
        "1\t第三小学扩建工程\t3500\t2000\t区教育局",
        "2\t城区幼儿园改造\t800\t800\t区教育局",
        "3\t乡镇卫生院提升\t1200\t600\t区卫健委",
        "合计\t\t5500\t3400\t",
    )

    assert [(p.total_investment, p.annual_investment) for p in draft.projects] == [
        (Decimal(3500), Decimal(2000)), (Decimal(800), Decimal(800)), (Decimal(1200), Decimal(600))]
    # Only the title's (it names no kind of plan): none about the money columns or the totals row.
    assert [w.message for w in draft.warnings] == ["标题未说明计划类型，按为民办实事项目处理。"]
    assert draft.checks and all(check.ok for check in draft.checks)


@pytest.mark.parametrize(("header", "quarter"), [
    ("1-3月", 1), ("4—6月", 2), ("7~9月", 3), ("10-12月", 4), ("一至三月", 1), ("十至十二月", 4), ("1月-3月", 1),
    ("上半年目标", 2), ("前三季度", 3), ("下半年", 4), ("第二季度", 2), ("Q3", 3),
])
def test_a_quarter_is_named_by_its_number_its_months_or_the_half_year_it_ends(header, quarter):
    assert classify(header) == (Role.QUARTER, quarter, None)


@pytest.mark.parametrize("header", ["2-5月", "13-15月", "3月"])
def test_months_that_are_not_a_quarter_name_none(header):
    assert classify(header)[0] is None


def test_a_plan_by_months_and_half_years_becomes_quarterly_milestones():
    draft = draft_of(
        "序号\t项目名称\t牵头单位\t1-3月\t4-6月\t上半年目标\t10-12月\t全年目标",
        "1\t农村道路提升\t县交通局\t完成设计\t开工建设\t完成40%\t全面完工\t硬化道路40公里",
    )

    [project] = draft.projects
    assert [(m.quarter, m.planned, m.target_percent) for m in project.milestones] == [
        (1, "完成设计", None), (2, "开工建设；完成40%", 40), (4, "全面完工", None)]
    assert project.content == "硬化道路40公里"


def test_the_unit_marked_as_leading_in_a_table_s_one_unit_column_leads_and_the_others_assist():
    draft = draft_of(
        "序号\t目标任务\t责任单位\t完成时限",
        "1\t地区生产总值增长6%\t县发改局（牵头）、县统计局\t2025年底",
        "2\t新增就业3000人\t县人社局、县就业服务中心\t2025年底",
    )

    assert [([u.name for u in p.lead_units], [u.name for u in p.assisting_units]) for p in draft.projects] == [
        (["县发改局"], ["县统计局"]), (["县人社局", "县就业服务中心"], [])]


def test_with_a_column_of_each_part_a_mark_moves_only_the_unit_it_marks():
    draft = draft_of(
        "序号\t项目名称\t牵头单位\t配合单位",
        "1\t老旧小区改造\t区住建局、区城管局（配合）\t区财政局（牵头）、各街道",
    )

    [project] = draft.projects
    assert [u.name for u in project.lead_units] == ["区住建局", "区财政局"]
    assert [u.name for u in project.assisting_units] == ["区城管局", "各街道"]


def test_two_content_columns_without_a_name_column_lose_neither_text():
    draft = draft_of(
        "序号\t目标任务\t具体内容\t牵头单位\t备注\t备注",
        "1\t地区生产总值增长6%\t加快重点项目建设，全年完成投资100亿元\t县发改局\t季度调度\t年底考核",
        "2\t新增城镇就业3000人\t开展技能培训2000人次\t县人社局\t\t",
    )

    assert [(p.name, p.content) for p in draft.projects] == [
        ("地区生产总值增长6%", "加快重点项目建设，全年完成投资100亿元"), ("新增城镇就业3000人", "开展技能培训2000人次")]
    assert draft.projects[0].remarks == "季度调度\n年底考核"
