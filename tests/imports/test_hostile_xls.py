"""Small .xls files that declare huge sheets, or lie about their own structure, answered in time.

calamine aborts the whole process (SIGABRT, out of memory) on a 5 KB .xls whose DIMENSIONS record
declares 4 billion rows, and panics on a sheet said to start past the end of its stream. Each is
imported here as `import_table` runs in cron, in a process of 2 GB and 60 s (test_hostile_files.py),
and must end with a message, not be killed.
"""

import struct

import pytest

from tests.imports.test_hostile_files import database, import_in_a_process  # noqa: F401 - a fixture
from tests.imports.xls_files import DIMENSIONS, biff_stream, biff_workbook, compound_file, label, number, record

SHEET = "责任分解表"
TABLE = [label(0, 0, "序号"), label(0, 1, "项目名称"), number(1, 0, 1), label(1, 1, "关爱女孩行动")]


def declared(rows: int, columns: int) -> bytes:
    return record(DIMENSIONS, struct.pack("<IIHHH", 0, rows, 0, columns, 0))


@pytest.mark.parametrize(("build", "words"), [
    (lambda: biff_workbook({SHEET: [declared(4_000_000_000, 256), *TABLE]}), (SHEET, "4,000,000,000", "20,000")),
    (lambda: biff_workbook({SHEET: [*TABLE, label(65_535, 255, "备注")]}), (SHEET, "IV65536", "20,000")),
    (lambda: biff_workbook({SHEET: TABLE}, positions=[4_000_000_000]), ("损坏",)),
    (lambda: compound_file({"Workbook": biff_stream({SHEET: TABLE})}, chain={2: 2}), ("损坏",)),
], ids=["four-billion-rows-declared", "a-value-in-the-last-cell", "a-sheet-past-the-stream",
        "a-looping-chain"])  # fmt: skip
def test_a_hostile_xls_is_refused_quickly_by_the_command(tmp_path, database, build, words):  # noqa: F811
    path = tmp_path / "责任分解表.xls"
    path.write_bytes(build())
    assert path.stat().st_size < 10 * 1024

    code, summary = import_in_a_process(path, database)

    assert code == 1
    [error] = summary["errors"]
    assert all(word in error["message"] for word in words), error["message"]
