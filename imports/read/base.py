"""The neutral structure every reader returns, and helpers shared by the readers."""

import posixpath
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree

# A real responsibility table unpacks to a few MB; 200 MB is far beyond any of them.
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
# Sheet XML compresses 10-50x; a member this large and compressed beyond 100x is a bomb.
MAX_RATIO = 100
RATIO_CHECKED_ABOVE = 10 * 1024 * 1024
MAX_ZIP_MEMBERS = 10_000
# What reading a member of a damaged or unusual zip can raise (encrypted members: RuntimeError).
ZIP_ERRORS = (
    zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
    RuntimeError, NotImplementedError, KeyError, ValueError,
)  # fmt: skip


@dataclass(frozen=True)
class RawRow:
    """One row of cells, located by sheet (or table/text label) and 1-based line."""

    sheet: str  # sheet name, "表1" for a docx table, "正文" for docx paragraphs, "文本" for text
    line: int  # Excel row, first line of a CSV record or text row, ordinal of a docx row/paragraph
    cells: tuple[str, ...]  # stripped texts, "\n" between lines, no trailing empty cells
    # Indices of cells whose text continues a cell merged down from the row above (a vertical merge
    # in Excel or Word, a left cell missing from flattened text): the reader repeated its text.
    merged: frozenset[int] = frozenset()


@dataclass(frozen=True)
class RawTable:
    """One sheet or document: every non-blank row in document order."""

    name: str
    rows: tuple[RawRow, ...]


class ReadError(Exception):
    """The file cannot be read; the message is translated and names the location."""


@dataclass(frozen=True)
class SizeLimits:
    """The largest sheet or table a reader lays out in memory (settings.IMPORT_MAX_*)."""

    rows: int
    columns: int
    cells: int

    def exceeded(self, rows: int, columns: int) -> bool:
        return rows > self.rows or columns > self.columns or rows * columns > self.cells


def size_limits() -> SizeLimits:
    """The configured limits, read at each import so that tests and deployments can change them."""
    return SizeLimits(
        rows=settings.IMPORT_MAX_ROWS, columns=settings.IMPORT_MAX_COLUMNS, cells=settings.IMPORT_MAX_CELLS
    )


def refuse_table(sheet: str, rows: int, columns: int, limits: SizeLimits) -> None:
    raise ReadError(
        _(
            "Table %(table)s is too large to read: it has at least %(rows)s rows by %(columns)s columns; "
            "at most %(max_rows)s rows, %(max_columns)s columns and %(max_cells)s cells can be read."
        )
        % {
            "table": sheet, "rows": f"{rows:,}", "columns": f"{columns:,}", "max_rows": f"{limits.rows:,}",
            "max_columns": f"{limits.columns:,}", "max_cells": f"{limits.cells:,}",
        }
    )  # fmt: skip


class TableSize:
    """A table's rows and widest row counted as a reader makes them, refused the moment they pass the limits.

    A 19 MB CSV of short lines is 900,000 rows: kept as rows, then drafts, it took 1.9 GB and five
    minutes before anything said it was not a responsibility table."""

    def __init__(self, name: str, limits: SizeLimits | None = None):
        self.name, self.limits = name, limits or size_limits()
        self.rows = self.widest = 0

    def add(self, row: "RawRow | None") -> "RawRow | None":
        if row is not None:
            self.rows += 1
            self.widest = max(self.widest, len(row.cells))
            if self.limits.exceeded(self.rows, self.widest):
                refuse_table(self.name, self.rows, self.widest, self.limits)
        return row


def clean_cell(text: str) -> str:
    """Cell text with unified line breaks, each line's trailing blanks and the ends stripped."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\n" in text:
        text = "\n".join(line.rstrip() for line in text.split("\n"))
    # str.strip also removes NBSP and the ideographic space Chinese documents indent with.
    return text.strip()


def make_row(sheet: str, line: int, cells: Iterable[str], merged: Iterable[int] = ()) -> RawRow | None:
    """A RawRow of cleaned cells without trailing empties, or None when every cell is empty."""
    cleaned = [clean_cell(cell) for cell in cells]
    longest = max(map(len, cleaned), default=0)
    if longest > settings.IMPORT_MAX_CELL_CHARS:
        raise ReadError(
            _("Row %(line)s of %(sheet)s has a cell of %(length)s characters; at most %(limit)s can be read in a cell.")
            % {"line": line, "sheet": sheet, "length": f"{longest:,}", "limit": f"{settings.IMPORT_MAX_CELL_CHARS:,}"})
    while cleaned and not cleaned[-1]:
        cleaned.pop()
    if not cleaned:
        return None
    kept = frozenset(index for index in merged if index < len(cleaned) and cleaned[index])
    return RawRow(sheet=sheet, line=line, cells=tuple(cleaned), merged=kept)


def open_zip(data: bytes, *, damaged: str) -> zipfile.ZipFile:
    """Open an OOXML package after checking it cannot unpack into a zip bomb."""
    try:
        archive = zipfile.ZipFile(BytesIO(data))
        members = archive.infolist()
    except ZIP_ERRORS as exc:
        raise ReadError(damaged) from exc
    # The declared sizes can be trusted for this check: zipfile stops reading a member at its
    # declared size and fails on a CRC mismatch, so a lying header cannot unpack more.
    total = sum(member.file_size for member in members)
    bomb = len(members) > MAX_ZIP_MEMBERS or total > MAX_UNPACKED_BYTES or any(
        member.file_size > RATIO_CHECKED_ABOVE
        and member.file_size > MAX_RATIO * max(member.compress_size, 1)
        for member in members
    )
    if bomb:
        raise ReadError(
            _("The file unpacks to %(size)s, far more than a real table: it cannot be read.")
            % {"size": filesizeformat(total)}
        )
    return archive


SAFE_XML = {"resolve_entities": False, "no_network": True}
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_OFFICE_DOCUMENT = "/officeDocument"


def relationships(archive: zipfile.ZipFile, part: str) -> list[tuple[str, str, str]]:
    """(id, type, part name) of the internal relationships of a package part ("" for the package)."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
    if rels_name not in archive.NameToInfo:
        return []
    root = etree.fromstring(archive.read(rels_name), etree.XMLParser(**SAFE_XML))
    found = []
    for rel in root.iter(_PKG_REL):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        found.append((rel.get("Id", ""), rel.get("Type", ""), posixpath.normpath(resolved)))
    return found


def main_part(archive: zipfile.ZipFile) -> str | None:
    """The package's main part (xl/workbook.xml, word/document.xml), or None for other zips."""
    try:
        for _id, rel_type, target in relationships(archive, ""):
            if rel_type.endswith(_OFFICE_DOCUMENT):
                return target
    except etree.XMLSyntaxError:
        pass
    # Without a readable package manifest, fall back to the names every writer uses.
    for name in ("xl/workbook.xml", "word/document.xml", "xl/workbook.bin"):
        if name in archive.NameToInfo:
            return name
    return None
