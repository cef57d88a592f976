"""The project list and its exports: one filtered queryset, shown as a page or written as a file."""

import csv
from io import BytesIO, StringIO

from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from projects.access import visible_projects
from projects.amounts import plain
from projects.filters import ProjectFilter
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
    return int(size) if size.isdigit() and int(size) in PAGE_SIZES else 50


def export_rows(projects: QuerySet[Project]) -> tuple[list[str], list[list[str]]]:
    """The list as rows of text, with every unit and leader named (as the page shows them)."""
    header = [_("jurisdiction"), _("year"), _("plan"), _("number"), _("name"), _("lead unit"), _("assisting unit"),
              _("supervising leader"), _("total investment (万元)"), _("percent complete"), _("status light"),
              _("last report")]
    rows = []
    for project in projects.prefetch_related("unit_roles__organization"):
        status = getattr(project, "status", None)
        assisting = [r.organization.name for r in project.unit_roles.all() if r.role == "assisting"]
        rows.append([
            str(project.plan.jurisdiction), str(project.plan.year), project.plan.title, project.number, project.name,
            "、".join(r.organization.name for r in project.lead_unit_roles), "、".join(assisting),
            "、".join(r.person.name for r in project.leader_roles),
            plain(project.total_investment) if project.total_investment is not None else "",
            "" if status is None or status.percent_complete is None else str(status.percent_complete),
            status.get_light_display() if status else "",
            f"{status.last_period:%Y-%m}" if status and status.last_period else "",
        ])
    return header, rows


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens it in Chinese; formula-looking cells made plain text."""
    out = StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows([[_defused(cell) for cell in row] for row in rows])
    return out.getvalue().encode("utf-8-sig")


def _defused(cell: str) -> str:
    # OWASP's advice for CSV: a leading apostrophe makes the spreadsheet show the text as text.
    return "'" + cell if cell.startswith(FORMULA_STARTS) else cell


def as_xlsx(header: list[str], rows: list[list[str]]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("projects"))

    def text(value: str) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", value)[:32767])
        cell.data_type = "s"  # text, never a formula, whatever it starts with
        return cell

    sheet.append([text(cell) for cell in header])
    for row in rows:
        sheet.append([text(cell) for cell in row])
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def ordered(projects: QuerySet[Project], sort: str) -> QuerySet[Project]:
    """The rows in the order the list shows them, by the table's own sort parameter."""
    table = ProjectTable(projects)
    if sort:
        table.order_by = sort
    return table.data.data
