"""Issue 17 item 3: table shapes read without help, in every form they arrive in.

An admin pastes a web table (tab rows, or one cell a line), or uploads it as Excel or Word with
the original's merged cells; a list of records arrives as text, an Excel column or Word
paragraphs. Each case in tests/imports/shapes/cases.py is read and drafted as the upload does
it, without the database, and must come out as counted by hand. No unit or person is ever a
number, a bullet or a punctuation mark.
"""

import io
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from tests.imports.counted import drafted, in_every_form, read_as_counted
from tests.imports.shapes.cases import CASES, ShapeCase
from tests.imports.shapes.variants import VARIANTS
from tests.imports.test_real_tables import _xlsx
from tests.imports.test_study_tables import _docx

SHAPES = Path(__file__).resolve().parent / "shapes"
MERGED = "〃"  # in a case file: this cell is merged with the one above


def _grid(case: ShapeCase) -> tuple[list[str], list[list[str]]]:
    """The lines above the table, and its rows of cells (〃 where a cell is merged from above)."""
    lines = [line for line in (SHAPES / case.file).read_text(encoding="utf-8").splitlines() if line.strip()]
    first = next(index for index, line in enumerate(lines) if "\t" in line)
    return lines[:first], [line.split("\t") for line in lines[first:]]


def _merges(rows: list[list[str]], top: int) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of each cell merged down; rows counted from `top`."""
    spans = []
    for column in range(max(map(len, rows))):
        start = None
        for index, cells in enumerate(rows + [[""] * len(rows[0])]):
            if column < len(cells) and cells[column] == MERGED:
                start = index - 1 if start is None else start
            elif start is not None:
                spans.append((column, top + start, top + index - 1))
                start = None
    return spans


def _xlsx_grid(title: list[str], rows: list[list[str]]) -> bytes:
    width = max(map(len, rows))
    sheet_rows = [[line] + [None] * (width - 1) for line in title]
    sheet_rows += [[None if cell == MERGED else cell for cell in cells] for cells in rows]
    letter = openpyxl.utils.get_column_letter
    merges = [f"A{n}:{letter(width)}{n}" for n in range(1, len(title) + 1)]
    merges += [f"{letter(c + 1)}{a + 1}:{letter(c + 1)}{b + 1}" for c, a, b in _merges(rows, len(title))]
    return _xlsx(sheet_rows, merges, "Sheet1")


def _docx_grid(title: list[str], rows: list[list[str]]) -> bytes:
    document = Document()
    for line in title:
        document.add_paragraph(line)
    table = document.add_table(rows=len(rows), cols=max(map(len, rows)))
    for line, cells in enumerate(rows):
        for column, text in enumerate(cells):
            if text != MERGED:
                table.cell(line, column).text = text
    for column, first, last in _merges(rows, 0):
        table.cell(first, column).merge(table.cell(last, column))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def the_file(case: ShapeCase, form: str) -> tuple[str, bytes]:
    """The case in one of the forms it arrives in (see tests/imports/shapes/cases.py)."""
    path = SHAPES / case.file
    if form == "text":
        return path.name, path.read_bytes()
    if "\t" not in path.read_text(encoding="utf-8"):  # records: lines, not cells
        lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        if form == "xlsx":
            return f"{lines[0]}.xlsx", _xlsx([[line] for line in lines], [], "Sheet1")
        return f"{lines[0]}.docx", _docx(lines)
    title, rows = _grid(case)
    kept = [[cell for cell in cells if cell != MERGED] for cells in rows]
    if form == "tab":
        return f"{path.stem}.txt", "\n".join(title + ["\t".join(cells) for cells in kept]).encode()
    if form == "blocks":
        return f"{path.stem}.txt", "\n\n".join(title + [cell for cells in kept for cell in cells]).encode()
    if form == "xlsx":
        return f"{title[0]}.xlsx", _xlsx_grid(title, rows)
    return f"{title[0]}.docx", _docx_grid(title, rows)


@pytest.mark.parametrize(("case", "form"), in_every_form(CASES + VARIANTS))
def test_a_table_shape_reads_as_counted_by_hand_in_every_form(case: ShapeCase, form: str):
    top = read_as_counted(drafted(*the_file(case, form)), case)
    if case.leads is not None:
        assert [[unit.name for unit in p.lead_units] for p in top] == case.leads
    if case.last_assisting is not None:
        assert [unit.name for unit in top[-1].assisting_units] == case.last_assisting
    if case.first_name:
        assert top[0].name == case.first_name
    if case.first_content:
        assert top[0].content == case.first_content
    if case.first_progress:
        assert case.first_progress in top[0].progress, top[0].progress


def test_every_shape_of_the_issue_has_a_case_with_its_source():
    assert len(CASES) >= 5
    assert all(case.source.startswith("http") and (SHAPES / case.file).is_file() for case in CASES)
    assert len({case.province for case in CASES}) >= 4
