"""An office exports a plan as its responsibility table, edits it in Excel, and imports it again as the same plan."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest

from audit.protection import erasing
from imports.foundation.layouts import Role, build_layout
from imports.services import apply_import, preview_import
from pages.plan_table import plan_table
from pages.plan_title import table_title
from progress.models import Report, Revision
from projects.amounts import plain
from projects.models import (
    Category,
    FundingSource,
    Jurisdiction,
    Organization,
    Person,
    Plan,
    Project,
    ProjectOrganization,
)
from tests.factories import make_full_project, make_jurisdiction, make_organization, make_plan, make_project
from tests.imports.seeds import seed_path

pytestmark = pytest.mark.django_db

# The role the importer must read each header word as (imports/foundation/layouts.py).
ROLES = {
    "序号": Role.NUMBER, "项目名称": Role.NAME, "项目简况": Role.CONTENT, "子项目建设内容": Role.CONTENT,
    "推荐理由": Role.REASON, "前期准备情况": Role.PREPARATION, "工作计划": Role.WORK_PLAN,
    "建设年限": Role.PERIOD, "完成时限": Role.DEADLINE, "资金安排": Role.FUNDING, "总投资": Role.TOTAL,
    "年度投资": Role.ANNUAL, "承办单位": Role.LEAD, "协办单位": Role.ASSISTING, "分管领导": Role.LEADERS,
    "责任人员": Role.STAFF, "备注": Role.REMARKS,
}
QUARTERS = ["1季度", "2季度", "3季度", "4季度"]
# The columns each seed's plan fills, as exported (the second header row where there is one).
COLUMNS = {
    # Sources in their order (position, then name); 工会经费 is read as a source only as 工会经费资金.
    "000": ["序号", "项目名称", "项目简况", "前期准备情况", "工作计划", *QUARTERS, "资金安排", "总投资",
            "企业自筹", "区财政", "工会经费资金", "市财政配套", "自筹", "镇村自筹", "承办单位", "协办单位", "分管领导"],
    "001": ["序号", "项目名称", "推荐理由", "前期准备情况", *QUARTERS, "总投资", "上级补助", "区级补助", "镇村自筹",
            "承办单位", "协办单位", "分管领导"],
    "002": ["序号", "项目名称", "项目简况", "工作计划", *QUARTERS, "建设年限", "总投资", "年度投资",
            "承办单位", "分管领导", "责任人员"],
    "004": ["序号", "项目名称", "承办单位", "协办单位", "分管领导"],
}


def load(path) -> Plan:
    preview = preview_import(file_name=path.name, data=path.read_bytes())
    assert preview.errors == []
    return apply_import(preview=preview).plan


def opened(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def texts(sheet) -> list[list[str]]:
    """The cells as a person reads them; an amount (a number cell) as the pages write it."""
    return [[shown(cell.value) for cell in row] for row in sheet.iter_rows()]


def shown(value) -> str:
    return "" if value is None else value if isinstance(value, str) else plain(Decimal(str(value)))


def names(roles, role: str, attribute: str) -> list[str]:
    return [getattr(r, attribute).name for r in sorted(roles, key=lambda r: r.position) if r.role == role]


def snapshot(plan: Plan) -> dict:
    """Everything the table says about the plan and each of its projects, in table order."""
    plan = Plan.objects.select_related("jurisdiction").get(pk=plan.pk)
    projects = (Project.objects.filter(plan=plan).order_by("position").select_related("category", "parent")
                .prefetch_related("unit_roles__organization", "person_roles__person", "fundings__source",
                                  "milestones"))
    return {
        "plan": {"year": plan.year, "kind": plan.kind, "jurisdiction": plan.jurisdiction.name, "title": plan.title,
                 "document_number": plan.document_number, "issued_on": plan.issued_on,
                 "declared_count": plan.declared_count},
        "categories": list(Category.objects.filter(plan=plan).values_list("position", "name", "declared_count")),
        "projects": [{
            "key": p.key, "number": p.number, "name": p.name, "content": p.content, "reason": p.reason,
            "preparation": p.preparation, "work_plan": p.work_plan, "construction_period": p.construction_period,
            "deadline": p.deadline, "total_investment": p.total_investment, "annual_investment": p.annual_investment,
            "approximate": p.investment_is_approximate, "funding_text": p.funding_text, "remarks": p.remarks,
            "extra": p.extra,
            "fundings": sorted((f.source.name, f.amount) for f in p.fundings.all()),
            "milestones": [(m.quarter, m.planned) for m in sorted(p.milestones.all(), key=lambda m: m.quarter)],
            "lead_units": names(p.unit_roles.all(), "lead", "organization"),
            "assisting_units": names(p.unit_roles.all(), "assisting", "organization"),
            "leaders": names(p.person_roles.all(), "leader", "person"),
            "staff": names(p.person_roles.all(), "staff", "person"),
            "parent": (p.parent.number, p.parent.name) if p.parent else None,
            "category": (p.category.name, p.category.declared_count) if p.category else None,
        } for p in projects],
    }


def forget_everything() -> None:
    """An empty database, as on another server: nothing of the plan is left to match against."""
    with erasing("another server"):  # revisions are kept for good otherwise (audit/protection.py)
        Revision.objects.all().delete()
    Report.objects.all().delete()  # a report keeps its project (PROTECT)
    Plan.objects.all().delete()
    Organization.objects.all().delete()
    Person.objects.all().delete()
    FundingSource.objects.all().delete()
    while Jurisdiction.objects.exists():  # a parent is protected by its children
        Jurisdiction.objects.filter(children__isnull=True).delete()


def round_trip(plan: Plan) -> dict:
    """The plan as it is after being exported and imported into an empty database."""
    data = plan_table(plan, Project.objects.all())
    forget_everything()
    preview = preview_import(file_name="导出.xlsx", data=data)
    assert preview.errors == []
    return snapshot(apply_import(preview=preview).plan)


def assert_same_plan(seed: str, before: dict, after: dict) -> None:
    if seed == "004":
        # The stored title, 2022 年度区《政府工作报告》目标任务责任分解表, names no place the importer
        # can read (区 alone): the export prints 2022年鲤城区《政府工作报告》…, which it reads back.
        assert (before["plan"].pop("title"), after["plan"].pop("title")) == (
            "2022 年度区《政府工作报告》目标任务责任分解表", "2022年鲤城区《政府工作报告》目标任务责任分解表")
    assert after == before


def header_rows(sheet) -> list[tuple[str, ...]]:
    rows = texts(sheet)
    first = next(i for i, row in enumerate(rows) if row[0] == "序号")
    lower = rows[first + 1] if first + 1 < len(rows) and rows[first + 1][0] == "" and any(rows[first + 1]) else None
    return [tuple(rows[first])] + ([tuple(lower)] if lower else [])


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_a_seed_exported_and_imported_into_an_empty_database_is_the_same_plan(seed):
    plan = load(seed_path(seed))
    original_checks = {(c["name"], c["ok"]) for c in plan.imports.get().result["checks"]}
    before = snapshot(plan)
    data = plan_table(plan, Project.objects.all())
    forget_everything()

    preview = preview_import(file_name="导出.xlsx", data=data)
    assert preview.errors == []
    after = snapshot(apply_import(preview=preview).plan)
    assert_same_plan(seed, before, after)
    # The document's own checks say what they said before; the totals row the export adds adds up.
    checks = {(check.name, check.ok) for check in preview.draft.checks}
    assert {c for c in checks if not c[0].startswith("totals:")} == {
        c for c in original_checks if not c[0].startswith("totals:")}
    assert all(ok for name, ok in checks if name.startswith("totals:"))
    # 004 and 003 have no money, so no totals row.
    assert any(name.startswith("totals:") for name, _ok in checks) == (seed in {"000", "001", "002"})


@pytest.mark.parametrize("seed", ["000", "001", "002", "004"])
def test_only_the_columns_a_plan_fills_are_written_and_the_importer_reads_each_as_meant(seed):
    plan = load(seed_path(seed))
    sheet = opened(plan_table(plan, Project.objects.all()))
    rows = header_rows(sheet)
    written = [lower or upper for upper, lower in zip(rows[0], rows[-1], strict=True)]
    assert written == COLUMNS[seed]
    layout = build_layout(rows[0], rows[1] if len(rows) == 2 else None, (1,))
    for column, word in zip(layout.columns, written, strict=True):
        if word in QUARTERS:
            assert (column.role, column.quarter) == (Role.QUARTER, QUARTERS.index(word) + 1)
        elif word in ROLES:
            assert column.role == ROLES[word]
        else:
            assert (column.role, column.source) == (Role.SOURCE, word.removesuffix("资金"))


def test_the_table_of_001_keeps_its_title_categories_sub_projects_and_totals():
    plan = load(seed_path("001"))
    sheet = opened(plan_table(plan, Project.objects.all()))
    rows = texts(sheet)
    assert rows[0][0] == "泉州台商投资区党工委、管委会2024年区级为民办实事项目责任分解表"
    assert rows[1][:5] == ["序号", "项目名称", "推荐理由", "前期准备情况", "进度计划"]
    assert rows[1][8] == "项目总投资及资金来源（单位：万元）"
    assert rows[3][0] == "一、卫生健康方面(8项)" and all(cell == "" for cell in rows[3][1:])
    # 5 is followed by its second part: no number, no name, its own reasons, quarters, money and units.
    five = next(i for i, row in enumerate(rows) if row[0] == "5")
    assert rows[five + 1][:2] == ["", ""] and rows[five + 1][8:10] == ["60", ""] and rows[five + 1][10] == "60"
    assert rows[five + 1][12:] == ["区民生保障局", "区财政金融与国资局", "赖丽水"]
    assert rows[-1][0] == "合计" and rows[-1][8:12] == ["29162.79", "4339", "23945.59", "878.2"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"A1:O1", "E2:H2", "I2:L2", "A4:O4", f"A{sheet.max_row}:H{sheet.max_row}"} <= merged


def test_money_is_written_as_it_is_and_an_estimate_with_its_word():
    plan = make_plan(year=2023, title="2023年鲤城区为民办实事项目责任分解表")
    make_project(plan=plan, name="保险", total_investment=Decimal("28.9590"), annual_investment=Decimal("100.0000"))
    make_project(plan=plan, name="四帮四扶", total_investment=Decimal("100"), investment_is_approximate=True)
    rows = texts(opened(plan_table(plan, Project.objects.all())))
    assert [row[2:4] for row in rows[3:5]] == [["28.959", "100"], ["拟定100", ""]]
    assert rows[5][:4] == ["合计", "", "128.959", "100"]


def test_a_text_that_looks_like_a_formula_stays_text():
    plan = make_plan()
    project = make_full_project(plan=plan, n=1)
    project.name, project.content, project.remarks = "=1+1", "@SUM(A1)", "-减少\x07"
    project.save()
    sheet = opened(plan_table(plan, Project.objects.all()))
    written = [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]
    # Text is text; only the amounts (总投资 and the two sources, and their totals) are numbers.
    assert written and all(cell.data_type == "s" for cell in written if isinstance(cell.value, str))
    assert sorted(shown(cell.value) for cell in written if cell.data_type == "n") == ["12.7", "12.7", "53.3", "53.3",
                                                                                     "66", "66"]
    row = next(row for row in sheet.iter_rows() if row[0].value == project.number)
    assert [row[1].value, row[2].value, row[-1].value] == ["=1+1", "@SUM(A1)", "-减少"]
    assert row[1].quotePrefix and row[2].quotePrefix and not row[0].quotePrefix
    # Nothing in the file is a formula.
    assert not any(cell.data_type == "f" for cell in written)


def test_only_the_projects_given_are_exported():
    plan = make_plan()
    seen = make_full_project(plan=plan, n=1)
    hidden = make_full_project(plan=plan, n=2)
    make_project(plan=make_plan(year=2023), name="别的计划")
    rows = texts(opened(plan_table(plan, Project.objects.exclude(pk=hidden.pk))))
    printed = {cell for row in rows for cell in row}
    assert seen.name in printed and "单位1-0" in printed
    assert hidden.name not in printed and "单位2-0" not in printed and "别的计划" not in printed


def test_the_table_prints_on_a4_landscape_with_the_header_rows_on_every_page():
    plan = make_plan()
    make_full_project(plan=plan, n=1)
    sheet = opened(plan_table(plan, Project.objects.all()))
    assert sheet.page_setup.orientation == "landscape"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    # Title, then 序号 … over 1季度 … 4季度 and the money columns.
    assert sheet.print_title_rows == "$2:$3"
    assert sheet.freeze_panes == "A4"


@pytest.mark.parametrize(("kind", "place", "stored", "printed"), [
    ("public_service", "鲤城区", "2022年鲤城区委、区政府为民办实事项目责任分解表",
     "2022年鲤城区委、区政府为民办实事项目责任分解表"),
    ("public_service", "鲤城区", "2022年为民办实事项目责任分解表", "2022年鲤城区为民办实事项目责任分解表"),
    ("public_service", "鲤城区", "责任分解表", "2022年鲤城区为民办实事项目责任分解表"),
    ("work_report", "鲤城区", "2022 年度区《政府工作报告》目标任务责任分解表",
     "2022年鲤城区《政府工作报告》目标任务责任分解表"),
    ("work_report", "新塘街道", "重点工作清单", "2022年新塘街道《政府工作报告》目标任务责任分解表"),
])
def test_the_title_names_year_place_and_kind_as_the_importer_reads_them(kind, place, stored, printed):
    plan = make_plan(jurisdiction=make_jurisdiction(name=place), year=2022, kind=kind, title=stored)
    assert table_title(plan) == printed


def test_document_number_declared_count_and_issue_date_come_back():
    plan = make_plan(year=2023, title="新塘街道 2023 年度为民办实事项目责任分解表",
                     jurisdiction=make_jurisdiction(name="新塘街道"), document_number="晋新工委〔2023〕48号",
                     declared_count=14, issued_on=date(2023, 5, 11))
    make_full_project(plan=plan, n=1)
    preview = preview_import(file_name="导出.xlsx", data=plan_table(plan, Project.objects.all()))
    draft = preview.draft
    assert (draft.title, draft.document_number, draft.declared_count, str(draft.issued_on)) == (
        "新塘街道 2023 年度为民办实事项目责任分解表", "晋新工委〔2023〕48号", 14, "2023-05-11")


def test_a_sub_project_with_content_of_its_own_comes_back_as_a_sub_project():
    plan = make_plan(year=2023, title="2023年鲤城区为民办实事项目责任分解表")
    unit = make_organization(jurisdiction=plan.jurisdiction)
    parent = make_project(plan=plan, number="1", key="1", name="老旧小区改造", content="改造 20 个小区")
    sub = make_project(plan=plan, number="", key="1.2", parent=parent, name="老旧小区改造（2）",
                       content="加装电梯 50 台")
    make_project(plan=plan, number="2", key="2", name="停车位", content="新增车位 300 个")
    for project in Project.objects.all():
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    rows = texts(opened(plan_table(plan, Project.objects.all())))
    assert rows[1][:4] == ["序号", "项目名称", "项目简况", "子项目建设内容"]
    assert rows[3][:4] == ["", "", "", sub.content]
    before = snapshot(plan)
    assert round_trip(plan) == before


# Re-imported over the plan it came from, a row is "unchanged" when the importer reads exactly what it
# read from the original table. What it cannot read again is no field the table shows:
EVERY_ROW = None
UPDATED = {
    "000": {"13"},  # the note 含中央财政专项补助 of its 区财政 funding, from the prose (still in 资金安排)
    "001": {"1", "2", "3", "4"},  # the note 依合计行归位: the totals row placed a figure under no column
    "002": set(),
    # Every row: a progress table's rows also said 进展情况 (kept as reports), which a
    # responsibility table has no column for. Nothing is lost: the reports stay.
    "003": EVERY_ROW,
    # 区发改局（区重点办）: which alias a row printed is not stored per project, so it is not printed.
    "004": {"19", "20", "47", "62", "64", "65", "69", "72", "91"},
}


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_a_seed_exported_and_imported_over_itself_changes_nothing_it_shows(seed):
    plan = load(seed_path(seed))
    before = snapshot(plan)
    preview = preview_import(file_name="导出.xlsx", data=plan_table(plan, Project.objects.all()))
    assert preview.errors == []
    updated = {key for key, outcome in preview.outcome.items() if outcome != "unchanged"}
    assert updated == (set(preview.outcome) if UPDATED[seed] is EVERY_ROW else UPDATED[seed])
    assert len(preview.outcome) == plan.projects.count()
    apply_import(preview=preview)
    assert_same_plan(seed, before, snapshot(plan))
    assert Report.objects.count() == (29 if seed == "003" else 0)


def test_the_query_count_does_not_grow_with_the_projects(django_assert_num_queries):
    plan = Plan.objects.select_related("jurisdiction").get(pk=load(seed_path("001")).pk)
    # projects with their categories, then their units, people, fundings with sources, milestones
    with django_assert_num_queries(5):
        plan_table(plan, Project.objects.all())


def test_a_work_plan_without_milestones_does_not_gain_them():
    # Without quarter columns the importer would read 1-3月 as a first-quarter milestone.
    plan = make_plan(year=2023, title="2023年鲤城区为民办实事项目责任分解表")
    project = make_project(plan=plan, number="1", key="1", name="招标", work_plan="1-3月完成招标，年底前完工。")
    ProjectOrganization.objects.create(project=project, organization=make_organization(jurisdiction=plan.jurisdiction),
                                       role="lead")
    before = snapshot(plan)
    assert before["projects"][0]["milestones"] == []
    assert round_trip(plan) == before


def test_a_column_the_importer_did_not_know_comes_back_under_its_header():
    plan = make_plan(year=2023, title="2023年鲤城区为民办实事项目责任分解表")
    project = make_project(plan=plan, number="1", key="1", name="停车位", content="新增车位 300 个",
                           extra={"联系电话": "0595-1234567"})
    ProjectOrganization.objects.create(project=project, organization=make_organization(jurisdiction=plan.jurisdiction),
                                       role="lead")
    before = snapshot(plan)
    assert round_trip(plan) == before
