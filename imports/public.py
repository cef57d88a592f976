"""The importer's public face: what code outside imports/ may use of how a table is read.

The plan-table export (pages/plan_table.py) writes a responsibility table that the importer must
read back as the same plan, so it checks its header words, title and quarter texts against the
importer's own reading of them: through this module only, never the importer's internals, whose
modules may be renamed or split without anyone outside noticing (tests/config/test_floors.py)."""

from imports.foundation.cells.quarters import parse_quarters
from imports.foundation.layouts import Role, classify, is_header_row, is_sub_header_row
from imports.shape.preamble import read_preamble

__all__ = [
    "Role",
    "classify",
    "is_header_row",
    "is_sub_header_row",
    "parse_quarters",
    "read_preamble",
]
