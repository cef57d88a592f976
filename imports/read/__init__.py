"""Format readers: a file's bytes -> list[RawTable], the reader chosen by content, not by name."""

import re

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from imports.read.base import ZIP_ERRORS, RawRow, RawTable, ReadError, main_part, open_zip
from imports.read.biff import read_old_excel
from imports.read.compound import SIGNATURE as _OLE2
from imports.read.delimited import decode_text, outside_quotes, read_delimited, sniff_delimiter
from imports.read.excel import read_excel
from imports.read.pasted import HeaderCells, detect_shape, read_text
from imports.read.word import read_word

__all__ = ["HeaderCells", "RawRow", "RawTable", "ReadError", "read_file", "read_text"]

_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# Only the zip-based names are refused when the content is not a zip: systems that export
# ".xls" files often write tab-separated text or a web page, so an ".xls" is read by its content.
_EXCEL_NAMES = (".xlsx", ".xlsm", ".xltx")
_WORD_NAMES = (".docx", ".docm", ".dotx")
_CSV_DELIMITERS = (",", ";")
_WEB_PAGE = re.compile(r"\s*<(?:!doctype\s+html|html|\?xml)", re.IGNORECASE)


def read_file(
    name: str, data: bytes, *, max_bytes: int, header_cells: HeaderCells | None = None
) -> list[RawTable]:
    """The tables of an uploaded file ([] if it holds no text); `header_cells` finds web-page headers."""
    if not data:
        raise ReadError(_("The file is empty."))
    if len(data) > max_bytes:
        raise ReadError(
            _("The file is %(size)s, more than the %(limit)s allowed.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(max_bytes)}
        )
    lowered = name.lower()
    if data.startswith(_ZIP):
        return _read_package(name, data)
    if data.startswith(_OLE2):
        # Old .xls workbooks and .doc documents are OLE2 containers, as are encrypted .xlsx/.docx files;
        # read_old_excel tells them apart by the streams inside and reads only the workbooks.
        if lowered.endswith((".doc", *_WORD_NAMES)):
            raise ReadError(_("The file is a password-protected or old .doc document: save it as .docx."))
        return read_old_excel(data, name=name)
    if lowered.endswith(_EXCEL_NAMES):
        raise ReadError(_("The file is not an Excel workbook: it is damaged or another kind of file renamed."))
    if lowered.endswith(_WORD_NAMES):
        raise ReadError(_("The file is not a Word document: it is damaged or another kind of file renamed."))
    if data.startswith(b"%PDF"):
        raise ReadError(_("PDF files cannot be read: copy the table from the PDF and paste it as text."))
    text = decode_text(data)
    if _WEB_PAGE.match(text):
        raise ReadError(_("The file is a web page or XML file: open it in Excel and save it as .xlsx."))
    # A consistent comma or semicolon count on most lines means CSV, unless pipes or tabs making
    # columns of their own say it is pasted text (tab-separated values included). A tab in a
    # cell, here and there, does not; nor do quoted cells, which may hold tabs and line breaks.
    delimiter = sniff_delimiter(text, candidates=_CSV_DELIMITERS)
    if delimiter is not None:
        unquoted = outside_quotes(text, delimiter)
        tab_columns = sniff_delimiter(unquoted, candidates=("\t",)) is not None
        if not tab_columns and detect_shape(unquoted.split("\n")) != "pipes":
            return [read_delimited(text, name=name, delimiter=delimiter)]
    table = read_text(text, name=name, header_cells=header_cells)
    return [table] if table.rows else []


def _read_package(name: str, data: bytes) -> list[RawTable]:
    """An Office Open XML package: a workbook or a document, told apart by its main part."""
    # Say "workbook" to someone who sent a workbook: they never think of it as a zip archive.
    lowered = name.lower()
    damaged = (
        _("The workbook is damaged and cannot be read.") if lowered.endswith(_EXCEL_NAMES)
        else _("The document is damaged and cannot be read.") if lowered.endswith(_WORD_NAMES)
        else _("The file is a damaged zip archive.")
    )
    with open_zip(data, damaged=damaged) as archive:
        try:
            part = main_part(archive) or ""
        except ZIP_ERRORS as exc:
            raise ReadError(damaged) from exc
    if part.startswith("xl/") and part.endswith(".bin"):
        raise ReadError(_("Binary .xlsb workbooks cannot be read: save it as .xlsx."))
    if part.startswith("xl/"):
        return read_excel(data, name=name)
    if part.startswith("word/"):
        return read_word(data, name=name)
    if name.lower().endswith(_EXCEL_NAMES):
        raise ReadError(_("The file is not an Excel workbook: it is damaged or another kind of file renamed."))
    raise ReadError(_("The file is a zip archive, neither an Excel workbook nor a Word document."))
