"""Numbers written loosely, found after each line's own number is read (issue 17, study class 3).

* A number alone on its line, the item on the next ((一) then 促进群众就业增收，…): the page set
  each number in a paragraph of its own. The two lines read as one.
* 之一：…之五： numbers items like 1. 2. (a 街道's 五大民生工程).
* A number glued to the name (1前进区大豆深加工…, 2南岗村…): read as a number only inside a run,
  where the line before or after is numbered one less or one more at the level of 1. 2. — so
  2024年, 2所幼儿园 or a stray 7天内 at a line's start stays text.
* A heading that lost its numeral (、其他项目 between 一、产业项目's items and 1. items of its own):
  a sibling of the nearest heading above that is outer to the items after it.
"""

import re
from dataclasses import replace

from imports.foundation.numbering import HAN_DIGITS
from imports.shape.prose.item_roles import ROLE_RE, has_own_text
from imports.shape.prose.levels import Marker, Paragraph, read_paragraph

_HAN_DIGITS = HAN_DIGITS[:9]  # 一 … 九: a number one more is the next of these, or 十
_ZHIYI_RE = re.compile(rf"之([{_HAN_DIGITS}十]{{1,3}})\s*[：:、.．]\s*")
ARABIC_RANK = 2  # the level of 1. and 1、 (imports/foundation/numbering.py)
# What follows a count or a date at a line's start (2所, 2024年, 3号楼): such a number is no item's.
_COUNTED = "年月日号时点分秒天周个件项所座户人名位次万千百亿元角米里亩套处条家栋辆台吨岁倍期批层间张只份种类场"
_GLUED_RE = re.compile(rf"(\d{{1,3}})(?=[\u4e00-\u9fff])(?![{_COUNTED}])")
LONGEST_ALONE = 8  # （十二）, 第十二项： — a line this short may be a number alone
LONGEST_LOST_HEADING = 30


def read_loose_numbers(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """The paragraphs with these numbers read; lines each read once, in order."""
    paragraphs = _join_numbers_alone(paragraphs)
    paragraphs = [_zhiyi(paragraph) for paragraph in paragraphs]
    _glued(paragraphs)
    _lost_numerals(paragraphs)
    return paragraphs


def _numbered(paragraph: Paragraph, marker: Marker, text: str) -> Paragraph:
    roles = list(ROLE_RE.finditer(text))
    return replace(paragraph, text=text, marker=marker, has_role=bool(roles),
                   own_item=bool(roles) and has_own_text(text, roles[0]))


def _join_numbers_alone(paragraphs: list[Paragraph]) -> list[Paragraph]:
    joined: list[Paragraph] = []
    skip = False
    for index, paragraph in enumerate(paragraphs):
        if skip:
            skip = False
            continue
        after = paragraphs[index + 1] if index + 1 < len(paragraphs) else None
        if paragraph.marker is None and len(paragraph.line) <= LONGEST_ALONE and after is not None \
                and after.marker is None:
            both = read_paragraph(paragraph.row, paragraph.line + after.line)
            # The short line was a number and nothing else: the number is all it adds.
            if both.marker is not None and both.text == after.line:
                joined.append(both)
                skip = True
                continue
        joined.append(paragraph)
    return joined


def _zhiyi(paragraph: Paragraph) -> Paragraph:
    if paragraph.marker is not None or not paragraph.line.startswith("之"):
        return paragraph
    match = _ZHIYI_RE.match(paragraph.line)
    if match is None or match.end() == len(paragraph.line):
        return paragraph
    return _numbered(paragraph, Marker(match.group(1), ARABIC_RANK), paragraph.line[match.end():])


def _glued(paragraphs: list[Paragraph]) -> None:
    """Number the lines whose glued number continues, or is continued by, the run it stands in."""
    candidates = {
        index: match for index, paragraph in enumerate(paragraphs)
        if paragraph.marker is None and (match := _GLUED_RE.match(paragraph.line))
    }
    if not candidates:
        return
    # Each line's number at the level of 1. 2., printed or glued; None for other lines.
    numbers: list[int | None] = [
        int(candidates[index].group(1)) if index in candidates
        else int(paragraph.marker.number) if paragraph.marker and paragraph.marker.rank == ARABIC_RANK
        and paragraph.marker.number.isdecimal() else None
        for index, paragraph in enumerate(paragraphs)
    ]
    previous = _nearest(numbers, range(len(numbers)))
    following = _nearest(numbers, range(len(numbers) - 1, -1, -1))
    for index, match in candidates.items():
        number = numbers[index]
        if previous[index] == number - 1 or following[index] == number + 1:
            paragraph = paragraphs[index]
            paragraphs[index] = _numbered(paragraph, Marker(match.group(1), ARABIC_RANK),
                                          paragraph.line[match.end():])


def _nearest(numbers: list[int | None], order: range) -> list[int | None]:
    """For each line, the number of the nearest numbered line before it in `order`."""
    seen: int | None = None
    nearest: list[int | None] = [None] * len(numbers)
    for index in order:
        nearest[index] = seen
        if numbers[index] is not None:
            seen = numbers[index]
    return nearest


def _lost_numerals(paragraphs: list[Paragraph]) -> None:
    outer: list[Marker] = []  # the markers above this point, each outer to the one after it
    for index, paragraph in enumerate(paragraphs):
        marker = paragraph.marker
        if marker is not None:
            while outer and outer[-1].rank >= marker.rank:
                outer.pop()
            outer.append(marker)
            continue
        text = paragraph.line[1:].strip()
        if not paragraph.line.startswith("、") or not 0 < len(text) <= LONGEST_LOST_HEADING \
                or any(mark in text for mark in "。；;，,！!？?"):
            continue
        after = next((later.marker for later in paragraphs[index + 1:] if later.marker is not None), None)
        sibling = next((above for above in reversed(outer) if after is not None and above.rank < after.rank), None)
        if sibling is not None:
            lost = Marker(_next_numeral(sibling.number), sibling.rank)
            paragraphs[index] = _numbered(paragraph, lost, text)
            while outer and outer[-1].rank >= lost.rank:
                outer.pop()
            outer.append(lost)


def _next_numeral(number: str) -> str:
    """The number after 一 (二), after 九 (十), after 3 (4); as printed in the list, or empty."""
    if number.isdecimal():
        return str(int(number) + 1)
    if len(number) == 1 and number in _HAN_DIGITS:
        return (_HAN_DIGITS + "十")[_HAN_DIGITS.index(number) + 1]
    return ""
