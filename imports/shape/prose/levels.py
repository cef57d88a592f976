"""Numbered prose lists: the number of each line, its level, and which lines head a section.

Forms understood:

* Numbers, from the outer level in: 一、 and 第一项; （一）; 1. 1、 1． and ⒈; （1） (1) 1） and ⑴;
  ①–⑳. A number is kept as printed (一 stays 一, 3 after 2 stays 3 even if the list restarted),
  without its punctuation; ① and its kin become their digit, which the rest of the import reads
  (the patterns and their reading: imports/foundation/numbering.py).
* A numbered line is a section heading when it is short, has no sentence punctuation and no
  role, and the next numbered line is of an inner level (一、教育方面 then 1.…). Headings ending
  in 方面 / 领域 / 类 / 板块 / 篇 are headings with or without a number. A list of 一、二、三
  with nothing inside them is a list of items. A numbered line over an inner heading heads too,
  commas and all (二、稳增长，保持经济合理运行 over （一）千方百计保障企业运行).
* Headings over what is not a task, whole: 主要目标, 指导思想, 保障措施, 工作要求, 组织保障 … are
  headings with or without a number.
"""

import re
from dataclasses import dataclass

from imports.foundation.numbering import Marker, split_marker
from imports.read.base import RawRow
from imports.shape.prose.item_roles import ROLE_RE, has_own_text
from imports.shape.prose.role_brackets import label_role_brackets

_SENTENCE_MARKS_RE = re.compile(r"[。；;，,！!？?：:]")
TRAILING_COUNT_RE = re.compile(r"[（(][^（）()]{0,10}[)）]$")

HEADING_WORDS = ("方面", "领域", "类", "板块", "篇")
LONGEST_HEADING = 30
# Headings over what is not a task (目标, 措施, 要求): their paragraphs and measures are no projects.
# Whole headings only: （一）加强组织领导 is a measure, 四、组织领导 the heading over such measures.
NO_PROJECTS_HEADINGS = frozenset({
    "指导思想", "总体要求", "总体目标", "主要目标", "工作目标", "目标要求", "基本原则", "保障措施", "工作措施",
    "工作要求", "有关要求", "组织保障", "组织领导", "组织实施", "工作保障", "保障机制", "实施步骤", "工作步骤",
    # The sections of a 政策解读 around its list (天祝): why and on what the plan was made.
    "出台目的", "出台的目的", "出台背景", "制定背景", "起草背景", "政策背景", "制定依据", "起草依据", "政策依据",
})
LONGEST_UNNUMBERED_HEADING = 20


@dataclass(frozen=True)
class Paragraph:
    row: RawRow
    line: str  # as printed
    text: str  # without its number
    marker: Marker | None
    has_role: bool
    own_item: bool  # text and a bracketed role: an item even when its number was lost
    sealed: bool = False  # an item of a list told inside a paragraph: what follows it is not its text


def row_lines(row: RawRow) -> list[str]:
    """A row's text as lines: a cell may hold several paragraphs, a rare row several cells."""
    text = " ".join(cell for cell in row.cells if cell)
    return [line.strip() for line in text.split("\n") if line.strip()]


def read_paragraph(row: RawRow, line: str) -> Paragraph:
    marker, text = split_marker(line)
    labelled = label_role_brackets(text)  # （X主办，Y协办）: roles too
    roles = list(ROLE_RE.finditer(labelled))
    return Paragraph(row, line, text, marker, bool(roles), bool(roles) and has_own_text(labelled, roles[0]))


def _heading_like(text: str) -> bool:
    text = text.rstrip("：:")
    return 0 < len(text) <= LONGEST_HEADING and not _SENTENCE_MARKS_RE.search(text) and not ROLE_RE.search(text)


def heading_word(text: str) -> bool:
    return TRAILING_COUNT_RE.sub("", text.rstrip("：:")).endswith(HEADING_WORDS)


def no_projects_heading(text: str) -> bool:
    """A heading over what is not a task: 一、主要目标, 三、保障措施, 四、工作要求."""
    return TRAILING_COUNT_RE.sub("", text.rstrip("：:")).strip() in NO_PROJECTS_HEADINGS


def find_headings(paragraphs: list[Paragraph]) -> list[bool]:
    """Which paragraphs head a section: decided by what the next numbered line (or item) is."""
    following: int | None = None
    result = [False] * len(paragraphs)
    for index in range(len(paragraphs) - 1, -1, -1):
        paragraph = paragraphs[index]
        marker = paragraph.marker
        after = paragraphs[following] if following is not None else None
        if _heading_like(paragraph.text) and not paragraph.own_item:
            if marker is None:
                result[index] = len(paragraph.text) <= LONGEST_UNNUMBERED_HEADING and (
                    heading_word(paragraph.text) or no_projects_heading(paragraph.text))
            elif no_projects_heading(paragraph.text):
                result[index] = True  # 一、主要目标 over a paragraph, 二、主要任务 after it
            elif after is not None:
                result[index] = (
                    after.marker.rank > marker.rank if after.marker
                    else heading_word(paragraph.text)  # 一、教育方面 over items whose numbers were lost
                )
        elif (marker is not None and after is not None and after.marker is not None and result[following]
              and after.marker.rank > marker.rank and not paragraph.has_role
              and len(paragraph.text) <= LONGEST_HEADING):
            # 二、稳增长，保持经济合理运行 over （一）千方百计保障企业运行: a line over a heading heads too,
            # though it has a comma.
            result[index] = True
        elif (marker is not None and after is not None and after.marker is not None and after.has_role
              and after.marker.rank > marker.rank and not paragraph.has_role
              and paragraph.text.endswith("。") and _heading_like(paragraph.text[:-1])):
            # （一）全力推进产业项目建设。 over 1.…（省发改委主办…）: a heading, its full stop aside; over
            # points that name no unit it stays an item (1.新建学校3所。 over （1）城区2所).
            result[index] = True
        if marker is not None or paragraph.own_item:
            following = index
    return result


def heading_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.rstrip("：:。")).strip()
