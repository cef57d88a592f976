"""The project list and its exports: one filtered queryset, shown as a page or written as a file."""

import csv
from decimal import Decimal
from io import BytesIO, StringIO

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from openpyxl import Workbook

from pages.filters import ProjectFilter
from projects import xlsx
from projects.access import visible_projects
from projects.amounts import plain
from projects.models import Project
from projects.selectors import projects_for_list
from projects.tables import ProjectTable

PAGE_SIZES = (25, 50, 100, 200)
DEFAULT_ORDER = ("-plan__year", "plan__jurisdiction__name", "plan_id", "position")
# A cell starting with one of these would run as a formula when a spreadsheet opens the file.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def filtered(request: HttpRequest) -> ProjectFilter:
    """The list as the query string filters it, with everything a row shows loaded in constant queries."""
    base = projects_for_list(visible_projects(request.user)).order_by(*DEFAULT_ORDER)
    return ProjectFilter(request.GET or None, queryset=base, request=request)


def rows(filters: ProjectFilter) -> QuerySet[Project]:
    """The filtered projects; none when a filter is not valid (a bookmark naming what no longer exists)."""
    return filters.qs if filters.is_bound is False or filters.is_valid() else filters.queryset.none()


def page_size(request: HttpRequest) -> int:
    size = request.GET.get("per_page", "")
    return int(size) if size.isdecimal() and int(size) in PAGE_SIZES else 50


class Percent(int):
    """A percent complete (0–100): written as 50 in the CSV, as 50 % (the number 0.5) in the workbook."""


Value = str | int | Decimal | None


def export_rows(projects: QuerySet[Project]) -> tuple[list[str], list[list[Value]]]:
    """The list as rows, with every unit and leader named (as the page shows them); year, amount and
    percent as numbers, so that a spreadsheet can sort and add them."""
    header = [_("jurisdiction"), _("year"), _("plan"), _("number"), _("name"), _("lead unit"), _("assisting unit"),
              _("supervising leader"), _("total investment (万元)"), _("percent complete"), _("status light"),
              _("last report")]
    rows: list[list[Value]] = []
    for project in projects.prefetch_related("unit_roles__organization"):
        status = getattr(project, "status", None)
        assisting = [r.organization.name for r in project.unit_roles.all() if r.role == "assisting"]
        rows.append([
            str(project.plan.jurisdiction), project.plan.year, project.plan.title, project.number, project.name,
            "、".join(r.organization.name for r in project.lead_unit_roles), "、".join(assisting),
            "、".join(r.person.name for r in project.leader_roles), project.total_investment,
            None if status is None or status.percent_complete is None else Percent(status.percent_complete),
            status.get_light_display() if status else "",
            f"{status.last_period:%Y-%m}" if status and status.last_period else "",
        ])
    return header, rows


def _text(value: Value) -> str:
    """A value as the CSV and the page write it: 12345.5 for an amount, 50 for a percent, "" for none."""
    if value is None:
        return ""
    return plain(value) if isinstance(value, Decimal) else str(value)


def as_csv(header: list[str], rows: list[list[Value]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens it in Chinese; formula-looking cells made plain text."""
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_defused(_text(cell)) for cell in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def _defused(cell: str) -> str:
    # OWASP's advice for CSV: a leading apostrophe makes the spreadsheet show the text as text.
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def as_xlsx(header: list[str], rows: list[list[Value]]) -> bytes:
    """The list as a workbook: typed cells, columns as wide as their contents, the header frozen and
    printed on every page of A4 landscape."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("projects")
    texts = [header, *([_text(value) for value in row] for row in rows)]
    column_widths = xlsx.fitted_widths(texts)
    for column, word in enumerate(header, start=1):
        xlsx.put(sheet, 1, column, word, xlsx.HEADING).font = xlsx.BOLD
    for line, row in enumerate(rows, start=2):
        for column, value in enumerate(row, start=1):
            if isinstance(value, Decimal):
                xlsx.put_amount(sheet, line, column, value)
            elif isinstance(value, Percent):
                xlsx.put_number(sheet, line, column, Decimal(value) / 100, xlsx.PERCENT)
            elif isinstance(value, int):
                xlsx.put_number(sheet, line, column, value, "0")  # a year, not 2,022
            else:
                xlsx.put(sheet, line, column, value, xlsx.TEXT)
        sheet.row_dimensions[line].height = xlsx.row_height(texts[line - 1], column_widths)
    sheet.row_dimensions[1].height = xlsx.row_height(header, column_widths)
    xlsx.widths(sheet, column_widths)
    xlsx.page_setup(sheet, header_rows=(1, 1), first_row=2)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def ordered(projects: QuerySet[Project], sort: str) -> QuerySet[Project]:
    """The rows in the order the list shows them, by the table's own sort parameter."""
    table = ProjectTable(projects)
    if sort:
        table.order_by = sort
    # Ties (two projects of the same investment) in the order of the list's pages (pages/paging.py).
    ordered = table.data.data
    return ordered.order_by(*ordered.query.order_by, "pk")
