"""Merged cells read as the office meant them, and workbooks that spread a plan over several sheets.

Every file here is built by the test: an .xlsx with cells merged down over a project's rows, a
.docx with vertical merges, a workbook with one sheet per category and an explanation sheet.
"""

import io

import openpyxl
from docx import Document

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file, read_text

MAX_BYTES = 10 * 1024 * 1024
TITLE = "合肥市蜀山区2024年民生实事项目责任分解表"
HEADER = ["序号", "项目名称", "进度安排", "牵头单位", "责任领导", "完成时限"]


def draft_of(name: str, data: bytes):
    return draft_plan(read_file(name, data, max_bytes=MAX_BYTES, header_cells=count_header_cells))


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def merged_workbook() -> bytes:
    """Project 1 spans three rows (two more items of its own), project 2 one row, project 3 two rows
    whose second only carries the rest of its content's sentence; units and leaders merged too."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.append(HEADER)
    rows = [
        ["1", "城区学校扩容", "新建教学楼1栋", "区教育局", "王强", "2024年8月"],
        [None, None, "扩建食堂1处", None, None, "2024年10月"],
        [None, None, "改造运动场1个", "区体育中心", None, "2024年12月"],
        ["2", "社区食堂建设", "新建社区食堂5个", "区民政局", "李明", "2024年12月"],
        ["3", "老旧小区改造", "改造老旧小区12个，", "区住建局", "张伟", "2024年11月"],
        [None, None, "同步加装电梯20部", None, None, None],
    ]
    for cells in rows:
        sheet.append(cells)
    # Rows 3-5 are project 1, rows 7-8 project 3 (row 1: title, row 2: header).
    for column in "AB":
        sheet.merge_cells(f"{column}3:{column}5")
        sheet.merge_cells(f"{column}7:{column}8")
    for column in "E":
        sheet.merge_cells(f"{column}3:{column}5")
        sheet.merge_cells(f"{column}7:{column}8")
    sheet.merge_cells("D3:D4")
    sheet.merge_cells("D7:D8")
    sheet.merge_cells("F7:F8")
    return workbook_bytes(workbook)


def test_a_number_merged_down_is_one_project_with_its_items_as_sub_projects():
    draft = draft_of("蜀山区.xlsx", merged_workbook())

    assert draft.errors == []
    top = [p for p in draft.projects if p.parent_key is None]
    assert [p.number for p in top] == ["1", "2", "3"]
    items = [p for p in draft.projects if p.parent_key == "1"]
    assert [p.work_plan for p in items] == ["扩建食堂1处", "改造运动场1个"]
    # The merged unit and leader apply to every row they span; a row's own unit is its own.
    assert [[u.name for u in p.lead_units] for p in items] == [["区教育局"], ["区体育中心"]]
    assert [p.leaders for p in items] == [["王强"], ["王强"]]


def test_a_row_that_only_continues_a_cell_is_not_a_project():
    draft = draft_of("蜀山区.xlsx", merged_workbook())

    third = next(p for p in draft.projects if p.key == "3")
    assert third.work_plan == "改造老旧小区12个，\n同步加装电梯20部"
    assert not [p for p in draft.projects if p.parent_key == "3"]


def test_word_vertical_merges_read_like_excel_ones():
    document = Document()
    document.add_paragraph(TITLE)
    table = document.add_table(rows=4, cols=len(HEADER))
    for index, text in enumerate(HEADER):
        table.cell(0, index).text = text
    for row, cells in enumerate([
        ["1", "城区学校扩容", "新建教学楼1栋", "区教育局", "王强", "2024年8月"],
        ["", "", "扩建食堂1处", "", "", "2024年10月"],
        ["2", "社区食堂建设", "新建社区食堂5个", "区民政局", "李明", "2024年12月"],
    ], start=1):
        for index, text in enumerate(cells):
            if text:
                table.cell(row, index).text = text
    for column in (0, 1, 3, 4):
        table.cell(1, column).merge(table.cell(2, column))
    buffer = io.BytesIO()
    document.save(buffer)

    draft = draft_of("蜀山区.docx", buffer.getvalue())

    assert draft.errors == []
    assert [(p.key, p.parent_key) for p in draft.projects] == [("1", None), ("1.2", "1"), ("2", None)]
    assert [u.name for u in draft.projects[1].lead_units] == ["区教育局"]


def sheets_workbook(*, explanation: bool = True) -> bytes:
    """One plan over three sheets, one per category; each sheet repeats the title and the header."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    if explanation:
        notes = workbook.create_sheet("填表说明")
        notes.append(["请各单位于每月22日前填报。"])
        notes.append(["金额单位：万元。"])
    numbers = iter(range(1, 100))
    for category, projects in [
        ("教育方面", [("新建幼儿园2所", "区教育局"), ("改造校舍5处", "区教育局")]),
        ("医疗卫生方面", [("建设社区卫生服务站3个", "区卫健委")]),
        ("养老服务方面", [("新增养老床位200张", "区民政局"), ("建设助餐点10个", "区民政局")]),
    ]:
        sheet = workbook.create_sheet(category)
        sheet.append([TITLE])
        sheet.append(["序号", "项目名称", "牵头单位"])
        for name, unit in projects:
            sheet.append([next(numbers), name, unit])
    return workbook_bytes(workbook)


def test_one_sheet_per_category_gives_each_sheet_name_as_the_category():
    draft = draft_of("蜀山区.xlsx", sheets_workbook())

    assert draft.errors == []
    assert draft.title == TITLE  # read once, though every sheet repeats it
    assert [c.name for c in draft.categories] == ["教育方面", "医疗卫生方面", "养老服务方面"]
    assert [(p.number, p.category) for p in draft.projects] == [
        ("1", "教育方面"), ("2", "教育方面"), ("3", "医疗卫生方面"), ("4", "养老服务方面"), ("5", "养老服务方面")]


def test_a_sheet_without_a_table_is_skipped_and_said_so():
    draft = draft_of("蜀山区.xlsx", sheets_workbook())

    assert any("填表说明" in warning.message for warning in draft.warnings)
    assert all("填报" not in project.name for project in draft.projects)


def test_numbering_that_starts_again_in_each_sheet_is_numbered_by_category():
    workbook = openpyxl.load_workbook(io.BytesIO(sheets_workbook(explanation=False)))
    for sheet in workbook.worksheets:
        for ordinal, row in enumerate(sheet.iter_rows(min_row=3), start=1):
            row[0].value = ordinal

    draft = draft_of("蜀山区.xlsx", workbook_bytes(workbook))

    assert draft.errors == []
    assert [p.number for p in draft.projects] == ["1.1", "1.2", "2.1", "3.1", "3.2"]
    assert "序号在每个类别中重新从1开始：项目按“类别.序号”编号，如3.2。" in [w.message for w in draft.warnings]


def test_an_amount_merged_over_a_projects_rows_is_counted_once():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append([TITLE])
    sheet.append(["序号", "项目名称", "建设内容", "投资（万元）", "牵头单位"])
    sheet.append(["1", "污水处理厂扩容", "扩容改造污水处理厂", "620", "镇建设环保办"])
    sheet.append(["2", "场镇设施完善", "新建生态停车场1个", "180", "镇建设环保办"])
    sheet.append([None, None, "新建公厕2处", None, None])
    sheet.append(["3", "农村公路建设", "建设农村公路32公里", "1451", "镇农业服务中心"])
    for column in "ABDE":
        sheet.merge_cells(f"{column}4:{column}5")

    draft = draft_of("高升镇.xlsx", workbook_bytes(workbook))

    assert [(p.key, p.parent_key, p.total_investment) for p in draft.projects] == [
        ("1", None, 620), ("2", None, 180), ("2.2", "2", None), ("3", None, 1451)]
    # The merged unit, unlike the amount, is each row's.
    assert [u.name for u in draft.projects[2].lead_units] == ["镇建设环保办"]


def test_restarted_numbers_keep_each_sub_project_under_its_own_project():
    draft = draft_plan([read_text("\n".join([
        TITLE, "序号\t项目名称\t进度安排\t牵头单位",
        "一、教育方面", "1\t新建幼儿园\t完成选址\t区教育局", "\t\t完成主体\t区教育局",
        "2\t改造校舍\t完成设计\t区教育局",
        "二、养老方面", "1\t新增养老床位\t完成招标\t区民政局", "\t\t完成验收\t区民政局",
    ]), name="表.txt")])

    assert draft.errors == []
    assert [(p.key, p.parent_key, p.work_plan) for p in draft.projects] == [
        ("1.1", None, "完成选址"), ("1.1.2", "1.1", "完成主体"), ("1.2", None, "完成设计"),
        ("2.1", None, "完成招标"), ("2.1.2", "2.1", "完成验收")]


def test_a_two_row_header_whose_cells_are_merged_over_both_rows_splits_its_funding_group():
    """A county's workbook: 资金来源 merged across 中央资金 / 省级资金 / 县级配套, every other header
    cell merged down over both header rows; 主管部门 leads, 实施单位 does the work."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["附件1"])
    sheet.append(["皋兰县2025年十件民生实事项目计划表"])
    sheet.append(["序号", "项目名称", "主要建设内容", "计划总投资（万元）", "资金来源",
                  None, None, "主管部门", "实施单位",
                  "包联县领导", "计划完成时间"])
    sheet.append([None, None, None, None, "中央资金", "省级资金", "县级配套"])
    for column in "ABCDHIJK":
        sheet.merge_cells(f"{column}3:{column}4")
    sheet.merge_cells("E3:G3")
    sheet.append([1, "城乡供水一体化", "新建水厂1座", 5000, 3000, 1000, 1000, "县水利局", "县水务公司",
                  "王刚", "2025.12"])
    sheet.append([2, "学校改薄", "改造校舍12000平方米", 1800, None, 800, 1000, "县教育局", "县教育局",
                  "李丽", "2025年9月"])
    sheet.append(["合计", None, None, 6800, 3000, 1800, 2000])

    draft = draft_of("皋兰县.xlsx", workbook_bytes(workbook))

    assert draft.errors == [] and draft.warnings == []
    [layout] = draft.layouts
    assert [(column["header"], column["role"]) for column in layout["columns"]] == [
        ("序号", "number"), ("项目名称", "name"), ("主要建设内容", "content"),
        ("计划总投资（万元）", "total_investment"),
        ("资金来源 / 中央资金", "source"), ("省级资金", "source"), ("县级配套", "source"), ("主管部门", "lead"),
        ("实施单位", "assisting"), ("包联县领导", "leaders"), ("计划完成时间", "deadline")]
    first, second = draft.projects
    assert [(f.source, f.amount) for f in first.fundings] == [("上级补助", 3000), ("省级补助", 1000), ("县财政", 1000)]
    assert ([u.name for u in first.lead_units],
            [u.name for u in first.assisting_units]) == (["县水利局"], ["县水务公司"])
    assert (second.name, [(f.source, f.amount) for f in second.fundings]) == (
        "学校改薄", [("省级补助", 800), ("县财政", 1000)])
    assert all(check.ok for check in draft.checks)
