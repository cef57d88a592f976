"""Workbooks holding several plans: one sheet per year, or per district, each with its own title."""

from imports.foundation.layouts import is_header_row
from imports.read.base import RawTable
from imports.shape.preamble import read_preamble

Facts = tuple[int | None, tuple[str, ...]]  # (year, jurisdiction chain) a sheet's own title gives


def _facts(table: RawTable) -> Facts:
    """What the sheet's name and the lines above its table say of the plan's year and place."""
    lines = [table.name]
    for row in table.rows:
        if is_header_row(row.cells):
            break
        lines.extend(cell for cell in row.cells if cell)
    meta = read_preamble(lines)
    return meta.year, tuple(meta.jurisdiction or ())


def _differ(first: Facts, second: Facts) -> bool:
    """Two sheets are of different plans when both name a year and the years differ, or both a place."""
    (year_a, place_a), (year_b, place_b) = first, second
    return bool(year_a and year_b and year_a != year_b or place_a and place_b and place_a[-1] != place_b[-1])


def plan_groups(tables: list[RawTable]) -> list[list[RawTable]]:
    """The tables of each plan in the file, in order: one group unless sheets name other years or places.

    A sheet that names neither belongs with the sheets before it (a plan spread over sheets)."""
    if len(tables) < 2:
        return [tables]  # a CSV, a text, a document: one table, one plan
    groups: list[list[RawTable]] = []
    current: Facts = (None, ())
    for table in tables:
        facts = _facts(table)
        if not groups or _differ(current, facts):
            groups.append([])
            current = facts
        else:
            current = (current[0] or facts[0], current[1] or facts[1])
        groups[-1].append(table)
    return groups
