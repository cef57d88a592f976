"""What every shape of pasted text shares: its rows before cleaning, a cell cleaned of HTML, a loose line.

imports.read.pasted decides the shape of the text and reads most shapes; imports.read.blocks
reads the blank-line separated cells of a web copy. Both make their rows of these.

Single-cell lines lose Markdown heading marks ("# 标题" -> "标题"); rules ("---") are dropped.
Cells lose HTML tags (<br> becomes a line break) and keep inner NBSP/U+3000 and traditional
characters as written; only their ends are stripped.
"""

import html
import re
from collections.abc import Callable, Iterator

HeaderCells = Callable[[list[str]], int | None]

_HEADING = re.compile(r"^#{1,6}(\s+|$)")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(
    r"</?(?:a|b|big|center|code|col|colgroup|del|div|em|font|h[1-6]|i|ins|li|mark|ol|p|pre|s|"
    r"small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|u|ul)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+\d*);")

Entry = tuple[int, list[str]]  # (line, cells) before cleaning
# (line, cells, indices of cells repeated from the row above) for rows re-aligned under merged cells
MergedEntry = tuple[int, list[str], frozenset[int]]


def clean(cell: str) -> str:
    """A cell without HTML markup, its ends stripped."""
    if "<" in cell:
        cell = _TAG.sub("", _BR.sub("\n", cell))
    if "&" in cell:
        cell = _ENTITY.sub(lambda match: html.unescape(match.group(0)), cell)
    return cell.strip()


def _loose_line(number: int, line: str) -> Iterator[Entry]:
    """A line outside any table: split on tabs if it has any, else one cell without Markdown marks."""
    if "\t" in line.rstrip():
        yield number, line.split("\t")
    elif line.strip() and not _RULE.match(line):
        yield number, [_HEADING.sub("", line.strip())]
