"""Excel .xlsx reader: every visible sheet becomes a RawTable, merged ranges filled down.

python-calamine (Rust) reads the cells about nine times faster than openpyxl's read-only mode
and reports merged ranges, which openpyxl's read-only mode does not; formulas are read as the
values Excel cached, never evaluated. openpyxl stays for writing workbooks (tests, exports)."""

import datetime
import math
from decimal import Decimal
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl.utils.escape import unescape
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from imports.readers.base import RawRow, RawTable, ReadError, make_row, open_zip

# ((first row, first column), (last row, last column)), counted from 0 as calamine does.
Merge = tuple[tuple[int, int], tuple[int, int]]


def read_excel(data: bytes, *, name: str) -> list[RawTable]:
    """All visible, non-empty sheets of an .xlsx workbook, one RawTable each."""
    damaged = _("The workbook is damaged and cannot be read.")
    open_zip(data, damaged=damaged).close()  # refuses zip bombs before anything unpacks them
    try:
        workbook = CalamineWorkbook.from_filelike(BytesIO(data))
    except (CalamineError, ValueError, OSError) as exc:
        raise ReadError(damaged) from exc
    tables = []
    for sheet in workbook.sheets_metadata:
        # Hidden sheets hold lookup lists for drop-downs, not what the user sees.
        if sheet.visible != SheetVisibleEnum.Visible:
            continue
        try:
            values = workbook.get_sheet_by_name(sheet.name)
            rows = _read_sheet(sheet.name, values.to_python(skip_empty_area=False), values.merged_cell_ranges or [])
        except (CalamineError, ValueError, OSError) as exc:
            raise ReadError(_("Sheet %(sheet)s is damaged and cannot be read.") % {"sheet": sheet.name}) from exc
        if rows:
            tables.append(RawTable(name=sheet.name, rows=tuple(rows)))
    return tables


def cell_text(value: object) -> str:
    """The text a person sees for a cell value: no float artefacts, ISO dates."""
    if value is None:
        return ""
    if isinstance(value, str):
        # OOXML escapes control characters such as \r as _x000D_.
        return unescape(value) if "_x" in value else value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # calamine hands every number over as a float: 34.0 is the 34 Excel shows.
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else _float_text(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return str(value)
    return str(value)


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    # Excel shows at most 15 significant digits; more are binary artefacts (28.959000000000003).
    text = format(Decimal(format(value, ".15g")).normalize(), "f")
    return "0" if text == "-0" else text


def _read_sheet(title: str, grid: list[list], merges: list[Merge]) -> list[RawRow]:
    """Rows of cell texts, each merged range's value repeated down its first column."""
    texts = [[cell_text(value) for value in values] for values in grid]
    for (first_row, first_column), (last_row, last_column) in merges:
        anchor = texts[first_row][first_column] if first_row < len(texts) and first_column < len(texts[first_row]) else ""
        for number in range(first_row, min(last_row + 1, len(texts))):
            cells = texts[number]
            if len(cells) <= first_column:
                cells.extend([""] * (first_column + 1 - len(cells)))
            cells[first_column] = anchor
            for index in range(first_column + 1, min(last_column + 1, len(cells))):
                cells[index] = ""
    rows = (make_row(title, number, cells) for number, cells in enumerate(texts, start=1))
    return [row for row in rows if row is not None]
