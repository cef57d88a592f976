"""Writing the tables an office prints and sends on as .xlsx: typed cells, fitted widths, A4 landscape.

Shared by the progress table (progress/export.py), the responsibility table (pages/plan_table.py) and
the project list's export (pages/lists.py). Text is written as text, so a spreadsheet never turns
0034 into 34, 1-3 into a date or =1+1 into a formula; amounts and percentages are numbers with a
number format, so Excel adds them up, and the importer reads them back as the same amounts."""

import math
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from projects.amounts import plain

# Spreadsheets run a cell starting with one of these as a formula when it is typed again.
FORMULA_STARTS = ("=", "+", "-", "@")
EXCEL_CELL_LIMIT = 32767
# Spreadsheets keep a row's stored height instead of fitting it to wrapped text, so each row is
# given the height of its longest cell: lines of 11-point text, at most what Excel allows.
LINE_POINTS = 14.5
MAX_ROW_POINTS = 409
TITLE_POINTS = 36
# Column widths, in digits: fitted to the longest line of a column, within these bounds; a longer
# text wraps inside its column (TEXT wraps) instead of making the sheet too wide to print.
MIN_WIDTH = 6
MAX_WIDTH = 40
PADDING = 2
PERCENT = "0%"

THIN = Side(style="thin")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
# Two cells drawn as one, one above the other, without merging them.
OPEN_BELOW = Border(left=THIN, right=THIN, top=THIN)
OPEN_ABOVE = Border(left=THIN, right=THIN, bottom=THIN)
BOLD = Font(bold=True)
TEXT = Alignment(wrap_text=True, vertical="top")
CENTRED = Alignment(wrap_text=True, vertical="top", horizontal="center")
HEADING = Alignment(wrap_text=True, vertical="center", horizontal="center")
NUMBER = Alignment(vertical="top", horizontal="right")


def clean(text: str | None) -> str:
    """Text a workbook can hold: characters XML cannot hold dropped, no longer than Excel allows."""
    return ILLEGAL_CHARACTERS_RE.sub("", text or "")[:EXCEL_CELL_LIMIT]


def put(sheet: Worksheet, row: int, column: int, text: str | None, alignment: Alignment,
        border: Border = BORDER) -> Cell:
    """A cell holding `text` as text, never a formula or a number, whatever it starts with."""
    cell = sheet.cell(row=row, column=column)
    cell.border, cell.alignment = border, alignment
    text = clean(text)
    if text:
        cell.value = text
        # openpyxl takes a text starting with "=" for a formula; written as text, it stays text.
        cell.data_type = "s"
        # …and stays text when someone edits the cell and presses Enter in Excel or WPS.
        cell.quotePrefix = text.startswith(FORMULA_STARTS)
    return cell


def put_number(sheet: Worksheet, row: int, column: int, value: int | Decimal, number_format: str,
               alignment: Alignment = NUMBER, border: Border = BORDER) -> Cell:
    """A cell holding a number a spreadsheet can sort and add, shown with `number_format`."""
    cell = sheet.cell(row=row, column=column)
    cell.border, cell.alignment = border, alignment
    cell.value, cell.number_format = value, number_format
    return cell


def put_amount(sheet: Worksheet, row: int, column: int, value: Decimal | None, alignment: Alignment = NUMBER,
               border: Border = BORDER) -> Cell:
    """An amount in 万元 as a number, shown with exactly its own decimals (28.959, 100); empty when None."""
    if value is None:
        return put(sheet, row, column, "", alignment, border)
    return put_number(sheet, row, column, as_number(value), amount_format(value), alignment, border)


def as_number(value: Decimal) -> Decimal:
    # 100.0000 is stored as 100, not 1E+2 (what normalize() alone gives) nor 100.0000.
    return Decimal(plain(value))


def amount_format(value: Decimal) -> str:
    """The number format showing an amount as the pages do (projects.amounts.plain): 0, 0.0, 0.000 …"""
    decimals = len(plain(value).partition(".")[2])
    return "0." + "0" * decimals if decimals else "0"


def display_width(text: str) -> int:
    """The width of a line in digits, a Chinese (wide) character counting as two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def fitted_widths(rows: Sequence[Sequence[str]], *, most: int | Sequence[int] = MAX_WIDTH) -> list[int]:
    """Each column's width from its longest line (header included), within MIN_WIDTH and `most`."""
    columns = max((len(row) for row in rows), default=0)
    caps = [most] * columns if isinstance(most, int) else list(most)
    longest = [0] * columns
    for row in rows:
        for index, text in enumerate(row):
            longest[index] = max([longest[index], *(display_width(line) for line in (text or "").split("\n"))])
    return [max(MIN_WIDTH, min(width + PADDING, cap)) for width, cap in zip(longest, caps, strict=True)]


def title_row(sheet: Worksheet, row: int, text: str, columns: int) -> Cell:
    """The document's title in bold across the table's columns."""
    cell = sheet.cell(row=row, column=1)
    cell.value, cell.data_type = clean(text), "s"
    cell.font, cell.alignment = Font(bold=True, size=16), HEADING
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    sheet.row_dimensions[row].height = TITLE_POINTS
    return cell


def banner(sheet: Worksheet, row: int, text: str, columns: int, *, alignment: Alignment = TEXT,
           border: Border = BORDER, font: Font = BOLD) -> Cell:
    """One text across the table's columns: a category, a line under the title."""
    cell = put(sheet, row, 1, text, alignment, border)
    cell.font = font
    for column in range(2, columns + 1):
        put(sheet, row, column, "", alignment, border)
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=columns)
    return cell


def header(sheet: Worksheet, row: int, words: Sequence[str], groups: Sequence[str]) -> int:
    """The header at `row`: one row of words, or two where runs of columns share a heading
    (进度计划 over 1季度 … 4季度). Returns the first row under it.

    A column without a heading is drawn as one cell over both rows but not merged: a reader
    repeats a merged cell's text into each of its rows, which would name the column twice."""
    if not any(groups):
        for column, word in enumerate(words, start=1):
            put(sheet, row, column, word, HEADING).font = BOLD
        return row + 1
    for column, (word, group) in enumerate(zip(words, groups, strict=True), start=1):
        if group:
            put(sheet, row, column, group if column == 1 or groups[column - 2] != group else "", HEADING).font = BOLD
            put(sheet, row + 1, column, word, HEADING).font = BOLD
        else:
            put(sheet, row, column, word, HEADING, OPEN_BELOW).font = BOLD
            put(sheet, row + 1, column, "", HEADING, OPEN_ABOVE)
    start = 1
    for column in range(1, len(groups) + 1):
        if column == len(groups) or groups[column] != groups[column - 1]:
            if groups[column - 1] and column > start:
                sheet.merge_cells(start_row=row, start_column=start, end_row=row, end_column=column)
            start = column + 1
    return row + 2


def widths(sheet: Worksheet, column_widths: Sequence[int]) -> None:
    for column, width in enumerate(column_widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width


def row_height(cells: Sequence[str], column_widths: Sequence[int]) -> float:
    """Points a row needs to show its cells wrapped in their columns' widths."""
    lines = max(_lines(text or "", width) for text, width in zip(cells, column_widths, strict=True))
    return min(lines * LINE_POINTS + 4, MAX_ROW_POINTS)


def _lines(text: str, width: int) -> int:
    # A column's width counts digits; a Chinese character is two of them wide.
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(display_width(part) / usable)) for part in text.split("\n"))


def page_setup(sheet: Worksheet, *, header_rows: tuple[int, int], first_row: int) -> None:
    """A4 landscape, as wide as the page, the header rows repeated on every page."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = f"{header_rows[0]}:{header_rows[1]}"
    sheet.print_options.horizontalCentered = True
    sheet.page_margins = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)
    sheet.oddFooter.center.text = _("Page &P of &N")
    sheet.freeze_panes = sheet.cell(row=first_row, column=1)
