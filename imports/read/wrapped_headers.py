"""The header of web text whose header cells' lines came out as blocks of their own, with those lines joined.

A browser copying an HTML table puts every cell alone between blank lines, and a header cell written
over two lines (责任<br><br>领导) becomes two blocks, "责任" and "领导". imports.read.blocks groups
blocks into rows as wide as the header, so it needs the header as cells, not blocks: here the blocks
that are the lines of one cell are joined (责任|领导 -> 责任领导), judged by the header words of
imports.foundation.layouts, and the number of blocks the header took is returned with its cells.

count_wrapped_header_cells reads the header at the start of a list of blocks. wrapped_header_finder
asks the same at every block of a text: it classifies each block and each pair of neighbouring blocks
once, up front, and reads a start only when the blocks after it could make a header, so a long or
hostile text is still read in linear time.

Only the blocks shape needs this: in the other shapes a cell's lines stay together in one cell.
"""

from collections.abc import Callable
from functools import lru_cache

from imports.foundation.cells.money import FUNDING_SOURCES
from imports.foundation.cells.script import simplified
from imports.foundation.layouts import (
    HEADER_WORDS,
    LONGEST_HEADER,
    MIN_HEADER_CELLS,
    WRITING_ROLES,
    Role,
    classify,
    header_roles,
    normalise,
)
from imports.foundation.numbering import HEADING_START, NUMBER_ALONE, QUARTER_HAN


def count_wrapped_header_cells(cells: list[str]) -> tuple[int, tuple[str, ...]] | None:
    """The header at the start of blocks of web text whose cells' lines may be blocks of their own.

    Returns (blocks it takes, its cells), or None; without wrapped words it is the header
    count_header_cells finds, except that a number or a section heading (一、… （一）…) is never a
    header cell. A browser copies 责任<br><br>领导 as two blocks "责任" and "领导":
    two adjacent short blocks, neither a number, are one cell when the first names no column and
    the two together do (责任|领导, 责任|科室, 攻坚目标|任务; when the second names a column by
    itself, only a fragment of two characters or a word across the seam joins it: 主责部门|配合部门
    are two columns), or when the second names none and makes a header word across the two
    (牵头|单位, not 单位|协办: there 单位 heads the next cell). A short block naming no column, after
    three cells naming columns (one a name or content) and before a block naming one, is a column
    of its own the words do not know (主责部门), while two cells in three name a column. A title
    (…分解表, …清单, …通知) names no column. The first cell must name a column by itself. Each block
    is looked at a bounded number of times: no backtracking."""
    count = len(cells)
    if not count or _block_role(cells[0]) is None:
        return None
    joined: list[str] = []
    unknown = 0  # cells naming no column, each between cells that do
    index = 0
    while index < count:
        text = cells[index]
        following = cells[index + 1] if index + 1 < count else None
        if _block_role(text) is not None:
            if following is not None and _block_role(following) is None and _wrap(text, following):
                after = cells[index + 2] if index + 2 < count else None
                heads_next = after is not None and _wrap(following, after) and _spans(following, after)
                if _spans(text, following) and not heads_next:
                    joined.append(text + following)
                    index += 2
                    continue
            joined.append(text)
            index += 1
        elif index and following is not None and _joins_after(text, following):
            joined.append(text + following)
            index += 2
        elif _unknown_column(text, following, joined, unknown):
            joined.append(text)
            unknown += 1
            index += 1
        else:
            break
    if len(joined) >= MIN_HEADER_CELLS and WRITING_ROLES & set(header_roles(joined)):
        return index, tuple(joined)
    return None


def _joins_after(head: str, tail: str) -> bool:
    """Whether a block naming no column is the first line of the next one's cell: together they name a
    column, and when the second names one by itself, a word runs across the seam (攻坚目标|任务) or
    the first is a short fragment (责任|领导, 分管|领导). A longer block before a column word is a column
    of its own the words do not know (主责部门 | 配合部门, 主要工作举措 | 牵头单位)."""
    if not _wrap(head, tail) or not classify(head + tail)[0]:
        return False
    return _block_role(tail) is None or len(normalise(head)) <= _LONGEST_FRAGMENT or _spans(head, tail)


def _unknown_column(text: str, following: str | None, joined: list[str], unknown: int) -> bool:
    """Whether a short block naming no column is a column of its own in the header being read: only
    after three cells naming columns, one a name or content, before a block naming a column by itself
    (主责部门 between 阶段性目标 and 配合部门), and while two cells in three still name a column."""
    return (
        following is not None and _wrappable(text) and not is_title(text) and _block_role(following) is not None
        and len(joined) >= MIN_HEADER_CELLS and bool(WRITING_ROLES & set(header_roles(joined)))
        and (unknown + 1) * 3 <= len(joined) + 1
    )


def wrapped_header_finder(cells: list[str], window: int) -> Callable[[int], tuple[int, tuple[str, ...]] | None]:
    """count_wrapped_header_cells(cells[start:start + window]) for any start, in linear time.

    Every block and every pair of blocks that could be joined is classified once, up front; a start
    is read only when the blocks after it could make a header: its first block names a column, three
    blocks or more in a row name columns alone or joined, and one of them, within the window, names
    a name or content. Without that it cannot be a header, and nothing is read."""
    count = len(cells)
    roles = [_block_role(cell) for cell in cells]
    # Whether each block joined to the next could name a column, and a name or content: only when one
    # of the two names none and they could wrap; a known part names it, or a word across the two.
    pairs = bytearray(count + 1)  # 1: names a column, 2: names a name or content too
    for index in range(count - 1):
        head, tail = roles[index], roles[index + 1]
        if (head is None or tail is None) and _wrap(cells[index], cells[index + 1]):
            known = head or tail
            across = _may_span(cells[index], cells[index + 1])
            if known in {Role.QUARTER, Role.SOURCE} or known is None and across:
                role = classify(cells[index] + cells[index + 1])[0]
                pairs[index] = 0 if role is None else 2 if role in WRITING_ROLES else 1
            elif known is not None:
                pairs[index] = 2 if across or known in WRITING_ROLES else 1
    run_end = [count] * (count + 1)  # the first block at or after each one that can be in no header
    next_writing = [count] * (count + 1)  # the first block at or after each one that can name a name or content
    for index in range(count - 1, -1, -1):
        before = pairs[index - 1] if index else 0
        usable = roles[index] is not None or pairs[index] or before
        run_end[index] = run_end[index + 1] if usable else index
        writing = roles[index] in WRITING_ROLES or pairs[index] == 2 or before == 2
        next_writing[index] = index if writing else next_writing[index + 1]

    def header_at(start: int) -> tuple[int, tuple[str, ...]] | None:
        if roles[start] is None or run_end[start] - start < MIN_HEADER_CELLS:
            return None
        if next_writing[start] >= min(run_end[start], start + window):
            return None
        return count_wrapped_header_cells(cells[start : start + window])

    return header_at


_LONGEST_HEADER_LINE = 10

# A document's title (…分解表, …清单, …通知) names no column, even when its words would (…工作任务分解表).
_TITLE_ENDINGS = ("表", "清单", "方案", "通知", "意见")
_SHORTEST_TITLE = 6
# A block naming no column this short is a fragment of the next one's word (责任|领导).
_LONGEST_FRAGMENT = 2


def _block_role(cell: str) -> Role | None:
    """The role a block names as a header cell: none for a number, a section heading (一、… （一）…, even
    one naming a column: …工作目标) or a title."""
    if NUMBER_ALONE.match(cell) or HEADING_START.match(cell) or is_title(cell):
        return None
    return classify(cell)[0]


def is_title(cell: str) -> bool:
    """Whether a block is a document's title (…分解表, …清单, …通知): never a header cell."""
    word = normalise(cell) if len(cell) <= LONGEST_HEADER * 3 else ""
    return len(word) >= _SHORTEST_TITLE and word.endswith(_TITLE_ENDINGS)


def _wrap(head: str, tail: str) -> bool:
    """Whether two blocks could be the lines of one header cell: both short, neither a number."""
    return _wrappable(head) and _wrappable(tail)


def _wrappable(part: str) -> bool:
    if not part or len(part) > _LONGEST_HEADER_LINE * 3 or NUMBER_ALONE.match(part) or HEADING_START.match(part):
        return False
    return len(part) <= _LONGEST_HEADER_LINE or len(normalise(part)) <= _LONGEST_HEADER_LINE


_BRACKETS = "（()）"
# Two characters side by side in a header word: a word across two blocks has them at the seam.
_SEAMS = frozenset(
    word[place : place + 2]
    for word in (
        *(word for _role, words in HEADER_WORDS for word in words), *FUNDING_SOURCES,
        "补助", "自筹", "配套", "财政", "资金", "季度", "度计划", "度目标", "度节点", "度进度",
        *(f"第{digit}季" for digit in "1234" + QUARTER_HAN),
    )
    for place in range(len(word) - 1)
)  # fmt: skip


def _may_span(head: str, tail: str) -> bool:
    """Whether a header word could run across the seam of two blocks (a cheap test, never wrong when
    it says no): the characters on both sides of it are side by side in a header word."""
    last, first = head.rstrip()[-1:], tail.lstrip()[:1]
    return bool(last and first) and (last in _BRACKETS or first in _BRACKETS or _seam(last + first))


@lru_cache(maxsize=65536)
def _seam(pair: str) -> bool:
    return simplified(pair) in _SEAMS


@lru_cache(maxsize=4096)
def _spans(head: str, tail: str) -> bool:
    """Whether a header word is found in head + tail but in neither alone (牵头|单位, not 单位|协办)."""
    whole, first, second = normalise(head + tail), normalise(head), normalise(tail)
    return any(
        word in whole and word not in first and word not in second for _role, words in HEADER_WORDS for word in words
    )
