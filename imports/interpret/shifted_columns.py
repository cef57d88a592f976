"""Rows wider than their header: find the cell that was slipped in, by what the cells hold.

A table can carry a cell its header does not name (a split cell in the Word original), which
pushes the columns after it one place to the right. The people and unit columns say where:
a name of a person or unit in the column after the one that should hold it.
"""

from imports.foundation.cells.money import parse_amount
from imports.foundation.cells.people import parse_people
from imports.foundation.cells.units import parse_units
from imports.foundation.layouts import Layout, Role

PEOPLE_ROLES = {Role.LEADERS, Role.STAFF}
UNIT_ROLES = {Role.LEAD, Role.ASSISTING}
LONGEST_NAME_CELL = 200


def fits(role: Role, text: str) -> bool:
    """Whether a cell's text looks like what a column of this role holds."""
    if not text or parse_amount(text) is not None and text.replace(".", "").strip().isdigit():
        return False
    if role in PEOPLE_ROLES:
        parsed = parse_people(text)
        return bool(parsed.names or parsed.placeholders)
    return len(text) <= LONGEST_NAME_CELL and bool(parse_units(text).units)


def align(cells: tuple[str, ...], layout: Layout) -> tuple[tuple[str, ...], list[tuple[int, str]]]:
    """The row's cells under the header's columns, and the (index, text) of cells that fit none."""
    labelled = [column.index for column in layout.columns if column.role is not None or column.header]
    last_labelled = max(labelled, default=-1)
    last_filled = max((index for index, text in enumerate(cells) if text), default=-1)
    extra = last_filled - last_labelled
    if extra <= 0:
        return cells, []
    for column in layout.columns:
        if column.role not in PEOPLE_ROLES | UNIT_ROLES or column.index + extra >= len(cells):
            continue
        here, there = cells[column.index], cells[column.index + extra]
        if not fits(column.role, here) and fits(column.role, there):
            start = column.index
            orphans = [(index, cells[index]) for index in range(start, start + extra) if cells[index]]
            return cells[:start] + cells[start + extra:], orphans
    return cells, [(index, cells[index]) for index in range(last_labelled + 1, last_filled + 1) if cells[index]]
