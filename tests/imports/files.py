"""Files built in memory from rows of cells: the same table as .xlsx, .csv, .docx or flattened web text.

The rows usually come from a fixture read with `read_file`; every builder writes them so that a
reader gives back the same cells (an empty cell stays empty, "\\n" stays a line break).
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from docx import Document
from docx.shared import Pt

from imports.foundation.layouts import count_header_cells
from imports.read import RawRow, read_file

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
PREFIXES = ("000", "001", "002", "003", "004")
MAX_BYTES = 50 * 1024 * 1024

Rows = list[tuple[str, ...]]

_INTEGER = re.compile(r"-?[1-9]\d{0,14}|0")
_DECIMAL = re.compile(r"-?\d{1,12}\.\d{1,6}")


def fixture_path(prefix: str) -> Path:
    [path] = FIXTURES.glob(f"{prefix}_*.txt")
    return path


def fixture_bytes(prefix: str) -> bytes:
    return fixture_path(prefix).read_bytes()


def fixture_rows(prefix: str) -> Rows:
    """The cells of every row of a fixture, in document order, as the product reads them."""
    path = fixture_path(prefix)
    tables = read_file(path.name, path.read_bytes(), max_bytes=MAX_BYTES, header_cells=count_header_cells)
    return [row.cells for table in tables for row in table.rows]


def cells_of(rows: Iterable[RawRow]) -> Rows:
    return [row.cells for row in rows]


def as_number(text: str) -> int | float | str:
    """A cell that reads as a number in Excel written as one; anything else (0034, 拟定100) stays text."""
    if _INTEGER.fullmatch(text):
        return int(text)
    if _DECIMAL.fullmatch(text) and repr(float(text)) == text:
        return float(text)
    return text


# --- .xlsx --------------------------------------------------------------------------------


def xlsx_bytes(rows: Rows, *, numbers: bool = False, sheet_title: str = "责任分解表") -> bytes:
    """One sheet, one row per row, cells in columns; with `numbers`, numeric texts become numbers."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    for cells in rows:
        sheet.append([(as_number(cell) if numbers else cell) if cell else None for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def replace_in_part(data: bytes, part: str, old: str, new: str) -> bytes:
    """The package with one text replaced in one part, as another program might have written it."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == part:
                text = content.decode("utf-8")
                assert old in text, f"{old!r} is not in {part}"
                content = text.replace(old, new, 1).encode("utf-8")
            target.writestr(info.filename, content)
    return output.getvalue()


# --- .csv ---------------------------------------------------------------------------------


def csv_bytes(rows: Rows, *, encoding: str = "gb18030") -> bytes:
    """Comma-separated values quoted as Excel quotes them (only where needed), CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, dialect="excel")
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


# --- .docx --------------------------------------------------------------------------------


def _fill(cell, text: str) -> None:
    """A cell's lines as its paragraphs, as Word stores a cell someone pressed Enter in."""
    lines = text.split("\n")
    cell.text = lines[0]
    for line in lines[1:]:
        cell.add_paragraph(line)


def docx_bytes(rows: Rows, *, single_cells: str) -> bytes:
    """The preamble as paragraphs and the rest as tables as wide as the widest row.

    Single-cell rows inside the table region (category headings, notes) are written, by
    `single_cells`, as a row merged across the table ("merged") or as a paragraph between two
    tables ("paragraphs").
    """
    assert single_cells in {"merged", "paragraphs"}
    document = Document()
    document.styles["Normal"].font.size = Pt(9)
    first_table_row = next(index for index, cells in enumerate(rows) if len(cells) > 1)
    width = max(len(cells) for cells in rows)
    pending: Rows = []

    def add_table() -> None:
        if not pending:
            return
        table = document.add_table(rows=len(pending), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, pending, strict=True):
            if len(cells) == 1:
                _fill(row.cells[0].merge(row.cells[width - 1]), cells[0])
                continue
            for column, text in enumerate(cells):
                if text:
                    _fill(row.cells[column], text)
        pending.clear()

    for index, cells in enumerate(rows):
        if index < first_table_row or (len(cells) == 1 and single_cells == "paragraphs"):
            add_table()
            document.add_paragraph(cells[0])
        else:
            pending.append(cells)
    add_table()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- web page flattened to text ----------------------------------------------------------------

# What the copy of a page's empty cell, <td>&nbsp;</td>, holds: a no-break space alone on its line.
EMPTY_WEB_CELL = "\xa0"


def flattened_text(rows: Rows) -> str:
    """Every cell alone between blank lines, rows padded to the table's width.

    Text above the table is one paragraph per row. A cell of several lines (one unit per line,
    as a page shows them with <br>) stays several consecutive lines; blank lines inside a cell
    are dropped, since they would end it. An empty cell is a line holding a no-break space.
    """
    first_table_row = next(index for index, cells in enumerate(rows) if len(cells) > 1)
    width = max(len(cells) for cells in rows)
    blocks = [cells[0] for cells in rows[:first_table_row]]
    for cells in rows[first_table_row:]:
        for text in (*cells, *[""] * (width - len(cells))):
            lines = [line for line in text.split("\n") if line.strip()]
            blocks.append("\n".join(lines) if lines else EMPTY_WEB_CELL)
    return "\n\n".join(blocks) + "\n"


# --- files that are not what their name says, or worse ------------------------------------------

# The first bytes of a PNG image, then an IHDR chunk: a picture someone renamed to .xlsx.
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + bytes(64)
# An OLE2 compound file: what Excel writes for a password-protected .xlsx (and for old .xls).
OLE2_BYTES = bytes.fromhex("d0cf11e0a1b11ae1") + bytes(504)


def garbled_member(data: bytes, member: str) -> bytes:
    """The package with the middle of one member's compressed bytes overwritten, directory intact."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    # The local header is 30 bytes, then the name and the extra field, then the data.
    name_length = int.from_bytes(data[info.header_offset + 26 : info.header_offset + 28], "little")
    extra_length = int.from_bytes(data[info.header_offset + 28 : info.header_offset + 30], "little")
    start = info.header_offset + 30 + name_length + extra_length
    middle = start + info.compress_size // 2
    damaged = bytearray(data)
    damaged[middle : middle + 16] = b"\xff\x00" * 8
    assert bytes(damaged) != data
    return bytes(damaged)


def zip_bomb(*, member: str = "xl/worksheets/sheet1.xml", megabytes: int = 256) -> bytes:
    """A workbook whose sheet unpacks to `megabytes` MB of zeros, written a megabyte at a time."""
    base = xlsx_bytes([("序号", "项目名称", "承办单位")])
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bomb:
        for info in source.infolist():
            if info.filename != member:
                bomb.writestr(info.filename, source.read(info.filename))
        chunk = bytes(1024 * 1024)
        with bomb.open(member, "w", force_zip64=True) as stream:
            for _ in range(megabytes):
                stream.write(chunk)
    return output.getvalue()


def with_cached_values(data: bytes, cached: dict[str, str], *, sheet: str = "xl/worksheets/sheet1.xml") -> bytes:
    """A workbook whose formula cells (cell ref -> cached value) carry the value Excel last computed.

    openpyxl writes a formula as <f>…</f><v></v>; Excel writes the result into <v>.
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    text = source.read(sheet).decode("utf-8")
    for ref, value in cached.items():
        found = re.search(rf'<c r="{ref}"(?: [^>]*)?><f>([^<]*)</f><v\s*/?>(?:</v>)?</c>', text)
        assert found, f"no formula cell {ref}"
        text = text.replace(found.group(0), f'<c r="{ref}"><f>{found.group(1)}</f><v>{value}</v></c>')
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, text.encode() if info.filename == sheet else source.read(info.filename))
    return output.getvalue()
