"""A numbered or bulleted list inside a unit or people cell: the marks are never names."""

import pytest

from imports.foundation.cells.people import parse_people
from imports.foundation.cells.units import parse_units


@pytest.mark.parametrize(("text", "units"), [
    ("1.县住建局 2.县财政局", ["县住建局", "县财政局"]),
    ("1、县市场监管局 2、各乡镇", ["县市场监管局", "各乡镇"]),
    ("1.县住建局\n2.县财政局", ["县住建局", "县财政局"]),
    ("（1）县住建局；（2）县财政局", ["县住建局", "县财政局"]),
    ("①区财政局②区住房和城建局", ["区财政局", "区住房和城建局"]),
    ("• 县住建局\n• 县财政局", ["县住建局", "县财政局"]),
    ("1", []),
    ("、；", []),
    # Names that hold a numeral keep it: only a mark at the start of a name is a mark.
    ("县第一中学、县住建局", ["县第一中学", "县住建局"]),
])
def test_a_numbered_list_in_a_unit_cell_gives_the_units_and_no_number(text, units):
    assert [unit.name for unit in parse_units(text).units] == units


@pytest.mark.parametrize(("text", "names"), [
    ("1.王强 2.李明", ["王强", "李明"]),
    ("①王强②李明", ["王强", "李明"]),
])
def test_a_numbered_list_in_a_people_cell_gives_the_people_and_no_number(text, names):
    assert parse_people(text).names == names
