"""The importer fed random and damaged tables imports them or says why not, and never writes half a plan.

The office already holds a plan (seed 003, 鹿城区's progress table) and the district 鲤城区 under 泉州市,
whose administrator uploads in the browser's path; the command's path runs without a user. Each example
runs in a savepoint rolled back at its end (tests/fuzz/outcome.py), so every one meets the same database.
"""

import pytest
from django.test import override_settings
from hypothesis import event, given
from hypothesis import strategies as st

from accounts.roles import Role
from imports.services import apply_import, preview_import
from tests.factories import make_jurisdiction, make_user
from tests.fuzz.budget import budget
from tests.fuzz.files import csv_in, damaged_files, table_files, text_bytes, xlsx_of
from tests.fuzz.outcome import import_or_refuse, upload_and_confirm
from tests.fuzz.tables import tables
from tests.imports.files import fixture_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(settings, tmp_path):
    """A database as an office has it: one table imported, and the city whose administrator uploads."""
    settings.MEDIA_ROOT = tmp_path  # where uploads wait for confirmation
    apply_import(preview=preview_import(file_name="003.txt", data=fixture_bytes("003")), user=None)
    make_jurisdiction(name="鲤城区")  # under 泉州市
    return make_user(username="admin", role=Role.ADMIN, jurisdiction=make_jurisdiction(name="泉州市"))


def tell(outcomes: list[str]) -> None:
    """Hypothesis' statistics (pytest --hypothesis-show-statistics) say how many examples got how far."""
    for outcome in outcomes:
        event(outcome)


@given(file=table_files())
@budget(60)
def test_a_random_table_in_any_format_is_imported_or_refused_in_words(office, file):
    name, data = file
    tell(import_or_refuse(name, data, user=None))


@given(file=damaged_files())
@budget(80)
def test_a_damaged_file_is_refused_in_words_and_changes_nothing(office, file):
    name, data = file
    tell(import_or_refuse(name, data, user=None))


@given(file=st.one_of(table_files(max_rows=5), table_files(max_rows=5), damaged_files()),
       jurisdiction=st.sampled_from([None, "泉州市/鲤城区", "鲤城区", "温州市 › 鹿城区", "/"]),
       year=st.sampled_from([None, 2023]))
@budget(40)
def test_an_upload_confirmed_as_in_the_browser_is_imported_or_refused_in_words(office, file, jurisdiction, year):
    name, data = file
    tell(upload_and_confirm(name, data, user=office, jurisdiction=jurisdiction, year=year))


@st.composite
def tables_at_the_limits(draw):
    """A workbook with one long cell, and limits set one below, at or one above its rows, columns and cells."""
    rows = draw(tables(max_rows=6))
    length = draw(st.integers(1, 700))
    where = draw(st.integers(0, len(rows) - 1))
    rows[where] = (*rows[where], "长" * length)
    height, width = len(rows), max(len(row) for row in rows)
    near = st.integers(-1, 1)
    longest = max(len(cell) for row in rows for cell in row)
    limits = {"IMPORT_MAX_ROWS": height + draw(near), "IMPORT_MAX_COLUMNS": width + draw(near),
              "IMPORT_MAX_CELLS": height * width + draw(near), "IMPORT_MAX_CELL_CHARS": longest + draw(near)}
    name, data = draw(st.sampled_from([
        ("t.xlsx", xlsx_of(rows)), ("t.csv", csv_in(rows, "utf-8")), ("t.txt", text_bytes(rows, "\t"))]))
    return limits, name, data


@given(case=tables_at_the_limits())
@budget(40)
def test_a_table_at_the_size_limits_is_read_or_refused_in_words(office, case):
    limits, name, data = case
    with override_settings(**limits):
        tell(import_or_refuse(name, data, user=None))
