"""Web text whose table cells stand alone between blank lines (a browser copy of an HTML table), as rows.

imports.read.pasted reads text this way (the "blocks" shape) when it has no pipes or tabs and
`header_cells` recognises a header among the blank-line separated blocks.

A block is one cell, even over several lines; a line holding only a no-break space (the
copy of <td>&nbsp;</td>) is an empty cell, not a blank line. Cells are grouped into rows as
wide as the header, and `header_cells` is asked again at every row start to catch repeated
headers. With the header words of imports.foundation.layouts (`header_cells` is count_header_cells):
- A header cell whose lines were paragraphs (责任<p>领导) comes as a block per line: two short
  blocks are one cell when one names no column and both together do (责任|领导, 牵头|单位),
  see imports.read.wrapped_headers; the header row holds the joined text (责任领导) and is as
  wide as its cells, not its blocks. A quarter or funding source right after another header
  word (工作任务安排|第二季度) is the second line of that cell only when the rows below say so
  (one of the header's first three columns is a 序号, the first row's block in that column is a
  number n and n + 1 stands that many cells closer): it then goes in a second header row under
  its word, located at its block, the way imports.foundation.layouts reads a header of two rows.
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

The header finder for the words of imports.foundation.layouts whose cells' lines come as blocks of their own
is imports.read.wrapped_headers: only this shape needs it. Where those words take a title line as the
header's first cell, or find no header (words the vocabulary lacks), the rows numbered 1, 2, 3 … under
it place it: imports.read.header_from_rows.
Cells are cleaned as in every other shape (imports.read.text_rows.clean).
"""

import re
from bisect import bisect_left
from collections.abc import Callable

from imports.foundation.layouts import Role, classify, count_header_cells
from imports.foundation.numbering import HAN_NUMERAL, HEADING_MARK, ROW_NUMBER
from imports.read.header_from_rows import number_column, placed_headers
from imports.read.text_rows import Entry, HeaderCells, MergedEntry, _loose_line, clean
from imports.read.wrapped_headers import wrapped_header_finder

_HEADER_WINDOW = 64
# A line holding only a no-break space is what a page's <td>&nbsp;</td> leaves: an empty cell, not a gap.
_EMPTY_WEB_CELL = "\xa0"
# What starts a section heading or a note: 一、 （一） 第一部分 注：
_SECTION_MARK = re.compile(rf"^(?:{HEADING_MARK}|第{HAN_NUMERAL}+[部分章节类篇]|(?:备)?注[:：])")


def block_rows(lines: list[str], header_cells: HeaderCells) -> list[Entry | MergedEntry] | None:
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
    numbers = [_row_number(text) for text in texts]
    places: dict[int, list[int]] = {}  # each number -> the blocks holding it, in order
    for index, number in enumerate(numbers):
        if number is not None:
            places.setdefault(number, []).append(index)
    found_at = _header_finder(texts, header_cells)
    known_words = header_cells is count_header_cells

    def by_words(start: int) -> tuple[int, tuple[str, ...], Entry | None] | None:
        """(blocks, cells, the row under it or None) of a header starting at a block, found by its words."""
        found = found_at(start)
        if not found or found[0] <= 0:
            return None
        taken, cells = found
        taken = min(taken, len(texts) - start)
        if not known_words:
            return taken, cells, None
        cells, lower = _split_labels(cells, texts, start, taken)
        return taken, cells, lower and (blocks[lower[0]][0], lower[1])

    if known_words:
        header_at, start, by_rows = placed_headers(by_words, texts, numbers, places)
    else:
        header_at, by_rows = by_words, None
        start = next((index for index in range(len(blocks)) if header_at(index)), None)
    if start is None:
        return None
    entries: list[Entry | MergedEntry] = [
        entry for number, block in blocks[:start] for entry in _plain_rows_at(number, block)
    ]
    width = 1
    column: int | None = None  # the 序号 column of the header, if it has one near the left
    last: int | None = None  # the number of the last row
    above: list[str] | None = None  # the last data row, as wide as the header

    def add_row(first: int, cells: list[str], merged: range | list[int] = range(0)) -> None:
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
            width, column, last, above = len(cells), number_column(cells), None, None
            if start == by_rows:
                column = 0  # found by the numbers starting its rows
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
            cells = [*padding, *texts[start:end]]
            merged = list(range(missing)) if above is not None else []
            if above is not None and following is not None and len(cells) < width:
                # A row short of its last cells under a full row: a cell merged down over it (a unit
                # named once for several rows) left no block; the row shares the text above.
                merged += [index for index in range(len(cells), width) if above[index]]
                cells += above[len(cells):]
            add_row(start, cells, merged)
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
    imports.foundation.layouts, words wrapped over two blocks are joined (责任 | 领导 -> 责任领导); any other
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
    match = ROW_NUMBER.match(text)
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
    plan), as imports.foundation.layouts reads a header of two rows. The rows tell only when one of the first
    three columns is a 序号, the first row's block in it is a number n and n + 1 the second row's.
    Two or more labels ending the header, when the rows are one column narrower, are the second
    row of a header written after its whole first row: they go under the cell over them (see
    _group_over)."""
    roles = [classify(cell)[0] for cell in cells]
    first_row = start + taken
    column = number_column(cells)
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
