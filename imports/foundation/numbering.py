"""Every way a table or a list numbers its lines, spelled once: 一、 （一） 1. 1、 （1） ① ⒈ ⑴ 第一项 第一部分.

The pieces are named here (the numerals, the brackets, the marks after a number) and every
numbering pattern of the importer is built from them, so a new form is added in one place. Which
pattern a stage uses is its own choice: a number column's cell (NUMBER_CELL) is not a section
heading's start (SECTION_START), nor the number of a labelled record (RECORD_NUMBER).

Dates and quarters count with the same numerals (一季度, 六月二十日): they use the pieces too.
"""

import re
from dataclasses import dataclass

# --- Pieces ------------------------------------------------------------------------------
# The numerals of a count up to ninety-nine (十二, 二十): a category's or a project's number.
HAN_DIGITS = "一二三四五六七八九十"
HAN_NUMERAL = f"[{HAN_DIGITS}]"
# A prose list may count further: 一百零一, 〇.
HAN_NUMERALS_WIDE = HAN_DIGITS + "百零〇"
# 廿 is twenty in a date: 廿五日.
TWENTY = "廿"
# The numerals of a quarter: 第一季度, 1季度.
QUARTER_HAN = HAN_DIGITS[:4]
QUARTER_NUMERAL = f"[{QUARTER_HAN}1-4]"
# The value of each numeral below ten, as dates read them.
HAN_VALUES = dict(zip(HAN_DIGITS[:9], range(1, 10), strict=True))
# Brackets around a number, in full and half width: （一） (1).
OPENINGS = "（("
CLOSINGS = ")）"
OPEN = f"[{OPENINGS}]"
CLOSE = f"[{CLOSINGS}]"
# The mark after a number: 一、 1. 1．
STOPS = "、.．"
STOP = f"[{STOPS}]"
# One character that is a number with its mark: ⒈ … ⒛ (level of 1.), ⑴ … ⒇ (of (1)), ① … ⑳.
FULL_STOP_DIGITS = "".join(chr(0x2488 + index) for index in range(20))
PARENTHESIZED_DIGITS = "".join(chr(0x2474 + index) for index in range(20))
CIRCLED_DIGITS = "".join(chr(0x2460 + index) for index in range(20))

# --- Numbers in cells ----------------------------------------------------------------------
# A number column's cell: 3, （3）, 一、 (interpret: a cell that is not one is not a number).
NUMBER_CELL = re.compile(rf"^{OPEN}?\s*(\d{{1,5}}|{HAN_NUMERAL}{{1,3}})\s*[{CLOSINGS}{STOPS}]?$")
# A cell that reads as a number, for a column's role from its cells: 3, (3), 三、.
NUMBER_LIKE = re.compile(rf"^{OPEN}?(?:\d{{1,4}}|{HAN_NUMERAL}{{1,3}}){CLOSE}?{STOP}?$")
# 一 or 一、 or （一） alone in the number column: the numbering of sections, where projects count 1, 2, 3.
HEADING_NUMBER = re.compile(rf"^(?:{HAN_NUMERAL}{{1,3}}{STOP}?|{OPEN}{HAN_NUMERAL}{{1,3}}{CLOSE})$")
# A 序号 block of a web page's copy: a number, maybe with a mark (★) or in brackets.
ROW_NUMBER = re.compile(r"^\W*(\d{1,6})\W*$")
# A block that is nothing but a number, in any digits: never a header's word.
NUMBER_ALONE = re.compile(rf"^[\W_]*[0-9０-９{HAN_DIGITS}]+[\W_]*$")

# --- Numbers that start a line -------------------------------------------------------------
# 一、 or （一） or (3) at the start of a section's heading.
SECTION_NUMBER = rf"{HAN_NUMERAL}{{1,3}}{STOP}|{OPEN}[{HAN_DIGITS}\d]{{1,3}}{CLOSE}"
# A line that starts as a section heading does: 一、 （一） 第二部分 第3类 A、
SECTION_START = re.compile(rf"^(?:{SECTION_NUMBER}|第[{HAN_DIGITS}\d]{{1,3}}[部分类项章节篇组]|[A-Za-z]{STOP})")
# 一、 or （一） of any length, as a web page's blocks start a heading.
HEADING_MARK = rf"{HAN_NUMERAL}+{STOP}|{OPEN}{HAN_NUMERAL}+{CLOSE}"
HEADING_START = re.compile(rf"^(?:{HEADING_MARK})")
# The number of a labelled record: 01 项目名称：…, 1. 项目名称, 一、, 第3 …
RECORD_NUMBER = re.compile(rf"^\s*(?:第\s*)?(\d{{1,3}}|{HAN_NUMERAL}{{1,3}})(?:\s*{STOP}\s*|\s+|$)")

# --- The numbers of a prose list, by level -------------------------------------------------
# (rank, pattern) from the outer level in; the rank orders levels, not the pattern's position.
# Every quantifier is bounded or over a class the next token cannot match: no backtracking blow-up.
LIST_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"第([{HAN_NUMERALS_WIDE}]{{1,4}}|\d{{1,3}})[项件]\s*[：:{STOPS}，,]?\s*")),
    (0, re.compile(rf"([{HAN_NUMERALS_WIDE}]{{1,4}})\s*{STOP}\s*")),
    (1, re.compile(rf"{OPEN}\s*([{HAN_NUMERALS_WIDE}]{{1,4}})\s*{CLOSE}\s*{STOP}?\s*")),
    # 1.5万平方米 starts with an amount, not a number.
    (2, re.compile(r"(\d{1,5})\s*(?:[.．](?!\d)|、)\s*")),
    (3, re.compile(rf"(?:{OPEN}\s*(\d{{1,3}})\s*{CLOSE}|(\d{{1,3}}){CLOSE})\s*{STOP}?\s*")),
)
# A number in one character, and the level of the written form it stands for.
SYMBOL_MARKERS: dict[str, tuple[int, str]] = {
    **{symbol: (2, str(index + 1)) for index, symbol in enumerate(FULL_STOP_DIGITS)},
    **{symbol: (3, str(index + 1)) for index, symbol in enumerate(PARENTHESIZED_DIGITS)},
    **{symbol: (4, str(index + 1)) for index, symbol in enumerate(CIRCLED_DIGITS)},
}
AFTER_SYMBOL = re.compile(rf"\s*{STOP}?\s*")
# Most lines of a long list start with none of these, and need no pattern tried.
MARKER_STARTS = frozenset(HAN_NUMERALS_WIDE + "0123456789" + OPENINGS + "第")


@dataclass(frozen=True)
class Marker:
    """The number a line of a list starts with."""

    number: str  # as printed, without brackets and punctuation; ① and its kin become their digit
    rank: int  # 0 for 一、, larger for inner levels


def split_marker(line: str) -> tuple[Marker | None, str]:
    """A list line's number and the text after it; (None, line) when it starts with none, or is nothing else."""
    symbol = SYMBOL_MARKERS.get(line[0])
    if symbol is not None:
        rank, number = symbol
        text = line[AFTER_SYMBOL.match(line, 1).end():]
        return (Marker(number, rank), text) if text else (None, line)
    if line[0] not in MARKER_STARTS:
        return None, line
    for rank, pattern in LIST_MARKERS:
        match = pattern.match(line)
        if match and match.end() < len(line):
            number = next(group for group in match.groups() if group)
            return Marker(number, rank), line[match.end():]
    return None, line
