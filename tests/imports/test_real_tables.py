"""An admin outside Fujian imports the table her county, district, town or city actually published.

Each case in tests/imports/real/cases.py is a small table of our own written in the shape of a
real public one (its source noted beside it): web text pasted from the page, prose lists, a CSV,
and Excel and Word files built below with the merges the originals use. Every table is read and
drafted the way the upload does it, without the database, and must come out as she counted it:
no errors, as many projects, the same lead units on the first and last project, the money adding
up, and the year and place of the title.
"""

import io
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from openpyxl.styles import Alignment

from imports.layouts import count_header_cells
from imports.plan_reader import draft_plan
from imports.readers import read_file
from tests.imports.real.cases import CASES, Case

REAL = Path(__file__).resolve().parent / "real"
MAX_BYTES = 50 * 1024 * 1024


# --- files built here: Excel and Word keep their merges only in the real formats ---------------


def _xlsx(sheet_rows: list[list], merges: list[str], title: str) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for cells in sheet_rows:
        sheet.append(cells)
    for span in merges:
        sheet.merge_cells(span)
    for row in sheet.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="center")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def gaotang_xlsx() -> tuple[str, bytes]:
    """高唐县: 类别 merged down over its tasks, no 序号, the title merged across the sheet."""
    rows = [
        ["高唐县2024年政府工作报告目标任务分工方案", None, None, None],
        ["类别", "任务内容", "牵头领导", "责任单位"],
        ["主要预期目标", "地区生产总值增长6%左右。", "王振宇", "县发改局"],
        [None, "一般公共预算收入增长5%。", "李卫东", "县财政局"],
        [None, "城镇新增就业3500人以上。", "刘敏", "县人社局"],
        ["扩大有效投资", "实施县级以上重点项目120个，完成投资150亿元。", "王振宇", "县发改局"],
        [None, "争取各类专项债券资金10亿元以上。", "李卫东", "县财政局\n县发改局"],
        ["保障改善民生", "新建改扩建幼儿园3所，新增学位900个。", "刘敏", "县教体局"],
        [None, "改造提升农村供水管网120公里。", "张海涛", "县水利局"],
        [None, "深化县域医共体建设，村卫生室医保结算全覆盖。", "刘敏", "县卫健局\n县医保局"],
    ]
    merges = ["A1:D1", "A3:A5", "A6:A7", "A8:A10"]
    return "高唐县2024年政府工作报告目标任务分工方案.xlsx", _xlsx(rows, merges, "分工方案")


def yangxian_xlsx() -> tuple[str, bytes]:
    """洋县: numbers as numbers, 年度投资金额（万元）, a 合计 row, a two-place cell."""
    rows = [
        ["附件：", None, None, None, None, None, None],
        ["洋县2024年十大民生实事项目清单", None, None, None, None, None, None],
        ["序号", "项目名称", "建设地点", "建设时间", "2024年建设内容", "年度投资金额（万元）", "责任单位"],
        [1, "中小学幼儿园基础设施提升改造项目", "相关镇（街道）", 2024, "改造马畅、湑水等学校的运动场地。", 300, "教体局"],
        [2, "城北小学门前道路建设项目", "纸坊街道", 2024, "建成唐塔北路延伸段道路。", 300, "住建局"],
        [3, "老旧小区改造项目", "洋州街道", 2024, "改造西苑等3个老旧小区的房屋功能和配套设施。", 1360, "住建局"],
        [4, "农村公路生命安全防护工程", "槐树关镇\n龙亭镇", 2024, "在两镇实施农村公路安防工程约119公里。", 3000, "交通局"],
        [5, "高标准农田建设项目", "谢村镇", 2024, "整治田块500亩，修复堰塘1座，新建机电井7座、灌溉渠道50公里。", 4930, "农业农村局"],
        [6, "职教中心小江分校区建设项目", "磨子桥镇", 2024, "改造原初中教学楼和学生宿舍，开设技能培训专业。", 800, "人社局、教体局"],
        ["合计", None, None, None, None, 10690, None],
    ]
    merges = ["A2:G2", "A10:E10"]
    return "洋县2024年十大民生实事项目清单.xlsx", _xlsx(rows, merges, "Sheet1")


def yangdong_docx() -> tuple[str, bytes]:
    """阳东区: one 民生实事 over several 具体内容 rows, 序号 and name (and a shared unit) merged down."""
    document = Document()
    document.add_paragraph("附件")
    document.add_paragraph("2024年阳江市阳东区十件民生实事完成情况表")
    header = ["序号", "民生实事", "具体内容", "责任单位", "完成情况"]
    # (number, name, [(content, unit or None to share the unit above, status)])
    groups = [
        ("1", "提升底线民生保障水平", [
            ("城乡低保月人均补差分别提高到不低于640元和300元，做到应保尽保。", "区民政局", "已完成"),
            ("特困人员基本生活标准不低于当地低保标准的1.6倍。", None, "已完成"),
            ("集中供养和散居孤儿基本生活保障标准按省定标准发放。", None, "已完成"),
        ]),
        ("2", "推进教育优质均衡发展", [
            ("新建公办幼儿园2所，新增学位540个。", "区教育局", "已完成"),
            ("完成6所农村学校厕所和饭堂改造。", "区教育局", "已完成"),
        ]),
        ("3", "改善农村人居环境", [
            ("完成20个自然村雨污分流和生活污水治理。", "区农业农村局", "已完成"),
        ]),
        ("4", "提升医疗卫生服务能力", [
            ("为适龄妇女免费开展“两癌”筛查8000人。", "区卫生健康局", "已完成"),
            ("建成镇卫生院慢病管理中心5个。", None, "已完成"),
            ("每个镇卫生院配备救护车1辆以上。", None, "已完成"),
        ]),
    ]
    rows = sum(len(items) for _n, _name, items in groups)
    table = document.add_table(rows=rows + 1, cols=len(header))
    for index, text in enumerate(header):
        table.cell(0, index).text = text
    line = 1
    for number, name, items in groups:
        top = line
        unit_top = line
        for content, unit, status in items:
            if line == top:
                table.cell(line, 0).text = number
                table.cell(line, 1).text = name
            table.cell(line, 2).text = content
            table.cell(line, 4).text = status
            if unit is not None:
                table.cell(line, 3).text = unit
                unit_top = line
            elif line > unit_top:
                table.cell(unit_top, 3).merge(table.cell(line, 3))
            line += 1
        if line - 1 > top:
            table.cell(top, 0).merge(table.cell(line - 1, 0))
            table.cell(top, 1).merge(table.cell(line - 1, 1))
    buffer = io.BytesIO()
    document.save(buffer)
    return "2024年阳江市阳东区十件民生实事完成情况表.docx", buffer.getvalue()


def changxing_docx() -> tuple[str, bytes]:
    """长兴县: the list as Word paragraphs, no table at all."""
    paragraphs = [
        "长兴县人民政府办公室关于印发2023年政府工作报告重点工作责任分解的通知",
        "长政办发〔2023〕7号",
        "各乡镇人民政府（街道办事处、园区管委会），县政府直属各单位：",
        "《2023年政府工作报告重点工作责任分解》已经县政府同意，现印发给你们，请认真贯彻执行。",
        "长兴县人民政府办公室",
        "2023年2月24日",
        "2023年政府工作报告重点工作责任分解",
        "一、吴建国县长牵头重点工作",
        "1.财政总收入和一般公共预算收入增长与经济增长基本同步。",
        "责任单位：县财政局。",
        "2.守牢财政金融领域风险底线，稳妥化解隐性债务。",
        "责任单位：县财政局、县金融发展服务中心。",
        "二、李晓峰常务副县长牵头重点工作",
        "1.全县地区生产总值增长6.5%左右。",
        "责任单位：县发改局。",
        "2.固定资产投资增长10%以上。",
        "责任单位：县发改局、县统计局。",
        "三、沈红副县长牵头重点工作",
        "1.新增3岁以下婴幼儿托位600个。",
        "责任单位：县卫生健康局、县教育局。",
        "2.建成县人民医院急救分中心并投入使用。",
        "责任单位：县卫生健康局。",
    ]
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return "长兴县2023年政府工作报告重点工作责任分解.docx", buffer.getvalue()


BUILDERS = {f.__name__: f for f in (gaotang_xlsx, yangxian_xlsx, yangdong_docx, changxing_docx)}


def the_table(case: Case) -> tuple[str, bytes]:
    if case.builder:
        return BUILDERS[case.builder]()
    path = REAL / case.file
    return path.name, path.read_bytes()


# --- the story --------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_real_table_imports_as_counted_by_hand(case: Case):
    name, data = the_table(case)
    tables = read_file(name, data, max_bytes=MAX_BYTES, header_cells=count_header_cells)
    draft = draft_plan(tables)

    assert [problem.message for problem in draft.errors] == []
    # The title says where and when: no need to type them in.
    assert draft.year == case.year
    assert draft.jurisdiction and draft.jurisdiction[-1] == case.place

    top = [project for project in draft.projects if project.parent_key is None]
    under = [project for project in draft.projects if project.parent_key is not None]
    assert (len(top), len(under)) == (case.projects, case.sub_projects), [p.name for p in draft.projects]

    # Who answers for the first and the last project, as she would read it off the page.
    assert [unit.name for unit in top[0].lead_units] == case.first_lead
    assert [unit.name for unit in top[-1].lead_units] == case.last_lead
    if case.first_leaders:
        assert top[0].leaders == case.first_leaders
    if case.first_assisting is not None:
        # A place column (建设地点) or a data provider is not a unit that helps.
        assert [unit.name for unit in top[0].assisting_units] == case.first_assisting

    if case.investment is not None:
        amounts = [getattr(project, case.investment_field) for project in top]
        assert None not in amounts, [p.name for p, a in zip(top, amounts) if a is None]
        assert sum(amounts, Decimal(0)) == case.investment
        # The table has that one money column: a year (建设时间 2024) is not an amount.
        other = "annual_investment" if case.investment_field == "total_investment" else "total_investment"
        assert [getattr(project, other) for project in top] == [None] * len(top)


def test_the_cases_cover_many_places_and_shapes():
    # At least fifteen tables, from six provinces or more besides Fujian, at every level of government.
    assert len(CASES) >= 15
    assert len({case.province for case in CASES} - {"福建"}) >= 6
    assert {case.level for case in CASES} == {"county", "district", "town", "city"}
    assert all(case.source.startswith("http") for case in CASES)
    assert all((REAL / case.file).is_file() if case.file else case.builder in BUILDERS for case in CASES)
