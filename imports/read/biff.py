"""Excel 97-2003 .xls reader: the workbook's records checked in bounded time, then read by calamine.

An .xls is a BIFF record stream (type, length, data) in an OLE2 compound file (compound.py). calamine
reads it as it reads .xlsx, merged ranges included, but it trusts what the records declare: a sheet
laid out from A1 to its furthest cell, room reserved for the rows and columns the DIMENSIONS record
declares and for the strings the shared-string table declares. A 10 KB file can declare 4 billion
rows. So before calamine sees the file every record is walked here, one step per record (each at
least 4 bytes, so a walk never takes more steps than the stream has bytes), and a sheet is refused
when what it declares or holds passes the limits the .xlsx reader applies (IMPORT_MAX_*).
"""

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO

from django.utils.translation import gettext as _
from python_calamine import CalamineError, CalamineWorkbook, SheetVisibleEnum

from imports.read.base import RawTable, ReadError, SizeLimits, size_limits
from imports.read.compound import CompoundFile, damaged
from imports.read.excel import refuse_if_too_large, sheet_rows

# Record types (the BIFF8 specification's numbers; BIFF5 uses the same ones for these).
_BOF, _EOF, _FILEPASS, _BOUNDSHEET, _SST, _DIMENSIONS, _MERGED = 0x0809, 0x000A, 0x002F, 0x0085, 0x00FC, 0x0200, 0x00E5
# The records calamine makes a cell of: formula, shared string, number, label, boolean, RK number, rich
# string. Blank cells (BLANK, MULBLANK) only carry a format and calamine skips them, as it does in .xlsx.
_CELLS = {0x0006, 0x00FD, 0x0203, 0x0204, 0x0205, 0x027E, 0x00D6}
_FORMULA_STRING, _MULRK = 0x0207, 0x00BD  # MULRK: a row, a first column, 6 bytes a number, a last column
_OTHER_SHEET_RECORDS = {_FORMULA_STRING, _MULRK, _DIMENSIONS, _MERGED}
_WORKBOOK_STREAMS = ("Workbook", "Book")  # BIFF8, BIFF5
_WORD_STREAM = "WordDocument"
_ENCRYPTED_PACKAGE = "EncryptedPackage"  # a password-protected .xlsx or .docx


def read_old_excel(data: bytes, *, name: str) -> list[RawTable]:
    """All visible, non-empty sheets of an .xls workbook, one RawTable each."""
    container = CompoundFile(data)
    streams = container.top_level_streams()
    if _WORD_STREAM in streams:
        raise ReadError(_("The file is a password-protected or old .doc document: save it as .docx."))
    workbook_stream = next((streams[key] for key in _WORKBOOK_STREAMS if key in streams), None)
    if workbook_stream is None:
        if _ENCRYPTED_PACKAGE in streams:
            raise ReadError(_("The file is password-protected: remove the password, save it and upload it again."))
        raise ReadError(_("The file is neither an Excel workbook nor a Word document."))
    limits = size_limits()
    check_records(container.stream(workbook_stream), limits)
    try:
        workbook = CalamineWorkbook.from_filelike(BytesIO(data))
    except CalamineError as exc:
        raise damaged() from exc
    tables = []
    for sheet in workbook.sheets_metadata:
        if sheet.visible != SheetVisibleEnum.Visible:
            continue  # hidden sheets hold lookup lists for drop-downs
        try:
            values = workbook.get_sheet_by_name(sheet.name)
            if values.end is not None:  # the record check, in calamine's own words
                refuse_if_too_large(sheet.name, values.end[0] + 1, values.end[1] + 1, limits)
            rows = sheet_rows(sheet.name, values.to_python(skip_empty_area=False), values.merged_cell_ranges or [])
        except CalamineError as exc:
            raise ReadError(_("Sheet %(sheet)s is damaged and cannot be read.") % {"sheet": sheet.name}) from exc
        if rows:
            tables.append(RawTable(name=sheet.name, rows=tuple(rows)))
    return tables


@dataclass
class _Sheet:
    """What a sheet's records reach and hold, as counted so far."""

    name: str
    rows: int = 0
    columns: int = 0
    cells: int = 0  # cells written again at one place are each kept by calamine until it lays the sheet out
    merged: int = 0


def check_records(stream: bytes, limits: SizeLimits) -> None:
    """Refuse a workbook whose sheets declare or hold more than the limits, or whose records are broken.

    The records are walked as calamine reads them: the workbook's own records from the start to
    the first EOF, then each sheet from the position its BOUNDSHEET record gives to its EOF.
    """
    try:
        _check_records(stream, limits)
    except struct.error as exc:  # a record shorter than the fields read from it
        raise damaged() from exc


def _check_records(stream: bytes, limits: SizeLimits) -> None:
    sheets: dict[int, str] = {}  # a sheet's position in the stream -> its name
    biff8 = True
    for kind, body, _position in _records(stream, 0):
        if kind == _FILEPASS:
            raise ReadError(_("The file is password-protected: remove the password, save it and upload it again."))
        if kind == _BOF and len(body) >= 2:
            biff8 = struct.unpack_from("<H", body)[0] != 0x0500
        elif kind == _BOUNDSHEET:
            position = struct.unpack_from("<I", body)[0]
            # Two sheets at one place would be read twice, a place past the stream not at all.
            if position in sheets or position >= len(stream):
                raise damaged()
            sheets[position] = _sheet_name(body, biff8)
        elif kind == _SST and struct.unpack_from("<I", body, 4)[0] > len(stream) // 3:
            # Each string takes at least 3 bytes: more strings than that is a count calamine would reserve room for.
            raise damaged()
    starts = sorted(sheets)
    workbook_cells = 0
    for start, end in zip(starts, [*starts[1:], len(stream)], strict=True):
        sheet = _check_sheet(stream, start, end, _Sheet(sheets[start]), limits)
        # calamine lays out every sheet of an .xls when it opens it, not one at a time as for .xlsx.
        workbook_cells += sheet.rows * sheet.columns
        if workbook_cells > limits.cells:
            _refuse_workbook(limits)


_HEADER = struct.Struct("<HH")  # a record's type and length; a cell record's row and column


def _records(stream: bytes, start: int) -> Iterator[tuple[int, memoryview, int]]:
    """(type, data, position) of each record from `start` up to an EOF record or the end of the stream."""
    view, position = memoryview(stream), start
    while position + 4 <= len(stream):
        kind, length = _HEADER.unpack_from(stream, position)
        if position + 4 + length > len(stream):
            raise damaged()
        if kind == _EOF:
            return
        yield kind, view[position + 4 : position + 4 + length], position
        position += 4 + length  # at least 4 bytes a step: never more steps than the stream has bytes


def _check_sheet(stream: bytes, position: int, end: int, sheet: _Sheet, limits: SizeLimits) -> _Sheet:
    """One sheet's records, from its position to its EOF, which must come before the next sheet's.

    The loop that every cell passes through is written out here (no generator, no call per cell):
    it is most of the time an .xls takes to check: 200,000 cells take about half a second."""
    unpack, size, cells = _HEADER.unpack_from, len(stream), _CELLS
    max_rows, max_columns, max_cells = limits.rows, limits.columns, limits.cells
    rows = columns = count = 0
    while position + 4 <= size:
        if position >= end:
            raise damaged()  # sheets overlapping: each would be read again from inside the other
        kind, length = unpack(stream, position)
        if position + 4 + length > size:
            raise damaged()
        if kind == _EOF:
            break
        if kind in cells:
            if length < 4:
                raise damaged()
            row, column = unpack(stream, position + 4)
            count += 1
            if row >= rows or column >= columns:
                rows, columns = max(rows, row + 1), max(columns, column + 1)
                if rows > max_rows or columns > max_columns or rows * columns > max_cells:
                    refuse_if_too_large(sheet.name, rows, columns, limits)
            if count > max_cells:
                _refuse_cells(sheet.name, limits)
        elif kind in _OTHER_SHEET_RECORDS:
            sheet.rows, sheet.columns, sheet.cells = rows, columns, count
            _check_other_record(sheet, kind, memoryview(stream)[position + 4 : position + 4 + length], limits)
            rows, columns, count = sheet.rows, sheet.columns, sheet.cells
        position += 4 + length  # at least 4 bytes a step: never more steps than the stream has bytes
    sheet.rows, sheet.columns, sheet.cells = rows, columns, count
    return sheet


def _check_other_record(sheet: _Sheet, kind: int, body: memoryview, limits: SizeLimits) -> None:
    if kind == _FORMULA_STRING:  # a formula's text value: one more cell where the formula stands
        sheet.cells += 1
    elif kind == _MULRK:
        row, first = struct.unpack_from("<HH", body)
        last = first + max((len(body) - 6) // 6, 1) - 1
        sheet.rows, sheet.columns = max(sheet.rows, row + 1), max(sheet.columns, last + 1)
        sheet.cells += last - first + 1
        refuse_if_too_large(sheet.name, sheet.rows, sheet.columns, limits)
    elif kind == _DIMENSIONS:
        # As calamine reads it: 14 bytes hold 32-bit rows (BIFF8), 10 bytes 16-bit ones (BIFF5).
        first_row, end_row, first_column, end_column = struct.unpack_from("<IIHH" if len(body) >= 14 else "<HHHH", body)
        if (end_row and first_row >= end_row) or (end_column and first_column >= end_column):
            raise damaged()
        if limits.exceeded(end_row, end_column):
            _refuse_declared(sheet.name, end_row, end_column, limits)
    elif kind == _MERGED:
        # Merged ranges are filled cell by cell; overlapping ones could ask for far more than the sheet.
        (count,) = struct.unpack_from("<H", body)
        for index in range(min(count, (len(body) - 2) // 8)):
            first_row, last_row, first_column, last_column = struct.unpack_from("<HHHH", body, 2 + 8 * index)
            rows = min(last_row, limits.rows) - min(first_row, limits.rows) + 1
            columns = min(last_column, limits.columns) - min(first_column, limits.columns) + 1
            sheet.merged += max(rows, 0) * max(columns, 0)
            if sheet.merged > limits.cells:
                _refuse_cells(sheet.name, limits)
    if sheet.cells > limits.cells:
        _refuse_cells(sheet.name, limits)


def _sheet_name(body: memoryview, biff8: bool) -> str:
    """A BOUNDSHEET's name: a length byte, then (BIFF8) a flag byte saying 1 or 2 bytes a character."""
    length = body[6]
    if not biff8:
        return bytes(body[7 : 7 + length]).decode("gbk", "replace")
    wide = body[7] & 1
    text = bytes(body[8 : 8 + length * (2 if wide else 1)])
    return text.decode("utf-16-le", "replace") if wide else text.decode("latin-1")


def _refuse_declared(sheet: str, rows: int, columns: int, limits: SizeLimits) -> None:
    # Excel's DIMENSIONS covers formatted empty cells too; saved as .xlsx they are not counted.
    raise ReadError(
        _(
            "Sheet %(sheet)s is too large to read: it declares %(rows)s rows by %(columns)s columns; "
            "at most %(max_rows)s rows, %(max_columns)s columns and %(max_cells)s cells can be read. "
            "If the table is smaller, save the workbook as .xlsx and upload that."
        )
        % {
            "sheet": sheet, "rows": f"{rows:,}", "columns": f"{columns:,}", "max_rows": f"{limits.rows:,}",
            "max_columns": f"{limits.columns:,}", "max_cells": f"{limits.cells:,}",
        }
    )  # fmt: skip


def _refuse_cells(sheet: str, limits: SizeLimits) -> None:
    raise ReadError(
        _("Sheet %(sheet)s is too large to read: it holds more than %(max_cells)s cells.")
        % {"sheet": sheet, "max_cells": f"{limits.cells:,}"}
    )


def _refuse_workbook(limits: SizeLimits) -> None:
    raise ReadError(
        _("The workbook is too large to read: its sheets together hold more than %(max_cells)s cells.")
        % {"max_cells": f"{limits.cells:,}"}
    )
