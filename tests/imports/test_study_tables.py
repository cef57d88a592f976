"""Issue 17's study: tables nobody here had studied, each read in every form it arrives in.

Each case in tests/imports/study/cases.py is a text of our own in the shape of one real public
page. An administrator may paste it, or receive it as an Excel sheet (one paragraph per row in
column A, as a pasted page lands in Excel) or as a Word document of paragraphs; every form is
read and drafted as the upload does it, without the database, and must come out as counted by
hand. A form that does not read right today is an xfail(strict=True) naming what goes wrong, so
the change that fixes it turns the xfail into a failure and its entry is removed.
"""

import io
from decimal import Decimal
from pathlib import Path

import pytest
from docx import Document

from tests.imports.counted import drafted, in_every_form, read_as_counted
from tests.imports.study.cases import CASES, FORMS, STUDIED_BEFORE, StudyCase
from tests.imports.test_real_tables import _xlsx

STUDY = Path(__file__).resolve().parent / "study"


def _lines(case: StudyCase) -> list[str]:
    text = (STUDY / case.file).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip()]


def _docx(paragraphs: list[str]) -> bytes:
    document = Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def the_file(case: StudyCase, form: str) -> tuple[str, bytes]:
    """The case as a pasted text, an Excel sheet of one paragraph per row, or a Word document."""
    path = STUDY / case.file
    if form == "text":
        return path.name, path.read_bytes()
    lines = _lines(case)
    title = lines[0][:60]  # the page's title names the file, as a saved copy would be named
    if form == "xlsx":
        return f"{title}.xlsx", _xlsx([[line] for line in lines], [], "Sheet1")
    return f"{title}.docx", _docx(lines)


@pytest.mark.parametrize(("case", "form"), in_every_form(CASES))
def test_a_studied_table_imports_as_counted_by_hand_in_every_form(case: StudyCase, form: str):
    draft = drafted(*the_file(case, form))
    top = read_as_counted(draft, case)
    if case.categories is not None:
        assert len(draft.categories) == case.categories, [category.name for category in draft.categories]
    if case.investment is not None:
        amounts = [getattr(project, case.investment_field) for project in top]
        assert None not in amounts, [p.name for p, a in zip(top, amounts) if a is None]
        assert sum(amounts, Decimal(0)) == case.investment


def test_the_study_covers_new_places_and_shapes():
    # Issue 17: at least 20 new tables (22 asked of this study), from at least 9 provinces or
    # municipalities, at least 12 of them from places outside the 19 of the first study.
    assert len(CASES) >= 22
    assert len({case.province for case in CASES}) >= 9
    assert len([case for case in CASES if case.province not in STUDIED_BEFORE]) >= 12
    assert all(case.source.startswith("http") and (STUDY / case.file).is_file() for case in CASES)
    assert all(set(case.fails_today) <= set(case.forms) <= set(FORMS) for case in CASES)
    assert len({case.id for case in CASES}) == len(CASES)
