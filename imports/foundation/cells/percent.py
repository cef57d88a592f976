"""Percent-complete cells (完成率, 完成进度): 85%, 85, 0.85 as Excel hands a percent-formatted cell over."""

import re
from decimal import ROUND_HALF_UP, Decimal

from imports.foundation.cells.money import FULL_WIDTH

# The whole cell a figure, with or without its percent sign: 85%, 85, 85.5 %, 0.85.
_FIGURE = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*([%％])?")
# A figure with its sign inside words: 已完成100%, 完成年度任务的60%.
_IN_WORDS = re.compile(r"(\d{1,3}(?:\.\d+)?)\s*[%％]")
DONE_WORDS = ("已完成", "全部完成", "完工", "已竣工")


def parse_percent(text: str) -> int | None:
    """The percent a cell gives, 0-100, rounded to a whole percent; None when it gives none."""
    plain = text.translate(FULL_WIDTH).strip()
    if figure := _FIGURE.fullmatch(plain):
        value = Decimal(figure.group(1))
        # A percent-formatted Excel cell arrives as its fraction: 0.85 is 85 %. A bare 1 stays 1 %.
        if not figure.group(2) and "." in figure.group(1) and value < 1:
            value *= 100
    elif found := _IN_WORDS.search(plain):
        value = Decimal(found.group(1))
    elif any(word in plain for word in DONE_WORDS):
        return 100
    else:
        return None
    whole = int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return whole if whole <= 100 else None
