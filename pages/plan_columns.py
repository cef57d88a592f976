"""The columns of a plan's responsibility table: only those some project fills, in the order of the published
tables, with header words the importer reads back as the same columns (imports/public.py)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from imports.public import Role, classify, is_header_row, is_sub_header_row, parse_quarters
from projects.amounts import plain
from projects.models import Plan, Project, ProjectOrganization, ProjectPerson

# What the importer reads as an estimate (imports/foundation/cells/money.py): 拟定100.
APPROXIMATE = "拟定"
QUARTERS_HEADING = "进度计划"
MONEY_HEADING = "项目总投资及资金来源（单位：万元）"
# The last, narrow header of a funding source the importer knows by a longer wording: 工会经费资金.
SOURCE_ENDING = "资金"
# When sub-projects have content of their own, it stands in a second content column: a row
# without number and name but with text under the first content column is read as a further
# item of a group (fixtures/003), which would turn every project of the table into one.
SUB_CONTENT = "子项目建设内容"


@dataclass
class Line:
    """One printed project row and what it says."""

    project: Project
    sub: bool  # a sub-project: printed without number and name under its parent
    item: bool  # a further item of a group, printed without number and name under its first
    name: str  # the 项目名称 cell: the project's name, or in a table of groups the group's name
    grouped: bool  # the table is one of groups of items, whose names give the categories
    units: dict[str, str] = field(default_factory=dict)  # role -> names joined with 、
    people: dict[str, str] = field(default_factory=dict)
    quarters: dict[int, str] = field(default_factory=dict)
    fundings: dict[str, Decimal] = field(default_factory=dict)


@dataclass(frozen=True)
class Column:
    header: str
    text: Callable[[Line], str]
    group: str = ""  # the heading merged above a run of quarter or money columns
    money: str = ""  # what the totals row adds up: "total", "annual" or a funding source
    # A money column's amount, written as a number; None (nothing, or an estimate) writes `text`.
    number: Callable[[Line], Decimal | None] | None = None


def amount(value: Decimal | None, *, approximate: bool = False) -> str:
    """An amount in 万元 as written, without trailing zeros: 28.959, 100; 拟定100 for an estimate."""
    if value is None:
        return ""
    text = plain(value)
    return f"{APPROXIMATE}{text}" if approximate else text


# --- columns ----------------------------------------------------------------------------


def columns(plan: Plan, lines: list[Line]) -> list[Column]:
    """The columns some project fills, in the order of the published tables."""
    sub_content = any(line.sub and line.project.content for line in lines)

    def project(name: str) -> Callable[[Line], str]:
        return lambda line: getattr(line.project, name)

    def top_only(name: str) -> Callable[[Line], str]:
        return lambda line: "" if line.sub else getattr(line.project, name)

    number = Column("序号", top_only("number"))
    name = Column("项目名称", lambda line: line.name)
    content = Column("项目简况", top_only("content") if sub_content else project("content"))
    candidates = [
        Column(SUB_CONTENT, lambda line: line.project.content if line.sub else ""),
        Column("推荐理由", project("reason")),
        Column("前期准备情况", project("preparation")),
        Column("工作计划", project("work_plan")),
        *(_quarter_columns(plan, lines)),
        Column("建设年限", project("construction_period")),
        Column("完成时限", project("deadline")),
        Column("资金安排", project("funding_text")),
        *(_money_columns(lines)),
        Column("承办单位", lambda line: line.units[ProjectOrganization.Role.LEAD]),
        Column("协办单位", lambda line: line.units[ProjectOrganization.Role.ASSISTING]),
        Column("分管领导", lambda line: line.people[ProjectPerson.Role.LEADER]),
        Column("责任人员", lambda line: line.people[ProjectPerson.Role.STAFF]),
        Column("备注", project("remarks")),
    ]
    used = [column for column in candidates if column.group == QUARTERS_HEADING or _filled(column, lines)]
    columns = [number, name, *([content] if sub_content or _filled(content, lines) else []), *used]
    if len(columns) < 3:
        # A header row names at least three columns; every table has its lead units.
        columns.append(next(column for column in candidates if column.header == "承办单位"))
    extra = _extra_columns(lines)
    if extra and is_header_row(upper(columns + extra)):
        columns += extra
    return columns


def _filled(column: Column, lines: list[Line]) -> bool:
    return any(column.text(line) for line in lines)


def _quarter_columns(plan: Plan, lines: list[Line]) -> list[Column]:
    """1季度 … 4季度 when some project has milestones, or when its work plan would be read into ones it has not.

    Without quarter columns the importer reads the milestones (and preparation before the year)
    out of the work plan; with them, it takes each quarter's cell as it stands."""
    needed = any(line.quarters for line in lines) or any(
        _reads_more(line, plan.year) for line in lines if line.project.work_plan)
    if not needed:
        return []
    return [Column(f"{quarter}季度", lambda line, q=quarter: line.quarters.get(q, ""), group=QUARTERS_HEADING)
            for quarter in range(1, 5)]


def _reads_more(line: Line, year: int) -> bool:
    parsed = parse_quarters(line.project.work_plan, year=year)
    return bool(parsed.milestones) or bool(parsed.preparation and not line.project.preparation)


def _money_columns(lines: list[Line]) -> list[Column]:
    """总投资, 年度投资 and one column per funding source, in the sources' order, under one heading."""
    columns = [
        Column("总投资", lambda line: amount(line.project.total_investment,
                                                 approximate=line.project.investment_is_approximate),
               group=MONEY_HEADING, money="total", number=lambda line: _exact(line, line.project.total_investment)),
        Column("年度投资", lambda line: amount(line.project.annual_investment,
                                                   approximate=line.project.investment_is_approximate),
               group=MONEY_HEADING, money="annual", number=lambda line: _exact(line, line.project.annual_investment)),
    ]
    columns = [column for column in columns if _filled(column, lines)]
    sources = {}
    for line in lines:
        for funding in line.project.funding_list:
            sources[funding.source.name] = (funding.source.position, funding.source.name)
    for source in sorted(sources, key=sources.get):
        word = source_header(source)
        # A source the importer has no wording for cannot be a column: its money stays in 资金安排.
        if word:
            columns.append(Column(word, lambda line, s=source: amount(line.fundings.get(s)), group=MONEY_HEADING,
                                  money=source, number=lambda line, s=source: line.fundings.get(s)))
    return columns


def _exact(line: Line, value: Decimal | None) -> Decimal | None:
    # An estimate is written as text with its word (拟定100), which the importer reads as one.
    return None if line.project.investment_is_approximate else value


def source_header(source: str) -> str | None:
    """A header the importer reads as this funding source: 区财政, or 工会经费资金 for 工会经费."""
    return next((word for word in (source, source + SOURCE_ENDING)
                 if classify(word) == (Role.SOURCE, None, source)), None)


def _extra_columns(lines: list[Line]) -> list[Column]:
    """Columns the importer kept by their header (Project.extra), when the header reads as no known column."""
    keys = dict.fromkeys(key for line in lines for key in line.project.extra)
    return [Column(key, lambda line, k=key: str(line.project.extra.get(k, "")))
            for key in keys if key and classify(key)[0] is None]


def two_rows(columns: list[Column]) -> bool:
    """Whether the quarter and money columns stand under merged headings, on a second header row."""
    lower = tuple(column.header for column in columns if column.group)
    return bool(lower) and is_sub_header_row(lower)


def upper(columns: list[Column]) -> tuple[str, ...]:
    """The first header row as the importer reads it: a merged heading only in its first column."""
    if not two_rows(columns):
        return tuple(column.header for column in columns)
    groups = [column.group for column in columns]
    return tuple(column.header if not column.group else column.group if i == 0 or groups[i - 1] != column.group
                 else "" for i, column in enumerate(columns))
