"""Header words -> column roles: a table's layout is recognised from what its header says.

Nothing here knows a particular file. A header row is a row of short cells most of which name
a known column; a second header row under it (1季度 … 4季度, 总投资 上级补助 …) refines the
columns it covers. Traditional characters are read as simplified for matching only.
"""

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from functools import lru_cache

from django.utils.translation import gettext_lazy

from imports.foundation.cells.money import FUNDING_SOURCES
from imports.foundation.cells.script import simplified
from imports.foundation.numbering import HAN_NUMERAL, QUARTER_NUMERAL
from imports.foundation.reading_choice import ReadingChoice


class Role(StrEnum):
    NUMBER = "number"
    NAME = "name"
    CONTENT = "content"
    REASON = "reason"
    PREPARATION = "preparation"
    WORK_PLAN = "work_plan"
    QUARTER = "quarter"
    PERIOD = "construction_period"
    TOTAL = "total_investment"
    ANNUAL = "annual_investment"
    SOURCE = "source"
    FUNDING = "funding"
    LEAD = "lead"
    ASSISTING = "assisting"
    LEADERS = "leaders"
    STAFF = "staff"
    DEADLINE = "deadline"
    PROGRESS = "progress"
    PERCENT = "percent_complete"
    REMARKS = "remarks"
    CATEGORY = "category"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.NUMBER: gettext_lazy("number"), Role.NAME: gettext_lazy("project name"),
    Role.CONTENT: gettext_lazy("content"), Role.REASON: gettext_lazy("reason"),
    Role.PREPARATION: gettext_lazy("preparation"), Role.WORK_PLAN: gettext_lazy("work plan"),
    Role.QUARTER: gettext_lazy("quarterly milestone"), Role.PERIOD: gettext_lazy("construction period"),
    Role.TOTAL: gettext_lazy("total investment"), Role.ANNUAL: gettext_lazy("annual investment"),
    Role.SOURCE: gettext_lazy("funding by source"), Role.FUNDING: gettext_lazy("funding text"),
    Role.LEAD: gettext_lazy("lead units"), Role.ASSISTING: gettext_lazy("assisting units"),
    Role.LEADERS: gettext_lazy("supervising leaders"), Role.STAFF: gettext_lazy("responsible staff"),
    Role.DEADLINE: gettext_lazy("deadline"), Role.PROGRESS: gettext_lazy("progress"),
    Role.PERCENT: gettext_lazy("percent complete"),
    Role.REMARKS: gettext_lazy("remarks"), Role.CATEGORY: gettext_lazy("category"),
}
# The roles an admin may give a column by hand (a quarter or a funding source needs its header's words).
CHOSEN_ROLES = tuple(role for role in Role if role not in {Role.QUARTER, Role.SOURCE})

# Checked in this order, first match wins: 项目内容 is content before 项目 makes it a name,
# 责任人员 is staff before 责任单位 makes it a unit, 年度投资 and 2025年计划投资 are annual before 投资
# makes them total, 项目类别 is a category before 项目 makes it a name.
HEADER_WORDS: tuple[tuple[Role, tuple[str, ...]], ...] = (
    (Role.NUMBER, ("序号", "编号", "序")),
    (Role.ANNUAL, ("年度投资", "年度计划投资", "本年度投资", "年度资金", "本年投资", "年计划投资", "年投资")),
    (Role.TOTAL, ("总投资", "计划投资", "投资总额", "投资额", "投资规模", "估算投资", "投资", "资金规模", "金额")),
    (Role.FUNDING, ("资金安排", "资金来源", "资金筹措", "经费来源")),
    (Role.LEADERS, ("领导",)),
    (Role.STAFF, ("责任人员", "责任人", "联系人", "经办人", "信息员")),
    (Role.LEAD, ("承办单位", "牵头单位", "责任科室", "主办单位", "牵头部门",
                 "主责单位", "主责部门", "责任主体", "承办", "牵头",
                 "主办", "主管部门", "主管单位")),
    (Role.ASSISTING, ("协办单位", "配合单位", "责任单位", "参与单位", "协办", "配合", "责任部门", "监管单位",
                      "监考单位", "协同单位", "实施单位", "建设单位", "项目单位", "业主单位", "实施主体")),
    # Before the progress words: 完成比例 is a figure, 完成情况 is text.
    (Role.PERCENT, ("完成率", "完成进度", "完成比例", "完成百分比", "进度百分比", "完成进度百分比")),
    (Role.PROGRESS, ("进展情况", "当前进度", "工作进展", "进展", "完成情况", "推进情况", "落实情况", "实施情况",
                     "进度情况")),
    (Role.WORK_PLAN, ("工作计划", "形象进度", "进度计划", "进度安排", "时间安排", "实施计划", "计划安排")),
    (Role.DEADLINE, ("完成时限", "时间节点", "完成时间", "时限", "完成期限", "时间要求")),
    (Role.PERIOD, ("建设年限", "建设周期", "起止年限", "实施年限", "建设时间", "实施时间", "起止时间", "建设期限")),
    (Role.REASON, ("推荐理由", "立项理由", "理由", "必要性")),
    (Role.PREPARATION, ("前期准备", "准备情况", "前期工作")),
    (Role.CATEGORY, ("类别", "类型", "领域", "分类", "板块")),
    (Role.CONTENT, ("项目简况", "主要内容", "项目内容", "建设内容", "建设规模", "工作内容", "实施内容",
                    "目标任务", "工作目标", "年度目标", "全年目标", "全年任务", "具体内容",
                    "主要目标", "任务目标", "目标要求", "建设任务",
                    "工作举措", "主要举措", "具体举措", "年度任务", "任务及目标")),
    (Role.NAME, ("项目名称", "具体任务", "实事项目", "任务名称", "名称", "工作任务", "事项", "民生实事", "项目",
                 "重点工作", "督办内容", "任务")),
    (Role.REMARKS, ("备注", "说明")),
)
# Columns known to be none of the roles: their cells are kept as other data, never given a role
# from what they hold (a 建设地点 of 各镇（街道） is a place, not the units doing the work).
OTHER_DATA_WORDS = ("地点", "地址", "位置", "所在地", "电话", "性质")
# Unit headers that name only the helpers: such a column never becomes the lead column.
HELPER_WORDS = ("协办", "配合", "参与", "协同")
QUARTER_HEADER = re.compile(rf"^(?:第)?({QUARTER_NUMERAL})季度?(?:计划|目标|节点|进度)?$|^Q([1-4])$", re.IGNORECASE)
CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4}
# A quarter named by its months (1-3月, 四至六月) or a half-year by the quarter it ends (上半年: 2).
MONTHS_HEADER = re.compile(rf"^(\d{{1,2}}|{HAN_NUMERAL}{{1,2}})月?[-—–~～至到]"
                           rf"(\d{{1,2}}|{HAN_NUMERAL}{{1,3}})月"
                           r"(?:份)?(?:计划|目标|节点|进度)?$")
HALF_YEAR_HEADER = re.compile(r"^(上半年|下半年|前三季度)(?:计划|目标|节点|进度)?$")
HALF_YEAR_QUARTERS = {"上半年": 2, "前三季度": 3, "下半年": 4}
QUARTER_MONTHS = {(1, 3): 1, (4, 6): 2, (7, 9): 3, (10, 12): 4}
MONTH_NUMERALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
                  "十一": 11, "十二": 12}
# Notes in brackets never decide a column: 总投资 (万元), 形象进度安排 (需细化到季度).
BRACKETED = re.compile(r"[（(][^（()）]*[)）]")
LONGEST_HEADER = 20
PERCENT_HEADER = re.compile(r"^\s*(?:完成|进度|进展)[^%％]{0,6}[（(]\s*[%％]\s*[)）]\s*$")
# Line breaks and tabs are layout; every other control character (NUL, ESC, BEL …) is dropped.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MIN_HEADER_CELLS = 3
WRITING_ROLES = {Role.NAME, Role.CONTENT}

@lru_cache(maxsize=4096)
def normalise(text: str) -> str:
    """Header text for matching: simplified characters, no brackets, no white space."""
    return re.sub(r"\s+", "", BRACKETED.sub("", simplified(CONTROL_RE.sub("", text))))


class Basis(StrEnum):
    """Where a column's role came from: its header's words, its cells, or an admin's choice."""

    HEADER = "header"
    CONTENT = "content"
    CHOSEN = "chosen"


@dataclass(frozen=True)
class Column:
    index: int
    role: Role | None  # None: a column we do not know, kept on the project as extra data
    header: str  # as written, both header rows joined with " / "
    quarter: int | None = None
    source: str | None = None  # canonical funding source of a money column
    basis: Basis = Basis.HEADER  # how the role was decided

    @property
    def key(self) -> str:
        """What names the column in a choice of roles: its header, or "#n" when it has none."""
        return normalise(self.header) or f"#{self.index + 1}"


@dataclass(frozen=True)
class Layout:
    columns: tuple[Column, ...]
    header_lines: tuple[int, ...]
    signature: tuple[str, ...]  # normalised header cells, to recognise a repeated header

    def find(self, role: Role) -> list[Column]:
        return [column for column in self.columns if column.role == role]

    def has(self, role: Role) -> bool:
        return any(column.role == role for column in self.columns)


def source_of(text: str) -> str | None:
    """The canonical funding source a header names (上级补助, 区级补助, 镇村自筹 …)."""
    words = [word for word in FUNDING_SOURCES if word in text]
    return FUNDING_SOURCES[max(words, key=len)] if words else None


@lru_cache(maxsize=65536)
def classify(text: str) -> tuple[Role | None, int | None, str | None]:
    """(role, quarter, source) a header cell names, or (None, None, None)."""
    if len(text) > LONGEST_HEADER * 3:
        return None, None, None  # prose, not a header: spare the conversion of long cells
    word = normalise(text)
    if not word or len(word) > LONGEST_HEADER:
        return None, None, None
    if quarter := _quarter_named(word):
        return Role.QUARTER, quarter, None
    if PERCENT_HEADER.search(text):  # 进度（%）: the brackets that normalise() drops say it is a figure
        return Role.PERCENT, None, None
    if "投资" not in word and (source := source_of(word)) and word.endswith(("补助", "自筹", "配套", "财政", "资金")):
        return Role.SOURCE, None, source
    for role, words in HEADER_WORDS:
        if any(candidate in word for candidate in words):
            return role, None, None
    return None, None, None


def _quarter_named(word: str) -> int | None:
    """The quarter a header names: 1季度, 第二季度, Q3, 10-12月, 上半年 (its second quarter)."""
    if quarter := QUARTER_HEADER.match(word):
        digit = quarter.group(1) or quarter.group(2)
        return CHINESE_DIGITS.get(digit) or int(digit)
    if months := MONTHS_HEADER.match(word):
        first, last = (int(part) if part.isdigit() else MONTH_NUMERALS.get(part, 0) for part in months.groups())
        return QUARTER_MONTHS.get((first, last))
    if half := HALF_YEAR_HEADER.match(word):
        return HALF_YEAR_QUARTERS[half.group(1)]
    return None


def header_roles(cells: tuple[str, ...] | list[str]) -> list[Role | None]:
    return [classify(cell)[0] for cell in cells]


def is_header_row(cells: tuple[str, ...] | list[str]) -> bool:
    """Most non-empty cells are short header words, at least three, one of them a name or content."""
    filled = [cell for cell in cells if cell]
    roles = [role for role in header_roles(filled) if role]
    if len(filled) == len(roles) == 2 and roles[0] == Role.NUMBER and roles[1] in WRITING_ROLES:
        return True  # a two-column list: 序号 | 项目名称及主要内容
    return (
        len(roles) >= MIN_HEADER_CELLS
        and len(roles) * 3 >= len(filled) * 2
        and bool(WRITING_ROLES & set(roles))
    )


def is_sub_header_row(cells: tuple[str, ...], merged: frozenset[int] = frozenset()) -> bool:
    """A second header row: only header words, of the kinds that split a group (quarters, money).

    Cells `merged` down from the header above (序号 spanning both header rows) are the upper
    row's words again, whatever they are: only the row's own cells are judged."""
    filled = [cell for index, cell in enumerate(cells) if cell and index not in merged]
    roles = header_roles(filled)
    return bool(filled) and all(roles) and any(role in {Role.QUARTER, Role.SOURCE, Role.TOTAL} for role in roles)


def count_header_cells(cells: list[str]) -> int | None:
    """How many leading cells of flattened text form the header row (for the pasted-text reader)."""
    count = 0
    for cell in cells:
        if classify(cell)[0] is None:
            break
        count += 1
    return count if count >= MIN_HEADER_CELLS and WRITING_ROLES & set(header_roles(cells[:count])) else None


def build_layout(upper: tuple[str, ...], lower: tuple[str, ...] | None, lines: tuple[int, ...]) -> Layout:
    """Columns from one header row, or two where the lower refines the groups of the upper."""
    lower = lower or ()
    width = max(len(upper), len(lower))
    columns = []
    for index in range(width):
        top = upper[index] if index < len(upper) else ""
        bottom = lower[index] if index < len(lower) else ""
        role, quarter, source = classify(bottom) if bottom else (None, None, None)
        if role is None:
            role, quarter, source = classify(top)
            if not top and not bottom:
                role = None
        # Control characters (a NUL) print as nothing and cannot be stored in PostgreSQL's JSON.
        # A cell merged over both rows is its words once, not 序号 / 序号.
        parts = (top, bottom) if bottom != top else (top,)
        header = CONTROL_RE.sub("", " / ".join(part for part in parts if part))
        columns.append(Column(index=index, role=role, header=header, quarter=quarter, source=source))
    signature = tuple(normalise(cell) for cell in upper)
    return Layout(columns=tuple(with_lead(columns)), header_lines=lines, signature=signature)


def with_lead(columns: list[Column]) -> list[Column]:
    """A table naming only 责任单位 (no 牵头/承办 column) has its first unit column as the lead."""
    if any(column.role == Role.LEAD for column in columns):
        return columns
    for position, column in enumerate(columns):
        if column.role == Role.ASSISTING and not any(word in column.header for word in HELPER_WORDS):
            return [*columns[:position], replace(column, role=Role.LEAD), *columns[position + 1:]]
    return columns


@dataclass(frozen=True)
class LayoutChoice:
    """Roles an admin gave columns by hand, and the header row they picked (0: the table has none).

    Columns are named by `Column.key` (the header's words, or "#n"); a role of None keeps the
    column as other data. JSON-able through as_dict()/from_dict(), as import records store it."""

    roles: dict[str, Role | None] = field(default_factory=dict)
    header_row: int | None = None
    # How to read a list the importer could not place (imports.foundation.reading_choice); None: as it reads it.
    reading: ReadingChoice | None = None

    def __bool__(self) -> bool:
        return bool(self.roles) or self.header_row is not None or self.reading is not None

    def as_dict(self) -> dict:
        data = {"roles": {key: role.value if role else "" for key, role in self.roles.items()},
                "header_row": self.header_row}
        if self.reading is not None:  # only then: choices stored before readings existed keep their form
            data["reading"] = self.reading.as_dict()
        return data

    @classmethod
    def from_dict(cls, data: dict | None) -> "LayoutChoice":
        data = data or {}
        roles = {str(key): Role(value) if value else None for key, value in (data.get("roles") or {}).items()
                 if not value or value in Role.__members__.values()}
        header_row = data.get("header_row")
        return cls(roles=roles, header_row=header_row if isinstance(header_row, int) else None,
                   reading=ReadingChoice.from_dict(data.get("reading")))

    def apply(self, layout: Layout) -> Layout:
        """The layout with the chosen roles put on the columns they name."""
        if not self.roles:
            return layout
        columns = []
        for column in layout.columns:
            key = column.key if column.key in self.roles else f"#{column.index + 1}"
            if key in self.roles:
                column = replace(column, role=self.roles[key], basis=Basis.CHOSEN, quarter=None, source=None)
            columns.append(column)
        return replace(layout, columns=tuple(columns))
