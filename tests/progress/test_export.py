"""The office exports a plan's progress table for a period, prints it, mails it, and can import it again."""

import io
from datetime import date

import openpyxl
import pytest

from audit.protection import erasing
from imports.services import apply_import, preview_import
from imports.shape.preamble import read_preamble
from progress.export import progress_table, title
from progress.models import Report, Revision
from projects.models import Plan, Project, ProjectOrganization
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project
from tests.imports.seeds import seed_bytes, seed_path

pytestmark = pytest.mark.django_db

JUNE = date(2023, 6, 1)
# The groups of fixture 003 and their rows: 幼有所育 has 2, 学有所教 4, … 行有所畅 4 (29 rows).
GROUP_SIZES_003 = [2, 4, 2, 2, 3, 6, 2, 2, 2, 4]


def load_003() -> Plan:
    preview = preview_import(file_name=seed_path("003").name, data=seed_bytes("003"))
    assert preview.errors == []
    return apply_import(preview=preview).plan


def opened(data: bytes) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(io.BytesIO(data)).active


def values(sheet, row: int) -> list:
    return [sheet.cell(row=row, column=column).value for column in range(1, 6)]


def described(plan: Plan) -> list[tuple]:
    """Each project of the plan as the table shows it, in order: number, name, content, lead units, June's progress."""
    progress = dict(Report.objects.filter(project__plan=plan, period=JUNE).values_list("project__key", "progress"))
    return [
        (project.number, project.name, project.content,
         list(project.unit_roles.filter(role="lead").order_by("position").values_list("organization__name", flat=True)),
         progress.get(project.key))
        for project in plan.projects.order_by("position")
    ]


def test_the_half_year_progress_of_lucheng_is_laid_out_as_the_published_table():
    plan = load_003()
    data = progress_table(plan, JUNE, Project.objects.all())
    sheet = opened(data)
    assert sheet["A1"].value == "2023年鹿城区政府民生实项目进展表（2023年6月）"
    assert values(sheet, 2) == ["序号", "项目名称", "项目内容", "牵头单位", "进展情况"]
    assert sheet.max_row - 2 == plan.projects.count() == 29
    # 序号 and 项目名称 are merged over each group's rows, as in the published table.
    expected, row = {"A1:E1"}, 3
    for size in GROUP_SIZES_003:
        expected |= {f"A{row}:A{row + size - 1}", f"B{row}:B{row + size - 1}"}
        row += size
    merged = {str(merged) for merged in sheet.merged_cells.ranges}
    assert merged == expected
    assert values(sheet, 5)[:2] == ["2", "学有所教"] and {"A5:A8", "B5:B8"} <= merged
    assert values(sheet, 3) == ["1", "幼有所育", "新增 0-3 岁幼儿托育机构托位 400 个。", "区卫生健康局",
                                "已建设 15 家，托位 440 个。"]
    # A row whose unit cell was left empty in the table shows the unit it reports for.
    assert values(sheet, 6)[2:4] == ["新投用中小学、公办幼儿园 10 所。", "区教育局"]
    assert values(sheet, 6)[4].startswith("7 所中小学建设工程总体进展顺利")
    assert values(sheet, 23)[2:] == ["改造提升社区微型消防站 20 个。", "区消防救援大队、区应急管理局",
                                     "各街镇已启动开展采购，14 个社区采购运输途中。"]
    assert values(sheet, 31)[2:] == ["设立电动自行车智能充电桩（柜）1000 个。", "区住建局、区国资经营集团",
                                     "已完成自行车充电桩约 800 个。"]


def test_the_table_prints_on_a4_landscape_with_the_header_on_every_page():
    sheet = opened(progress_table(load_003(), JUNE, Project.objects.all()))
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.freeze_panes == "A3"
    # As wide as their contents (项目名称's longest is four characters, eight digits wide, plus two), the long
    # texts at the published table's widths, where they wrap.
    assert [sheet.column_dimensions[column].width for column in "ABCDE"] == [6, 10, 45, 16, 60]
    assert sheet["B2"].font.bold and sheet["E3"].alignment.wrap_text and sheet["E3"].alignment.vertical == "top"
    assert sheet["C4"].border.top.style == "thin"


@pytest.mark.parametrize(("place", "plan_title", "printed"), [
    ("鹿城区", "2023 年鹿城区政府民生实项目半年度进展表", "2023年鹿城区政府民生实项目进展表（2023年12月）"),
    ("鲤城区", "2022年鲤城区委、区政府为民办实事项目责任分解表",
     "2022年鲤城区委、区政府为民办实事项目进展表（2022年12月）"),
    ("新塘街道", "新塘街道 2023 年度为民办实事项目责任分解表", "2023年新塘街道为民办实事项目进展表（2023年12月）"),
    ("鲤城区", "2022 年度区《政府工作报告》目标任务责任分解表",
     "2022年鲤城区《政府工作报告》目标任务进展表（2022年12月）"),
])
def test_the_title_says_whose_progress_it_is_and_for_which_month(place, plan_title, printed):
    year = int(plan_title[:4]) if plan_title[:4].isdigit() else 2023
    plan = make_plan(jurisdiction=make_jurisdiction(name=place), year=year, title=plan_title)
    assert title(plan, date(year, 12, 1)) == printed
    meta = read_preamble([printed])
    assert (meta.jurisdiction, meta.year, meta.kind, meta.progress_month) == ([place], year, "progress_report", 12)


def test_a_text_that_looks_like_a_formula_stays_text():
    plan = make_plan(year=2023)
    project = make_project(plan=plan, number="1", name="=1+1", content="+cmd")
    make_project(plan=plan, number="", key=f"{project.key}.2", name="-2", content="-2")
    unit = make_organization(name="=HYPERLINK(\"http://example.com\")", jurisdiction=plan.jurisdiction)
    ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    # A control character pasted from another program cannot go into the file; it is dropped.
    Report.objects.create(project=project, organization=unit, period=JUNE, status="accepted", progress="@SUM(A1)\x07")
    sheet = opened(progress_table(plan, JUNE, Project.objects.all()))
    assert values(sheet, 3) == ["1", "=1+1", "+cmd", "=HYPERLINK(\"http://example.com\")", "@SUM(A1)"]
    assert values(sheet, 4)[2] == "-2"
    written = [cell for row in (3, 4) for cell in sheet[row] if cell.value is not None]
    assert len(written) == 6 and all(cell.data_type == "s" for cell in written)
    assert sheet["B3"].quotePrefix and sheet["C4"].quotePrefix and not sheet["A3"].quotePrefix


def test_only_the_units_answer_is_exported_not_a_draft():
    plan = make_plan(year=2023)
    unit = make_organization(jurisdiction=plan.jurisdiction)
    texts = {}
    for status in ("draft", "submitted", "returned", "accepted", "withdrawn"):
        project = make_project(plan=plan, name=f"{status}项目")
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
        Report.objects.create(project=project, organization=unit, period=JUNE, status=status, progress=f"{status}进展")
        texts[project.name] = status
    sheet = opened(progress_table(plan, JUNE, Project.objects.all()))
    exported = {sheet.cell(row=row, column=2).value: sheet.cell(row=row, column=5).value for row in range(3, 8)}
    assert exported == {"draft项目": None, "submitted项目": "submitted进展", "returned项目": None,
                        "accepted项目": "accepted进展", "withdrawn项目": None}


def test_only_the_period_asked_for_and_the_projects_the_user_may_see_are_exported():
    plan = make_plan(year=2023)
    unit = make_organization(jurisdiction=plan.jurisdiction)
    seen, hidden = make_project(plan=plan, name="看得见"), make_project(plan=plan, name="看不见")
    make_project(plan=make_plan(year=2024), name="别的计划")
    for project in (seen, hidden):
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    Report.objects.create(project=seen, organization=unit, period=date(2023, 5, 1), status="accepted", progress="五月")
    sheet = opened(progress_table(plan, JUNE, Project.objects.exclude(pk=hidden.pk)))
    assert sheet.max_row == 3 and values(sheet, 3)[1:] == ["看得见", None, "区住建局", None]


def test_sub_projects_are_printed_under_their_project():
    plan = make_plan(year=2023, title="2023年鲤城区为民办实事项目责任分解表")
    parent = make_project(plan=plan, number="5", name="老旧小区改造", content="改造 20 个小区")
    make_project(plan=plan, number="", parent=parent, name="老旧小区改造（2）", content="")
    make_project(plan=plan, number="", parent=parent, name="老旧小区改造（3）", content="加装电梯 50 台")
    make_project(plan=plan, number="6", name="停车位", content="")
    data = progress_table(plan, date(2023, 9, 1), Project.objects.all())
    sheet = opened(data)
    assert sheet["A1"].value == "2023年鲤城区为民办实事项目进展表（2023年9月）"
    # A project without content shows its name as its content: the importer names each row of a
    # table with merged groups after its content, and 停车位 would come back without a name.
    assert [values(sheet, row)[:3] for row in range(3, 7)] == [
        ["5", "老旧小区改造", "改造 20 个小区"], [None, None, "老旧小区改造（2）"], [None, None, "加装电梯 50 台"],
        ["6", "停车位", "停车位"]]
    assert {str(merged) for merged in sheet.merged_cells.ranges} == {"A1:E1", "A3:A5", "B3:B5"}
    preview = preview_import(file_name="进展表.xlsx", data=data)
    assert not preview.errors
    assert [(p.number, p.name) for p in preview.draft.projects] == [
        ("5", "改造 20 个小区"), ("", "老旧小区改造（2）"), ("", "加装电梯 50 台"), ("6", "停车位")]


def test_the_query_count_does_not_grow_with_the_projects(django_assert_num_queries):
    plan = load_003()
    plan = Plan.objects.select_related("jurisdiction").get(pk=plan.pk)
    # projects, their lead units, the period's reports, the verified completions
    with django_assert_num_queries(4):
        progress_table(plan, JUNE, Project.objects.all())


def test_importing_the_exported_table_again_changes_nothing():
    plan = load_003()
    data = progress_table(plan, JUNE, Project.objects.all())
    preview = preview_import(file_name="进展表.xlsx", data=data)
    assert not preview.errors
    assert set(preview.outcome.values()) == {"unchanged"} and len(preview.outcome) == 29


def test_the_exported_table_imports_into_an_empty_database_as_the_same_plan():
    plan = load_003()
    before = described(plan)
    data = progress_table(plan, JUNE, Project.objects.all())
    with erasing("another server"):  # revisions are kept for good otherwise (audit/protection.py)
        Revision.objects.all().delete()
    Report.objects.all().delete()  # a report keeps its project
    Plan.objects.all().delete()

    preview = preview_import(file_name="进展表.xlsx", data=data)
    assert not preview.errors
    again = apply_import(preview=preview).plan
    assert (again.jurisdiction.name, again.year, again.kind) == ("鹿城区", 2023, "progress_report")
    assert described(again) == before
    assert Report.objects.filter(project__plan=again, period=JUNE, status="accepted").count() == 29
