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
from collections.abc import Iterator
from decimal import Decimal
from io import BytesIO

from django.db.models import Prefetch, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Border, Font
from openpyxl.worksheet.worksheet import Worksheet

from pages.plan_columns import Column, Line, two_rows
from pages.plan_columns import columns as plan_columns
from pages.plan_title import preamble as plan_preamble
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
SEPARATOR = "、"
# A category's declared count, as the importer's DECLARED_IN_NAME (imports/interpret/projects_from_rows.py)
# reads it back: 卫生健康方面(8项).
DECLARED = "({count}项)"
TOTALS = "合计"


def plan_table(plan: Plan, projects: QuerySet[Project]) -> bytes:
    """The plan's responsibility table with the given projects (those of the plan among them)."""
    lines = _lines(_load(plan, projects))
    columns = plan_columns(plan, lines)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    preamble = plan_preamble(plan)
    title_row(sheet, 1, preamble[0], len(columns))
    for row, fact in enumerate(preamble[1:], start=2):
        banner(sheet, row, fact, len(columns), alignment=CENTRED, border=Border(), font=Font())
    first = len(preamble) + 1
    two = two_rows(columns)
    row = header(sheet, first, [column.header for column in columns],
                 [column.group if two else "" for column in columns])
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
    page_setup(sheet, header_rows=(first, first + two), first_row=first + two + 1)
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


# --- rows -------------------------------------------------------------------------------


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

