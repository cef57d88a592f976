"""Work-plan cells read into quarterly milestones, from the real tables."""

import re
from pathlib import Path

import pytest

from imports.foundation.cells.quarters import QuartersParse, parse_quarters, quarter_of_month, target_percent

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def rows_000() -> list[list[str]]:
    """Project rows of fixture 000: a cell starts on a tab-prefixed line, wrapped lines follow."""
    text = (FIXTURES / "000_2ce7769f0985d373.txt").read_text(encoding="utf-8")
    cells = [cell.strip() for cell in re.split(r"\n\t", text)]
    return [cells[i : i + 8] for i, cell in enumerate(cells) if cell.isdigit()]


def rows_002() -> dict[str, list[str]]:
    """Project rows of fixture 002 by number; column 3 is 形象进度安排."""
    text = (FIXTURES / "002_66d9d59c06a574fd.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines()]
    return {row[0]: row for row in rows if len(row) == 10 and row[0].isdigit()}


@pytest.mark.parametrize(
    ("month", "quarter"),
    [(1, 1), (3, 1), (4, 2), (6, 2), (7, 3), (9, 3), (10, 4), (12, 4)],
)
def test_quarter_of_month(month, quarter):
    assert quarter_of_month(month) == quarter


@pytest.mark.parametrize("month", [0, 13, -1])
def test_quarter_of_an_impossible_month_is_a_programming_error(month):
    with pytest.raises(ValueError):
        quarter_of_month(month)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "第一季度:发动宣传,鼓励企业在职工稳定后,统一为职工办理;第二、第三季度:相关单位医疗互助到期的做好续办工作;"
            "第四季度:机关、事业单位职工医疗互助办理。",
            {
                1: "发动宣传,鼓励企业在职工稳定后,统一为职工办理",
                2: "相关单位医疗互助到期的做好续办工作",
                3: "相关单位医疗互助到期的做好续办工作",
                4: "机关、事业单位职工医疗互助办理",
            },
        ),
        (
            "第一、二季度: 广发发动、筹备成立、接受捐款; 第三、四季度: 正式运行。",
            {1: "广发发动、筹备成立、接受捐款", 2: "广发发动、筹备成立、接受捐款", 3: "正式运行", 4: "正式运行"},
        ),
        (
            "一季度:广泛宣传,充分发动; 二季度:确定目标; 三季度:基本完成项目竣工; 四季度:通过验收。",
            {1: "广泛宣传,充分发动", 2: "确定目标", 3: "基本完成项目竣工", 4: "通过验收"},
        ),
        (
            "第一季度完成预算编制及复核;第二季度完成施工单位招投标;第三季度材料及施工班组进场;第四季度完成主道路施工建设。",
            {1: "完成预算编制及复核", 2: "完成施工单位招投标", 3: "材料及施工班组进场", 4: "完成主道路施工建设"},
        ),
        (
            "第一季度完成宣传，设计勘察意向征询；第二季度报装收费；第三季度、第四季度工程施工。",
            {1: "完成宣传，设计勘察意向征询", 2: "报装收费", 3: "工程施工", 4: "工程施工"},
        ),
        (
            "第一季度装修装饰、水电施工收尾, 室外工程施工; 第二季度竣工验收; 第三季度搬迁使用。",
            {1: "装修装饰、水电施工收尾, 室外工程施工", 2: "竣工验收", 3: "搬迁使用"},
        ),
        ("第一至三季度施工；第四季度验收。", {1: "施工", 2: "施工", 3: "施工", 4: "验收"}),
    ],
)
def test_quarter_labels_give_the_text_under_them(text, expected):
    assert parse_quarters(text, year=2023) == QuartersParse(expected, "", [])


def test_months_inside_a_quarter_label_do_not_move_the_text():
    text = "第三季度: 继续组织申请、缴费; 第四季度: 10 月份兑现部分对象补助经费; 2023 年 12 月份初结束低保户的申請。"
    result = parse_quarters(text, year=2023)
    assert result.milestones == {
        3: "继续组织申请、缴费",
        4: "10 月份兑现部分对象补助经费; 2023 年 12 月份初结束低保户的申請",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1-3月确定老年人名单，4-6月完成合同签订。", {1: "确定老年人名单", 2: "完成合同签订"}),
        (
            # 4-8月 is due in the quarter it ends in (Q3); 10月 and 11月 share Q4.
            "1-3月开展建设地块摸底调查和勘踏选址工作，4-8月开展前期方案及施工图设计（含论证评审）手续办理、预算、"
            "基建报批等工作，9月完成招投标，10月开工，11月完成建设。",
            {
                1: "开展建设地块摸底调查和勘踏选址工作",
                3: "开展前期方案及施工图设计（含论证评审）手续办理、预算、基建报批等工作；完成招投标",
                4: "开工；完成建设",
            },
        ),
        (
            "3月前完成第三方招标；9月前完成所有照料中心站的成效评估；10月前确定发放方案；11月起发放，年底前完成。",
            {1: "完成第三方招标", 3: "完成所有照料中心站的成效评估", 4: "确定发放方案；发放；完成"},
        ),
        (
            "1月完成测量，2-3月完成施工图设计，4-5月完成预算，6月预算审核，7月完成立项、财政备案，8月完成招投标，"
            "9月进场施工，11月底竣工、交付使用。",
            {
                1: "完成测量；完成施工图设计",
                2: "完成预算；预算审核",
                3: "完成立项、财政备案；完成招投标；进场施工",
                4: "竣工、交付使用",
            },
        ),
        (
            "3月印发方案并启动，6月底前完成任务量的50%，9月底前完成任务量的90%，10月底前完成全部任务数。",
            {1: "印发方案并启动", 2: "完成任务量的50%", 3: "完成任务量的90%", 4: "完成全部任务数"},
        ),
        (
            "1月进行摸底，确定建设点，制定建设计划；2月开始建设；6月完工。",
            {1: "进行摸底，确定建设点，制定建设计划；开始建设", 2: "完工"},
        ),
        (
            "2月印发实施方案，下达活动任务；3-6月指导、考核、筛选演出队伍；7-8月确定演出队伍并进行演出彩排；"
            "9-10月8个街道完成8场演出。",
            {
                1: "印发实施方案，下达活动任务",
                2: "指导、考核、筛选演出队伍",
                3: "确定演出队伍并进行演出彩排",
                4: "8个街道完成8场演出",
            },
        ),
        ("9月份开始招收幼儿入园。", {3: "开始招收幼儿入园"}),
        ("3-4月前进场施工，5-6月建成并投入使用。", {2: "进场施工；建成并投入使用"}),
    ],
)
def test_month_phrases_go_to_the_quarter_they_are_due_in(text, expected):
    assert parse_quarters(text, year=2022) == QuartersParse(expected, "", [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("年初组织实施，年底前完成。", {1: "组织实施", 4: "完成"}),
        ("1月起实施，按季度发放补助资金，年底前完成。", {1: "实施，按季度发放补助资金", 4: "完成"}),
        ("上半年完成招标，下半年完工。", {2: "完成招标", 4: "完工"}),
        ("年中完成主体，年内完工。", {2: "完成主体", 4: "完工"}),
        ("争取上半年在全区试运行。", {2: "争取上半年在全区试运行"}),
    ],
)
def test_parts_of_the_year_map_to_quarters(text, expected):
    assert parse_quarters(text, year=2022) == QuartersParse(expected, "", [])


@pytest.mark.parametrize("text", ["常年应急抢修。", "全年开展巡查。"])
def test_work_all_year_is_planned_in_every_quarter(text):
    words = text.rstrip("。")
    assert parse_quarters(text, year=2022) == QuartersParse({1: words, 2: words, 3: words, 4: words}, "", [])


def test_months_before_the_plan_year_are_preparation():
    text = "2021年10月进行摸底，11月完成招标，2022年1月开始为老年人提供服务。"
    result = parse_quarters(text, year=2022)
    assert result == QuartersParse({1: "开始为老年人提供服务"}, "2021年10月进行摸底；11月完成招标", [])


def test_a_project_started_last_year_has_preparation_and_this_years_quarters():
    result = parse_quarters("2021年11月进场施工，2022年5月完成工程量50%，2022年10月完工。", year=2022)
    assert result == QuartersParse({2: "完成工程量50%", 4: "完工"}, "2021年11月进场施工", [])


def test_without_a_plan_year_the_latest_year_named_is_the_plan_year():
    result = parse_quarters("2021年10月进行摸底，11月完成招标，2022年1月开始为老年人提供服务。", year=None)
    assert result.milestones == {1: "开始为老年人提供服务"}
    assert result.preparation == "2021年10月进行摸底；11月完成招标"


def test_a_date_inside_a_clause_stays_in_the_text_and_undated_lead_text_is_reported():
    result = parse_quarters("进一步开展提升工作，争取在8月30日前完成采购。", year=2024)
    assert result.milestones == {3: "争取在8月30日前完成采购"}
    assert len(result.warnings) == 1
    assert "进一步开展提升工作" in result.warnings[0]


def test_months_after_the_plan_year_are_reported_not_placed():
    result = parse_quarters("2022年10月开工，2023年6月完工。", year=2022)
    assert result.milestones == {4: "开工"}
    assert len(result.warnings) == 1
    assert "2023年6月完工" in result.warnings[0]


@pytest.mark.parametrize(
    "text",
    [
        "在重要节日、传统节日等时间节点常态化开展街头文化艺术表演。",
        "2022年新塘街道“四帮四扶”工程帮扶家庭以上报12户,以市民政局审核通过为准。",
        "完成全年演出任务",
    ],
)
def test_a_plan_without_dates_gives_no_milestones_and_a_warning(text):
    result = parse_quarters(text, year=2023)
    assert result.milestones == {}
    assert result.preparation == ""
    assert len(result.warnings) == 1


def test_a_numbered_item_without_dates_is_reported_and_the_rest_is_placed():
    text = (
        "①第一季度完成图审、预算、预算审核及报建等工作，第二、三季度完成二次装修，第四季度完成设备采购；"
        "②待项目开发商完成竣备后两个月内完成移交。"
    )
    result = parse_quarters(text, year=2022)
    assert result.milestones == {
        1: "完成图审、预算、预算审核及报建等工作",
        2: "完成二次装修",
        3: "完成二次装修",
        4: "完成设备采购",
    }
    assert len(result.warnings) == 1
    assert "待项目开发商完成竣备后两个月内完成移交" in result.warnings[0]


def test_an_impossible_month_is_reported():
    result = parse_quarters("13月完工。", year=2022)
    assert result.milestones == {}
    assert result.warnings


@pytest.mark.parametrize("text", ["", "  "])
def test_an_empty_cell_has_no_milestones_and_no_warning(text):
    assert parse_quarters(text, year=2022) == QuartersParse({}, "", [])


def test_every_plan_cell_of_fixture_000_is_placed_or_reported():
    rows = rows_000()
    unplaced = []
    for row in rows:
        result = parse_quarters(row[3], year=2022)
        assert set(result.milestones) <= {1, 2, 3, 4}
        assert all(result.milestones.values()), row[0]
        if not result.milestones:
            unplaced.append(row[0])
            assert result.warnings
    assert unplaced == ["19"]
    by_number = {row[0]: row for row in rows}
    assert parse_quarters(by_number["8"][3], year=2022).milestones == {
        1: "办理工程基建手续",
        2: "项目开工",
        3: "开展路基施工",
        4: "完工",
    }
    assert parse_quarters(by_number["17"][3], year=2022).milestones == {
        1: "完成现场勘察与论证",
        2: "完成工程立项与招投标",
        3: "完成施工与安装",
    }


def test_every_plan_cell_of_fixture_002_is_placed_except_the_undated_one():
    rows = rows_002()
    assert len(rows) == 12
    for number, row in rows.items():
        result = parse_quarters(row[3], year=2023)
        if number == "3":
            assert result.milestones == {} and len(result.warnings) == 1
        else:
            assert result.warnings == [], number
            assert set(result.milestones) >= {1, 2, 3}, number


@pytest.mark.parametrize(
    ("text", "percent"),
    [
        ("完成年度任务数的50%", 50),
        ("完成年度任务数的80%", 80),
        ("完成工程量50%", 50),
        ("完成筛查50%的任务数", 50),
        ("筛查任务数100%完成,并形成工作总结", 100),
        ("完成进度的20%", 20),
        ("完成进度的２０％", 20),
        ("完成年度任务数", None),
        ("", None),
        ("超额完成150%", None),
    ],
)
def test_target_percent_reads_the_share_of_the_years_task(text, percent):
    assert target_percent(text) == percent
