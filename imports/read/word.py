"""Word .docx reader: body paragraphs and table rows in document order, merges resolved."""

from collections.abc import Iterator
from io import BytesIO

import docx
from django.utils.translation import gettext as _
from lxml.etree import _Element

from imports.read.base import RawTable, ReadError, SizeLimits, make_row, open_zip, refuse_table, size_limits

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
PARAGRAPHS = "正文"  # locates body paragraphs for a human, as "表1" locates the first table
TABLE = "表{number}"

# Containers whose children belong to the body or a row as if they were not wrapped.
_TRANSPARENT = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}smartTag", f"{_W}ins"}
# Subtrees that never show as text of the paragraph: properties, deletions, and drawings,
# whose text boxes are stored twice (mc:AlternateContent) and float outside the table.
_HIDDEN = {
    f"{_W}pPr", f"{_W}rPr", f"{_W}tcPr", f"{_W}trPr", f"{_W}tblPr", f"{_W}tblGrid",
    f"{_W}del", f"{_W}moveFrom", f"{_W}drawing", f"{_W}pict", f"{_W}object", f"{_MC}AlternateContent",
}  # fmt: skip
_CHARACTERS = {f"{_W}tab": "\t", f"{_W}br": "\n", f"{_W}cr": "\n", f"{_W}noBreakHyphen": "-"}


def read_word(data: bytes, *, name: str) -> list[RawTable]:
    """One RawTable holding every non-empty paragraph and table row of the document body."""
    damaged = _("The document is damaged and cannot be read.")
    open_zip(data, damaged=damaged).close()
    try:
        body = docx.Document(BytesIO(data)).element.body
    except Exception as exc:  # python-docx raises KeyError, ValueError, XMLSyntaxError... on bad input
        raise ReadError(damaged) from exc
    limits = size_limits()
    rows = []
    paragraphs = tables = 0
    for block in _blocks(body):
        if block.tag == f"{_W}p":
            paragraphs += 1
            row = make_row(PARAGRAPHS, paragraphs, [paragraph_text(block)])
            if row is not None:
                rows.append(row)
            continue
        tables += 1
        sheet = TABLE.format(number=tables)
        for number, (cells, merged) in enumerate(table_rows(block, sheet=sheet, limits=limits), start=1):
            row = make_row(sheet, number, cells, merged)
            if row is not None:
                rows.append(row)
    return [RawTable(name=name, rows=tuple(rows))] if rows else []


def _blocks(parent: _Element) -> Iterator[_Element]:
    """Body paragraphs and tables in order, looking through content controls."""
    for child in parent:
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _blocks(child)


def _children(parent: _Element, tag: str) -> Iterator[_Element]:
    """Direct children with `tag`, also those wrapped in content controls."""
    for child in parent:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _children(child, tag)


def table_rows(table: _Element, *, sheet: str, limits: SizeLimits) -> Iterator[tuple[list[str], list[int]]]:
    """Each row's texts by grid column, and the columns continuing a vertical merge from above.

    Spans keep text in their first column, vMerge repeats it down.

    A span is cut at the table's grid (its declared columns) and at the column limit: a cell
    may claim gridSpan="300000000", which laid out as empty cells is gigabytes.
    """
    grid = len(table.findall(f"{_W}tblGrid/{_W}gridCol"))
    width = min(grid, limits.columns) if grid else limits.columns
    above: list[str] = []
    widest = 0
    for number, tr in enumerate(_children(table, f"{_W}tr"), start=1):
        values = [""] * min(max(_int_property(tr, "trPr", "gridBefore", 0), 0), width)
        merged = []
        for tc in _children(tr, f"{_W}tc"):
            column = len(values)
            if column >= limits.columns:
                refuse_table(sheet, number, column + 1, limits)
            # A cell past the grid (some writers leave the grid short) still gets its own column.
            span = min(max(_int_property(tc, "tcPr", "gridSpan", 1), 1), max(width - column, 1))
            vmerge = tc.find(f"{_W}tcPr/{_W}vMerge")
            hmerge = tc.find(f"{_W}tcPr/{_W}hMerge")
            if vmerge is not None and vmerge.get(f"{_W}val", "continue") != "restart":
                text = above[column] if column < len(above) else ""
                merged.append(column)
            elif hmerge is not None and hmerge.get(f"{_W}val", "continue") != "restart":
                text = ""  # legacy horizontal merge: the text stays in the first cell
            else:
                text = cell_text(tc)
            values.append(text)
            values.extend([""] * (span - 1))
        widest = max(widest, len(values))
        if limits.exceeded(number, widest):
            refuse_table(sheet, number, widest, limits)
        above = values
        yield values, merged


def cell_text(tc: _Element) -> str:
    """A cell's paragraphs joined by line breaks; nested tables flattened into the same lines."""
    return "\n".join(paragraph_text(p) for p in _paragraphs(tc))


def _paragraphs(element: _Element) -> Iterator[_Element]:
    for child in element:
        if child.tag == f"{_W}p":
            yield child
        elif child.tag not in _HIDDEN:
            yield from _paragraphs(child)


def paragraph_text(p: _Element) -> str:
    """The visible text of a paragraph, with inserted (tracked) runs and without deleted ones."""
    parts: list[str] = []
    _collect_text(p, parts)
    return "".join(parts)


def _collect_text(element: _Element, parts: list[str]) -> None:
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag in _CHARACTERS:
            parts.append(_CHARACTERS[tag])
        elif tag not in _HIDDEN and isinstance(tag, str):
            _collect_text(child, parts)


def _int_property(element: _Element, properties: str, name: str, default: int) -> int:
    node = element.find(f"{_W}{properties}/{_W}{name}")
    if node is None:
        return default
    try:
        return int(node.get(f"{_W}val", default))
    except ValueError:
        return default
