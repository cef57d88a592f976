"""A plan's progress table for one reporting period, as the .xlsx an office prints and sends on.

Laid out as the 半年度进展表 of fixtures/003: 序号, 项目名称, 项目内容, 牵头单位, 进展情况, one row
per project, the rows of a numbered project under one merged 序号 and 项目名称. The importer reads
the file back (imports/), so the header words and the shape of the title are the document's
format, like the header words the importer recognises: they stay Chinese in every language."""

import math
import re
import unicodedata
from collections import defaultdict
from datetime import date
from io import BytesIO

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from progress.models import Report
from projects.models import Plan, Project, ProjectOrganization

HEADER = ("序号", "项目名称", "项目内容", "牵头单位", "进展情况")
WIDTHS = (6, 18, 45, 16, 60)
SHEET_TITLE = "进展表"
TABLE_WORD = "进展表"
UNIT_SEPARATOR = "、"
TITLE_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3
# What a plan's title ends in, replaced by 进展表: 责任分解表, 半年度进展表, 清单 …
TITLE_ENDING = re.compile(
    r"(?:半年度|上半年|下半年|年度|月度|季度|\d{1,2}月份?)?"
    r"(?:责任分解表|任务分解表|分解表|进展情况表|推进情况表|进展表|进度表|一览表|清单|表)$"
)
YEAR_IN_TITLE = re.compile(r"20\d\d\s*年度?")
# A jurisdiction's own short name for itself: 区 in 区《政府工作报告》 of 鲤城区.
SELF_NAMES = ("街道", "市", "区", "县", "镇", "乡")
# The unit's answer for the period; drafts and returned or withdrawn reports are not it (yet).
EXPORTED = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
# Spreadsheets run a cell starting with one of these as a formula when it is typed again.
FORMULA_STARTS = ("=", "+", "-", "@")
EXCEL_CELL_LIMIT = 32767
# Spreadsheets keep a row's stored height instead of fitting it to wrapped text, so each row is
# given the height of its longest cell: lines of 11-point text, at most what Excel allows.
LINE_POINTS = 14.5
MAX_ROW_POINTS = 409

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
TEXT = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")
HEADING = Alignment(wrap_text=True, vertical="center", horizontal="center")


def progress_table(plan: Plan, month: date, projects: QuerySet[Project]) -> bytes:
    """The plan's progress table for the period named by `month`, of the projects the user may see."""
    month = month.replace(day=1)
    visible = projects.filter(plan=plan)
    rows = list(visible.select_related("category").order_by("position"))
    units = _lead_units(visible)
    progress = dict(Report.objects.filter(project__in=visible.values("pk"), period=month, status__in=EXPORTED)
                    .values_list("project_id", "progress"))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    _heading(sheet, title(plan, month))
    line = FIRST_ROW
    groups = _groups(rows)
    grouped = any(_has_items(group) for group in groups)
    # A table with merged groups is read back as groups of items named after their 项目内容,
    # as fixtures/003 is: a project without content shows its name there, and so keeps it.
    named = any(len(group) > 1 for group in groups)
    for group in groups:
        head = group[0]
        for offset, project in enumerate(group):
            if project is head:
                cells = (head.number, _group_name(group, grouped), head.content or (head.name if named else ""))
            else:
                cells = ("", "", project.content or project.name)
            cells += (UNIT_SEPARATOR.join(units[project.id]), progress.get(project.id, ""))
            for column, text in enumerate(cells, start=1):
                _put(sheet, line + offset, column, text, CENTRED if column == 1 else TEXT)
            # 序号 and 项目名称 of a group spread over its rows; its other cells set the height.
            sheet.row_dimensions[line + offset].height = _height(cells if len(group) == 1 else ("", "", *cells[2:]))
        if len(group) > 1:
            for column in (1, 2):
                sheet.merge_cells(start_row=line, start_column=column, end_row=line + len(group) - 1, end_column=column)
        line += len(group)
    _page_setup(sheet)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def title(plan: Plan, month: date) -> str:
    """2023年鹿城区政府民生实项目进展表（2023年6月）: year, place, the plan's subject, the month.

    The importer reads the year, the place (imports/preamble.py places_in), the kind from 进展表
    and the month from the brackets, so the table imports back as the same plan's progress."""
    return f"{plan.year}年{_subject(plan)}{TABLE_WORD}（{month.year}年{month.month}月）"


def _subject(plan: Plan) -> str:
    """鲤城区委、区政府为民办实事项目 from 2022年鲤城区委、区政府为民办实事项目责任分解表."""
    place = plan.jurisdiction.name
    # Spaces between Chinese words are the typesetter's; between Latin words they are words'.
    text = re.sub(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])", "", plan.title).lstrip("#")
    text = TITLE_ENDING.sub("", YEAR_IN_TITLE.sub("", text))
    if text.startswith(place):
        return text
    own = next((word for word in SELF_NAMES if place.endswith(word) and text.startswith(word)), "")
    return place + text[len(own):]


def _lead_units(visible: QuerySet[Project]) -> dict[int, list[str]]:
    names: dict[int, list[str]] = defaultdict(list)
    roles = (ProjectOrganization.objects.filter(project__in=visible.values("pk"), role=ProjectOrganization.Role.LEAD)
             .order_by("project_id", "position").values_list("project_id", "organization__name"))
    for project_id, name in roles:
        names[project_id].append(name)
    return names


def _groups(projects: list[Project]) -> list[list[Project]]:
    """Each top-level project with the rows under it: its sub-projects, or the further items of its group."""
    shown = {project.id for project in projects}
    subs: dict[int, list[Project]] = defaultdict(list)
    for project in projects:
        if project.parent_id in shown:
            subs[project.parent_id].append(project)
    groups: list[list[Project]] = []
    for project in projects:
        if project.parent_id in shown:
            continue
        if groups and _is_item_of(groups[-1][0], project):
            groups[-1].append(project)
        else:
            groups.append([project, *subs[project.id]])
    return groups


def _is_item_of(head: Project, project: Project) -> bool:
    # Rows of a 进展表 like fixtures/003 are imported as projects of their own, keyed after the
    # numbered row of their group ("2.3" after "2"): printed again under that row's 序号.
    return (not project.number and project.parent_id is None and bool(head.number)
            and re.fullmatch(re.escape(head.key) + r"\.\d+", project.key) is not None)


def _has_items(group: list[Project]) -> bool:
    return any(project.parent_id is None for project in group[1:])


def _group_name(group: list[Project], grouped: bool) -> str:
    """项目名称: the project's name, or, for a group of items, the group's name the import made its category.

    Importing a table like fixtures/003 names each item after its content and makes the group's
    name (学有所教) the category, also for a numbered row that has no further items."""
    head = group[0]
    if head.category and (_has_items(group) or (grouped and head.name == _flat(head.content))):
        return head.category.name
    return head.name


def _flat(text: str) -> str:
    return re.sub(r"\s*\n\s*", "", text).strip()


def _put(sheet: Worksheet, row: int, column: int, text: str, alignment: Alignment) -> Cell:
    """A cell holding `text` as text, never a formula or a number, whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    cell.border, cell.alignment = BORDER, alignment
    # Characters XML cannot hold are dropped; Excel refuses a workbook with a longer cell.
    text = ILLEGAL_CHARACTERS_RE.sub("", text or "")[:EXCEL_CELL_LIMIT]
    if text:
        cell.value = text
        # openpyxl takes a text starting with "=" for a formula; written as text, it stays text.
        cell.data_type = "s"
        # …and stays text when someone edits the cell and presses Enter in Excel or WPS.
        cell.quotePrefix = text.startswith(FORMULA_STARTS)
    return cell


def _height(cells: tuple[str, ...]) -> float:
    """Points a row needs to show its cells wrapped in their columns' widths."""
    lines = max(_lines(text or "", width) for text, width in zip(cells, WIDTHS, strict=True))
    return min(lines * LINE_POINTS + 4, MAX_ROW_POINTS)


def _lines(text: str, width: int) -> int:
    # A column's width counts digits; a Chinese character is two of them wide.
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in part) / usable))
               for part in text.split("\n"))


def _heading(sheet: Worksheet, text: str) -> None:
    """The title across the table, the header row under it, and the columns' widths."""
    cell = sheet.cell(row=TITLE_ROW, column=1)
    cell.value, cell.data_type = ILLEGAL_CHARACTERS_RE.sub("", text), "s"
    cell.font, cell.alignment = Font(bold=True, size=16), HEADING
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(HEADER))
    sheet.row_dimensions[TITLE_ROW].height = 36
    for column, word in enumerate(HEADER, start=1):
        cell = _put(sheet, HEADER_ROW, column, word, HEADING)
        cell.font = Font(bold=True)
    for column, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[chr(ord("A") + column - 1)].width = width


def _page_setup(sheet: Worksheet) -> None:
    """A4 landscape, as wide as the page, the header repeated on every page."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.oddFooter.center.text = _("Page &P of &N")
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=1)
