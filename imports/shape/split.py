"""Raw tables -> the text above the tables and, per layout, its section, totals and data rows.

The dispatcher of the shape stage: a table with a header is split here; one without is read as a
numbered list (shape/prose/), as labelled records (shape/labelled_records.py), or by its cells
(shape/roles_from_cells.py). What it hands on is a ShapedTables (shape/segment.py)."""

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext as _

from imports.foundation.cells.script import simplified
from imports.foundation.layouts import (
    Layout,
    LayoutChoice,
    Role,
    build_layout,
    is_header_row,
    is_sub_header_row,
    normalise,
)
from imports.foundation.numbering import HEADING_NUMBER, SECTION_START
from imports.read.base import RawRow, RawTable
from imports.shape.labelled_records import read_records
from imports.shape.prose import read_prose
from imports.shape.roles_from_cells import headerless_layout, infer_roles
from imports.shape.segment import Entry, EntryKind, FoundBy, Segment, ShapedTables, signature_key

TOTALS_WORDS = ("合计", "总计", "共计")
SUBTOTAL_WORDS = ("小计",)
NOTE_STARTS = ("注：", "注:", "备注：", "说明：")


def _only_cell(row: RawRow) -> str | None:
    filled = [cell for cell in row.cells if cell]
    return filled[0] if len(filled) == 1 else None


SECTION_END = re.compile(r"(?:方面|类|领域|板块|篇|部分|工作|任务|项目|实事|工程|行动|计划|目标)$")
COUNTED = re.compile(r"[（(]\s*(?:共\s*)?\d+\s*[项个件]\s*[)）]")
SHORT_LABEL = 8


def looks_like_section(text: str) -> bool:
    """A line that heads the rows after it: numbered 一、 or （一）, counted (8项), ending in 方面 or 类 …"""
    plain = COUNTED.sub("", re.sub(r"[（(][^（()）]*[：:][^（()）]*[)）]", "", text)).strip()
    return bool(SECTION_START.match(plain) or SECTION_END.search(plain) or COUNTED.search(text)
                or len(plain) <= SHORT_LABEL and not re.search(r"\d", plain))


def _entry(row: RawRow, layout: Layout, after_data: bool = False) -> Entry:
    """What a row is; `after_data` when the row before it was a project's row."""
    first = next(cell for cell in row.cells if cell)
    plain = simplified(first)
    if any(word in plain for word in TOTALS_WORDS) and len(plain) <= 30:
        return Entry(EntryKind.TOTALS, row)
    if any(word in plain for word in SUBTOTAL_WORDS) and len(plain) <= 30:
        return Entry(EntryKind.NOTE, row, first)
    only = _only_cell(row)
    number_columns = layout.find(Role.NUMBER)
    numbered = number_columns and number_columns[0].index < len(row.cells) and row.cells[number_columns[0].index]
    if numbered and (heading := _numbered_heading(row, number_columns[0].index, len(layout.columns))):
        return Entry(EntryKind.SECTION, row, heading)
    if only is not None and not (numbered and only == row.cells[number_columns[0].index] and only.isdigit()):
        if plain.startswith(NOTE_STARTS):
            return Entry(EntryKind.NOTE, row, only)
        name = layout.find(Role.NAME)
        if after_data and number_columns and name and not looks_like_section(only):
            # One more line of the project above, alone on its row: a web page's copy drops the
            # cells merged down over it (序号, the unit) and leaves it under no column.
            cells = tuple(only if index == name[0].index else "" for index in range(name[0].index + 1))
            return Entry(EntryKind.DATA, replace(row, cells=cells, merged=frozenset({number_columns[0].index})))
        return Entry(EntryKind.SECTION, row, re.sub(r"\s+", " ", only))
    return Entry(EntryKind.DATA, row)


def _numbered_heading(row: RawRow, number: int, width: int) -> str | None:
    """The section a row heads with its number and its label in two cells of a wider table
    (一 | 教育类 | … all empty), as 一、教育类; None for any other row."""
    mark = row.cells[number].strip()
    others = [cell for index, cell in enumerate(row.cells) if cell and index != number]
    if width < 3 or len(others) != 1 or not HEADING_NUMBER.match(mark) or not looks_like_section(others[0]):
        return None
    separator = "" if mark[-1] in "、.．)）" else "、"
    return re.sub(r"\s+", " ", f"{mark}{separator}{others[0]}")


@dataclass
class _Reading:
    """What split_segments() has found so far, across the tables of one file."""

    choice: LayoutChoice
    remembered: Mapping[str, LayoutChoice]
    preamble: list[str] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # tables (sheets) with no table in them

    def add(self, layout: Layout, sheet: str, found_by: FoundBy, warnings: list[str] | None = None) -> Segment:
        # What the admin chooses for this file goes over what was remembered for its header.
        remembered = self.remembered.get(signature_key(layout.signature))
        layout = self.choice.apply(remembered.apply(layout) if remembered else layout)
        segment = Segment(layout, sheet=sheet, found_by=found_by, remembered=remembered is not None,
                          warnings=list(warnings or []))
        self.segments.append(segment)
        return segment


def split_segments(tables: list[RawTable], choice: LayoutChoice | None = None,
                   remembered: Mapping[str, LayoutChoice] | None = None) -> ShapedTables:
    """The preamble lines and the layout segments of every table, in document order.

    `choice` is what the admin chose for this file (roles, header row); `remembered`, by header
    signature, what was chosen for tables of the same header before."""
    reading = _Reading(choice=choice or LayoutChoice(), remembered=remembered or {})
    several = sum(1 for table in tables if len(table.rows) > 1) > 1
    for table in tables:
        before = len(reading.segments)
        lead_in = _read_table(list(table.rows), reading)
        if len(reading.segments) == before:
            explanation = several and any(word in table.name for word in NOT_A_CATEGORY)
            if reading.segments or explanation or any(len(row.cells) > 1 for row in table.rows):
                reading.skipped.append(table.name)
            else:
                reading.preamble.extend(lead_in)  # a cover sheet: the title and the notice
            continue
        if before == 0:
            reading.preamble.extend(lead_in)
        first = reading.segments[before]
        category = _category_of_sheet(lead_in if before else [], reading.preamble, table.name if several else "")
        if category and not (first.entries and first.entries[0].kind == EntryKind.SECTION):
            first.entries.insert(0, Entry(EntryKind.SECTION, table.rows[0], category))
    if reading.segments:
        reading.segments[0].warnings.extend(
            _("%(sheet)s holds no table; it was skipped.") % {"sheet": name} for name in reading.skipped)
    return ShapedTables(reading.preamble, reading.segments)


def _read_table(rows: list[RawRow], reading: _Reading) -> list[str]:
    """The table's segments added to `reading`; returns the lines above its first table."""
    header_row = reading.choice.header_row
    lead_in: list[str] = []
    index = 0
    current: Segment | None = None
    if header_row == 0 or not any(_is_header(row, header_row) for row in rows):
        prose = (read_prose(rows) or read_records(rows)) if header_row is None else None
        if prose is not None:
            lead_in, listed = prose
            segment = reading.add(listed.layout, rows[0].sheet, FoundBy.PROSE)
            segment.entries.extend(listed.entries)
            return lead_in
        found = headerless_layout(rows, may_have_header=header_row != 0)
        if found is None:
            return [cell for row in rows for cell in row.cells if cell]
        start, layout = found
        layout, warnings = infer_roles(layout, rows[start:])
        sheet = rows[start].sheet
        found_by = (
            _("The header of %(sheet)s names no column the importer knows: the columns' roles were read from "
              "their cells; check them.") if layout.header_lines else
            _("No header row was found in %(sheet)s: the columns' roles were read from their cells; check them."))
        segment = reading.add(layout, sheet, FoundBy.CONTENT, [found_by % {"sheet": sheet}, *warnings])
        lead_in = [cell for row in rows[:start] for cell in row.cells if cell]
        for row in rows[start:]:
            _append(segment, row)
        return lead_in
    while index < len(rows):
        row = rows[index]
        index += 1
        # A row numbered in the number column is data: most rows of a long table skip the header test.
        if current is not None and not header_row and _numbered(row, current.layout):
            _append(current, row)
            continue
        if _is_header(row, header_row):
            signature = tuple(normalise(cell) for cell in row.cells)
            lower = rows[index] if index < len(rows) and is_sub_header_row(rows[index].cells, rows[index].merged) \
                else None
            if lower is not None:
                index += 1
            # A header repeated at a page break continues the table it repeats.
            if current is None or current.layout.signature != signature:
                lines = (row.line,) + ((lower.line,) if lower else ())
                layout = build_layout(row.cells, lower.cells if lower else None, lines)
                layout, warnings = infer_roles(layout, rows[index:index + 300])
                current = reading.add(layout, row.sheet, FoundBy.HEADER, warnings)
            continue
        if current is None:
            lead_in.extend(row.cells)
            continue
        _append(current, row)
    return lead_in


def _append(segment: Segment, row: RawRow) -> None:
    after_data = bool(segment.entries) and segment.entries[-1].kind == EntryKind.DATA
    segment.entries.append(_entry(row, segment.layout, after_data))


def _numbered(row: RawRow, layout: Layout) -> bool:
    number = layout.find(Role.NUMBER)
    return bool(number) and number[0].index < len(row.cells) and row.cells[number[0].index].isdigit()


def _is_header(row: RawRow, header_row: int | None) -> bool:
    return row.line == header_row if header_row else is_header_row(row.cells)


SHEET_DEFAULT_NAME = re.compile(r"^(?:sheet|工作表|表|附表|附件)\s*\d*$", re.IGNORECASE)
NOT_A_CATEGORY = ("说明", "填表", "目录", "汇总", "封面")


def _category_of_sheet(lead_in: list[str], preamble: list[str], sheet: str) -> str | None:
    """The category of a sheet's projects when the workbook puts one category on each sheet: a line
    above its table that is not the plan's title repeated, or else the sheet's own name."""
    own = [line for line in lead_in if line not in preamble and not YEAR_IN_TITLE.search(line)]
    if len(own) == 1 and len(own[0]) <= 30:
        return own[0]
    name = sheet.strip()
    if not name or SHEET_DEFAULT_NAME.match(name) or YEAR_IN_TITLE.search(name) or any(
            word in name for word in NOT_A_CATEGORY):
        return None
    return name


YEAR_IN_TITLE = re.compile(r"20\d\d\s*年")


def no_table_error() -> str:
    return _(
        "No table header was found: a responsibility table needs a header row naming its columns "
        "(序号, 项目名称 or 具体任务, 承办单位 …)."
    )
