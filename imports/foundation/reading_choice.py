"""How to read a list the importer could not place: the administrator's choice, as a small typed object.

A pasted list whose lines are numbered in a way the importer does not know (A. B. C., 甲、乙、丙,
★ bullets) or not numbered at all has no header and fewer than two items the prose reader
recognises: it ends in 未找到表头. The preview then shows the lines and offers a reading: which
lines are projects (every line, every line with a number or mark, or the lines of one mark), which
mark heads a category, and at which line the list starts (the lines above are the title and the
notice). The choice travels inside LayoutChoice (`reading`), so it is stored with the import's
options, used again on confirming, and remembered for lists of the same shape (imports.shape.chosen_reading).

This module knows only the choice and the names of the marks; it imports nothing of the importer,
so layouts.py can hold it without a circle.
"""

from dataclasses import dataclass

EVERY_LINE = "line"  # each line of the list is a project
ANY_MARK = "any"  # each line starting with a number or a mark is a project
AUTOMATIC = "auto"  # the form's "read it as the importer does": no choice

# The marks a line may start with, by the name the form and the stored choice use: the numbering
# forms the prose reader knows (by level, imports.shape.prose.levels), then marks it does not know.
NUMBERING_MARKS = ("一、", "（一）", "1.", "（1）", "①")
LETTER_MARK = "A."
STEM_MARK = "甲、"
BULLETS = "★☆●○◆◇■□▲△▶►•※√✓-"
MARKS = (*NUMBERING_MARKS, LETTER_MARK, STEM_MARK, *BULLETS)
# How the form names a numbering: by its first numbers, so that "A." is not taken for the A line alone.
MARK_NAMES = {"一、": "一、二、…", "（一）": "（一）（二）…", "1.": "1. 2. …", "（1）": "（1）（2）…", "①": "①②…",
              LETTER_MARK: "A. B. …", STEM_MARK: "甲、乙、…"}


def mark_name(mark: str) -> str:
    return MARK_NAMES.get(mark, mark)
LONGEST_START = 99_999


@dataclass(frozen=True)
class ReadingChoice:
    """Which lines are projects, which head categories, and where the list starts.

    `items` is EVERY_LINE, ANY_MARK or one of MARKS; `categories` one of MARKS or "" (no
    categories); `start` the ordinal (from 1) of the list's first line, or None: after the title."""

    items: str
    categories: str = ""
    start: int | None = None

    def as_dict(self) -> dict:
        return {"items": self.items, "categories": self.categories, "start": self.start}

    @classmethod
    def from_dict(cls, data: dict | None) -> "ReadingChoice | None":
        """The choice a stored or posted dict holds; None for anything that is not a valid choice."""
        if not isinstance(data, dict):
            return None
        items, categories, start = data.get("items"), data.get("categories") or "", data.get("start")
        if items not in (EVERY_LINE, ANY_MARK, *MARKS) or categories not in ("", *MARKS) or items == categories:
            return None
        if start is not None and not (type(start) is int and 1 <= start <= LONGEST_START):  # not a bool
            return None
        return cls(items=items, categories=categories, start=start)
