"""Numbered prose lists -> a segment of projects, for plans written as paragraphs instead of a grid.

Many plans are a title, perhaps a few headings, and numbered paragraphs, one project each:

    岳麓区2024年十件民生实事
    一、教育方面
    1.新建中小学校3所。（牵头单位：区教育局；配合单位：区财政局；责任领导：王强；完成时限：2024年12月底）
    2、实施校园食堂改造30所。（责任单位：区教育局、区市场监管局）

Forms understood:

* Numbers, from the outer level in: 一、 and 第一项; （一）; 1. 1、 1． and ⒈; （1） (1) 1） and ⑴;
  ①–⑳. A number is kept as printed (一 stays 一, 3 after 2 stays 3 even if the list restarted),
  without its punctuation; ① and its kin become their digit, which the rest of the import reads.
* A numbered line is a section heading when it is short, has no sentence punctuation and no
  role, and the next numbered line is of an inner level (一、教育方面 then 1.…). Headings ending
  in 方面 / 领域 / 类 / 板块 / 篇 are headings with or without a number. A list of 一、二、三
  with nothing inside them is a list of items. A numbered line over an inner heading heads too,
  commas and all (二、稳增长，保持经济合理运行 over （一）千方百计保障企业运行).
* A heading may name a task instead of a category (漯河: 一、省重点民生实事 over （一）开展职业技能
  培训和评价取证 over 1. …): when each heading of its level stands inside an outer heading, has
  items and no heading under it, is worded as a task (six characters or more, no heading word,
  no count, no unit leading it) and more than half of them hold a single item. Such a heading is
  the project: its number and name, its first item's text, roles and progress; each further item
  is a sub-project (a row under the heading's number, merged down over it).
* Headings over what is not a task, whole: 主要目标, 指导思想, 保障措施, 工作要求, 组织保障 … are
  headings with or without a number. When some items of the list name their units and none of
  such a section's items do, the section holds no projects: its items are notes, reported as text
  not read, never dropped; so is a paragraph under such a heading.
* Inside an item, numbered lines of an inner level ((1) … (2) … under 1.) are parts of its text,
  unless they carry roles of their own. An unnumbered line after an item continues it, except a
  heading, a note (注：/说明：/备注：) or a paragraph that has text and a bracketed role of its own
  while the item already has roles: that is the next item, whose number was lost.
* Roles, bracketed or trailing, "：" or ":", separated by ；;，, or new brackets: 牵头单位 /
  主责单位 / 承办单位 / 主办单位 (lead), 配合单位 / 协办单位 / 参与单位 (assisting),
  责任单位 (lead, or assisting when a lead is named too), 责任领导 / 分管领导 / 牵头领导 /
  包联领导 … (leaders), 责任人 / 联系人 (staff), 完成时限 / 完成时间 / 时限 (deadline),
  总投资 / 投资 (money, 万元 or 亿元), 完成情况 / 进展情况 … (progress, which runs to the end of
  its line over full stops; a 完成情况 column is added only to a list that has it); 数据提供单位
  and the like are kept as a remark. 滁州 writes 牵头负责领导 / 牵头责任单位 / 协同责任单位. They
  are taken out of the item's text. 等 closing a list of units (市税务局、滁州海关等，各县…) is
  dropped. A section headed 一、县住建局牵头工作 is led by that unit (its
  items' 责任单位 then assist); a heading naming a person (钱海平区长牵头…) names no unit.
* Money without a role is read from the sentence when it says what the project costs
  (项目总投资约260万元; 分别投资约250万元和100万元 adds up to 约350万元); 完成投资 is not.
* Name: "标题：内容" with a short title gives the title; otherwise the whole text when short,
  else its first sentence. Units and people are passed on as written, for the cell parsers.

Lines above the first heading or item are the preamble (the title, the notice), for the caller.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from imports.cells.money import MONEY_RE, parse_amount
from imports.cells.units import ParsedUnit, is_complete, parse_units
from imports.layouts import build_layout
from imports.readers.base import RawRow
from imports.segments import Entry, Segment

# The synthetic header: each word is one classify() reads as the role its column holds.
HEADERS = ("序号", "项目名称", "项目内容", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限", "总投资（万元）", "备注")
NUMBER, NAME, CONTENT, LEAD, ASSISTING, LEADERS, STAFF, DEADLINE, MONEY, REMARKS = range(len(HEADERS))
# Added only to a list whose items report progress (完成情况：…), so every other list keeps its header.
PROGRESS_HEADER = "完成情况"
PROGRESS = len(HEADERS)

_HAN = "一二三四五六七八九十百零〇"
# (rank, pattern) from the outer level in; the rank orders levels, not the pattern's position.
# Every quantifier is bounded or over a class the next token cannot match: no backtracking blow-up.
_MARKERS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(rf"第([{_HAN}]{{1,4}}|\d{{1,3}})[项件]\s*[：:、.．，,]?\s*")),
    (0, re.compile(rf"([{_HAN}]{{1,4}})\s*[、.．]\s*")),
    (1, re.compile(rf"[（(]\s*([{_HAN}]{{1,4}})\s*[)）]\s*[、.．]?\s*")),
    # 1.5万平方米 starts with an amount, not a number.
    (2, re.compile(r"(\d{1,5})\s*(?:[.．](?!\d)|、)\s*")),
    (3, re.compile(r"(?:[（(]\s*(\d{1,3})\s*[)）]|(\d{1,3})[)）])\s*[、.．]?\s*")),
)
_SYMBOL_MARKERS: dict[str, tuple[int, str]] = {
    **{chr(0x2488 + index): (2, str(index + 1)) for index in range(20)},  # ⒈ … ⒛
    **{chr(0x2474 + index): (3, str(index + 1)) for index in range(20)},  # ⑴ … ⒇
    **{chr(0x2460 + index): (4, str(index + 1)) for index in range(20)},  # ① … ⑳
}
_AFTER_SYMBOL = re.compile(r"\s*[、.．]?\s*")
# Most lines of a long list start with none of these, and need no pattern tried.
_MARKER_STARTS = frozenset(_HAN + "0123456789（(第")

_LEAD_KEYS = ("牵头单位", "主责单位", "承办单位", "主办单位", "牵头部门", "主责部门", "承办部门", "责任科室", "实施单位",
              "实施主体", "牵头责任单位", "牵头负责单位")
_RESPONSIBLE_KEYS = ("责任单位", "责任部门")
_ASSISTING_KEYS = ("配合单位", "协办单位", "参与单位", "配合部门", "协办部门", "参与部门", "协同责任单位", "协同单位",
                   "协同部门")
_LEADER_KEYS = ("责任领导", "分管领导", "牵头领导", "包联领导", "联系领导", "挂点领导", "领衔领导", "责任区领导",
                "牵头负责领导", "负责领导")
_STAFF_KEYS = ("责任人员", "责任人", "联系人")
_DEADLINE_KEYS = ("完成时限", "完成时间", "完成期限", "时间节点", "时限")
_MONEY_KEYS = ("计划总投资", "估算总投资", "总投资额", "总投资", "计划投资", "投资总额", "投资额", "投资")
# What was done, in a report on the year (漯河: 完成情况：全年开展培训9.6万人次).
_PROGRESS_KEYS = ("完成情况", "进展情况", "工作进展", "推进情况", "进展成效", "进展与成效")
# Roles that are neither lead nor assisting (成都: 数据提供单位 supplies the figures): known so that
# they end the value before them, and kept as a remark instead of joining a unit list.
_OTHER_KEYS = ("数据提供单位", "数据提供部门", "数据来源单位", "督办单位", "督查单位", "监督单位", "指导单位")
_KEY_COLUMN = {
    **{key: LEAD for key in _LEAD_KEYS}, **{key: ASSISTING for key in _ASSISTING_KEYS},
    **{key: LEADERS for key in _LEADER_KEYS}, **{key: STAFF for key in _STAFF_KEYS},
    **{key: DEADLINE for key in _DEADLINE_KEYS}, **{key: MONEY for key in _MONEY_KEYS},
    **{key: PROGRESS for key in _PROGRESS_KEYS}, **{key: REMARKS for key in _OTHER_KEYS},
}
# Longest first: at one position 责任人员 must win over 责任人, 总投资额 over 总投资.
_ROLE_RE = re.compile(
    "(" + "|".join(sorted((*_KEY_COLUMN, *_RESPONSIBLE_KEYS), key=len, reverse=True)) + r")[ \t]*[：:]"
)
_OPENING = "（(【["
_CLOSING = "）)】]"
# Key words and the marks that can end a value. The lookahead on the first characters lets the
# engine skip ahead instead of trying every key word at every position: three times faster.
_TOKEN_RE = re.compile(
    "(?=[" + "".join(sorted({key[0] for key in (*_KEY_COLUMN, *_RESPONSIBLE_KEYS)})) + r"（(【\[）)】\]。\n])"
    "(?:" + _ROLE_RE.pattern + r"|([（(【\[）)】\]。\n]))"
)
_BRACKET_RE = re.compile(r"[（(【\[）)】\]]")
_SEPARATORS = " \t\n；;，,、"
_EMPTY_BRACKETS_RE = re.compile(r"[（(【\[][\s；;，,、：:]*[)）】\]]")
# The lookbehind starts a match only where a run of separators starts, which keeps this linear.
_SEPARATORS_BEFORE_STOP_RE = re.compile(r"(?<![\s；;，,、])[\s；;，,、]+(?=[。）)】\]])")
_BLANK_LINES_RE = re.compile(r"\n{2,}")
# 责任单位：县财政局。 on a line of its own leaves its full stop after the sentence's.
_REPEATED_STOP_RE = re.compile(r"。[\s。]*。")
_CLAUSE_END_RE = re.compile(r"[，,；;]")
_SENTENCE_END_RE = re.compile(r"[。；;]")
_SENTENCE_MARKS_RE = re.compile(r"[。；;，,！!？?：:]")
_TITLE_RE = re.compile(r"([^。；;！!？?，,：:\n]{1,30})[：:][ \t]*")
_TRAILING_COUNT_RE = re.compile(r"[（(][^（）()]{0,10}[)）]$")
# 一、县住建局牵头工作（8项）: the unit before 牵头 leads every item of the section.
_SECTION_LEAD_RE = re.compile(r"(.{2,30}?)牵头(?:的)?(?:重点)?(?:工作|任务|事项|项目)")
# Money stated in the sentence (项目总投资约260万元, 分别投资约250万元和100万元), not as a role.
# 完成投资 is a target reached, not what the project costs, so it is not among these.
_INVESTMENT_WORDS_RE = re.compile(r"总投资|项目投资|计划投资|估算投资|分别投资|投资总额|投资约")
_CLAUSE_RE = re.compile(r"[^，,；;。\n]+")
# 市税务局、滁州海关等，各县、市、区政府: 等 closes the list of names before it, whatever they end in.
_LIST_ETC_RE = re.compile(r"(、[^、，,；;\s]{2,40}?)等(?=[，,；;。]|$)")
# A bracket and what it holds, brackets inside excluded: each match starts at an opening bracket
# and stops at the next bracket of any kind, so the scan is linear.
_BRACKET_GROUP_RE = re.compile(r"[（(][^（）()]*[)）]")
_BRACKET_GROUP_SPLIT_RE = re.compile(r"([（(][^（）()]*[)）])")

HEADING_WORDS = ("方面", "领域", "类", "板块", "篇")
NOTE_STARTS = ("注：", "注:", "备注：", "备注:", "说明：", "说明:")
LONGEST_HEADING = 30
MIN_TASK_HEADING = 6
# Headings over what is not a task (目标, 措施, 要求): their paragraphs and measures are no projects.
# Whole headings only: （一）加强组织领导 is a measure, 四、组织领导 the heading over such measures.
NO_PROJECTS_HEADINGS = frozenset({
    "指导思想", "总体要求", "总体目标", "主要目标", "工作目标", "目标要求", "基本原则", "保障措施", "工作措施",
    "工作要求", "有关要求", "组织保障", "组织领导", "组织实施", "工作保障", "保障机制", "实施步骤", "工作步骤",
})
LONGEST_UNNUMBERED_HEADING = 20
LONGEST_WHOLE_NAME = 60
MIN_ITEMS = 2


@dataclass(frozen=True)
class _Marker:
    number: str  # as printed, without brackets and punctuation
    rank: int  # 0 for 一、, larger for inner levels


@dataclass(frozen=True)
class _Paragraph:
    row: RawRow
    line: str  # as printed
    text: str  # without its number
    marker: _Marker | None
    has_role: bool
    own_item: bool  # text and a bracketed role: an item even when its number was lost


@dataclass
class _Item:
    row: RawRow
    number: str
    rank: int | None
    parts: list[str] = field(default_factory=list)
    has_role: bool = False
    points_from: int | None = None  # the part its numbered points ((1) … (2) …) start at
    title: str = ""  # the heading of the task it is the first item of, which names the project
    line: str = ""  # its first line as printed, number and all
    under_title: bool = False  # a further item of such a task: a sub-project


@dataclass(frozen=True)
class _Said:
    """What the document says about the units of an item beyond the item's own words."""

    section_lead: str  # the unit its section's heading names as leading
    first_leads: bool  # 列第一位者为牵头单位: of several 责任单位, the first leads


def read_prose(rows: Sequence[RawRow]) -> tuple[list[str], Segment] | None:
    """The lines above the list, and the list as a Segment with a layout of its own.

    None when the rows do not read as a numbered list of items: fewer than two items, or rows
    that are mostly several cells wide (a grid whose header was not found)."""
    multi = sum(1 for row in rows if sum(1 for cell in row.cells if cell) > 1)
    if not rows or multi * 2 > len(rows):
        return None  # a grid without a header, not paragraphs
    paragraphs = [_paragraph(row, line) for row in rows for line in _lines(row)]
    headings = _headings(paragraphs)
    tasks = _task_headings(paragraphs, headings)
    first_leads = any(_says_first_leads(paragraph.text) for paragraph in paragraphs)
    preamble: list[str] = []
    entries: list[Entry] = []
    items = 0
    current: _Item | None = None
    in_note = False
    note_lists = False  # the note ended with a colon: numbered lines after it are its points
    section_lead = ""  # the unit a heading says leads its items
    lead_rank: int | None = None  # the level of that heading
    task: _Marker | None = None  # the number of the task heading above, whose items are its parts
    task_name = ""
    task_items = 0
    any_role = False  # some item names who does it
    quiet_rank: int | None = None  # the level of the heading of a section that holds no projects
    quiet: list[list[tuple[int, _Item]]] = []  # per such section, its items and where they stand

    def close() -> None:
        nonlocal current, items, any_role
        if current is not None:
            if quiet_rank is not None:
                quiet[-1].append((len(entries), current))
            entries.append(Entry("data", _data_row(current, _Said(section_lead, first_leads))))
            items += 1
            any_role |= current.has_role
            current = None

    for index, paragraph in enumerate(paragraphs):
        marker, text, row = paragraph.marker, paragraph.text, paragraph.row
        if headings[index]:
            close()
            in_note = False
            task = None
            if index in tasks:
                task, task_name, task_items = marker, _heading_text(text), 0
                continue
            entries.append(Entry("section", row, _heading_text(text)))
            rank = marker.rank if marker else None
            lead = _section_lead(text)
            if lead or rank is None or lead_rank is None or rank <= lead_rank:
                # An inner heading (（一）城建 under 一、县住建局牵头工作) keeps the lead of its section.
                section_lead, lead_rank = lead, rank
            if quiet_rank is not None and (rank is None or rank <= quiet_rank):
                quiet_rank = None
            if quiet_rank is None and _no_projects_heading(text):
                quiet_rank = -1 if rank is None else rank
                quiet.append([])
        elif not marker and text.startswith(NOTE_STARTS):
            close()
            in_note, note_lists = True, text.endswith(("：", ":"))
            entries.append(Entry("note", row, text))
        elif in_note and not paragraph.has_role and (not marker or note_lists):
            entries.append(Entry("note", row, paragraph.line))
        elif marker and current is not None and current.rank is not None and marker.rank > current.rank \
                and not paragraph.own_item:
            if current.points_from is None:
                current.points_from = len(current.parts)
            current.parts.append(paragraph.line)
            current.has_role |= paragraph.has_role
        elif marker or (paragraph.own_item and (current is None or current.has_role)):
            close()
            in_note = False
            current = _Item(row, marker.number if marker else "", marker.rank if marker else None,
                            [text], paragraph.has_role, line=paragraph.line)
            if task is not None and marker is not None and marker.rank > task.rank:
                # The first item under a task's heading is the task's content; the others its sub-projects.
                if task_items == 0:
                    current.number, current.title = task.number, task_name
                else:
                    current.number, current.under_title = "", True
                task_items += 1
        elif current is not None:
            current.parts.append(text)
            current.has_role |= paragraph.has_role
        elif entries:
            entries.append(Entry("note", row, text))  # text under a heading that is not an item
        else:
            preamble.append(text)
    close()
    if any_role:
        # 三、保障措施 over measures no unit answers for, in a plan whose tasks name theirs: not projects.
        for section in quiet:
            if not any(item.has_role for _index, item in section):
                for position, item in section:
                    entries[position] = Entry("note", item.row, "\n".join([item.line, *item.parts[1:]]))
                items -= len(section)
    if items < MIN_ITEMS:
        return None
    progress = any(len(entry.row.cells) > PROGRESS for entry in entries if entry.kind == "data")
    return preamble, Segment(build_layout(HEADERS + ((PROGRESS_HEADER,) if progress else ()), None, ()), entries)


def _lines(row: RawRow) -> list[str]:
    """A row's text as lines: a cell may hold several paragraphs, a rare row several cells."""
    text = " ".join(cell for cell in row.cells if cell)
    return [line.strip() for line in text.split("\n") if line.strip()]


def _paragraph(row: RawRow, line: str) -> _Paragraph:
    marker, text = _number(line)
    roles = list(_ROLE_RE.finditer(text))
    return _Paragraph(row, line, text, marker, bool(roles), bool(roles) and _has_own_text(text, roles[0]))


def _number(line: str) -> tuple[_Marker | None, str]:
    symbol = _SYMBOL_MARKERS.get(line[0])
    if symbol is not None:
        rank, number = symbol
        text = line[_AFTER_SYMBOL.match(line, 1).end():]
        return (_Marker(number, rank), text) if text else (None, line)
    if line[0] not in _MARKER_STARTS:
        return None, line
    for rank, pattern in _MARKERS:
        match = pattern.match(line)
        if match and match.end() < len(line):
            number = next(group for group in match.groups() if group)
            return _Marker(number, rank), line[match.end():]
    return None, line


def _has_own_text(text: str, role: re.Match[str]) -> bool:
    """Whether the first role stands in a bracket after text of its own: 建设食堂（牵头单位：…）."""
    opened = None
    depth = 0
    for bracket in _BRACKET_RE.finditer(text, 0, role.start()):
        if bracket.group() in _OPENING:
            if depth == 0:
                opened = bracket.start()
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0 and opened is not None and bool(text[:opened].strip(_SEPARATORS + "。"))


def _heading_like(text: str) -> bool:
    text = text.rstrip("：:")
    return 0 < len(text) <= LONGEST_HEADING and not _SENTENCE_MARKS_RE.search(text) and not _ROLE_RE.search(text)


def _heading_word(text: str) -> bool:
    return _TRAILING_COUNT_RE.sub("", text.rstrip("：:")).endswith(HEADING_WORDS)


def _no_projects_heading(text: str) -> bool:
    """A heading over what is not a task: 一、主要目标, 三、保障措施, 四、工作要求."""
    return _TRAILING_COUNT_RE.sub("", text.rstrip("：:")).strip() in NO_PROJECTS_HEADINGS


def _headings(paragraphs: list[_Paragraph]) -> list[bool]:
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
                    _heading_word(paragraph.text) or _no_projects_heading(paragraph.text))
            elif _no_projects_heading(paragraph.text):
                result[index] = True  # 一、主要目标 over a paragraph, 二、主要任务 after it
            elif after is not None:
                result[index] = (
                    after.marker.rank > marker.rank if after.marker
                    else _heading_word(paragraph.text)  # 一、教育方面 over items whose numbers were lost
                )
        elif (marker is not None and after is not None and after.marker is not None and result[following]
              and after.marker.rank > marker.rank and not paragraph.has_role
              and len(paragraph.text) <= LONGEST_HEADING):
            # 二、稳增长，保持经济合理运行 over （一）千方百计保障企业运行: a line over a heading heads too,
            # though it has a comma.
            result[index] = True
        if marker is not None or paragraph.own_item:
            following = index
    return result


@dataclass
class _Heading:
    index: int
    rank: int
    task_like: bool  # inside an outer heading, worded as a task, no heading under it
    items: int = 0
    item_rank: int | None = None


def _task_headings(paragraphs: list[_Paragraph], headings: list[bool]) -> set[int]:
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
    return (len(name) >= MIN_TASK_HEADING and not _TRAILING_COUNT_RE.search(name) and not _heading_word(name)
            and not _no_projects_heading(name) and not _section_lead(name))


def _says_first_leads(text: str) -> bool:
    """Whether a bracketed note says the first unit listed leads (列第一位者为牵头或汇总单位，下同)."""
    return "第一位" in text and any(_is_first_leads_note(note.group()) for note in _BRACKET_GROUP_RE.finditer(text))


def _is_first_leads_note(note: str) -> bool:
    return "第一位" in note and ("牵头" in note or "汇总" in note)


def _without_first_leads_note(value: str) -> str:
    if "第一位" not in value:
        return value
    kept = [part for part in _BRACKET_GROUP_SPLIT_RE.split(value) if not _is_first_leads_note(part)]
    return "".join(kept).strip(_SEPARATORS)


def _unit_text(unit: ParsedUnit) -> str:
    return unit.name + "".join(f"（{alias}）" for alias in unit.aliases)


def _heading_text(text: str) -> str:
    return re.sub(r"\s+", " ", text.rstrip("：:")).strip()


# Real lists repeat few headings; a hostile one should not parse ten thousand of them twice.
@lru_cache(maxsize=4096)
def _section_lead(heading: str) -> str:
    """The units a heading names as leading its section; "" for a leader (钱海平区长牵头重点工作)."""
    match = _SECTION_LEAD_RE.match(heading)
    if not match:
        return ""
    units = parse_units(match.group(1)).units
    return match.group(1) if units and all(is_complete(unit.name) for unit in units) else ""


def _stated_investment(content: str) -> str:
    """The investment a sentence states, in 万元 ("约350万元"), or ""; amounts listed after
    分别投资 are the parts of one project and add up."""
    for clause in _CLAUSE_RE.finditer(content):
        word = _INVESTMENT_WORDS_RE.search(clause.group())
        if not word:
            continue
        text = clause.group()[word.start():]
        amounts = [parse_amount(match.group()) for match in MONEY_RE.finditer(text)]
        values = [amount.value for amount in amounts if amount is not None]
        if not values:
            continue
        total = sum(values[1:], values[0]) if "分别" in text[:4] else values[0]
        approximate = "约" in text or any(amount.approximate for amount in amounts if amount)
        return f"{'约' if approximate else ''}{total.normalize():f}万元"
    return ""


def _data_row(item: _Item, said: _Said) -> RawRow:
    text = "\n".join(item.parts)
    values, remainder = _roles(text, said) if item.has_role else (_by_column([], said), text)
    name, content = _name_and_content(_tidy(remainder))
    if item.points_from is not None:
        # The name comes from the item's own words, not from the points spelling it out.
        head = "\n".join(item.parts[:item.points_from])
        name, _content = _name_and_content(_tidy(_roles(head, said)[1] if item.has_role else head))
    cells = [""] * (len(HEADERS) + 1)
    if item.title:
        # A heading naming the task (（三）提升基层医疗卫生服务能力): its items spell out what it does.
        name = item.title
    cells[NUMBER], cells[NAME], cells[CONTENT] = item.number, name, content
    for column, found in values.items():
        joiner = "\n" if column == PROGRESS else "；" if column in {DEADLINE, REMARKS} else "、"
        cells[column] = joiner.join(found)
    if not cells[MONEY]:
        cells[MONEY] = _stated_investment(content)
    while cells and not cells[-1]:
        cells.pop()
    # A further item under a task's heading: a row under the task's number, merged down over it.
    merged = frozenset({NUMBER}) if item.under_title else frozenset()
    return RawRow(sheet=item.row.sheet, line=item.row.line, cells=tuple(cells), merged=merged)


def _roles(text: str, said: _Said) -> tuple[dict[int, list[str]], str]:
    """The role values by column, and the text with every role taken out.

    One pass over the key words and the marks that can end a value: a value ends at the bracket
    closing the one its key stands in, at a full stop, at the end of its line when it stands in
    no bracket, and at the next key word at the latest."""
    values: list[tuple[str, str]] = []
    kept: list[str] = []
    position = 0  # where the kept text resumes
    depth = 0  # brackets open at this point of the text
    key: re.Match[str] | None = None  # the key word whose value is being read
    base = 0  # the depth at that key word
    opened: int | None = None  # the last bracket opened at that depth within the value
    running = False  # the value goes on over full stops (a progress report)

    def take(end: int) -> None:
        nonlocal position, key
        assert key is not None
        values.append((key.group(1), text[key.end():end].strip(_SEPARATORS)))
        kept.append(text[position:key.start()])
        position, key = end, None

    for token in _TOKEN_RE.finditer(text):
        mark = token.group(2)
        if key is not None:
            if mark is None:
                # A bracket still open at the next key word opens the roles that follow.
                take(opened if depth > base and opened is not None else token.start())
            elif mark in _OPENING:
                if depth == base:
                    opened = token.start()  # a unit's other name, 区教育局（区体育局）, or the next roles
            elif mark in _CLOSING:
                if depth == base:
                    take(token.start())
            elif depth == base and ((mark == "\n" and base == 0) if running else (mark == "。" or base == 0)):
                take(token.start())
        if mark is None:
            key, base, opened = token, depth, None
            # Progress is told in sentences: unbracketed, it runs to the end of its line.
            running = token.group(1) in _PROGRESS_KEYS
        elif mark in _OPENING:
            depth += 1
        elif mark in _CLOSING:
            depth = max(depth - 1, 0)
    if key is not None:
        take(opened if depth > base and opened is not None else len(text))
    kept.append(text[position:])
    return _by_column(values, said), "".join(kept)


def _by_column(values: list[tuple[str, str]], said: _Said) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    responsible: list[str] = []
    for key, value in values:
        column = _KEY_COLUMN.get(key)
        if key in _RESPONSIBLE_KEYS or column in {LEAD, ASSISTING}:
            value = _without_first_leads_note(value)
            if "等" in value:
                value = _LIST_ETC_RE.sub(r"\1", value)
        if not value:
            continue
        if key in _RESPONSIBLE_KEYS:
            responsible.append(value)
            continue
        assert column is not None
        if column == MONEY:
            value = _CLAUSE_END_RE.split(value, 1)[0]  # 500万元，其中区级补助200万元: the first clause
        elif column == REMARKS:
            value = f"{key}：{value}"
        found.setdefault(column, []).append(value)
    if LEAD not in found and said.section_lead:
        found[LEAD] = [said.section_lead]
    if responsible and LEAD not in found and said.first_leads:
        # 列第一位者为牵头单位: the first unit listed leads, the others assist.
        units = parse_units("、".join(responsible)).units
        if len(units) > 1:
            found[LEAD] = [_unit_text(units[0])]
            responsible = [_unit_text(unit) for unit in units[1:]]
    if responsible and LEAD in found:
        # Beside a named lead, the 责任单位 are those who share the work.
        found[ASSISTING] = responsible + found.get(ASSISTING, [])
    elif responsible:
        found[LEAD] = responsible
    return found


def _tidy(text: str) -> str:
    text = _EMPTY_BRACKETS_RE.sub("", text)
    text = _SEPARATORS_BEFORE_STOP_RE.sub("", text)
    text = _REPEATED_STOP_RE.sub("。", text)
    text = _BLANK_LINES_RE.sub("\n", text)
    return text.strip(_SEPARATORS)


def _name_and_content(text: str) -> tuple[str, str]:
    title = _TITLE_RE.match(text)
    if title and text[title.end():].strip():
        return title.group(1).strip(), text[title.end():].strip()
    if len(text) <= LONGEST_WHOLE_NAME:
        return text.rstrip("。；;").strip(), text
    lead = text.lstrip("。；;，, ")
    stop = _SENTENCE_END_RE.search(lead)
    return (lead[:stop.start()] if stop else lead).strip(), text
