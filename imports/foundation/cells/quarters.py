"""Work-plan cells (工作计划, 形象进度安排): what is due in each quarter of the plan year.

A plan is written with quarter labels (第一季度：…；第二、三季度：…), with months (1-3月…，
9月…), or with parts of the year (年初…，年底前完成). Each dated piece goes to the quarter it
is due in; months before the plan year are preparation; what cannot be dated is reported.
"""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import NamedTuple

from django.utils.translation import gettext as _

from imports.foundation.numbering import CIRCLED_DIGITS, QUARTER_HAN, QUARTER_NUMERAL

QUARTER_WORD = "季度"
QUARTER_NUMERALS = {**{numeral: n for n, numeral in enumerate(QUARTER_HAN, 1)}, **{str(n): n for n in range(1, 5)}}
# 第一季度 / 一季度 / 第二、第三季度 / 第一、二季度 / 第三季度、第四季度 / 第一至三季度
QUARTER_LABELS_RE = re.compile(
    rf"(?:第?{QUARTER_NUMERAL}(?:{QUARTER_WORD})?\s*[、，,和及至\-—~]\s*)*第?{QUARTER_NUMERAL}{QUARTER_WORD}\s*[:：]?"
)
QUARTER_RANGE_MARKS = ("至", "-", "—", "~")
# 1月 / 1-3月 / 2021年10月 / 6月底前 / 11月起 / 9月份 / 8月30日前
MONTH_RE = re.compile(
    r"(?<![\d.])(?:(?P<year>\d{4})\s*年\s*)?(?P<first>\d{1,2})\s*(?:月份?\s*)?"
    r"(?:[-－—–~～至到]\s*(?:(?P<end_year>\d{4})\s*年\s*)?(?P<last>\d{1,2})\s*)?月份?"
    r"(?:\s*\d{1,2}\s*[日号])?(?:上旬|中旬|下旬|初|中|底|末)?(?:之前|以前|前|起)?"
)
# Parts of the year, and the quarter each is due in. 年中 is the end of June, so Q2.
YEAR_PARTS = {"年初": 1, "上半年": 2, "年中": 2, "下半年": 4, "年底": 4, "年末": 4, "年内": 4}
# (?!秋): the 年中 of 2021年中秋 is the mid-autumn festival.
YEAR_PART_RE = re.compile(
    r"(?:(?P<year>\d{4})\s*年?)?(?P<word>" + "|".join(YEAR_PARTS) + r")(?!秋)(?:之前|以前|前)?"
)
# Work that goes on all year; only at the start of a clause (完成全年任务 is not a date).
WHOLE_YEAR_WORDS = ("常年", "全年")
WHOLE_YEAR_RE = re.compile(r"(?:^|(?<=[，,；;。\s]))(?:" + "|".join(WHOLE_YEAR_WORDS) + ")")
ALL_QUARTERS = (1, 2, 3, 4)
CLAUSE_MARKS = "，,；;。！？\n"
TRIM = " \t\n　，,；;。：:、"
ITEM_RE = re.compile(f"[{CIRCLED_DIGITS[:10]}]")  # ① … ⑩
JOINER = "；"
PERCENT_RE = re.compile(r"(\d+(?:\.\d+)?)\s*[%％]")


@dataclass(frozen=True)
class QuartersParse:
    """Planned text per quarter (1–4), work before the plan year, and what could not be placed."""

    milestones: dict[int, str]
    preparation: str
    warnings: list[str]


class _Marker(NamedTuple):
    """A date found in plan text: where it is, the quarters it means, and its printed year."""

    start: int
    end: int
    quarters: tuple[int, ...]
    year: int | None  # as printed; None when the text gives no year
    keep_words: bool  # 常年/全年 stay in the text: the quarter alone does not say it


def quarter_of_month(month: int) -> int:
    """The quarter (1–4) a month (1–12) falls in; the one place quarters are derived."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return (month - 1) // 3 + 1


@lru_cache(maxsize=16384)  # a table's thousands of quarter cells repeat a few hundred texts
def target_percent(text: str) -> int | None:
    """The share of the year's task a quarter column targets (完成年度任务数的50% → 50)."""
    match = PERCENT_RE.search(text or "")
    if not match:
        return None
    value = int(Decimal(match.group(1)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return value if 0 <= value <= 100 else None


def _clean(text: str) -> str:
    """A piece of plan text without the punctuation and spaces around it."""
    return text.strip(TRIM)


def _label_quarters(label: str) -> tuple[int, ...]:
    """The quarters a label names: 第二、三季度 → (2, 3); 第一至三季度 → (1, 2, 3)."""
    numbers = [QUARTER_NUMERALS[c] for c in re.findall(QUARTER_NUMERAL, label.replace(QUARTER_WORD, " "))]
    if len(numbers) == 2 and any(mark in label for mark in QUARTER_RANGE_MARKS):
        return tuple(range(numbers[0], numbers[1] + 1))
    return tuple(dict.fromkeys(numbers))


def _by_labels(text: str, labels: list[re.Match[str]]) -> tuple[dict[int, list[str]], str]:
    """Texts under quarter labels, and any text before the first label."""
    pieces: dict[int, list[str]] = {}
    for index, label in enumerate(labels):
        end = labels[index + 1].start() if index + 1 < len(labels) else len(text)
        piece = _clean(text[label.end() : end])
        for quarter in _label_quarters(label.group()) if piece else ():
            pieces.setdefault(quarter, []).append(piece)
    return pieces, text[: labels[0].start()]


def _month_marker(match: re.Match[str], warnings: list[str]) -> _Marker | None:
    """A marker for a month or month range; a range is due in the quarter it ends in."""
    month = int(match.group("last") or match.group("first"))
    if not 1 <= month <= 12:
        warnings.append(_("Not a month: %(text)s") % {"text": match.group()})
        return None
    year = match.group("end_year") or match.group("year")
    return _Marker(match.start(), match.end(), (quarter_of_month(month),), int(year) if year else None, False)


def _markers(text: str, warnings: list[str]) -> list[_Marker]:
    """Every date in the text, in order, without overlaps."""
    found = [m for m in (_month_marker(match, warnings) for match in MONTH_RE.finditer(text)) if m]
    for match in YEAR_PART_RE.finditer(text):
        year = int(match.group("year")) if match.group("year") else None
        found.append(_Marker(match.start(), match.end(), (YEAR_PARTS[match.group("word")],), year, False))
    found += [_Marker(m.start(), m.end(), ALL_QUARTERS, None, True) for m in WHOLE_YEAR_RE.finditer(text)]
    markers: list[_Marker] = []
    for marker in sorted(found, key=lambda m: (m.start, -m.end)):
        if not markers or marker.start >= markers[-1].end:
            markers.append(marker)
    return markers


def _clause_start(text: str, start: int, limit: int) -> int:
    """Where the clause holding position limit begins, not before start."""
    return max([start] + [i + 1 for i in range(start, limit) if text[i] in CLAUSE_MARKS])


def _by_dates(
    text: str, markers: list[_Marker], plan_year: int | None
) -> tuple[dict[int, list[str]], list[str], str, list[str]]:
    """Texts per quarter from dates, the preparation, text before the first date, and doubts."""
    pieces: dict[int, list[str]] = {}
    preparation: list[str] = []
    warnings: list[str] = []
    starts = [_clause_start(text, markers[i - 1].end if i else 0, m.start) for i, m in enumerate(markers)]
    year = None
    for index, marker in enumerate(markers):
        end = starts[index + 1] if index + 1 < len(markers) else len(text)
        lead, rest = text[starts[index] : marker.start], text[marker.end : end]
        # A date opening its clause is dropped (the quarter says it); one inside a clause stays,
        # or 争取在8月30日前完成采购 would read 争取在完成采购.
        inside = bool(_clean(lead))
        words = text[marker.start : marker.end] if marker.keep_words or inside else ""
        piece = _clean(lead + words + (rest if inside else rest.lstrip(TRIM)))
        year = marker.year or year  # 2021年10月…，11月… : 11月 is still 2021
        if plan_year and year and year < plan_year:
            preparation.append(_clean(text[starts[index] : end]))
        elif plan_year and year and year > plan_year:
            warnings.append(_("Planned after the plan year: %(text)s") % {"text": _clean(text[starts[index] : end])})
        elif piece:
            for quarter in marker.quarters:
                pieces.setdefault(quarter, []).append(piece)
    return pieces, preparation, text[: starts[0]], warnings


def _parse_item(text: str, year: int | None) -> tuple[dict[int, list[str]], list[str], list[str]]:
    """Quarters, preparation and doubts of one numbered item (① …) of a plan."""
    warnings: list[str] = []
    labels = list(QUARTER_LABELS_RE.finditer(text))
    if labels:
        pieces, before = _by_labels(text, labels)
        preparation: list[str] = []
    else:
        markers = _markers(text, warnings)
        if not markers:
            return {}, [], [_("Part of the plan could not be placed in a quarter: %(text)s") % {"text": _clean(text)}]
        if year is None:
            # Without a plan year, the latest year the text names is the plan year.
            year = max((m.year for m in markers if m.year), default=None)
        pieces, preparation, before, more = _by_dates(text, markers, year)
        warnings += more
    if _clean(before):
        warnings.append(_("Part of the plan could not be placed in a quarter: %(text)s") % {"text": _clean(before)})
    return pieces, preparation, warnings


def parse_quarters(text: str, *, year: int | None) -> QuartersParse:
    """Read what is due in each quarter of the plan year from a work-plan cell."""
    pieces: dict[int, list[str]] = {}
    preparation: list[str] = []
    warnings: list[str] = []
    for item in ITEM_RE.split(text or ""):
        if not _clean(item):
            continue
        item_pieces, item_preparation, item_warnings = _parse_item(item, year)
        for quarter, texts in item_pieces.items():
            pieces.setdefault(quarter, []).extend(texts)
        preparation += item_preparation
        warnings += item_warnings
    milestones = {quarter: JOINER.join(pieces[quarter]) for quarter in sorted(pieces)}
    return QuartersParse(milestones, JOINER.join(preparation), warnings)
