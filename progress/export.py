"""A plan's progress table for one reporting period, as the .xlsx an office prints and sends on.

Laid out as the 半年度进展表 of fixtures/003: 序号, 项目名称, 项目内容, 牵头单位, 进展情况, one row
per project, the rows of a numbered project under one merged 序号 and 项目名称. The importer reads
the file back (imports/), so the header words and the shape of the title are the document's
format, like the header words the importer recognises: they stay Chinese in every language."""

import re
from collections import defaultdict
from datetime import date
from io import BytesIO

from django.db.models import QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from progress.models import Report, Verification
from projects.models import Plan, Project, ProjectOrganization
from projects.xlsx import CENTRED, HEADING, TEXT, fitted_widths, page_setup, put, row_height, title_row, widths

HEADER = ("序号", "项目名称", "项目内容", "牵头单位", "进展情况")
# The widest each column gets (fitted to its contents below that): the published table's.
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
# Under the progress of a project whose completion the office verified (on a claim of this period or an
# earlier one): only a verified completion counts as done; a unit's claim alone reads as its own words.
VERIFIED_MARK = "已核验完成。"


def progress_table(plan: Plan, month: date, projects: QuerySet[Project]) -> bytes:
    """The plan's progress table for the period named by `month`, of the projects the user may see."""
    month = month.replace(day=1)
    visible = projects.filter(plan=plan)
    rows = list(visible.select_related("category").order_by("position"))
    units = _lead_units(visible)
    progress = dict(Report.objects.filter(project__in=visible.values("pk"), period=month, status__in=EXPORTED)
                    .values_list("project_id", "progress"))
    verified = set(Verification.objects.filter(project__in=visible.values("pk"), report__period__lte=month,
                                               outcome=Verification.Outcome.VERIFIED)
                   .values_list("project_id", flat=True))
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    groups = _groups(rows)
    grouped = any(_has_items(group) for group in groups)
    # A table with merged groups is read back as groups of items named after their 项目内容,
    # as fixtures/003 is: a project without content shows its name there, and so keeps it.
    named = any(len(group) > 1 for group in groups)
    printed = []
    for group in groups:
        head = group[0]
        for project in group:
            if project is head:
                cells = (head.number, _group_name(group, grouped), head.content or (head.name if named else ""))
            else:
                cells = ("", "", project.content or project.name)
            printed.append(cells + (UNIT_SEPARATOR.join(units[project.id]),
                                    _marked(progress.get(project.id, ""), project.id in verified)))
    column_widths = fitted_widths([HEADER, *printed], most=WIDTHS)
    _heading(sheet, title(plan, month), column_widths)
    line = FIRST_ROW
    cells_of = iter(printed)
    for group in groups:
        for offset in range(len(group)):
            cells = next(cells_of)
            for column, text in enumerate(cells, start=1):
                put(sheet, line + offset, column, text, CENTRED if column == 1 else TEXT)
            # 序号 and 项目名称 of a group spread over its rows; its other cells set the height.
            sheet.row_dimensions[line + offset].height = row_height(
                cells if len(group) == 1 else ("", "", *cells[2:]), column_widths)
        if len(group) > 1:
            for column in (1, 2):
                sheet.merge_cells(start_row=line, start_column=column, end_row=line + len(group) - 1, end_column=column)
        line += len(group)
    page_setup(sheet, header_rows=(HEADER_ROW, HEADER_ROW), first_row=FIRST_ROW)
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


def title(plan: Plan, month: date) -> str:
    """2023年鹿城区政府民生实项目进展表（2023年6月）: year, place, the plan's subject, the month.

    The importer reads the year, the place (imports/shape/preamble.py places_in), the kind from 进展表
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


def _marked(text: str, verified: bool) -> str:
    """The period's progress, with the verified mark under it once (a table imported back keeps it in its text)."""
    if not verified or text.rstrip().endswith(VERIFIED_MARK):
        return text
    return f"{text.rstrip()}\n{VERIFIED_MARK}" if text.strip() else VERIFIED_MARK


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


def _heading(sheet: Worksheet, text: str, column_widths: list[int]) -> None:
    """The title across the table, the header row under it, and the columns' widths."""
    title_row(sheet, TITLE_ROW, text, len(HEADER))
    for column, word in enumerate(HEADER, start=1):
        cell = put(sheet, HEADER_ROW, column, word, HEADING)
        cell.font = Font(bold=True)
    widths(sheet, column_widths)
