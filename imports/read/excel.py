"""Excel .xlsx reader: every visible sheet becomes a RawTable, merged ranges filled down.

python-calamine (Rust) reads the cells about nine times faster than openpyxl's read-only mode
and reports merged ranges, which openpyxl's read-only mode does not; formulas are read as the
values Excel cached, never evaluated. openpyxl stays for writing workbooks (tests, exports).

calamine lays a sheet out as one block from its first to its last value, so before it loads a
sheet the cells are counted as they stream out of the zip, and a sheet beyond the limits in
settings (IMPORT_MAX_ROWS, IMPORT_MAX_COLUMNS, IMPORT_MAX_CELLS) is refused."""

import datetime
import math
import re
import zipfile
from decimal import Decimal
from io import BytesIO
from typing import IO

from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.utils.escape import unescape
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from imports.read.base import (
    SAFE_XML,
    ZIP_ERRORS,
    RawRow,
    RawTable,
    ReadError,
    SizeLimits,
    main_part,
    make_row,
    open_zip,
    relationships,
    size_limits,
)  # fmt: skip

# ((first row, first column), (last row, last column)), counted from 0 as calamine does.
Merge = tuple[tuple[int, int], tuple[int, int]]


def read_excel(data: bytes, *, name: str) -> list[RawTable]:
    """All visible, non-empty sheets of an .xlsx workbook, one RawTable each."""
    damaged = _("The workbook is damaged and cannot be read.")
    limits = size_limits()
    with open_zip(data, damaged=damaged) as archive:  # refuses zip bombs before anything unpacks them
        try:
            parts = _sheet_parts(archive)
            workbook = CalamineWorkbook.from_filelike(BytesIO(data))
        except (*ZIP_ERRORS, etree.XMLSyntaxError, CalamineError) as exc:
            raise ReadError(damaged) from exc
        tables = []
        for sheet in workbook.sheets_metadata:
            # Hidden sheets hold lookup lists for drop-downs, not what the user sees.
            if sheet.visible != SheetVisibleEnum.Visible:
                continue
            sheet_damaged = _("Sheet %(sheet)s is damaged and cannot be read.") % {"sheet": sheet.name}
            try:
                _check_size(archive, parts.get(sheet.name), sheet.name, limits)
                values = workbook.get_sheet_by_name(sheet.name)
                if values.end is not None:  # the check above, in calamine's own words
                    refuse_if_too_large(sheet.name, values.end[0] + 1, values.end[1] + 1, limits)
                grid = values.to_python(skip_empty_area=False)
                rows = sheet_rows(sheet.name, grid, values.merged_cell_ranges or [])
            except (*ZIP_ERRORS, etree.XMLSyntaxError, CalamineError) as exc:
                raise ReadError(sheet_damaged) from exc
            if rows:
                tables.append(RawTable(name=sheet.name, rows=tuple(rows)))
    return tables


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> worksheet part, as the workbook and its relationships name them."""
    workbook_part = main_part(archive) or "xl/workbook.xml"
    targets = {rel_id: target for rel_id, _type, target in relationships(archive, workbook_part)}
    root = etree.fromstring(archive.read(workbook_part), etree.XMLParser(**SAFE_XML))
    parts = {}
    for sheet in root.iter("{*}sheet"):
        # r:id, in the transitional or the strict relationships namespace.
        rel_id = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), "")
        if rel_id in targets:
            parts[sheet.get("name", "")] = targets[rel_id]
    return parts


_REFERENCE = re.compile(r"([A-Za-z]*)([0-9]*)")
# Every cell start tag, whatever its prefix or spacing; then the cells written as Excel, WPS and
# openpyxl write them, reference first, double quotes, no ">" in a value: those holding
# something (the tag ends in ">"), and the empty ones (<c …/>, <c …></c>) that only carry a style.
_ANY_CELL = re.compile(rb"<(?:[\w.-]+:)?c[\s/>]")
_PLAIN_ATTRIBUTES = rb'(?:\s+[\w:.-]+="[^"<>]*")*\s*'
# Both in one pass: at each cell start tag the plain form with how its tag ends, else any cell tag,
# whose end is then b"". Attribute values hold no "<", so no cell tag starts inside a plain one.
_CELL_TAGS = re.compile(rb'<c r="([A-Za-z]*)([0-9]*)"' + _PLAIN_ATTRIBUTES + rb"(/>|></c>|>)|" + _ANY_CELL.pattern)
_CHUNK = 4 * 1024 * 1024


def _check_size(archive: zipfile.ZipFile, part: str | None, sheet: str, limits: SizeLimits) -> None:
    """Refuse a sheet whose values reach beyond the limits, reading its XML as it streams by.

    A 5 KB file with values in A1 and XFD1048576 would have calamine ask for 512 GiB, which
    aborts the process. The <dimension> element may lie or be missing, so the cells are counted;
    empty cells that only carry a style are skipped, as calamine skips them.
    """
    if part is None or part not in archive.NameToInfo:
        raise ReadError(_("Sheet %(sheet)s is damaged and cannot be read.") % {"sheet": sheet})
    with archive.open(part) as stream:
        counted = _check_references(stream, sheet, limits)
    if not counted:
        with archive.open(part) as stream:
            _check_cells(stream, sheet, limits)


def _check_references(stream: IO[bytes], sheet: str, limits: SizeLimits) -> bool:
    """The quick check, at regular-expression speed, of a sheet whose cells are written plainly.

    False when some cell is written another way (a prefix, no reference: calamine then places it
    after the previous one) or the XML is UTF-16: those need the exact _check_cells.
    """
    rows = columns = 0
    pending = b""
    while True:
        chunk = stream.read(_CHUNK)
        if b"\x00" in chunk[:256]:
            return False
        text = pending + chunk
        if chunk:
            # Search up to the last complete row (else tag): a cell's end tag tells it is empty.
            end = text.rfind(b"</row>")
            cut = end + len(b"</row>") if end >= 0 else text.rfind(b">") + 1
            text, pending = text[:cut], text[cut:]
        tags = _CELL_TAGS.findall(text)  # one pass, not three: a tenth of reading a 10 MB sheet
        if not all(end for _letters, _digits, end in tags):
            return False
        references = [(letters, digits) for letters, digits, end in tags if end == b">"]
        if references:
            furthest_row, furthest_column = _furthest(references)
            rows, columns = max(rows, furthest_row), max(columns, furthest_column)
            refuse_if_too_large(sheet, rows, columns, limits)
        if not chunk:
            return True


def _furthest(references: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """The last row and column among cell references, each distinct part converted once."""
    rows = max(_number(digits.decode(), 0) for digits in {digits for _letters, digits in references})
    columns = max(_column_number(letters.decode()) for letters in {letters for letters, _digits in references})
    return rows, columns


def _check_cells(stream: IO[bytes], sheet: str, limits: SizeLimits) -> None:
    """The exact check, one cell at a time, placing unreferenced cells as calamine does."""
    rows = columns = row = column = 0
    events = etree.iterparse(
        stream, events=("start", "end"), tag=("{*}row", "{*}c"), resolve_entities=False, no_network=True
    )
    for event, element in events:
        is_row = element.tag.endswith("row")
        if event == "start":
            if is_row:
                row, column = _number(element.get("r"), row + 1), 0
            continue
        if not is_row:
            letters, digits = _REFERENCE.match(element.get("r") or "").groups()
            column = _column_number(letters) if letters else column + 1
            if len(element):  # a value, an inline string or a formula
                rows, columns = max(rows, _number(digits, row)), max(columns, column)
                refuse_if_too_large(sheet, rows, columns, limits)
        # Drop what has been counted, or a sheet of a million empty cells fills the memory.
        element.clear()
        while element.getprevious() is not None:
            del element.getparent()[0]


def _number(digits: str | None, default: int) -> int:
    if not digits:
        return default
    # Sixteen digits and more are beyond any sheet; int() would refuse thousands of them.
    return int(digits) if len(digits) <= 15 else 10**15


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters[:8].upper():  # eight letters are far beyond XFD, the last column
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, remainder = divmod(number - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def refuse_if_too_large(sheet: str, rows: int, columns: int, limits: SizeLimits) -> None:
    if not limits.exceeded(rows, columns):
        return
    raise ReadError(
        _(
            "Sheet %(sheet)s is too large to read: its values reach %(cell)s (%(rows)s rows by %(columns)s "
            "columns); at most %(max_rows)s rows, %(max_columns)s columns and %(max_cells)s cells can be read."
        )
        % {
            "sheet": sheet, "cell": f"{_column_letters(columns)}{rows}", "rows": f"{rows:,}",
            "columns": f"{columns:,}", "max_rows": f"{limits.rows:,}", "max_columns": f"{limits.columns:,}",
            "max_cells": f"{limits.cells:,}",
        }
    )  # fmt: skip


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
    # Python's shortest repr of a money figure (1234.56) has at most 15 significant digits when it
    # is at most 16 characters with a point: it is then exactly what the rounding below gives, at
    # a third of the cost (20,000 amounts in a table of four money columns).
    text = repr(value)
    if len(text) <= 16 and "e" not in text and "n" not in text and not text.endswith(".0"):
        return text
    if not math.isfinite(value):
        return str(value)
    # Excel shows at most 15 significant digits; more are binary artefacts (28.959000000000003).
    text = format(Decimal(format(value, ".15g")).normalize(), "f")
    return "0" if text == "-0" else text


def _within(merges: list[Merge], title: str, rows: int, columns: int) -> list[Merge]:
    """The merged ranges that start inside the sheet's values, if together they cover it at most once.

    They are filled cell by cell: ranges that overlap (which Excel never writes) could ask for the sheet's
    cells hundreds of times from a file of a few KB, and one starting far right of the values would
    widen every row it spans. A range starting outside the values has nothing to repeat."""
    inside, covered = [], 0
    for merge in merges:
        (first_row, first_column), (last_row, last_column) = merge
        if first_row >= rows or first_column >= columns:
            continue
        covered += (min(last_row, rows - 1) - first_row + 1) * (min(last_column, columns - 1) - first_column + 1)
        if covered > rows * columns:
            raise ReadError(_("Sheet %(sheet)s is damaged and cannot be read: its merged cells overlap.")
                            % {"sheet": title})
        inside.append(merge)
    return inside


def sheet_rows(title: str, grid: list[list], merges: list[Merge]) -> list[RawRow]:
    """Rows of cell texts, each merged range's value repeated down its first column (.xlsx and .xls alike)."""
    texts = [[cell_text(value) for value in values] for values in grid]
    merged: dict[int, list[int]] = {}
    for (first_row, first_column), (last_row, last_column) in _within(merges, title, len(texts),
                                                                      max(map(len, texts), default=0)):
        anchor = (texts[first_row][first_column]
                  if first_row < len(texts) and first_column < len(texts[first_row]) else "")
        for number in range(first_row, min(last_row + 1, len(texts))):
            cells = texts[number]
            if len(cells) <= first_column:
                cells.extend([""] * (first_column + 1 - len(cells)))
            cells[first_column] = anchor
            if number > first_row:
                merged.setdefault(number, []).append(first_column)
            for index in range(first_column + 1, min(last_column + 1, len(cells))):
                cells[index] = ""
    rows = (make_row(title, number + 1, cells, merged.get(number, ())) for number, cells in enumerate(texts))
    return [row for row in rows if row is not None]
