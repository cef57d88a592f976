"""Categories in the order their table numbered them, never by character code ((一)(三)(二) was the old order)."""

import re

CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
                  "九": 9}
# (一) （十一） 一、 十二. 1. 2、 第三 — the numbering a category heading starts with.
LEADING_NUMBER = re.compile(r"^\s*(?:第\s*)?[（(]?\s*([零〇一二两三四五六七八九十百]+|\d+)\s*[)）]?\s*[、.．]?")


def chinese_numeral(text: str) -> int:
    """一 → 1, 十 → 10, 十一 → 11, 二十三 → 23, 一百零五 → 105 (numbers a table's categories may reach)."""
    total, digit = 0, 0
    for char in text:
        if char == "百":
            total, digit = total + (digit or 1) * 100, 0
        elif char == "十":
            total, digit = total + (digit or 1) * 10, 0
        else:
            digit = CHINESE_DIGITS[char]
    return total + digit


def numbering(name: str | None) -> int | None:
    """The number a category's name starts with ((三)教育 → 3, 十一、交通 → 11, 2. 卫生 → 2), or None."""
    match = LEADING_NUMBER.match(name or "")
    if not match:
        return None
    value = match.group(1)
    return int(value) if value.isdecimal() else chinese_numeral(value)


def category_order(name: str | None, position: int | None = None) -> tuple:
    """Sort key: the table's own order (position) first, then the printed numbering, then the name;
    projects without a category last. Across plans, categories at the same place come together."""
    number = numbering(name)
    return (name is None, position if position is not None else 1 << 30,
            number if number is not None else 1 << 30, name or "")
