"""Numbered prose lists: an item as a row of the synthetic header, and headings that name a task.

* A heading may name a task instead of a category (漯河: 一、省重点民生实事 over （一）开展职业技能
  培训和评价取证 over 1. …): when each heading of its level stands inside an outer heading, has
  items and no heading under it, is worded as a task (six characters or more, no heading word,
  no count, no unit leading it) and more than half of them hold a single item. Such a heading is
  the project: its number and name, its first item's text, roles and progress; each further item
  is a sub-project (a row under the heading's number, merged down over it).
* Name: "标题：内容" with a short title gives the title; otherwise the whole text when short,
  else its first sentence. Units and people are passed on as written, for the cell parsers.
"""

import re
from dataclasses import dataclass, field

from imports.read.base import RawRow
from imports.shape.prose.item_roles import (
    CONTENT,
    DEADLINE,
    HEADERS,
    MONEY,
    NAME,
    NUMBER,
    PROGRESS,
    REMARKS,
    SEPARATORS,
    Said,
    by_column,
    roles,
    section_lead_of,
    stated_investment,
)
from imports.shape.prose.levels import TRAILING_COUNT_RE, Paragraph, heading_word, no_projects_heading

_EMPTY_BRACKETS_RE = re.compile(r"[（(【\[][\s；;，,、：:]*[)）】\]]")
# The lookbehind starts a match only where a run of separators starts, which keeps this linear.
_SEPARATORS_BEFORE_STOP_RE = re.compile(r"(?<![\s；;，,、])[\s；;，,、]+(?=[。）)】\]])")
_BLANK_LINES_RE = re.compile(r"\n{2,}")
# 责任单位：县财政局。 on a line of its own leaves its full stop after the sentence's.
_REPEATED_STOP_RE = re.compile(r"。[\s。]*。")
_SENTENCE_END_RE = re.compile(r"[。；;]")
_TITLE_RE = re.compile(r"([^。；;！!？?，,：:\n]{1,30})[：:][ \t]*")

MIN_TASK_HEADING = 6
LONGEST_WHOLE_NAME = 60
MIN_ITEMS = 2


@dataclass
class Item:
    row: RawRow
    number: str
    rank: int | None
    parts: list[str] = field(default_factory=list)
    has_role: bool = False
    points_from: int | None = None  # the part its numbered points ((1) … (2) …) start at
    title: str = ""  # the heading of the task it is the first item of, which names the project
    line: str = ""  # its first line as printed, number and all
    under_title: bool = False  # a further item of such a task: a sub-project


@dataclass
class _Heading:
    index: int
    rank: int
    task_like: bool  # inside an outer heading, worded as a task, no heading under it
    items: int = 0
    item_rank: int | None = None


def task_headings(paragraphs: list[Paragraph], headings: list[bool]) -> set[int]:
    """The headings that name a project rather than a category: their first item is its content.

    漯河: 一、省重点民生实事 is the category, and each （一）开展职业技能培训和评价取证 under it a
    实事 whose numbered items (1. 2. …) say what it does; most hold one item. A level of headings
    reads so when each of them stands inside an outer heading, has items and no heading under
    it, reads as a task (no heading word, no unit leading it, at least MIN_TASK_HEADING
    characters), and more than half of them hold a single item."""
    levels: dict[int, list[_Heading]] = {}
    enclosing: list[int] = []  # the ranks of the numbered headings around this point
    current: _Heading | None = None
    for index, paragraph in enumerate(paragraphs):
        marker = paragraph.marker
        if headings[index]:
            if marker is None:
                enclosing, current = [], None
                continue
            if current is not None and marker.rank > current.rank:
                current.task_like = False  # a heading over headings is a category
            while enclosing and enclosing[-1] >= marker.rank:
                enclosing.pop()
            current = _Heading(index, marker.rank, bool(enclosing) and _task_like(paragraph.text))
            enclosing.append(marker.rank)
            levels.setdefault(marker.rank, []).append(current)
        elif marker is not None and current is not None:
            if marker.rank <= current.rank:
                current = None  # an item of an outer level: the heading's items have ended
            elif current.item_rank in (None, marker.rank):
                current.item_rank = marker.rank
                current.items += 1
    found: set[int] = set()
    for level in levels.values():
        single = sum(1 for heading in level if heading.items == 1)
        if len(level) >= MIN_ITEMS and single * 2 > len(level) and all(
                heading.task_like and heading.items for heading in level):
            found.update(heading.index for heading in level)
    return found


def _task_like(text: str) -> bool:
    """Worded as one task (开展职业技能培训和评价取证), not a topic (教育) or a counted group (教育（3项）)."""
    name = text.rstrip("：:").strip()
    return (len(name) >= MIN_TASK_HEADING and not TRAILING_COUNT_RE.search(name) and not heading_word(name)
            and not no_projects_heading(name) and not section_lead_of(name))


def data_row(item: Item, said: Said) -> RawRow:
    text = "\n".join(item.parts)
    values, remainder = roles(text, said) if item.has_role else (by_column([], said), text)
    name, content = _name_and_content(_tidy(remainder))
    if item.points_from is not None:
        # The name comes from the item's own words, not from the points spelling it out.
        head = "\n".join(item.parts[:item.points_from])
        name, _content = _name_and_content(_tidy(roles(head, said)[1] if item.has_role else head))
    cells = [""] * (len(HEADERS) + 1)
    if item.title:
        # A heading naming the task (（三）提升基层医疗卫生服务能力): its items spell out what it does.
        name = item.title
    cells[NUMBER], cells[NAME], cells[CONTENT] = item.number, name, content
    for column, found in values.items():
        joiner = "\n" if column == PROGRESS else "；" if column in {DEADLINE, REMARKS} else "、"
        cells[column] = joiner.join(found)
    if not cells[MONEY]:
        cells[MONEY] = stated_investment(content)
    while cells and not cells[-1]:
        cells.pop()
    # A further item under a task's heading: a row under the task's number, merged down over it.
    merged = frozenset({NUMBER}) if item.under_title else frozenset()
    return RawRow(sheet=item.row.sheet, line=item.row.line, cells=tuple(cells), merged=merged)


def _tidy(text: str) -> str:
    text = _EMPTY_BRACKETS_RE.sub("", text)
    text = _SEPARATORS_BEFORE_STOP_RE.sub("", text)
    text = _REPEATED_STOP_RE.sub("。", text)
    text = _BLANK_LINES_RE.sub("\n", text)
    return text.strip(SEPARATORS)


def _name_and_content(text: str) -> tuple[str, str]:
    title = _TITLE_RE.match(text)
    if title and text[title.end():].strip():
        return title.group(1).strip(), text[title.end():].strip()
    if len(text) <= LONGEST_WHOLE_NAME:
        return text.rstrip("。；;").strip(), text
    lead = text.lstrip("。；;，, ")
    stop = _SENTENCE_END_RE.search(lead)
    return (lead[:stop.start()] if stop else lead).strip(), text
