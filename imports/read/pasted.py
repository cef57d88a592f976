"""Text pasted from Word, a PDF or a web page, turned into rows by the shape of the text.

The shape is decided once for the whole text by counting its lines:

* pipes: at least two lines start with "|" (Markdown tables, as PDF converters write them),
  and they are at least as many as the tab lines. Lines starting with "|" are rows, the
  "|---|---|" separators are dropped; every other line is a single-cell row.
* tab cells: at least two lines are a tab followed by text without another tab, and they
  outnumber the lines with inner tabs. Word copies a table this way, one cell per line: a tab
  line after a blank line (or the first one) starts a row, a tab line right after a non-blank
  line starts the next cell, a line without a tab continues the current cell, a lone tab is
  an empty cell. Lines before the first tab line are single-cell rows.
* tab rows: any other line with a tab. Each line is a row split on tabs; empty leading cells
  are kept because they stand for a merged cell above. Lines without a tab are single-cell
  rows. When a cell is quoted over several lines (what Excel puts on the clipboard), the
  text is read as tab-separated CSV instead. A browser copy of an HTML table needs two more
  rules, applied below a line `header_cells` recognises, W cells wide (W-1 tabs), up to the
  next such line:
  - A cell holding line breaks cuts its row into several lines. A line with fewer than W-1
    tabs starts a row that the following lines complete when their tabs add up to exactly
    W-1; the row ends on the line that reaches W-1, each break joining the last cell of a
    line to the first cell of the next with "\n" (a line without a tab in between belongs to
    the cell). A blank line, a header, a totals line (合计 …) and the end of the text cannot
    be part of such a row, and a line holding only its first cell (a section title with
    trailing tabs) does not start one. Only the tab counts decide, found by a binary search
    in their running sum: no text makes the reading quadratic.
  - A row under cells merged down over its left columns (rowspan) loses those cells. A line
    that no following lines complete, with at least two cells with text, right below a data
    row of full width (not a header, a totals or a section row), is aligned to the right:
    padded on the left with the texts of the row above, those cells marked as `merged`. Two
    lines that could be either (their tabs add up to W-1) are stitched, unless the first,
    aligned to the right, repeats a cell of the row above or of the second line in the same
    column: then both are rows under the merged cells (three rows under m merged cells of a
    table 2m+1 wide, e.g. 序号 and 项目名称 of five columns).
* blocks: no pipes or tabs, every cell alone between blank lines under a header: see imports.read.blocks.
* lines: anything else; every non-blank line is a single-cell row.

Single-cell lines lose Markdown heading marks ("# 标题" -> "标题"); rules ("---") are dropped.
Cells lose HTML tags (<br> becomes a line break) and keep inner NBSP/U+3000 and traditional
characters as written; only their ends are stripped.
"""

import csv
import io
import re
from bisect import bisect_left
from collections.abc import Iterator
from itertools import accumulate

from imports.foundation.layouts import count_header_cells
from imports.read.base import RawTable, TableSize, make_row
from imports.read.blocks import block_rows
from imports.read.header_from_rows import tab_header_over_numbered_rows
from imports.read.text_rows import Entry, HeaderCells, MergedEntry, _loose_line, clean

SHEET = "文本"

_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*\|?$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_QUOTED_MULTILINE = re.compile(r'(?:^|\t)"(?:[^"\n]|"")*\n', re.MULTILINE)

# The words of a totals row (imports.shape.split.TOTALS_WORDS and SUBTOTAL_WORDS), in both scripts.
_TOTALS = re.compile("合计|总计|共计|小计|合計|總計|共計|小計")
_LONGEST_TOTALS_CELL = 30


def read_text(text: str, *, name: str, header_cells: HeaderCells | None = None) -> RawTable:
    """Rows of pasted text, each located by the line it starts on."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    shape = detect_shape(lines)
    if shape == "pipes":
        entries = _pipe_rows(lines)
    elif shape == "tab cells":
        entries = _tab_cell_rows(lines)
    elif shape == "tab rows":
        # Lines with tabs split on them in _loose_line; below a header, rows cut by line breaks
        # in their cells are stitched and rows under merged cells re-aligned.
        if _QUOTED_MULTILINE.search(text):
            entries = _csv_rows(text)
        else:
            entries = _tab_rows(lines, header_cells) if header_cells else _plain_rows(lines)
    else:
        entries = (header_cells and block_rows(lines, header_cells)) or _plain_rows(lines)
    size = TableSize(name)
    rows = (size.add(make_row(SHEET, number, [clean(cell) for cell in cells], *merged))
            for number, cells, *merged in entries)
    return RawTable(name=name, rows=tuple(row for row in rows if row is not None))


def detect_shape(lines: list[str]) -> str:
    """"pipes", "tab cells", "tab rows" or "plain", by counting the kinds of lines."""
    pipes = tab_cells = tab_rows = 0
    for line in lines:
        if line.startswith("\t") and "\t" not in line[1:]:
            tab_cells += 1
        elif "\t" in line:
            tab_rows += 1
        elif line.lstrip().startswith("|") and line.count("|") >= 2:
            pipes += 1
    if pipes >= 2 and pipes >= tab_rows and pipes >= tab_cells:
        return "pipes"
    if tab_cells >= 2 and tab_cells > tab_rows:
        return "tab cells"
    if tab_rows or tab_cells:
        return "tab rows"
    return "plain"



def _plain_rows(lines: list[str]) -> list[Entry]:
    return [entry for number, line in enumerate(lines, 1) for entry in _loose_line(number, line)]


def _pipe_rows(lines: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not (stripped.startswith("|") and stripped.count("|") >= 2):
            entries.extend(_loose_line(number, line))
        elif not _PIPE_SEPARATOR.match(stripped):
            # Long rows are sometimes cut short, without the closing pipe.
            inner = stripped[1:-1] if stripped.endswith("|") and not stripped.endswith("\\|") else stripped[1:]
            entries.append((number, [cell.replace("\\|", "|") for cell in _PIPE_SPLIT.split(inner)]))
    return entries


def _csv_rows(text: str) -> list[Entry]:
    reader = csv.reader(io.StringIO(text), delimiter="\t")
    entries: list[Entry] = []
    last_line = 0
    for record in reader:
        if len(record) == 1:
            entries.extend(_loose_line(last_line + 1, record[0]))
        elif record:
            entries.append((last_line + 1, record))
        last_line = reader.line_num
    return entries


def _tab_cell_rows(lines: list[str]) -> list[Entry]:
    entries: list[Entry] = []
    start = 0
    cells: list[list[str]] = []  # the current row's cells, each as its lines
    after_blank = True

    def finish_row() -> None:
        # A cell's lines were paragraphs in Word: blank lines between them are dropped.
        if cells:
            entries.append((start, ["\n".join(part.strip() for part in cell if part.strip()) for cell in cells]))

    for number, line in enumerate(lines, 1):
        if line.startswith("\t"):
            if after_blank:
                finish_row()
                start, cells = number, []
            cells.extend([cell] for cell in line[1:].split("\t"))
            after_blank = False
        elif not line.strip():
            after_blank = True
        elif cells:
            cells[-1].append(line)
            after_blank = False
        else:
            entries.extend(_loose_line(number, line))
    finish_row()
    return entries


def _tab_rows(lines: list[str], header_cells: HeaderCells) -> Iterator[Entry | MergedEntry]:
    """Tab-separated lines, stitched and re-aligned below a header by its width (see the module doc).

    Every line is split and checked a bounded number of times, and the end of a stitched row is
    found by a binary search in the running count of tabs, never by reading ahead line by line:
    no text can make it quadratic. Rows are given as they are found, so that a text of a
    million lines is refused at the row past the limit, not after all of them are split."""
    count = len(lines)
    tabs = [line.count("\t") for line in lines]
    # The tabs of the lines before each line: a row from line s to line e holds tabs[s..e] == W-1.
    before = list(accumulate(tabs, initial=0))
    widths: dict[int, int] = {}  # header lines -> their number of cells
    stops = bytearray(count)  # lines no stitched row can hold: blank, header, totals
    for index, line in enumerate(lines):
        if not line.strip():
            stops[index] = 1
        elif tabs[index] and header_cells(line.split("\t")):
            widths[index] = tabs[index] + 1
            stops[index] = 1
        elif _TOTALS.search(line) and _is_totals(line.split("\t")):
            stops[index] = 1
    # A header of words the vocabulary lacks, above lines numbered 1 and 2, when no header by words comes first.
    unknown = tab_header_over_numbered_rows(lines, tabs) if header_cells is count_header_cells else None
    if unknown is not None and not any(index <= unknown for index in widths):
        widths[unknown] = tabs[unknown] + 1
        stops[unknown] = 1
    next_stop = [count] * (count + 1)  # the first stop at or after each line
    for index in range(count - 1, -1, -1):
        next_stop[index] = index if stops[index] else next_stop[index + 1]

    def stitch_end(start: int, width: int) -> int | None:
        """The last line of the row starting at `start`, if the tabs of the lines add up to W-1."""
        target = before[start] + width - 1
        # The line after the one where the tabs reach W-1: the row can neither stop before nor go on.
        after_end = bisect_left(before, target, lo=start + 2)
        if after_end > count or before[after_end] != target or after_end - 1 >= next_stop[start + 1]:
            return None
        return after_end - 1

    width: int | None = None
    # The row above while it is full width and no header or totals; a data row if two of its cells
    # hold text, which is checked once, and only if a short line comes next.
    previous: list[str] | None = None
    unchecked = False
    index = 0
    while index < count:
        line, number = lines[index], index + 1
        width = widths.get(index, width)
        if width is None or stops[index] or not 0 < tabs[index] < width - 1:
            if "\t" in line.rstrip():
                cells = line.split("\t")
                yield number, cells
                full = width is not None and tabs[index] == width - 1 and not stops[index]
                previous, unchecked = (cells if full else None), True
            else:
                yield from _loose_line(number, line)
                previous = None
            index += 1
            continue
        if unchecked and previous is not None and not _filled(previous, 2):
            previous = None
        unchecked = False
        cells = line.split("\t")
        two = _filled(cells, 2)
        # A section title followed by empty cells only does not start a row.
        end = stitch_end(index, width) if two or not _has_text(cells[0]) else None
        if end is not None and not (end == index + 1 and two and _merged_pair(previous, cells, lines[end], width)):
            for part in lines[index + 1 : end + 1]:
                head, *rest = part.split("\t")
                cells[-1] = f"{cells[-1]}\n{head}"
                cells.extend(rest)
            yield number, cells
            previous, unchecked = cells, True
            index = end + 1
            continue
        if previous is not None and two and _runs_on(previous[0], cells[0]):
            # The row's number follows the row above: it lost cells merged down on its right (a unit
            # named once over several rows), not its number and name.
            kept = len(cells)
            cells = cells + previous[kept:]
            yield number, cells, frozenset(range(kept, width))
            previous = cells
        elif previous is not None and two:
            padding = width - len(cells)
            cells = previous[:padding] + cells
            yield number, cells, frozenset(range(padding))
            previous = cells
        else:
            yield from _loose_line(number, line)
            previous = None
        index += 1


def _runs_on(above: str, first: str) -> bool:
    """Whether a row's first cell is the number after the one above it (3 below 2)."""
    above, first = clean(above), clean(first)
    return above.isdecimal() and first.isdecimal() and len(first) <= 5 and int(first) == int(above) + 1


def _has_text(cell: str) -> bool:
    return bool(cell.strip()) and ("<" not in cell and "&" not in cell or bool(clean(cell)))


def _filled(cells: list[str], at_least: int) -> bool:
    """Whether at least that many cells hold text."""
    found = 0
    for cell in cells:
        if _has_text(cell):
            found += 1
            if found >= at_least:
                return True
    return False


def _is_totals(cells: list[str]) -> bool:
    """Whether the first cell with text names a total (the test of imports.shape.split)."""
    first = next((clean(cell) for cell in cells if _has_text(cell)), "")
    return len(first) <= _LONGEST_TOTALS_CELL and _TOTALS.search(first) is not None


def _merged_pair(previous: list[str] | None, first: list[str], second: str, width: int) -> bool:
    """Whether two lines completing each other are rather two rows under cells merged above.

    They are when both could be re-aligned (the first has two cells with text, the caller checks)
    and the first, aligned to the right, repeats a cell of the row above or of the second line in
    the same column (the unit or leader the rows under a rowspan usually share)."""
    if previous is None:
        return False
    below = second.split("\t")
    if not _filled(below, 2):
        return False
    offset, below_offset = width - len(first), width - len(below)
    for place, text in enumerate(map(clean, first)):
        column = offset + place
        if not text:
            continue
        if text == clean(previous[column]) or column >= below_offset and text == clean(below[column - below_offset]):
            return True
    return False
