"""Column roles from what the cells hold, for headers the vocabulary does not know, and for tables without one.

A column of consecutive numbers is the number; cells that name units (…局, …办, 各乡镇) are the
lead units, a second such column the assisting units; short lists of two- to four-character
names starting with a surname are leaders (then staff); figures are the investment; month and
quarter phrases the deadline; status phrases (已完成, 序时推进, 80%) the progress; long prose the
content; short labels repeated over runs of rows the category; the first column of short texts
the project's name. Every role decided this way is marked "content", so the preview can say so,
and a header's role is checked against its cells.
"""

import re
from collections import Counter
from dataclasses import replace
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from imports.foundation.cells.money import parse_amount
from imports.foundation.cells.people import SURNAMES
from imports.foundation.cells.units import GROUP_MARKERS, UNIT_SUFFIXES
from imports.foundation.layouts import (
    CONTROL_RE,
    LONGEST_HEADER,
    OTHER_DATA_WORDS,
    Basis,
    Column,
    Layout,
    Role,
    normalise,
    with_lead,
)
from imports.foundation.numbering import NUMBER_LIKE, QUARTER_NUMERAL
from imports.read.base import RawRow

SAMPLE_ROWS = 300
MAJORITY = 0.6
MIN_COLUMNS = 3


class Kind(StrEnum):
    NUMBER = "number"
    MONEY = "money"
    STATUS = "status"
    DATE = "date"
    UNITS = "units"
    PEOPLE = "people"
    PROSE = "prose"
    SHORT = "short"


MONEY_RE = re.compile(r"^\d{1,12}(?:\.\d+)?(?:万元|亿元|万|元)?$")
STATUS_RE = re.compile(r"已完成|基本完成|全面完成|正在推进|序时推进|推进中|有序推进|未启动|未开工|已开工|已启动|"
                       r"完工|竣工|\d{1,3}(?:\.\d+)?%|"
                       # a count of what is done so far: 已建成8个, 已治理120条, 正在施工
                       r"已(?:建成|新增|治理|改造|实施|发放|安装|培训|送)|正在施工|施工中")
# 2024, 2023-2025, 2024年: a column of these is when, not how much.
YEARS = re.compile(r"^20\d\d年?(?:[-—~～至]20\d\d年?)?$")
DATE_RE = re.compile(rf"\d{{1,2}}月|{QUARTER_NUMERAL}季度|年底|年末|年内|全年|上半年|下半年|\d{{4}}年")
SPLIT_RE = re.compile(r"[、，,;；\s/]+")
UNIT_ENDINGS = (*UNIT_SUFFIXES, "街道", "镇", "乡", "村", "医院", "学校", "集团", "银行", "法院", "检察院")
HAN = re.compile(r"^[\u3400-\u9fff]+$")
# What a header role expects its cells to be, to warn when the cells say otherwise.
EXPECTED = {
    Role.NUMBER: Kind.NUMBER, Role.LEAD: Kind.UNITS, Role.ASSISTING: Kind.UNITS, Role.LEADERS: Kind.PEOPLE,
    Role.STAFF: Kind.PEOPLE, Role.TOTAL: Kind.MONEY, Role.ANNUAL: Kind.MONEY,
}
DEFINITE = {Kind.NUMBER, Kind.MONEY, Kind.UNITS, Kind.PEOPLE}


def _is_unit(piece: str) -> bool:
    return 2 <= len(piece) <= 40 and (piece.endswith(UNIT_ENDINGS) or piece.startswith(GROUP_MARKERS))


def _is_person(piece: str) -> bool:
    return 2 <= len(piece) <= 4 and bool(HAN.match(piece)) and piece[0] in SURNAMES and not piece.endswith(UNIT_ENDINGS)


def kind_of(text: str) -> Kind:
    """What one cell holds, judged by its shape alone."""
    flat = re.sub(r"\s+", "", text)
    if YEARS.match(flat):
        return Kind.DATE
    if NUMBER_LIKE.match(flat):
        return Kind.NUMBER
    if MONEY_RE.match(flat.replace(",", "")) and parse_amount(flat) is not None:
        return Kind.MONEY
    if len(flat) <= 60 and STATUS_RE.search(flat):
        return Kind.STATUS
    if len(flat) <= 30 and DATE_RE.search(flat) and not flat.endswith(UNIT_ENDINGS):
        return Kind.DATE
    pieces = [piece for piece in SPLIT_RE.split(text) if piece]
    if len(flat) <= 160 and pieces and all(_is_unit(re.sub(r"[（(].*?[)）]", "", piece) or piece) for piece in pieces):
        return Kind.UNITS
    if len(flat) <= 40 and pieces and all(_is_person(piece) for piece in pieces):
        return Kind.PEOPLE
    return Kind.PROSE if len(flat) > 40 else Kind.SHORT


def _columns_of(rows: list[RawRow], width: int) -> list[list[str]]:
    cells: list[list[str]] = [[] for _ in range(width)]
    for row in rows[:SAMPLE_ROWS]:
        if sum(1 for cell in row.cells if cell) < 2:
            continue  # a section or note row says nothing about the columns
        for index, text in enumerate(row.cells[:width]):
            if text:
                cells[index].append(text)
    return cells


def _majority(texts: list[str]) -> Kind | None:
    if not texts:
        return None
    counts = Counter(kind_of(text) for text in texts)
    kind, count = counts.most_common(1)[0]
    if count >= MAJORITY * len(texts):
        return kind
    # Small whole amounts (80, 1200) read as numbers one by one; together with figures they are money.
    return Kind.MONEY if counts[Kind.NUMBER] + counts[Kind.MONEY] >= MAJORITY * len(texts) else None


def _is_category(texts: list[str]) -> bool:
    """Short labels, few and repeated in runs: what a merged 类别 cell leaves when read down."""
    if len(texts) < 4 or any(len(text) > 15 for text in texts):
        return False
    runs = 1 + sum(1 for before, after in zip(texts, texts[1:]) if before != after)
    return runs * 2 <= len(texts) and len(set(texts)) < len(texts) / 2


def _consecutive(texts: list[str]) -> bool:
    digits = [int(re.sub(r"\D", "", text)) for text in texts if re.sub(r"\D", "", text)]
    steps = sum(1 for before, after in zip(digits, digits[1:]) if after in {before + 1, 1})
    return len(digits) < 2 or steps * 3 >= (len(digits) - 1) * 2


def infer_roles(layout: Layout, rows: list[RawRow]) -> tuple[Layout, list[str]]:
    """The layout with roles guessed for the columns its header does not name, and warnings for
    header roles their cells contradict."""
    width = max([len(layout.columns), *(len(row.cells) for row in rows[:SAMPLE_ROWS])])
    samples = _columns_of(rows, width)
    columns = list(layout.columns) + [Column(index=index, role=None, header="")
                                      for index in range(len(layout.columns), width)]
    kinds = [_majority(texts) for texts in samples]
    warnings = []
    taken = {column.role for column in columns if column.role}
    for position, column in enumerate(columns):
        texts, kind = samples[column.index], kinds[column.index]
        if column.role is not None:
            expected = EXPECTED.get(column.role)
            if kind == Kind.NUMBER and expected == Kind.MONEY and not _consecutive(texts):
                kind = Kind.MONEY  # whole amounts (800, 1200) read as numbers one by one
            if expected and kind in DEFINITE and kind != expected and column.basis == Basis.HEADER:
                warnings.append(_("Column “%(column)s” is named as %(role)s, but its cells look like %(kind)s; "
                                  "check the column roles.") % {"column": column.header, "role": column.role.label,
                                                               "kind": KIND_LABELS[kind]})
            continue
        if any(word in column.header for word in OTHER_DATA_WORDS):
            continue
        role = _role_for(kind, texts, taken, position)
        if role is not None:
            taken.add(role)
            columns[position] = replace(column, role=role, basis=Basis.CONTENT)
    columns = _name_column(columns, samples, kinds, taken)
    return replace(layout, columns=tuple(with_lead(columns))), warnings


def _role_for(kind: Kind | None, texts: list[str], taken: set[Role], position: int) -> Role | None:
    def first(*roles: Role) -> Role | None:
        return next((role for role in roles if role not in taken), None)

    if kind == Kind.NUMBER and position <= 1 and _consecutive(texts) and Role.NUMBER not in taken:
        return Role.NUMBER
    if kind == Kind.NUMBER:
        kind = Kind.MONEY
    if kind == Kind.UNITS:
        return first(Role.LEAD, Role.ASSISTING)
    if kind == Kind.PEOPLE:
        return first(Role.LEADERS, Role.STAFF)
    if kind == Kind.MONEY:
        return first(Role.TOTAL, Role.ANNUAL)
    if kind == Kind.DATE:
        return first(Role.DEADLINE)
    if kind == Kind.STATUS:
        return first(Role.PROGRESS)
    if kind == Kind.PROSE:
        return first(Role.CONTENT)
    if kind == Kind.SHORT and _is_category(texts):
        return first(Role.CATEGORY)
    return None


def _name_column(columns: list[Column], samples: list[list[str]], kinds: list, taken: set[Role]) -> list[Column]:
    """The first unclaimed column of short texts names the projects; without one, the content does (the
    interpreter takes its first clause)."""
    def mean_length(column: Column) -> float:
        texts = samples[column.index]
        return sum(map(len, texts)) / len(texts)

    free = [position for position, column in enumerate(columns)
            if column.role is None and kinds[column.index] in {Kind.SHORT, None} and samples[column.index]
            and not any(word in column.header for word in OTHER_DATA_WORDS)]
    if Role.NAME not in taken and free:
        name = free.pop(0)
        columns[name] = replace(columns[name], role=Role.NAME, basis=Basis.CONTENT)
        # A second column of texts longer than the names says what the project does.
        longer = [position for position in free if mean_length(columns[position]) > mean_length(columns[name])]
        if Role.CONTENT not in taken and longer:
            columns[longer[0]] = replace(columns[longer[0]], role=Role.CONTENT, basis=Basis.CONTENT)
        return columns
    # 目标任务 | 具体内容: two content columns and no name; the one of shorter texts names the task.
    contents = [position for position, column in enumerate(columns)
                if column.role == Role.CONTENT and samples[column.index]]
    if Role.NAME not in taken and len(contents) >= 2:
        name = min(contents[:2], key=lambda position: mean_length(columns[position]))
        columns[name] = replace(columns[name], role=Role.NAME, basis=Basis.CONTENT)
    return columns


KIND_LABELS = {
    Kind.NUMBER: gettext_lazy("numbers"), Kind.MONEY: gettext_lazy("amounts"), Kind.STATUS: gettext_lazy("progress"),
    Kind.DATE: gettext_lazy("dates"), Kind.UNITS: gettext_lazy("units"), Kind.PEOPLE: gettext_lazy("names of people"),
    Kind.PROSE: gettext_lazy("text"), Kind.SHORT: gettext_lazy("short texts"),
}


def headerless_layout(rows: list[RawRow], *, may_have_header: bool = True) -> tuple[int, Layout] | None:
    """Where a table without a header row starts, and its columns from their cells; None when no
    run of rows with three or more cells names projects. Unless told it has none, a first row of
    short words unlike the cells below is taken as a header of words the vocabulary does not know."""
    start = next((index for index, row in enumerate(rows)
                  if sum(1 for cell in row.cells if cell) >= MIN_COLUMNS), None)
    if start is None:
        return None
    body = rows[start:]
    wide = sum(1 for row in body[:SAMPLE_ROWS] if sum(1 for cell in row.cells if cell) >= MIN_COLUMNS)
    if wide < 2:
        return None
    first, rest = body[0], body[1:]
    layout, _warnings = infer_roles(Layout(columns=(), header_lines=(), signature=()), rest or body)
    if not (layout.has(Role.NAME) or layout.has(Role.CONTENT)):
        return None
    if may_have_header and rest and _names_columns(first, layout):
        # A header of words the vocabulary does not know: kept as the columns' headers.
        headers = tuple(CONTROL_RE.sub("", first.cells[index]) if index < len(first.cells) else ""
                        for index in range(len(layout.columns)))
        columns = tuple(replace(column, header=headers[column.index]) for column in layout.columns)
        return start + 1, Layout(columns=columns, header_lines=(first.line,),
                                 signature=tuple(normalise(cell) for cell in first.cells))
    signature = tuple(f"#{column.index + 1}" for column in layout.columns)
    return start, replace(layout, signature=signature)


def _names_columns(row: RawRow, layout: Layout) -> bool:
    """Whether a row above the body is its header: short cells, none of the kind its column holds
    below (no number over the numbers, no unit over the units)."""
    if any(len(cell) > LONGEST_HEADER for cell in row.cells):
        return False
    expected = {Role.NUMBER: {Kind.NUMBER}, Role.LEAD: {Kind.UNITS}, Role.ASSISTING: {Kind.UNITS},
                Role.LEADERS: {Kind.PEOPLE}, Role.STAFF: {Kind.PEOPLE}, Role.TOTAL: {Kind.MONEY, Kind.NUMBER},
                Role.DEADLINE: {Kind.DATE}}
    checked = [(column, row.cells[column.index]) for column in layout.columns
               if column.role in expected and column.index < len(row.cells) and row.cells[column.index]]
    unlike = [column.role for column, cell in checked if kind_of(cell) not in expected[column.role]]
    # A header word may look like what it names (主抓部门 ends as a unit does): most must not.
    number_unlike = not layout.has(Role.NUMBER) or Role.NUMBER in unlike
    # Over a column of running numbers, a cell that is no number (序号) settles a tie: a data row
    # numbers itself (序号 | 实事内容 | 目前进度 | 主体单位: half of the words checked look like units).
    tie = layout.has(Role.NUMBER) and len(unlike) * 2 == len(checked)
    return bool(checked) and number_unlike and (len(unlike) * 2 > len(checked) or tie)

