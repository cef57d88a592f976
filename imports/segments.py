"""Raw rows -> the text above the tables and, per layout, its section, totals and data rows."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from imports.cells.script import simplified
from imports.layouts import Layout, Role, build_layout, is_header_row, is_sub_header_row, normalise
from imports.readers.base import RawRow, RawTable

TOTALS_WORDS = ("合计", "总计", "共计")
SUBTOTAL_WORDS = ("小计",)
NOTE_STARTS = ("注：", "注:", "备注：", "说明：")


@dataclass
class Entry:
    kind: str  # "section", "totals", "data" or "note"
    row: RawRow
    text: str = ""  # the section's or note's text


@dataclass
class Segment:
    """The rows under one header, up to the next header that differs."""

    layout: Layout
    entries: list[Entry] = field(default_factory=list)


def _only_cell(row: RawRow) -> str | None:
    filled = [cell for cell in row.cells if cell]
    return filled[0] if len(filled) == 1 else None


def _entry(row: RawRow, layout: Layout) -> Entry:
    first = next(cell for cell in row.cells if cell)
    plain = simplified(first)
    if any(word in plain for word in TOTALS_WORDS) and len(plain) <= 30:
        return Entry("totals", row)
    if any(word in plain for word in SUBTOTAL_WORDS) and len(plain) <= 30:
        return Entry("note", row, first)
    only = _only_cell(row)
    number_columns = layout.find(Role.NUMBER)
    numbered = number_columns and number_columns[0].index < len(row.cells) and row.cells[number_columns[0].index]
    if only is not None and not (numbered and only == row.cells[number_columns[0].index] and only.isdigit()):
        if plain.startswith(NOTE_STARTS):
            return Entry("note", row, only)
        return Entry("section", row, re.sub(r"\s+", " ", only))
    return Entry("data", row)


def split_segments(tables: list[RawTable]) -> tuple[list[str], list[Segment]]:
    """The preamble lines and the layout segments of every table, in document order."""
    preamble: list[str] = []
    segments: list[Segment] = []
    for table in tables:
        rows = list(table.rows)
        index = 0
        while index < len(rows):
            row = rows[index]
            index += 1
            if is_header_row(row.cells):
                signature = tuple(normalise(cell) for cell in row.cells)
                lower = rows[index] if index < len(rows) and is_sub_header_row(rows[index].cells) else None
                if lower is not None:
                    index += 1
                current = segments[-1].layout if segments else None
                # A header repeated at a page break continues the table it repeats.
                if current is None or current.signature != signature:
                    lines = (row.line,) + ((lower.line,) if lower else ())
                    segments.append(Segment(build_layout(row.cells, lower.cells if lower else None, lines)))
                continue
            if not segments:
                preamble.extend(row.cells)
                continue
            segments[-1].entries.append(_entry(row, segments[-1].layout))
    return preamble, segments


def no_table_error() -> str:
    return _(
        "No table header was found: a responsibility table needs a header row naming its columns "
        "(序号, 项目名称 or 具体任务, 承办单位 …)."
    )
