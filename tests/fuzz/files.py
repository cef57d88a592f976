"""Random tables written as the files an office sends, then as the files a bad disk or a bad program makes.

Writers are tests/imports/files.py's; here they are fed random tables, and their bytes are mutated:
cut short, bytes flipped, a member of the archive removed, emptied or replaced by garbage, a sheet's or
a document's XML garbled, bytes of no encoding inserted."""

import io
import re
import zipfile

from hypothesis import strategies as st

from tests.fuzz.tables import tables
from tests.imports.files import Rows, csv_bytes, docx_bytes, xlsx_bytes

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "big5"]
# What XML 1.0 cannot hold: openpyxl and python-docx refuse to write it, so no real workbook has it.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(rows: Rows) -> Rows:
    return [tuple(_NOT_XML.sub("", cell) for cell in row) for row in rows]


def text_bytes(rows: Rows, separator: str) -> bytes:
    """Pasted text: columns between tabs, pipes (a Markdown table) or two spaces."""
    if separator == "|":
        lines = ["| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |" for row in rows]
        lines.insert(min(2, len(lines)), "|---|---|")
    else:
        lines = [separator.join(cell.replace("\n", " ") for cell in row) for row in rows]
    return "\n".join(lines).encode()


def csv_in(rows: Rows, encoding: str) -> bytes:
    """CSV as Excel quotes it, in an encoding that may not hold every character (big5: shown as "?")."""
    return csv_bytes(rows, encoding="utf-8").decode("utf-8").encode(encoding, errors="replace")


def xlsx_of(rows: Rows, numbers: bool = False) -> bytes:
    return steady(xlsx_bytes(_xml_safe(rows), numbers=numbers))


def docx_of(rows: Rows, single_cells: str) -> bytes:
    rows = _xml_safe(rows)
    if all(len(row) < 2 for row in rows):  # a Word table needs a row of two cells to be laid out
        rows = [*rows, ("序号", "项目名称")]
    return steady(docx_bytes(rows, single_cells=single_cells))


@st.composite
def table_files(draw, *, max_rows: int = 8) -> tuple[str, bytes]:
    """(file name, bytes) of a random table in one of the formats the importer reads."""
    rows = draw(tables(max_rows=max_rows))
    kind = draw(st.sampled_from(["text", "csv", "xlsx", "docx"]))
    if kind == "text":
        return "粘贴文本.txt", text_bytes(rows, draw(st.sampled_from(["\t", "|", "  "])))
    if kind == "csv":
        return "责任分解表.csv", csv_in(rows, draw(st.sampled_from(ENCODINGS)))
    if kind == "xlsx":
        return "责任分解表.xlsx", xlsx_of(rows, numbers=draw(st.booleans()))
    return "责任分解表.docx", docx_of(rows, draw(st.sampled_from(["merged", "paragraphs"])))


# --- mutations -----------------------------------------------------------------------------------

# openpyxl and python-docx stamp the time of writing into the archive (its members' dates, the document's
# properties): the same example drawn twice must give the same bytes, or Hypothesis cannot replay it.
_WRITTEN_AT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?")


def _rewrite(data: bytes, change) -> bytes:
    """The archive written again, dated 2024-01-01, with `change(name, content)` for each member (None: left out)."""
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = change(info.filename, source.read(info.filename))
            if content is not None:
                target.writestr(zipfile.ZipInfo(info.filename, date_time=(2024, 1, 1, 0, 0, 0)), content,
                                compress_type=zipfile.ZIP_DEFLATED)
    return output.getvalue()


def steady(data: bytes) -> bytes:
    """The package with every time of writing replaced by one fixed time."""
    return _rewrite(data, lambda name, content: _WRITTEN_AT.sub(b"2024-01-01T00:00:00Z", content)
                    if name == "docProps/core.xml" else content)


@st.composite
def member_changes(draw, data: bytes) -> bytes:
    """An Office archive with one member removed, emptied, replaced by garbage, or its XML garbled."""
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    victim = draw(st.sampled_from(names))
    how = draw(st.sampled_from(["remove", "empty", "garbage", "cut xml", "insert xml", "rename tag"]))
    garbage = draw(st.binary(min_size=1, max_size=64))
    at = draw(st.floats(0, 1))

    def change(name: str, content: bytes) -> bytes | None:
        if name != victim:
            return content
        cut = int(len(content) * at)
        return {"remove": None, "empty": b"", "garbage": garbage, "cut xml": content[:cut],
                "insert xml": content[:cut] + garbage + content[cut:],
                "rename tag": content.replace(b"<c ", b"<x ").replace(b"<w:tc>", b"<w:tcx>")}[how]

    return _rewrite(data, change)


@st.composite
def mutated(draw, data: bytes) -> bytes:
    """The bytes cut short, some flipped, bytes inserted, or (for an archive) a member changed."""
    how = draw(st.sampled_from(["truncate", "flip", "insert", "member"] if data.startswith(b"PK")
                               else ["truncate", "flip", "insert"]))
    if how == "member":
        return draw(member_changes(data))
    if how == "truncate":
        return data[: draw(st.integers(0, max(len(data) - 1, 0)))]
    damaged = bytearray(data)
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            position = draw(st.integers(0, len(damaged) - 1))
            damaged[position] ^= draw(st.integers(1, 255))
        return bytes(damaged)
    position = draw(st.integers(0, len(damaged)))
    return bytes(damaged[:position]) + draw(st.binary(min_size=1, max_size=32)) + bytes(damaged[position:])


@st.composite
def damaged_files(draw) -> tuple[str, bytes]:
    """A random table's file, damaged; or bytes of nothing in particular under a table's name."""
    if draw(st.integers(0, 9)) == 0:
        name = draw(st.sampled_from(["责任分解表.xlsx", "责任分解表.docx", "表.csv", "表.xls", "表.txt", "表"]))
        return name, draw(st.binary(min_size=0, max_size=512))
    name, data = draw(table_files(max_rows=4))
    return name, draw(mutated(data))
