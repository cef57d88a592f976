"""Where a header of web text pasted one cell a block starts and how wide it is, as the numbered rows under it say.

imports.read.blocks finds a header by its words (imports.read.wrapped_headers), and the words alone
go wrong two ways, both plain from the rows numbered 1, 2, 3 … under the header:

- A line just above the header that names a column itself (鹿城区山福镇2018年民生实事项目, 民生实事:
  项目 and 民生实事 are 项目名称 words) is taken as the header's first cell, left of 序号; every row
  is then shifted one cell. The first row says otherwise: its number follows the header at once, so
  it has no cells left of 序号, and neither has the header (`without_lines_above`). A 领域 or 类别
  left of 序号 stays: its rows have a block of their own before their number.
- A header whose words the vocabulary lacks (实事内容 | 目前进度 | 主体单位), or holds too early for
  a column of its own (序号 | 任务名称 | 指标要求 | 牵头部门), is not found at all. A reader still sees
  it (`header_over_numbered_rows`): the first row runs from its 1 to the 2, k blocks on (nothing
  above it is merged into it), and the 3 stands at most k blocks after the 2 (a row under a cell
  merged down is shorter, never longer); the 2 exactly k blocks before a 3 k blocks on is taken
  first, so a figure 2 in a cell is not. The header is the run of short blocks right above the 1 —
  no number, heading, sentence or title (…表, …清单) — from its 序号 word when it has one, so a
  title of a word or two above it (附件) stays a title, else its last k blocks, every word unknown
  (位次 | 实事名目 | …). Two blocks without a 序号 word are as often a title and a notice as a
  header: they are not taken.

Tab-separated rows (imports.read.pasted) lose a cell merged down over rows the same way, and put it
back below a header as wide as the table; a header of unknown words is found there too
(`tab_header_over_numbered_rows`): a line of short cells right above the line numbered 1, as many
cells wide, and the line after numbered 2.

The roles of the columns are then read from their cells, as for any grid (imports.shape.roles_from_cells).
Each block before a 1 is looked at once for the run it ends (a 1 ends every run, so runs never
overlap), and each 2 and 3 is found by a binary search: the reading stays linear however hostile
the text.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable

from imports.foundation.layouts import LONGEST_HEADER, Role, classify
from imports.foundation.numbering import HEADING_START, NUMBER_ALONE, ROW_NUMBER
from imports.read.wrapped_headers import is_title

# A header is at most this many blocks wide (imports.read.blocks reads a header from as many).
LONGEST_ROW = 64
_SENTENCE = re.compile(r"[。；;，,！!？?]")

Header = tuple[int, tuple[str, ...], object]  # (blocks taken, cells, second header row or None)


def placed_headers(
    by_words: Callable[[int], Header | None], texts: list[str], numbers: list[int | None], places: dict[int, list[int]]
) -> tuple[Callable[[int], Header | None], int | None, int | None]:
    """The header at any block as the rows under it place it, the block of the first one (None: no header),
    and the block of the header found by the rows alone (None: every header was found by its words).

    `by_words` is the header its words find at a block; the lines above the table it took as its first
    cells are left out. A header over rows numbered 1, 2, 3 … is taken when the words find none as
    early, or none there reaching as far (to the first row): its columns' roles come from their cells."""

    def words_at(start: int) -> Header | None:
        found = by_words(start)
        if found and without_lines_above(texts, numbers, start, found) is None:
            return found
        for back in (1, 2):  # the header found a block or two above, without the lines it took
            earlier = by_words(start - back) if start >= back else None
            trimmed = earlier and without_lines_above(texts, numbers, start - back, earlier)
            if trimmed and trimmed[0] == start:
                return trimmed[1]
        return None

    first = next((index for index in range(len(texts)) if words_at(index)), None)
    found = header_over_numbered_rows(texts, numbers, places)
    if found is None or first is not None and (first < found[0] or first == found[0] and _reaches(words_at, found)):
        return words_at, first, None
    by_rows, width = found

    def header_at(start: int) -> Header | None:
        return (width, tuple(texts[start : start + width]), None) if start == by_rows else words_at(start)

    return header_at, by_rows, by_rows


def _reaches(words_at: Callable[[int], Header | None], found: tuple[int, int]) -> bool:
    """Whether the header by words at the block of the one by rows takes as many blocks, to the first row."""
    header = words_at(found[0])
    return header is not None and header[0] >= found[1]


def number_column(cells: tuple[str, ...] | list[str]) -> int | None:
    """The 序号 column of a header when it is one of its first three (after a 领域 merged down, say)."""
    return next((place for place, cell in enumerate(cells[:3]) if classify(cell)[0] is Role.NUMBER), None)


def header_over_numbered_rows(
    texts: list[str], numbers: list[int | None], places: dict[int, list[int]]
) -> tuple[int, int] | None:
    """(first block, width) of the first header of short blocks over rows numbered 1, 2, 3 …, or None."""
    twos, threes = places.get(2, []), places.get(3, [])
    for first in places.get(1, []):
        run = 0  # short blocks right above the 1
        while run < min(first, LONGEST_ROW) and _could_head(texts[first - run - 1]):
            run += 1
        if run < 2:
            continue
        width = _first_row_width(first, run, twos, threes)
        if width is None:
            continue
        numbered = [index for index in range(first - run, first - width + 1)
                    if classify(texts[index])[0] is Role.NUMBER]  # fmt: skip
        if numbered:
            return numbered[-1], first - numbered[-1]
        if width >= 3:
            return first - width, width
    return None


def _first_row_width(first: int, run: int, twos: list[int], threes: list[int]) -> int | None:
    """How many blocks the first row holds: from its 1 to the 2, with a 3 after it as the rows say."""
    low, high = bisect_left(twos, first + 2), bisect_right(twos, first + run)
    widths = [two - first for two in twos[low:high]]
    for width in widths:  # the rows as far apart as the first
        at = bisect_left(threes, first + 2 * width)
        if at < len(threes) and threes[at] == first + 2 * width:
            return width
    for width in widths:  # the second row shorter: a cell merged down into it left no block
        at = bisect_right(threes, first + 2 * width) - 1
        if at >= 0 and threes[at] >= first + width + 2:
            return width
    return None


def tab_header_over_numbered_rows(lines: list[str], tabs: list[int]) -> int | None:
    """The first line of short cells right above a line numbered 1 as many cells wide, itself above a line
    numbered 2: the header of a table of tab-separated rows whose words the vocabulary lacks."""
    for index in range(1, len(lines) - 1):
        if not tabs[index] or tabs[index - 1] != tabs[index] or _first_number(lines[index]) != 1:
            continue
        if _first_number(lines[index + 1]) == 2 and all(map(_could_head, lines[index - 1].strip().split("\t"))):
            return index - 1
    return None


def _first_number(line: str) -> int | None:
    match = ROW_NUMBER.match(line.split("\t", 1)[0].strip())
    return int(match.group(1)) if match else None


def _could_head(text: str) -> bool:
    """Whether a block could be a header cell of words the vocabulary may not know: a few words."""
    return (
        0 < len(text) <= LONGEST_HEADER and not NUMBER_ALONE.match(text) and not HEADING_START.match(text)
        and not _SENTENCE.search(text) and not is_title(text)
    )


def without_lines_above(
    texts: list[str], numbers: list[int | None], start: int, header: Header
) -> tuple[int, Header] | None:
    """The header found at `start` by its words without the lines above the table it took as cells left of
    its 序号 column: (the block it starts at, the header), or None when it took none."""
    taken, cells, lower = header
    column = number_column(cells)
    if not column or lower:
        return None
    row = start + taken
    before_number = next((offset for offset in range(column + 1)
                          if row + offset < len(texts) and numbers[row + offset] is not None), None)  # fmt: skip
    if before_number is None or before_number >= column:
        return None
    above = column - before_number
    if any(classify(cell)[0] is Role.CATEGORY for cell in cells[:above]):
        return None  # a 领域 left of 序号 whose first row left its cell empty
    blocks = 0
    for cell in cells[:above]:  # a cell is one block, or two joined (never an empty one)
        blocks += 1 if texts[start + blocks] == cell else 2
    return start + blocks, (taken - blocks, cells[above:], None)
