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
* blocks: no pipes or tabs, and `header_cells` recognises a header among the blank-line
  separated blocks (a browser copy of an HTML table: every cell alone between blank lines).
  A block is one cell, even over several lines; a line holding only a no-break space (the
  copy of <td>&nbsp;</td>) is an empty cell, not a blank line. Cells are grouped into rows as
  wide as the header, and `header_cells` is asked again at every row start to catch repeated
  headers. With the header words of imports.layouts (`header_cells` is count_header_cells):
  - A header cell whose lines were paragraphs (责任<p>领导) comes as a block per line: two short
    blocks are one cell when one names no column and both together do (责任|领导, 牵头|单位),
    see imports.layouts.count_wrapped_header_cells; the header row holds the joined text
    (责任领导) and is as wide as its cells, not its blocks. A quarter or funding source right
    after another header word (工作任务安排|第二季度) is the second line of that cell only when
    the rows below say so (one of the header's first three columns is a 序号, the first row's
    block in that column is a number n and n + 1 stands that many cells closer): it then goes in a second header row under
    its word, located at its block, the way imports.layouts reads a header of two rows.
    Quarters or funding sources ending the header, two or more, after every other header word
    (阶段性目标 … 主责部门 配合部门 第一季度 … 第四季度: the second row of a header written after the
    whole first row) go in a second header row under the last cell that can hold them (a plan,
    target, progress or money word), when the rows say the table is one column narrower.
  - When one of the header's first three columns is a number column (序号), the running numbers
    anchor the rows. A row starts at its number, or up to that column's index of blocks before it
    (the cells left of 序号, a 领域 say), and runs to the block before the next row's number: the
    number one more, or 1 again after a block of text (a section). A figure in a cell may be that
    number too, so the block is taken where a row would put it: first as far as a full row and a
    block more (header width + 1), then the nearest closer one (a row short of its last cells: an
    empty <td> leaves no block), then the nearest within three rows. A row is at most as wide as
    the header; one whose number comes first though 序号 is not the first column lost its left
    cells (merged down): they are the row above's, marked `merged`. Blocks between a full row and
    the next number are, in order: the next row's cells left of 序号; section rows (one block, or
    headings 一、 （一）); whole rows as wide as the header when each has an empty cell (a padded
    section, an empty 序号); otherwise rows under the row's cells merged down (a task's second and
    third goals), all of one size (the width less two, less one, … that divides them), aligned to
    the right under the row above, those cells marked `merged`. With no next number in reach the
    row is as wide as the header. A row start holding text and no number, marked as a heading or
    note (一、 （一） 第一部分 注：) or followed by the next row's number or by the end of the text,
    is a section row of its own (a cell spanning the table). A table without a number column is
    grouped as before.
  Every block is classified once and a start is read only when a header could begin there; the
  blocks holding each number are listed once and the next row's number found by binary searches:
  the reading stays linear however hostile the text.
* lines: anything else; every non-blank line is a single-cell row.

Single-cell lines lose Markdown heading marks ("# 标题" -> "标题"); rules ("---") are dropped.
Cells lose HTML tags (<br> becomes a line break) and keep inner NBSP/U+3000 and traditional
characters as written; only their ends are stripped.
"""

import csv
import html
import io
import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from itertools import accumulate

from imports.layouts import Role, classify, count_header_cells, wrapped_header_finder
from imports.readers.base import RawTable, make_row

SHEET = "文本"
HeaderCells = Callable[[list[str]], int | None]

_HEADER_WINDOW = 64
_PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-+:?\s*(\|\s*:?-*:?\s*)*\|?$")
_PIPE_SPLIT = re.compile(r"(?<!\\)\|")
_HEADING = re.compile(r"^#{1,6}(\s+|$)")
_RULE = re.compile(r"^\s*([-*_=])(\s*\1){2,}\s*$")
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(
    r"</?(?:a|b|big|center|code|col|colgroup|del|div|em|font|h[1-6]|i|ins|li|mark|ol|p|pre|s|"
    r"small|span|strike|strong|sub|sup|table|tbody|td|tfoot|th|thead|tr|u|ul)\b[^<>]*>",
    re.IGNORECASE,
)
_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+\d*);")
_QUOTED_MULTILINE = re.compile(r'(?:^|\t)"(?:[^"\n]|"")*\n', re.MULTILINE)
# A line holding only a no-break space is what a page's <td>&nbsp;</td> leaves: an empty cell, not a gap.
_EMPTY_WEB_CELL = "\xa0"
# A 序号 cell: a number, maybe with a mark (★) or in brackets.
_ROW_NUMBER = re.compile(r"^\W*(\d{1,6})\W*$")
# What starts a section heading or a note: 一、 （一） 第一部分 注：
_SECTION_MARK = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]|第[一二三四五六七八九十]+[部分章节类篇]|(?:备)?注[:：])"
)

# The words of a totals row (imports.segments.TOTALS_WORDS and SUBTOTAL_WORDS), in both scripts.
_TOTALS = re.compile("合计|总计|共计|小计|合計|總計|共計|小計")
_LONGEST_TOTALS_CELL = 30

Entry = tuple[int, list[str]]  # (line, cells) before cleaning
# (line, cells, indices of cells repeated from the row above) for rows re-aligned under merged cells
MergedEntry = tuple[int, list[str], frozenset[int]]


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
        entries = (header_cells and _block_rows(lines, header_cells)) or _plain_rows(lines)
    rows = (
        make_row(SHEET, number, [clean(cell) for cell in cells], *merged) for number, cells, *merged in entries
    )
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


def _block_rows(lines: list[str], header_cells: HeaderCells) -> list[Entry | MergedEntry] | None:
    """Cells alone between blank lines, grouped by the width of the header; None without a header."""
    blocks: list[tuple[int, list[str]]] = []
    after_blank = True
    for number, line in enumerate(lines, 1):
        if not line.strip() and _EMPTY_WEB_CELL not in line:
            after_blank = True
        elif after_blank:
            blocks.append((number, [line.strip()]))
            after_blank = False
        else:
            blocks[-1][1].append(line.strip())
    texts = [clean("\n".join(block_lines)) for _number, block_lines in blocks]
    found_at = _header_finder(texts, header_cells)
    known_words = header_cells is count_header_cells

    def header_at(start: int) -> tuple[int, tuple[str, ...], Entry | None] | None:
        """(blocks, cells, the row under it or None) of a header starting at a block."""
        found = found_at(start)
        if not found or found[0] <= 0:
            return None
        taken, cells = found
        taken = min(taken, len(texts) - start)
        if not known_words:
            return taken, cells, None
        cells, lower = _split_labels(cells, texts, start, taken)
        return taken, cells, lower and (blocks[lower[0]][0], lower[1])

    start = next((index for index in range(len(blocks)) if header_at(index)), None)
    if start is None:
        return None
    entries: list[Entry | MergedEntry] = [
        entry for number, block in blocks[:start] for entry in _plain_rows_at(number, block)
    ]
    numbers = [_row_number(text) for text in texts]
    places: dict[int, list[int]] = {}  # each number -> the blocks holding it, in order
    for index, number in enumerate(numbers):
        if number is not None:
            places.setdefault(number, []).append(index)
    width = 1
    column: int | None = None  # the 序号 column of the header, if it has one near the left
    last: int | None = None  # the number of the last row
    above: list[str] | None = None  # the last data row, as wide as the header

    def add_row(first: int, cells: list[str], merged: range = range(0)) -> None:
        nonlocal above
        entries.append((blocks[first][0], cells, frozenset(merged)) if merged else (blocks[first][0], cells))
        above = cells + [""] * (width - len(cells))

    def next_anchor(anchor: int, number: int, room: int) -> int | None:
        """The block holding the next row's number (see _next_anchor)."""
        return _next_anchor(texts, numbers, places, anchor, number, room, width)

    while start < len(blocks):
        header = header_at(start)
        if header:
            taken, cells, lower = header
            entries.append((blocks[start][0], list(cells)))
            if lower:
                entries.append(lower)
            width, column, last, above = len(cells), _number_column(cells), None, None
            start += taken
            continue
        lead = None
        if column is not None:
            # The row's number: at its start, or after the cells left of the 序号 column.
            lead = next((offset for offset in range(min(column, len(texts) - start - 1) + 1)
                         if numbers[start + offset] is not None), None)  # fmt: skip
        if lead is not None and column is not None:
            anchor = start + lead
            number = numbers[anchor]
            room = width - column  # blocks from the number to the end of a full row
            following = next_anchor(anchor, number, room)
            end = min(anchor + room, len(texts) if following is None else following)
            if following is not None and numbers[following] == 1 != number + 1:
                # Numbering starting again: the block before the 1 is a section or the next row's left cell.
                end = min(end, following - max(column, 1))
            missing = column - lead
            padding = above[:missing] if above is not None else [""] * missing
            add_row(start, [*padding, *texts[start:end]], range(missing) if above is not None else range(0))
            last = number
            start = end
            if following is not None and following > end:
                between = _between_rows(texts, end, following, column, width, header_at, entries, blocks, above)
                if between is not None:
                    start, above = between
            continue
        if column is not None and _is_section(texts, start, last):
            entries.append((blocks[start][0], [texts[start]]))
            start += 1
            continue
        add_row(start, texts[start : start + width])
        start += width
    return entries


def _number_column(cells: tuple[str, ...] | list[str]) -> int | None:
    """The 序号 column of a header when it is one of its first three (after a 领域 merged down, say)."""
    return next((place for place, cell in enumerate(cells[:3]) if classify(cell)[0] is Role.NUMBER), None)


def _next_anchor(
    texts: list[str], numbers: list[int | None], places: dict[int, list[int]], anchor: int, number: int, room: int,
    width: int,
) -> int | None:
    """The block holding the next row's number after a row's number at `anchor`: the number one more,
    or 1 when the block before it holds text and no number, past the row's first cell or marked as a
    heading (a section in between: numbering starts again).

    A figure in a cell may be the same number: the block is taken where a row would put it, first as
    far as a full row and a block more (`room` blocks from the number, up to the header's width + 1:
    the next row's left cells or a section row), then the nearest closer one (a row short of its last
    cells, an empty <td> leaving no block), then the nearest within three rows (rows under cells merged
    down in between). Each look is a binary search: the reading stays linear."""

    def fits(value: int, place: int) -> bool:
        if value != 1 or number + 1 == 1:
            return True
        before = place - 1
        return numbers[before] is None and bool(texts[before]) and (
            before >= anchor + 2 or _SECTION_MARK.match(texts[before]) is not None
        )

    values = (number + 1, 1) if number + 1 != 1 else (1,)
    low, high, furthest = anchor + room, anchor + width + 1, anchor + 3 * width + 1
    full, short, beyond = [], [], []
    for value in values:
        found = places.get(value, [])
        index = bisect_left(found, low)
        if index < len(found) and found[index] <= high and fits(value, found[index]):
            full.append(found[index])
        if index and found[index - 1] > anchor and fits(value, found[index - 1]):
            short.append(found[index - 1])
        index = bisect_left(found, high + 1)
        if index < len(found) and found[index] <= furthest and fits(value, found[index]):
            beyond.append(found[index])
    if full:
        return min(full)
    if short:
        return max(short)
    return min(beyond) if beyond else None


def _between_rows(
    texts: list[str], end: int, following: int, column: int, width: int, header_at: Callable[[int], object],
    entries: list, blocks: list[tuple[int, list[str]]], above: list[str] | None,
) -> tuple[int, list[str] | None] | None:
    """Blocks between a full row and the next row's number: the next row's cells left of its 序号 column,
    section rows, and rows under the row's cells merged down (several goals of one task), aligned to the
    right and padded with the cells of the row above. Returns where the next row starts and the last
    data row, or None to read on from `end` as before (a header among them)."""
    start = following - min(column, following - end)
    rest = range(end, start)
    if any(header_at(block) for block in rest):
        return None
    sections = []
    stop = start
    while stop - 1 >= end and _SECTION_MARK.match(texts[stop - 1]):
        stop -= 1
        sections.append(stop)
    middle = range(end, stop)
    row = above
    if len(middle) % width == 0 and all("" in texts[first : first + width] for first in range(end, stop, width)):
        # Whole rows, grouped by the width as before: a section padded with empty cells, a row whose
        # number cell is empty.
        for first in range(end, stop, width):
            row = texts[first : first + width]
            entries.append((blocks[first][0], row))
    elif len(middle) == 1:
        sections.append(end)
    elif len(middle) > 1 and above is not None:
        size = _continuation_size(len(middle), width)
        row = above
        for first in range(end, stop, size):
            cells = texts[first : min(first + size, stop)]
            kept = width - len(cells)
            row = [*row[:kept], *cells]
            entries.append((blocks[first][0], row, frozenset(range(kept))))
    elif len(middle) > 1:
        sections.extend(middle)
    for block in sorted(sections):
        entries.append((blocks[block][0], [texts[block]]))
    return start, row


def _continuation_size(blocks: int, width: int) -> int:
    """How many blocks each row under merged cells holds: they share one size, the one that divides
    their blocks, preferring all but two cells (序号 and 任务名称 merged), then all but one."""
    sizes = [size for size in (width - 2, width - 1, *range(width - 3, 1, -1)) if 2 <= size < width]
    return next((size for size in sizes if blocks % size == 0), max(sizes, default=1))


def _header_finder(texts: list[str], header_cells: HeaderCells) -> Callable[[int], tuple[int, tuple[str, ...]] | None]:
    """(blocks, cells) of the header starting at a block, or None. For the header words of
    imports.layouts, words wrapped over two blocks are joined (责任 | 领导 -> 责任领导); any other
    `header_cells` takes its cells as they are."""
    if header_cells is count_header_cells:
        return wrapped_header_finder(texts, _HEADER_WINDOW)

    def as_they_are(start: int) -> tuple[int, tuple[str, ...]] | None:
        cells = texts[start : start + _HEADER_WINDOW]
        width = header_cells(cells)
        return (width, tuple(cells[:width])) if width and width > 0 else None

    return as_they_are


def _row_number(text: str) -> int | None:
    """The number a 序号 cell holds ("3", "3.", "（3）", "★3"), or None."""
    match = _ROW_NUMBER.match(text)
    return int(match.group(1)) if match else None


def _is_section(texts: list[str], start: int, last: int | None) -> bool:
    """Whether the block at a row start of a numbered table is a whole row of its own: a section
    heading or a note, with text and no number, marked as a heading (一、 （一） 注：) or followed
    by the end of the text or by the next row's number (one more than the last, or 1 again)."""
    text = texts[start]
    if not text or _row_number(text) is not None:
        return False
    if _SECTION_MARK.match(text) or start + 1 == len(texts):
        return True
    following = _row_number(texts[start + 1])
    return following is not None and (last is None or following in (last + 1, 1))


def _split_labels(
    cells: tuple[str, ...], texts: list[str], start: int, taken: int
) -> tuple[tuple[str, ...], tuple[int, list[str]] | None]:
    """The header, and the second header row (block of its first cell, cells) its labels make.

    A quarter or funding source right after another header word (工作任务安排 | 第二季度) is the
    second line of that cell when the rows below are narrower by just as many cells: it is then
    put in a second header row under it (工作任务安排 / 第二季度, a column of the second quarter's
    plan), as imports.layouts reads a header of two rows. The rows tell only when one of the first
    three columns is a 序号, the first row's block in it is a number n and n + 1 the second row's.
    Two or more labels ending the header, when the rows are one column narrower, are the second
    row of a header written after its whole first row: they go under the cell over them (see
    _group_over)."""
    roles = [classify(cell)[0] for cell in cells]
    first_row = start + taken
    column = _number_column(cells)
    at = first_row + (column or 0)
    number = _row_number(texts[at]) if column is not None and at < len(texts) else None
    if number is None:
        return cells, None
    rows_width = next(
        (column + width for width in range(1, len(cells))
         if at + width < len(texts) and _row_number(texts[at + width]) == number + 1),
        None,
    )  # fmt: skip
    labels = {Role.QUARTER, Role.SOURCE}
    run = next((size for size in range(len(cells)) if roles[len(cells) - 1 - size] not in labels), len(cells))
    if run >= 2 and rows_width == len(cells) - 1 and (grouped := _group_over(cells, roles, run)) is not None:
        return _second_row(cells, texts, start, grouped, run)
    places = [
        place for place in range(1, len(cells))
        if roles[place] in labels and roles[place - 1] not in labels and roles[place - 1] is not Role.NUMBER
    ]  # fmt: skip
    if rows_width is None or not places or len(places) != len(cells) - rows_width:
        return cells, None
    upper: list[str] = []
    lower: list[str] = []
    label_block: int | None = None
    block = start
    for place, cell in enumerate(cells):
        # A cell is one block, or two joined (never an empty one): which, its text tells.
        size = 1 if texts[block] == cell else 2
        if place in places:
            lower[-1] = cell
            label_block = block if label_block is None else label_block
        else:
            upper.append(cell)
            lower.append("")
        block += size
    return tuple(upper), (label_block if label_block is not None else start, lower)


def _group_over(cells: tuple[str, ...], roles: list, run: int) -> int | None:
    """The header cell over the quarters or funding sources ending a header of two rows (阶段性目标 over
    第一季度 … 第四季度, written after the whole first row): the last column that can hold them."""
    groups = {Role.WORK_PLAN, Role.PROGRESS, Role.CONTENT, Role.NAME, Role.DEADLINE}
    if any(role is Role.SOURCE for role in roles[len(cells) - run :]):
        groups = {Role.FUNDING, Role.TOTAL, Role.ANNUAL}
    return next((place for place in range(len(cells) - run - 1, 0, -1) if roles[place] in groups), None)


def _second_row(
    cells: tuple[str, ...], texts: list[str], start: int, group: int, run: int
) -> tuple[tuple[str, ...], tuple[int, list[str]]]:
    """The header with its last `run` labels moved to a second row under the cell `group`."""
    upper, labels = list(cells[: len(cells) - run]), list(cells[len(cells) - run :])
    block = start
    for cell in upper:  # a cell is one block, or two joined (never an empty one)
        block += 1 if texts[block] == cell else 2
    return (
        (*upper[: group + 1], *[""] * (run - 1), *upper[group + 1 :]),
        (block, [*[""] * group, *labels]),
    )


def _plain_rows_at(first: int, block_lines: list[str]) -> list[Entry]:
    return [entry for offset, line in enumerate(block_lines) for entry in _loose_line(first + offset, line)]


def _tab_rows(lines: list[str], header_cells: HeaderCells) -> list[Entry | MergedEntry]:
    """Tab-separated lines, stitched and re-aligned below a header by its width (see the module doc).

    Every line is split and checked a bounded number of times, and the end of a stitched row is
    found by a binary search in the running count of tabs, never by reading ahead line by line:
    no text can make it quadratic."""
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

    entries: list[Entry | MergedEntry] = []
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
                entries.append((number, cells))
                full = width is not None and tabs[index] == width - 1 and not stops[index]
                previous, unchecked = (cells if full else None), True
            else:
                entries.extend(_loose_line(number, line))
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
            entries.append((number, cells))
            previous, unchecked = cells, True
            index = end + 1
            continue
        if previous is not None and two:
            padding = width - len(cells)
            cells = previous[:padding] + cells
            entries.append((number, cells, frozenset(range(padding))))
            previous = cells
        else:
            entries.extend(_loose_line(number, line))
            previous = None
        index += 1
    return entries


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
    """Whether the first cell with text names a total (the test of imports.segments)."""
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
