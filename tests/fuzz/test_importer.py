"""The importer fed random and damaged tables imports them or says why not, and never writes half a plan.

The office already holds a plan (seed 003, 鹿城区's progress table) and the district 鲤城区 under 泉州市,
whose administrator uploads in the browser's path; the command's path runs without a user. Each example
runs in a savepoint rolled back at its end (tests/fuzz/outcome.py), so every one meets the same database.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from hypothesis import event, given
from hypothesis import strategies as st

from accounts.roles import Role
from imports.models import ImportRecord
from imports.services import apply_import, preview_import
from tests.factories import make_jurisdiction, make_user
from tests.fuzz.budget import budget
from tests.fuzz.files import csv_in, damaged_files, table_files, text_bytes, xlsx_of
from tests.fuzz.outcome import assert_clear, import_or_refuse, rolled_back, upload_and_confirm
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


@given(file=st.one_of(table_files(max_rows=4), damaged_files()), pasted=st.booleans())
@budget(20)
def test_the_import_pages_answer_any_upload_and_its_confirmation_without_a_server_error(client, office, file, pasted):
    name, data = file
    client.force_login(office)
    with rolled_back():
        if pasted:  # the form's text box: what a browser sends is text, so bytes of no encoding arrive replaced
            sent = {"text": data.decode("utf-8", errors="replace").replace("\x00", "")}
        else:
            sent = {"file": SimpleUploadedFile(name, data)}
        uploaded = client.post(reverse("imports:upload"), sent)
        assert uploaded.status_code in (200, 302)
        if uploaded.status_code == 200:  # the form refused (nothing pasted but blanks): said on the form
            assert_clear([m for errors in uploaded.context["form"].errors.values() for m in errors])
            return
        assert client.get(uploaded["Location"]).status_code == 200
        record = ImportRecord.objects.latest("pk")
        confirmed = client.post(reverse("imports:confirm", args=[record.pk]))
        assert confirmed.status_code == 302
        assert client.get(confirmed["Location"]).status_code == 200
