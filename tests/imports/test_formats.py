"""The same tables as .xlsx, .csv (GB18030) and .docx files built by the tests give the same result.

Each of the five real tables (fixtures/*.txt) is read into rows, the rows are written into a file
of another format here, in memory, and the file is previewed: what the import would store must
not depend on the format the table travelled in.
"""

from decimal import Decimal

import opencc
import pytest
from django.db.models import Sum

from imports.foundation.layouts import Role, count_header_cells
from imports.read import read_file
from imports.read.delimited import sniff_delimiter
from imports.services import apply_import, preview_import
from imports.shape.split import split_segments
from projects.models import Funding, Plan, Project
from tests.imports.files import (
    MAX_BYTES,
    PREFIXES,
    as_number,
    cells_of,
    csv_bytes,
    docx_bytes,
    fixture_bytes,
    fixture_rows,
    flattened_text,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

# Money cells written as numbers, as a person typing into Excel makes them (001 has 229.79, 29162.79 …).
NUMBERS_IN = {"001", "002"}
# A merged full-width row for single-cell rows inside the table in some documents, a paragraph
# between two tables in the others.
MERGED_IN = {"000", "002", "004"}


def comparable(summary: dict) -> dict:
    """What must not depend on the format: the plan, what it counts and adds up to, names, checks."""
    return {
        "plan": {key: summary["plan"][key] for key in ("jurisdiction", "year", "kind", "title")},
        "counts": summary["counts"],
        "totals": summary["totals"],
        "organizations": summary["organizations"],
        "people": summary["people"],
        "checks": [(check["name"], check["ok"]) for check in summary["checks"]],
        "errors": len(summary["errors"]),
    }


def text_summary(prefix: str) -> dict:
    preview = preview_import(file_name=f"{prefix}.txt", data=fixture_bytes(prefix))
    assert preview.errors == []
    return comparable(preview.summary())


def built_summary(file_name: str, data: bytes) -> dict:
    preview = preview_import(file_name=file_name, data=data)
    return comparable(preview.summary())


def rows_read_back(file_name: str, data: bytes) -> list[tuple[str, ...]]:
    tables = read_file(file_name, data, max_bytes=MAX_BYTES, header_cells=count_header_cells)
    return cells_of(row for table in tables for row in table.rows)


def padded(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    width = max(len(cells) for cells in rows)
    return [cells + ("",) * (width - len(cells)) for cells in rows]


# --- the five tables in every format --------------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_as_xlsx_gives_the_same_plan(prefix):
    data = xlsx_bytes(fixture_rows(prefix), numbers=prefix in NUMBERS_IN)

    assert built_summary("责任分解表.xlsx", data) == text_summary(prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_as_gb18030_csv_gives_the_same_plan(prefix):
    """Rows as a program writes them: the notice above the table as one-field lines."""
    data = csv_bytes(fixture_rows(prefix), encoding="gb18030")

    assert built_summary("责任分解表.csv", data) == text_summary(prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_as_gb18030_csv_saved_by_excel_with_padded_rows_gives_the_same_plan(prefix):
    """Excel writes every row as wide as the sheet: a title line is the title and a run of commas."""
    data = csv_bytes(padded(fixture_rows(prefix)), encoding="gb18030")

    assert built_summary("责任分解表.csv", data) == text_summary(prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
def test_seed_as_docx_gives_the_same_plan(prefix):
    single_cells = "merged" if prefix in MERGED_IN else "paragraphs"
    data = docx_bytes(fixture_rows(prefix), single_cells=single_cells)

    assert built_summary("责任分解表.docx", data) == text_summary(prefix)


@pytest.mark.parametrize("single_cells", ["merged", "paragraphs"])
def test_seed_001_as_docx_gives_the_same_plan_whether_categories_are_merged_rows_or_paragraphs(single_cells):
    data = docx_bytes(fixture_rows("001"), single_cells=single_cells)

    assert built_summary("责任分解表.docx", data) == text_summary("001")


# --- the built files hold what they claim to ---------------------------------------------------


@pytest.mark.parametrize("prefix", PREFIXES)
def test_every_built_file_reads_back_as_the_rows_it_was_built_from(prefix):
    rows = fixture_rows(prefix)
    single_cells = "merged" if prefix in MERGED_IN else "paragraphs"

    assert rows_read_back("表.xlsx", xlsx_bytes(rows, numbers=prefix in NUMBERS_IN)) == rows
    assert rows_read_back("表.csv", csv_bytes(rows)) == rows
    assert rows_read_back("表.csv", csv_bytes(padded(rows))) == rows
    assert rows_read_back("表.docx", docx_bytes(rows, single_cells=single_cells)) == rows


def test_money_written_as_excel_numbers_reads_back_exactly_without_float_artefacts():
    rows = fixture_rows("001")
    numbers = [value for cells in rows for value in map(as_number, cells) if type(value) is float]
    assert {229.79, 29162.79, 23945.59, 878.2} <= set(numbers)  # the workbook really holds floats

    assert rows_read_back("表.xlsx", xlsx_bytes(rows, numbers=True)) == rows


def test_a_money_cell_of_28_959_is_28_959_and_not_28_959000000000003():
    rows = [
        ("2022年鲤城区为民办实事项目责任分解表",),
        ("序号", "项目名称", "总投资", "分管领导"),
        ("1", "为80周岁以上老年人购买意外伤害保险项目", "28.959", "张剑辉"),
        ("2", "特困失能老人护理补助项目", "50.4", "张剑辉"),
    ]
    data = xlsx_bytes(rows, numbers=True)

    preview = preview_import(file_name="表.xlsx", data=data)

    assert preview.errors == []
    assert [project.total_investment for project in preview.draft.projects] == [Decimal("28.959"), Decimal("50.4")]
    assert preview.summary()["totals"]["total_investment"] == "79.359"


def test_the_csv_is_gb18030_and_not_utf8():
    data = csv_bytes(fixture_rows("002"))

    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "新塘街道" in data.decode("gb18030")


# --- stored -------------------------------------------------------------------------------------


def test_seed_001_applied_from_xlsx_stores_the_totals_the_text_adds_up_to():
    expected = text_summary("001")
    data = xlsx_bytes(fixture_rows("001"), numbers=True)
    preview = preview_import(file_name="001.xlsx", data=data)

    record = apply_import(preview=preview)

    plan = Plan.objects.get()
    assert record.plan == plan
    assert (plan.jurisdiction.name, plan.year, plan.kind, plan.title) == (
        "泉州台商投资区", 2024, "public_service", expected["plan"]["title"],
    )
    projects = Project.objects.filter(plan=plan)
    assert projects.filter(parent=None).count() == expected["counts"]["projects"]
    assert projects.exclude(parent=None).count() == expected["counts"]["sub_projects"]
    stored_total = projects.aggregate(total=Sum("total_investment"))["total"]
    assert format(stored_total.normalize(), "f") == expected["totals"]["total_investment"] == "29162.79"
    by_source = {
        row["source__name"]: format(row["amount"].normalize(), "f")
        for row in Funding.objects.filter(project__plan=plan).values("source__name").annotate(amount=Sum("amount"))
    }
    assert by_source == expected["totals"]["by_source"]


# --- traditional characters ---------------------------------------------------------------------

_to_simplified = opencc.OpenCC("t2s")

TRADITIONAL = [
    ("2024年為民辦實事項目責任分解表",),
    ("序號", "項目名稱", "項目簡況", "工作計劃", "資金安排", "承辦單位", "協辦單位", "區分管領導", "責任人員"),
    ("1", "關愛女孩行動", "幫扶8戶計生困難戶修繕房屋。", "年初組織實施，年底前完成。", "由區財政投入。",
     "區衛健局", "區婦聯", "張劍輝", "陳穎"),
    ("2", "特困失能老人護理補助項目", "為特困失能老人提供護理補助。", "1月起發放護理補貼。", "由區財政投入。",
     "區民政局", "區財政局", "張劍輝", "王偉"),
]  # fmt: skip
SIMPLIFIED = [tuple(_to_simplified.convert(cell) for cell in cells) for cells in TRADITIONAL]


def layout_of(rows) -> list[tuple[Role | None, str]]:
    tables = read_file("表.xlsx", xlsx_bytes(rows), max_bytes=MAX_BYTES)
    _preamble, [segment] = split_segments(tables)
    return [(column.role, column.header) for column in segment.layout.columns]


def test_a_traditional_header_is_read_with_the_layout_of_its_simplified_spelling():
    traditional, simplified = layout_of(TRADITIONAL), layout_of(SIMPLIFIED)

    assert [role for role, _header in traditional] == [role for role, _header in simplified] == [
        Role.NUMBER, Role.NAME, Role.CONTENT, Role.WORK_PLAN, Role.FUNDING, Role.LEAD, Role.ASSISTING,
        Role.LEADERS, Role.STAFF,
    ]
    # The headers are kept as written, for the project's other columns and the messages.
    assert [header for _role, header in traditional] == list(TRADITIONAL[1])


def test_a_traditional_workbook_keeps_its_data_in_traditional_characters():
    preview = preview_import(file_name="表.xlsx", data=xlsx_bytes(TRADITIONAL), jurisdiction="鲤城区")

    assert preview.errors == []
    first, second = preview.draft.projects
    assert (first.name, first.content, first.work_plan, first.funding_text) == (
        "關愛女孩行動", "幫扶8戶計生困難戶修繕房屋。", "年初組織實施，年底前完成。", "由區財政投入。",
    )
    assert [unit.name for unit in first.lead_units] == ["區衛健局"]
    assert [unit.name for unit in second.assisting_units] == ["區財政局"]
    assert (first.leaders, first.staff, second.staff) == (["張劍輝"], ["陳穎"], ["王偉"])
    summary = preview.summary()
    assert summary["people"] == ["張劍輝", "陳穎", "王偉"]
    assert summary["counts"] == comparable(
        preview_import(file_name="表.xlsx", data=xlsx_bytes(SIMPLIFIED), jurisdiction="鲤城区").summary()
    )["counts"]


def test_a_traditional_title_is_kept_as_written():
    preview = preview_import(file_name="表.xlsx", data=xlsx_bytes(TRADITIONAL), jurisdiction="鲤城区")

    assert preview.draft.title == "2024年為民辦實事項目責任分解表"


def test_traditional_unit_names_are_split_as_their_simplified_spelling_is():
    rows = [*TRADITIONAL[:2], ("1", "關愛女孩行動", "", "", "", "區殘聯", "各街道黨工委、辦事處", "張劍輝", "陳穎")]

    preview = preview_import(file_name="表.xlsx", data=xlsx_bytes(rows), jurisdiction="鲤城区")

    [project] = preview.draft.projects
    assert [unit.name for unit in (*project.lead_units, *project.assisting_units)] == ["區殘聯", "各街道黨工委、辦事處"]
    assert preview.draft.warnings == []


def test_a_traditional_funding_text_gives_its_amount():
    rows = [*TRADITIONAL[:2],
            ("1", "關愛女孩行動", "", "", "計劃投資146萬元，由區財政投入。", "區衛健局", "", "張劍輝", "")]
    simplified = [*SIMPLIFIED[:2], tuple(_to_simplified.convert(cell) for cell in rows[2])]

    traditional_totals = preview_import(file_name="表.xlsx", data=xlsx_bytes(rows), jurisdiction="鲤城区").summary()
    simplified_totals = preview_import(file_name="表.xlsx", data=xlsx_bytes(simplified),
                                       jurisdiction="鲤城区").summary()

    assert simplified_totals["totals"]["total_investment"] == "146"
    assert traditional_totals["totals"] == simplified_totals["totals"]


# --- a web page flattened to text ---------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["002", "000"])
def test_seed_as_web_page_text_with_every_cell_on_its_own_line_gives_the_same_plan(prefix):
    """002 has empty money cells (a no-break space each); 000 has several units in one cell, one per line."""
    rows = fixture_rows(prefix)
    text = flattened_text(rows)
    assert "\t" not in text and "|" not in text
    if prefix == "000":
        assert "\n\n中国移动鲤城分公司\n中国电信鲤城分公司\n" in text

    assert rows_read_back("网页.txt", text.encode()) == rows
    assert built_summary("网页.txt", text.encode()) == text_summary(prefix)


# --- what the two reader fixes these files needed guarantee ---------------------------------------


def test_a_csv_whose_notice_lines_have_no_commas_is_still_recognised_as_csv():
    text = ("晋新工委〔2023〕48号\n附件\n新塘街道2023年度为民办实事项目责任分解表\n"
            "序号,项目名称,责任科室\n1,送温暖工程,街道总工会\n")

    assert sniff_delimiter(text) == ","


def test_two_lines_of_prose_with_one_comma_each_under_a_notice_are_not_taken_for_csv():
    assert sniff_delimiter("附件\n\n根据要求,做好工作。\n按计划推进,确保完成。\n") is None


def test_a_no_break_space_alone_on_its_line_is_an_empty_web_cell_and_a_blank_line_is_not():
    header = ["序号", "项目名称", "总投资", "责任科室"]
    text = "\n\n".join([*header, "1", "送温暖工程", "\xa0", "街道总工会", "2", "和丰路项目", "600", "沙塘社区"])

    [table] = read_file("网页.txt", text.encode(), max_bytes=MAX_BYTES, header_cells=count_header_cells)

    assert cells_of(table.rows) == [tuple(header), ("1", "送温暖工程", "", "街道总工会"),
                                    ("2", "和丰路项目", "600", "沙塘社区")]
