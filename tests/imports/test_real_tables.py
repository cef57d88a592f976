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

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file
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
        [1, "中小学幼儿园基础设施提升改造项目", "相关镇（街道）", 2024, "改造马畅、湑水等学校的运动场地。",
         300, "教体局"],
        [2, "城北小学门前道路建设项目", "纸坊街道", 2024, "建成唐塔北路延伸段道路。", 300, "住建局"],
        [3, "老旧小区改造项目", "洋州街道", 2024, "改造西苑等3个老旧小区的房屋功能和配套设施。", 1360, "住建局"],
        [4, "农村公路生命安全防护工程", "槐树关镇\n龙亭镇", 2024, "在两镇实施农村公路安防工程约119公里。",
         3000, "交通局"],
        [5, "高标准农田建设项目", "谢村镇", 2024, "整治田块500亩，修复堰塘1座，新建机电井7座、灌溉渠道50公里。",
         4930, "农业农村局"],
        [6, "职教中心小江分校区建设项目", "磨子桥镇", 2024, "改造原初中教学楼和学生宿舍，开设技能培训专业。",
         800, "人社局、教体局"],
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


# --- second batch: provinces and municipalities not seen in the first ----------------------------


def changsha_xlsx() -> tuple[str, bytes]:
    """长沙市: 牵头单位 first, merged down over its targets, its name broken by hand over short lines."""
    rows = [
        ["长沙市2011年政府工作报告目标任务分解表", None, None],
        ["牵头单位", "目 标 任 务", "责 任 单 位"],
        ["市政\n府办\n公厅", "优质高效办理人大代表建议和政协提案，主动接受社会监督。", "市直各单位、各区县（市）"],
        [None, "推进政务公开和政务服务标准化建设。", "市直各单位"],
        ["长沙\n先导\n区管委会", "推进河西商业配套建设。", "市商务局、高新区、岳麓区"],
        [None, "加快梅溪湖国际服务区、洋湖总部经济区建设，提升先导区示范功能。",
         "市直相关单位、高新区、岳麓区、望城区"],
        ["市\n发\n改\n委", "地区生产总值增长13%。", "市统计局和市直相关单位、各区县（市）"],
        [None, "固定资产投资增长20%。", None],
        [None, "城乡居民人均可支配收入分别增长12%和14%。", None],
        ["市\n民\n政\n局", "新增养老床位2000张，新建社区居家养老服务中心50个。", "各区县（市）"],
    ]
    merges = ["A1:C1", "A3:A4", "A5:A6", "A7:A9", "C7:C9"]
    return "长沙市2011年政府工作报告目标任务分解表.xlsx", _xlsx(rows, merges, "分解表")


def yubei_xlsx() -> tuple[str, bytes]:
    """渝北区: the two kinds of 民生实事 on two sheets, numbering restarting on each."""
    header = ["序号", "项目名称", "目标任务", "牵头单位", "配合单位", "完成时限"]
    sheets = [
        ("市级分解", "渝北区2024年重点民生实事项目（市级分解至我区任务）", [
            [1, "城镇老旧小区改造和社区服务提升", "改造城镇老旧小区120万平方米。", "区住房城乡建设委",
             "区财政局\n相关街道", "2024年12月"],
            [2, "实施城市绿荫工程", "新增绿化面积30万平方米，建设口袋公园5个。", "区城市管理局",
             "区规划自然资源局", "2024年12月"],
            [3, "新增普惠托位", "新增普惠托位600个。", "区卫生健康委", "区教委、区妇联", "2024年11月"],
        ]),
        ("区级", "渝北区2024年重点民生实事项目（区级）", [
            [1, "老年人照顾服务行动", "新建社区养老服务站8个，开展居家适老化改造300户。", "区民政局",
             "各镇街", "2024年12月"],
            [2, "老旧城区更新改造工程", "完成两路老城区5条道路品质提升。", "区住房城乡建设委",
             "区城市管理局\n两路街道", "2024年12月"],
            [3, "中小学食堂和宿舍改善", "改造中小学食堂10个、学生宿舍6栋。", "区教委", "区财政局", "2024年9月"],
            [4, "社区医院建设", "建成社区医院3个。", "区卫生健康委", "相关街道", "2024年12月"],
        ]),
    ]
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, caption, rows in sheets:
        sheet = workbook.create_sheet(title)
        sheet.append([caption] + [None] * (len(header) - 1))
        sheet.append(header)
        for cells in rows:
            sheet.append(cells)
        sheet.merge_cells(f"A1:{openpyxl.utils.get_column_letter(len(header))}1")
        for row in sheet.iter_rows():
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return "渝北区2024年重点民生实事项目.xlsx", buffer.getvalue()


def gaosheng_docx() -> tuple[str, bytes]:
    """高升镇: a town's progress table in Word, one 实事 over two rows (vMerge), 万元 and a 合计 row."""
    document = Document()
    document.add_paragraph("大足区高升镇2020年民生实事项目进展情况表")
    document.add_paragraph("（截至2020年7月31日）")
    header = ["序号", "项目名称", "建设内容", "投入资金（万元）", "责任办所", "进展情况"]
    rows = [
        ["1", "污水处理厂扩容工程", "扩容改造镇级污水处理厂，接入一级管网1.5千米、二级管网3.21千米。", "620",
         "镇建设环保办", "管网已铺设完毕，设备调试中。"],
        ["2", "场镇功能设施完善", "在华升社区新建生态停车场1个。", "180", "镇建设环保办", "已完工，等待验收。"],
        [None, None, "新建公厕2处。", None, None, "一处完成85%，另一处规划设计中。"],
        ["3", "“四好农村公路”建设", "建设农村公路32.69公里。", "1451", "镇农业服务中心", "已完成路基20公里。"],
        ["4", "“平安·和美”村庄建设", "将旭光村建设成为“平安·和美”村庄。", "20", "镇平安办",
         "完成方案编制和宣传阵地建设。"],
        ["合计", None, None, "2271", None, None],
    ]
    table = document.add_table(rows=len(rows) + 1, cols=len(header))
    for index, text in enumerate(header):
        table.cell(0, index).text = text
    for line, cells in enumerate(rows, start=1):
        for index, text in enumerate(cells):
            if text is not None:
                table.cell(line, index).text = text
    for column in (0, 1, 3, 4):  # 序号, 项目名称, money and unit merged down over the 实事's two rows
        table.cell(2, column).merge(table.cell(3, column))
    table.cell(6, 0).merge(table.cell(6, 2))
    buffer = io.BytesIO()
    document.save(buffer)
    return "大足区高升镇2020年民生实事项目进展情况表.docx", buffer.getvalue()


def yuzhong_docx() -> tuple[str, bytes]:
    """渝中区: 牵头单位：/责任单位： as paragraphs of their own under each numbered target, no table."""
    paragraphs = [
        "重庆市渝中区人民政府办公室关于印发2023年区政府工作报告重点工作目标任务分解的通知",
        "区级有关部门，各管委会、街道办事处，有关单位：",
        "现将《2023年区政府工作报告重点工作目标任务分解》印发给你们，请逐项认领、落细落实。",
        "重庆市渝中区人民政府办公室",
        "2023年2月10日",
        "2023年区政府工作报告重点工作目标任务分解",
        "一、主要预期指标",
        "1.地区生产总值增长5%左右，争取实现更好的发展。",
        "牵头单位：区发改委",
        "责任单位：各产业主管部门",
        "2.区级一般公共预算收入增长5%。",
        "牵头单位：区财政局",
        "责任单位：区税务局、区国资委等",
        "3.固定资产投资总额增长5%以上。",
        "牵头单位：区发改委",
        "责任单位：区住建委、区财政局、区国资委、区规资局、各管委会、区属各重点国企等",
        "二、增进民生福祉",
        "4.新增普惠托位300个。",
        "牵头单位：区卫生健康委",
        "责任单位：区教委、各街道",
        "5.完成老旧小区改造20个。",
        "牵头单位：区住房城乡建委",
        "责任单位：区财政局、各街道",
    ]
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return "渝中区2023年区政府工作报告重点工作目标任务分解.docx", buffer.getvalue()

BUILDERS = {
    f.__name__: f
    for f in (
        gaotang_xlsx, yangxian_xlsx, yangdong_docx, changxing_docx,
        changsha_xlsx, yubei_xlsx, gaosheng_docx, yuzhong_docx,
    )
}


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
