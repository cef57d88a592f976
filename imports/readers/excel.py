"""Excel .xlsx reader: every visible sheet becomes a RawTable, merged ranges filled down."""

import datetime
import math
import zipfile
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

import openpyxl
from django.utils.translation import gettext as _
from lxml import etree
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.escape import unescape
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from imports.readers.base import (
    SAFE_XML,
    ZIP_ERRORS,
    RawRow,
    RawTable,
    ReadError,
    main_part,
    make_row,
    open_zip,
    relationships,
)

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class _Merge:
    min_col: int
    min_row: int
    max_col: int
    max_row: int


def read_excel(data: bytes, *, name: str) -> list[RawTable]:
    """All visible, non-empty sheets of an .xlsx workbook, one RawTable each."""
    damaged = _("The workbook is damaged and cannot be read.")
    with open_zip(data, damaged=damaged) as archive:
        try:
            merges = _merged_ranges(archive)
        except (*ZIP_ERRORS, etree.XMLSyntaxError) as exc:
            raise ReadError(damaged) from exc
    try:
        workbook = openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to TypeError on bad input
        raise ReadError(damaged) from exc
    tables = []
    try:
        for sheet in workbook.worksheets:
            # Hidden sheets hold lookup lists for drop-downs, not what the user sees.
            if sheet.sheet_state != "visible":
                continue
            try:
                rows = _read_sheet(sheet, merges.get(sheet.title, []))
            except Exception as exc:  # a damaged sheet part surfaces only while streaming it
                raise ReadError(
                    _("Sheet %(sheet)s is damaged and cannot be read.") % {"sheet": sheet.title}
                ) from exc
            if rows:
                tables.append(RawTable(name=sheet.title, rows=tuple(rows)))
    finally:
        workbook.close()
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
        return _float_text(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="seconds" if value.second else "minutes")
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value)


def _float_text(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    # Excel shows at most 15 significant digits; more are binary artefacts (28.959000000000003).
    text = format(Decimal(format(value, ".15g")).normalize(), "f")
    return "0" if text == "-0" else text


def _read_sheet(sheet: ReadOnlyWorksheet, merges: list[_Merge]) -> list[RawRow]:
    # Some writers store a wrong <dimension>; read-only mode would stop at it.
    sheet.reset_dimensions()
    pending = sorted(merges, key=lambda merge: merge.min_row)
    next_merge = 0
    active: list[_Merge] = []
    anchors: dict[_Merge, str] = {}
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        cells = [v if type(v) is str and "_x" not in v else cell_text(v) for v in values]
        if next_merge < len(pending) or active:
            while next_merge < len(pending) and pending[next_merge].min_row <= number:
                active.append(pending[next_merge])
                next_merge += 1
            active = [merge for merge in active if merge.max_row >= number]
            _fill_merges(cells, number, active, anchors)
        row = make_row(sheet.title, number, cells)
        if row is not None:
            rows.append(row)
    return rows


def _fill_merges(cells: list[str], number: int, active: list[_Merge], anchors: dict[_Merge, str]) -> None:
    """Repeat each range's value down its first column; blank the range's other columns."""
    for merge in active:
        first = merge.min_col - 1
        if len(cells) <= first:
            cells.extend([""] * (first + 1 - len(cells)))
        if number == merge.min_row:
            anchors[merge] = cells[first]
        else:
            cells[first] = anchors.get(merge, "")
        for index in range(first + 1, min(merge.max_col, len(cells))):
            cells[index] = ""


def _merged_ranges(archive: zipfile.ZipFile) -> dict[str, list[_Merge]]:
    """Merged ranges per sheet name: read-only worksheets do not expose them."""
    workbook_part = main_part(archive) or "xl/workbook.xml"
    workbook = etree.fromstring(archive.read(workbook_part), etree.XMLParser(**SAFE_XML))
    targets = _relationship_targets(archive, workbook_part)
    merges = {}
    for sheet in workbook.iter("{*}sheet"):
        part = targets.get(sheet.get(f"{{{_REL_NS}}}id", ""))
        if part is not None and part in archive.NameToInfo:
            merges[sheet.get("name", "")] = _sheet_merges(archive, part)
    return merges


def _sheet_merges(archive: zipfile.ZipFile, part: str) -> list[_Merge]:
    merges = []
    with archive.open(part) as stream:
        events = etree.iterparse(stream, events=("end",), tag=("{*}row", "{*}mergeCell"), **SAFE_XML)
        for _event, element in events:
            if element.tag.endswith("}row"):
                # Free parsed rows as we go: only the mergeCells after sheetData matter here.
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
                continue
            ref = element.get("ref", "")
            if ":" in ref:
                min_col, min_row, max_col, max_row = range_boundaries(ref)
                merges.append(_Merge(min_col, min_row, max_col, max_row))
    return merges


def _relationship_targets(archive: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id -> package part name for the internal relationships of `part`."""
    return {rel_id: target for rel_id, _type, target in relationships(archive, part)}
