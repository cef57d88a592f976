"""A line of prose cut into pieces where a list told inside it starts and ends (see flattened.py)."""

import re
from dataclasses import dataclass

from imports.foundation.numbering import HAN_DIGITS
from imports.read.base import RawRow
from imports.shape.prose.levels import Marker

# The rank given to items that had no number of their own, and to the labels over them: inside
# the page's 一、 and （一）, as 1. is.
ITEM_RANK, LABEL_RANK = 2, 1
_HAN_DIGITS = HAN_DIGITS[:9]  # 一 … 九: a number one more is the next of these, or 十
# A list told in a sentence is one of projects when the sentence says so (七件民生实事分别是：…,
# …7个县列为民实事方案); 会议要求：一是…二是… lists duties, not projects.
_PROJECT_WORDS_RE = re.compile(r"实事|项目|工程|行动|民生")
_SENTENCE_END_RE = re.compile(r"[。！!？?]")
_MAX_CONTEXT = 200  # characters of the sentence around a list looked at for those words


@dataclass
class Piece:
    row: RawRow
    line: str  # as printed
    marker: Marker | None = None  # given when the number is none read_paragraph knows, or there was none
    text: str = ""  # without that number
    sealed: bool = False  # an item of a list told inside a paragraph: no line after it continues it
    label: bool = False  # the words opening a list (6项重点建设项目为：): its category when several lists have one


def lead_in(row: RawRow, text: str) -> list[Piece]:
    """The text before or after a list as a piece of its own, if there is any."""
    text = text.strip()
    return [Piece(row, text)] if text else []


def speaks_of_projects(line: str, start: int, end: int) -> bool:
    """Whether the sentence around line[start:end], the list, says it is one of projects."""
    before = line[max(start - _MAX_CONTEXT, 0):start]
    stops = list(_SENTENCE_END_RE.finditer(before))
    before = before[stops[-1].end():] if stops else before
    after = line[end:end + _MAX_CONTEXT]
    stop = _SENTENCE_END_RE.search(after)
    return bool(_PROJECT_WORDS_RE.search(before) or _PROJECT_WORDS_RE.search(after[:stop.start()] if stop else after))


def depths(line: str) -> list[int]:
    """The brackets open before each position: a number or separator inside a bracket cuts nothing."""
    found, depth = [], 0
    for char in line:
        found.append(depth)
        depth = depth + 1 if char in "（(【[" else max(depth - 1, 0) if char in "）)】]" else depth
    return found


def value(number: str) -> int:
    """1 for 1, 一 and ①, 12 for 十二; 0 for what is no number."""
    if number.isdecimal():
        return int(number)
    if len(number) == 1 and "\u2460" <= number <= "\u2487":  # ① … ⑳, ⑴ … ⒇
        return (ord(number) - 0x2460) % 20 + 1
    if number == "两":
        return 2
    tens, ten, ones = number.rpartition("十")
    if not ten:
        return _digit(ones)
    high = _digit(tens) if tens else 1
    low = _digit(ones) if ones else 0
    return high * 10 + low if high and (low or not ones) else 0


def _digit(text: str) -> int:
    return _HAN_DIGITS.index(text) + 1 if len(text) == 1 and text in _HAN_DIGITS else 0
