"""A plan as its responsibility table (责任分解表): the .xlsx the importer reads back as the same plan.

Laid out as the published tables of fixtures/000 and 001: a title naming year, place and kind;
序号, 项目名称, what is done and when, money, units and leaders; a row naming each category before
its first project (一、卫生健康方面(8项)); sub-projects as rows without a number under their
parent; a totals row. Only the columns some project fills are written. The header words and the
title are the document's format, read by imports/ (through imports/public.py): they stay Chinese
in every language, and the ones that depend on the data are checked against the importer's own
reading of them, so that a plan exported and imported again is the same plan."""

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from imports.public import Role, classify, is_header_row, is_sub_header_row, parse_quarters, read_preamble
from projects.amounts import plain
from projects.models import (
    Funding,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)
from projects.xlsx import (
    BOLD,
    CENTRED,
    TEXT,
    banner,
    fitted_widths,
    header,
    page_setup,
    put,
    put_amount,
    row_height,
    title_row,
    widths,
)

SHEET_TITLE = "责任分解表"
# A title names the year, the place and the kind of plan (imports/shape/preamble.py reads them).
YEAR_IN_TITLE = re.compile(r"20\d\d\s*年度?")
# A jurisdiction's own short name for itself: 区 in 区《政府工作报告》 of 鲤城区.
SELF_NAMES = ("街道", "市", "区", "县", "镇", "乡")
KIND_TITLES = {
    Plan.Kind.PUBLIC_SERVICE: "为民办实事项目责任分解表",
    Plan.Kind.WORK_REPORT: "《政府工作报告》目标任务责任分解表",
    Plan.Kind.PROGRESS_REPORT: "项目进展表",
}
SEPARATOR = "、"
# What the importer reads as an estimate (imports/foundation/cells/money.py): 拟定100.
APPROXIMATE = "拟定"
# A category's declared count, as the importer's DECLARED_IN_NAME (imports/interpret/projects_from_rows.py)
# reads it back: 卫生健康方面(8项).
DECLARED = "({count}项)"
TOTALS = "合计"
QUARTERS_HEADING = "进度计划"
MONEY_HEADING = "项目总投资及资金来源（单位：万元）"
# The last, narrow header of a funding source the importer knows by a longer wording: 工会经费资金.
SOURCE_ENDING = "资金"
# When sub-projects have content of their own, it stands in a second content column: a row
# without number and name but with text under the first content column is read as a further
# item of a group (fixtures/003), which would turn every project of the table into one.
SUB_CONTENT = "子项目建设内容"


@dataclass
class Line:
    """One printed project row and what it says."""

    project: Project
    sub: bool  # a sub-project: printed without number and name under its parent
    item: bool  # a further item of a group, printed without number and name under its first
    name: str  # the 项目名称 cell: the project's name, or in a table of groups the group's name
    grouped: bool  # the table is one of groups of items, whose names give the categories
    units: dict[str, str] = field(default_factory=dict)  # role -> names joined with 、
    people: dict[str, str] = field(default_factory=dict)
    quarters: dict[int, str] = field(default_factory=dict)
    fundings: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Line], str]
    group: str = ""  # the heading merged above a run of quarter or money columns
    money: str = ""  # what the totals row adds up: "total", "annual" or a funding source
    # A money column's amount, written as a number; None (nothing, or an estimate) writes `text`.
    number: Callable[[Line], Decimal | None] | None = None


def plan_table(plan: Plan, projects: QuerySet[Project]) -> bytes:
    """The plan's responsibility table with the given projects (those of the plan among them)."""
    lines = _lines(_load(plan, projects))
    columns = _columns(plan, lines)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    preamble = _preamble(plan)
    title_row(sheet, 1, preamble[0], len(columns))
    for row, fact in enumerate(preamble[1:], start=2):
        banner(sheet, row, fact, len(columns), alignment=CENTRED, border=Border(), font=Font())
    first = len(preamble) + 1
    two_rows = _two_rows(columns)
    row = header(sheet, first, [column.header for column in columns],
                 [column.group if two_rows else "" for column in columns])
    printed = [(line, category, [column.text(line) for column in columns])
               for line, category in _with_categories(lines)]
    totals = [_sum(column, lines) if column.money else None for column in columns]
    # Category rows and the title span the table and are left out of the columns' widths.
    column_widths = fitted_widths([[column.header for column in columns], *(cells for _, _, cells in printed),
                                   ["" if total is None else plain(total) for total in totals]])
    for line, category, cells in printed:
        if category:
            banner(sheet, row, category, len(columns))
            row += 1
        for index, (column, text) in enumerate(zip(columns, cells, strict=True), start=1):
            number = column.number(line) if column.number else None
            if number is not None:
                put_amount(sheet, row, index, number)
            else:
                put(sheet, row, index, text, CENTRED if index == 1 else TEXT)
        sheet.row_dimensions[row].height = row_height(cells, column_widths)
        row += 1
    _totals_row(sheet, row, columns, totals)
    widths(sheet, column_widths)
    page_setup(sheet, header_rows=(first, first + two_rows), first_row=first + two_rows + 1)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- what is printed --------------------------------------------------------------------


def _load(plan: Plan, projects: QuerySet[Project]) -> list[Project]:
    """The plan's projects among `projects`, in table order, with everything a row shows."""
    return list(
        projects.filter(plan=plan).select_related("category").order_by("position").prefetch_related(
            Prefetch("unit_roles", queryset=ProjectOrganization.objects.select_related("organization")
                     .order_by("position"), to_attr="units_in_order"),
            Prefetch("person_roles", queryset=ProjectPerson.objects.select_related("person")
                     .order_by("position"), to_attr="people_in_order"),
            Prefetch("fundings", queryset=Funding.objects.select_related("source"), to_attr="funding_list"),
            Prefetch("milestones", queryset=QuarterlyMilestone.objects.all(), to_attr="milestone_list"),
        )
    )


def _lines(projects: list[Project]) -> list[Line]:
    """Top-level projects in order, each followed by its sub-projects (and theirs).

    A table like fixtures/003 is imported as groups of items: a numbered row whose 项目名称 is
    the group's name (the category) and rows without number and name under it, each named
    after its content and keyed after the numbered row ("2.3"). Such a plan is printed the same
    way, so that its items come back as the same projects."""
    shown = {project.id for project in projects}
    subs: dict[int, list[Project]] = defaultdict(list)
    for project in projects:
        if project.parent_id in shown:
            subs[project.parent_id].append(project)
    tops = [project for project in projects if project.parent_id not in shown]
    items, head = set(), None
    for project in tops:
        if project.number:
            head = project
        elif head and re.fullmatch(re.escape(head.key) + r"\.\d+", project.key):
            items.add(project.id)
    grouped = bool(items) and not subs and all(_flat(p.content) == p.name for p in tops if p.number)
    lines: list[Line] = []

    def add(project: Project, sub: bool) -> None:
        lines.append(_line(project, sub=sub, item=grouped and project.id in items, grouped=grouped))
        for child in subs[project.id]:
            add(child, True)

    for project in tops:
        # A sub-project whose parent is not exported stands on its own, by its name.
        add(project, False)
    return lines


def _flat(text: str) -> str:
    """A text on one line, as the importer names an item after its content."""
    return re.sub(r"\s*\n\s*", "", text).strip()


def _line(project: Project, *, sub: bool, item: bool, grouped: bool) -> Line:
    if sub or item:
        name = ""
    elif grouped and project.category:
        name = project.category.name
    else:
        name = project.name
    line = Line(project=project, sub=sub, item=item, name=name, grouped=grouped)
    for role in ProjectOrganization.Role:
        line.units[role] = SEPARATOR.join(r.organization.name for r in project.units_in_order if r.role == role)
    for role in ProjectPerson.Role:
        line.people[role] = SEPARATOR.join(r.person.name for r in project.people_in_order if r.role == role)
    line.quarters = {milestone.quarter: milestone.planned for milestone in project.milestone_list}
    line.fundings = {funding.source.name: funding.amount for funding in project.funding_list}
    return line


def _with_categories(lines: list[Line]) -> Iterator[tuple[Line, str]]:
    """Each line with the category row to print before it, if it starts a category."""
    current = None
    for line in lines:
        category = line.project.category
        if line.sub or line.grouped or category is None or category.id == current:
            # A sub-project is in its parent's category, an item in its group's; a project without
            # one after a category row cannot say so: the importer puts it in the category above.
            yield line, ""
            continue
        current = category.id
        count = DECLARED.format(count=category.declared_count) if category.declared_count is not None else ""
        yield line, f"{category.name}{count}"


def amount(value: Decimal | None, *, approximate: bool = False) -> str:
    """An amount in 万元 as written, without trailing zeros: 28.959, 100; 拟定100 for an estimate."""
    if value is None:
        return ""
    text = plain(value)
    return f"{APPROXIMATE}{text}" if approximate else text


# --- columns ----------------------------------------------------------------------------


def _columns(plan: Plan, lines: list[Line]) -> list[Column]:
    """The columns some project fills, in the order of the published tables."""
    sub_content = any(line.sub and line.project.content for line in lines)

    def project(name: str) -> Callable[[Line], str]:
        return lambda line: getattr(line.project, name)

    def top_only(name: str) -> Callable[[Line], str]:
        return lambda line: "" if line.sub else getattr(line.project, name)

    number = Column("序号", top_only("number"))
    name = Column("项目名称", lambda line: line.name)
    content = Column("项目简况", top_only("content") if sub_content else project("content"))
    candidates = [
        Column(SUB_CONTENT, lambda line: line.project.content if line.sub else ""),
        Column("推荐理由", project("reason")),
        Column("前期准备情况", project("preparation")),
        Column("工作计划", project("work_plan")),
        *(_quarter_columns(plan, lines)),
        Column("建设年限", project("construction_period")),
        Column("完成时限", project("deadline")),
        Column("资金安排", project("funding_text")),
        *(_money_columns(lines)),
        Column("承办单位", lambda line: line.units[ProjectOrganization.Role.LEAD]),
        Column("协办单位", lambda line: line.units[ProjectOrganization.Role.ASSISTING]),
        Column("分管领导", lambda line: line.people[ProjectPerson.Role.LEADER]),
        Column("责任人员", lambda line: line.people[ProjectPerson.Role.STAFF]),
        Column("备注", project("remarks")),
    ]
    used = [column for column in candidates if column.group == QUARTERS_HEADING or _filled(column, lines)]
    columns = [number, name, *([content] if sub_content or _filled(content, lines) else []), *used]
    if len(columns) < 3:
        # A header row names at least three columns; every table has its lead units.
        columns.append(next(column for column in candidates if column.header == "承办单位"))
    extra = _extra_columns(lines)
    if extra and is_header_row(_upper(columns + extra)):
        columns += extra
    return columns


def _filled(column: Column, lines: list[Line]) -> bool:
    return any(column.text(line) for line in lines)


def _quarter_columns(plan: Plan, lines: list[Line]) -> list[Column]:
    """1季度 … 4季度 when some project has milestones, or when its work plan would be read into ones it has not.

    Without quarter columns the importer reads the milestones (and preparation before the year)
    out of the work plan; with them, it takes each quarter's cell as it stands."""
    needed = any(line.quarters for line in lines) or any(
        _reads_more(line, plan.year) for line in lines if line.project.work_plan)
    if not needed:
        return []
    return [Column(f"{quarter}季度", lambda line, q=quarter: line.quarters.get(q, ""), group=QUARTERS_HEADING)
            for quarter in range(1, 5)]


def _reads_more(line: Line, year: int) -> bool:
    parsed = parse_quarters(line.project.work_plan, year=year)
    return bool(parsed.milestones) or bool(parsed.preparation and not line.project.preparation)


def _money_columns(lines: list[Line]) -> list[Column]:
    """总投资, 年度投资 and one column per funding source, in the sources' order, under one heading."""
    columns = [
        Column("总投资", lambda line: amount(line.project.total_investment,
                                                 approximate=line.project.investment_is_approximate),
               group=MONEY_HEADING, money="total", number=lambda line: _exact(line, line.project.total_investment)),
        Column("年度投资", lambda line: amount(line.project.annual_investment,
                                                   approximate=line.project.investment_is_approximate),
               group=MONEY_HEADING, money="annual", number=lambda line: _exact(line, line.project.annual_investment)),
    ]
    columns = [column for column in columns if _filled(column, lines)]
    sources = {}
    for line in lines:
        for funding in line.project.funding_list:
            sources[funding.source.name] = (funding.source.position, funding.source.name)
    for source in sorted(sources, key=sources.get):
        word = source_header(source)
        # A source the importer has no wording for cannot be a column: its money stays in 资金安排.
        if word:
            columns.append(Column(word, lambda line, s=source: amount(line.fundings.get(s)), group=MONEY_HEADING,
                                  money=source, number=lambda line, s=source: line.fundings.get(s)))
    return columns


def _exact(line: Line, value: Decimal | None) -> Decimal | None:
    # An estimate is written as text with its word (拟定100), which the importer reads as one.
    return None if line.project.investment_is_approximate else value


def source_header(source: str) -> str | None:
    """A header the importer reads as this funding source: 区财政, or 工会经费资金 for 工会经费."""
    return next((word for word in (source, source + SOURCE_ENDING)
                 if classify(word) == (Role.SOURCE, None, source)), None)


def _extra_columns(lines: list[Line]) -> list[Column]:
    """Columns the importer kept by their header (Project.extra), when the header reads as no known column."""
    keys = dict.fromkeys(key for line in lines for key in line.project.extra)
    return [Column(key, lambda line, k=key: str(line.project.extra.get(k, "")))
            for key in keys if key and classify(key)[0] is None]


# --- rows -------------------------------------------------------------------------------


def _preamble(plan: Plan) -> list[str]:
    """The title and, when the plan has them, its document number, declared count and issue date.

    The importer takes these from the text above the table, and a re-import writes them over the
    plan's: left out, they would be erased."""
    facts = _facts(plan)
    return [table_title(plan, facts), *facts]


def table_title(plan: Plan, facts: Sequence[str] = ()) -> str:
    """The plan's title as stored, when the importer reads it as this plan's year, kind and place.

    Otherwise the year and the place are put in front (2022年度区《政府工作报告》… becomes
    2022年鲤城区《政府工作报告》…), and failing that the title is made from them and the kind."""
    place = plan.jurisdiction.name
    stored = plan.title.strip()
    # Spaces between Chinese words are the typesetter's; between Latin words they are words'.
    text = YEAR_IN_TITLE.sub("", re.sub(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])", "", stored), count=1)
    if not text.startswith(place):
        own = next((word for word in SELF_NAMES if place.endswith(word) and text.startswith(word)), "")
        text = place + text[len(own):]
    candidates = (stored, f"{plan.year}年{text}", f"{plan.year}年{place}{KIND_TITLES[plan.kind]}")
    return next((title for title in candidates if _reads_back(plan, [title, *facts])), candidates[1])


def _reads_back(plan: Plan, lines: list[str]) -> bool:
    """Whether the importer reads these lines above the table as this plan's year, kind and place."""
    meta = read_preamble(lines)
    return (meta.year, meta.kind, (meta.jurisdiction or [""])[-1]) == (plan.year, plan.kind, plan.jurisdiction.name)


def _facts(plan: Plan) -> list[str]:
    facts = [plan.document_number] if plan.document_number else []
    if plan.declared_count is not None:
        facts.append(f"（共{plan.declared_count}件实事）")
    if plan.issued_on:
        facts.append(f"{plan.issued_on.year}年{plan.issued_on.month}月{plan.issued_on.day}日")
    return facts


def _two_rows(columns: list[Column]) -> bool:
    """Whether the quarter and money columns stand under merged headings, on a second header row."""
    lower = tuple(column.header for column in columns if column.group)
    return bool(lower) and is_sub_header_row(lower)


def _upper(columns: list[Column]) -> tuple[str, ...]:
    """The first header row as the importer reads it: a merged heading only in its first column."""
    if not _two_rows(columns):
        return tuple(column.header for column in columns)
    groups = [column.group for column in columns]
    return tuple(column.header if not column.group else column.group if i == 0 or groups[i - 1] != column.group
                 else "" for i, column in enumerate(columns))


def _totals_row(sheet: Worksheet, row: int, columns: list[Column], totals: list[Decimal | None]) -> None:
    """合计 of every money column over every row printed, as the importer adds them up to check it.

    Written as numbers, not as =SUM(): the importer reads a formula's cached value, which a file
    written here has none of."""
    money = [index for index, column in enumerate(columns, start=1) if column.money]
    if not money:
        return
    for index, total in enumerate(totals, start=1):
        if total is not None:
            put_amount(sheet, row, index, total).font = BOLD
        else:
            put(sheet, row, index, TOTALS if index == 1 else "", CENTRED if index == 1 else TEXT).font = BOLD
    if money[0] > 2:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=money[0] - 1)


def _sum(column: Column, lines: list[Line]) -> Decimal:
    if column.money == "total":
        values = [line.project.total_investment for line in lines]
    elif column.money == "annual":
        values = [line.project.annual_investment for line in lines]
    else:
        values = [line.fundings.get(column.money) for line in lines]
    return sum((value for value in values if value is not None), Decimal(0))

