"""A list's own marks inside one cell (1.县住建局 2.县财政局, ①王强 ②李明): marks, never names.

A unit or people cell is sometimes written as a numbered or bulleted list. The marks are taken
out before the cell is split into names, so that neither "1" nor "县住建局 2" is stored, and a
piece left with nothing but digits and punctuation is never a name.
"""

import re

from imports.foundation.numbering import CIRCLED_DIGITS, CLOSE, HAN_DIGITS, HAN_NUMERAL, OPEN

# A mark at the start of the cell or after a space or a separator: 1. 1、 1) （1） （一） ① 一、 • - *
_MARK = (rf"(?:\d{{1,2}}\s*[.、．)）]|{OPEN}\s*(?:\d{{1,2}}|{HAN_NUMERAL}{{1,3}})\s*{CLOSE}|[{CIRCLED_DIGITS}]|"
         rf"{HAN_NUMERAL}{{1,3}}[、．]|[•·●▪■◆*]|[-—](?=\s*\S))")
# Circled numbers are never part of a name, so they mark a list wherever they stand (①王强②李明).
LIST_MARK_RE = re.compile(r"(?:^|(?<=[\s、，,;；]))\s*" + _MARK + rf"\s*|[{CIRCLED_DIGITS}]\s*")
# What is left of a piece that names nothing: digits, numerals of a list, punctuation, bullets.
ONLY_MARKS_RE = re.compile(rf"[\d\s.．、，,;；:：()（）{CIRCLED_DIGITS}•·●▪■◆*\-—{HAN_DIGITS}]*")


def without_list_marks(text: str) -> str:
    """The cell with its list marks replaced by spaces (which separate names as the marks did)."""
    if not text or not LIST_MARK_RE.search(text):
        return text
    return LIST_MARK_RE.sub(" ", text).strip()


def names_nothing(piece: str) -> bool:
    """True for a piece that is only a list's marks or punctuation: "1", "2.", "①", "、", "（一）"."""
    return ONLY_MARKS_RE.fullmatch(piece) is not None
