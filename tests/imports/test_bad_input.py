"""Every bad input has a test showing its message and an unchanged database.

Each bad file is previewed (which never writes) and, where the preview has errors, applied anyway:
apply_import must refuse it with the same message. Around both, every row of every table the
import could touch is compared, on a database that already holds a plan (fixture 003).
"""

import re
import tracemalloc
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext, override

from imports.foundation.layouts import count_header_cells
from imports.read import read_file
from imports.services import apply_import, preview_import
from imports.shape.split import no_table_error
from projects.models import Jurisdiction, Organization, Person
from tests.factories import make_user
from tests.imports.files import (
    MAX_BYTES,
    OLE2_BYTES,
    PNG_BYTES,
    cells_of,
    fixture_bytes,
    fixture_rows,
    garbled_member,
    with_cached_values,
    xlsx_bytes,
    zip_bomb,
)
from tests.imports.xls_files import compound_file

pytestmark = pytest.mark.django_db

WATCHED_APPS = ("projects", "progress", "imports", "accounts")


def watched_models():
    models = [model for label in WATCHED_APPS for model in apps.get_app_config(label).get_models()]
    return [*models, Group]


def counts() -> dict[str, int]:
    """Rows per model of every app an import touches, and the users and groups."""
    return {model._meta.label: model.objects.count() for model in watched_models()}


def contents() -> dict[str, list[tuple]]:
    """Every row of those models, so that an update in place shows too."""
    return {model._meta.label: list(model.objects.order_by("pk").values_list()) for model in watched_models()}


@pytest.fixture
def admin():
    return make_user(username="admin")


@pytest.fixture
def stored_plan(admin):
    """The database as an office has it: one table already imported."""
    preview = preview_import(file_name="003.txt", data=fixture_bytes("003"))
    assert preview.errors == []
    return apply_import(preview=preview, user=admin).plan


def is_translated(msgid: str) -> bool:
    with override("zh-hans"):
        return gettext(msgid) != msgid


def assert_refused(file_name: str, data: bytes, message: str | re.Pattern, *, msgid: str, user=None) -> str:
    """Preview says `message` (in English; in Chinese as well once translated), apply refuses, nothing changes.

    Returns the English message.
    """
    before_counts, before = counts(), contents()
    with override("en"):
        preview = preview_import(file_name=file_name, data=data)
        english = [problem.message for problem in preview.errors]
        assert len(english) == 1, english
        if isinstance(message, re.Pattern):
            assert message.fullmatch(english[0]), english[0]
        else:
            assert english[0] == message
        with pytest.raises(ValidationError) as refused:
            apply_import(preview=preview, user=user)
        assert refused.value.messages == english
    if is_translated(msgid):
        with override("zh-hans"):
            chinese = [problem.message for problem in preview_import(file_name=file_name, data=data).errors]
        assert chinese != english
        assert re.search(r"[\u4e00-\u9fff]", chinese[0])
    assert counts() == before_counts
    assert contents() == before
    return english[0]


# --- files that cannot be read at all ---------------------------------------------------------


def test_an_empty_file_is_refused_as_empty(stored_plan, admin):
    assert_refused("责任分解表.xlsx", b"", "The file is empty.", msgid="The file is empty.", user=admin)


NOT_A_WORKBOOK = "The file is not an Excel workbook: it is damaged or another kind of file renamed."


@pytest.mark.parametrize(
    "data",
    [PNG_BYTES, "序号,项目名称,承办单位\n1,关爱女孩行动,区卫健局\n".encode(), "一段说明文字".encode("gb18030")],
    ids=["png-image", "csv-text", "gb18030-prose"],
)
def test_another_kind_of_file_renamed_xlsx_is_refused_as_not_a_workbook(stored_plan, admin, data):
    assert_refused("责任分解表.xlsx", data, NOT_A_WORKBOOK, msgid=NOT_A_WORKBOOK, user=admin)


PROTECTED_WORKBOOK = "The file is password-protected: remove the password, save it and upload it again."
PROTECTED_DOCUMENT = "The file is a password-protected or old .doc document: save it as .docx."


def test_a_password_protected_workbook_is_refused_with_advice_to_remove_the_password(stored_plan, admin):
    # Excel encrypts an .xlsx into an OLE2 file holding EncryptionInfo and EncryptedPackage streams.
    data = compound_file({"EncryptionInfo": b"\x04\x00\x04\x00", "EncryptedPackage": bytes(5000)})

    assert_refused("责任分解表.xlsx", data, PROTECTED_WORKBOOK, msgid=PROTECTED_WORKBOOK, user=admin)


def test_a_password_protected_document_is_refused_with_advice_to_save_it_as_docx(stored_plan, admin):
    assert_refused("责任分解表.docx", OLE2_BYTES, PROTECTED_DOCUMENT, msgid=PROTECTED_DOCUMENT, user=admin)


DAMAGED_WORKBOOK = "The workbook is damaged and cannot be read."


DAMAGED_SHEET = "Sheet 责任分解表 is damaged and cannot be read."


@pytest.mark.parametrize(("member", "message"), [
    ("xl/worksheets/sheet1.xml", DAMAGED_SHEET),  # the message names the sheet that is damaged
    ("xl/workbook.xml", DAMAGED_WORKBOOK),
    ("xl/styles.xml", DAMAGED_WORKBOOK),
])
def test_a_workbook_garbled_in_the_middle_is_refused_as_damaged(stored_plan, admin, member, message):
    good = xlsx_bytes(fixture_rows("001"), numbers=True)
    assert preview_import(file_name="001.xlsx", data=good).errors == []

    assert_refused("001.xlsx", garbled_member(good, member), message, msgid=message.replace("责任分解表", "%(sheet)s"),
                   user=admin)


def test_a_workbook_cut_off_half_way_is_refused_as_a_damaged_workbook(stored_plan, admin):
    good = xlsx_bytes(fixture_rows("001"), numbers=True)

    assert_refused("001.xlsx", good[: len(good) // 2], DAMAGED_WORKBOOK, msgid=DAMAGED_WORKBOOK, user=admin)


# --- a table that is not a responsibility table -----------------------------------------------


def test_a_table_without_a_name_column_is_refused_for_want_of_a_header(stored_plan, admin):
    """序号, 承办单位 and 分管领导 name columns, but none says what the project is: no header is found."""
    rows = [
        ("2024年鲤城区为民办实事项目责任分解表",),
        ("序号", "承办单位", "分管领导"),
        ("1", "区卫健局", "张剑辉"),
        ("2", "区民政局", "张剑辉"),
    ]
    with override("en"):
        expected = no_table_error()

    message = assert_refused("责任分解表.xlsx", xlsx_bytes(rows), expected, msgid=expected, user=admin)

    assert message == (
        "No table header was found: a responsibility table needs a header row naming its columns "
        "(序号, 项目名称 or 具体任务, 承办单位 …)."
    )


# --- size limits ---------------------------------------------------------------------------------

TOO_LARGE = "The file is %(size)s, more than the %(limit)s allowed."


def test_an_upload_over_the_configured_size_limit_is_refused_before_it_is_parsed(stored_plan, admin, settings):
    settings.MAX_UPLOAD_MB, settings.MAX_UPLOAD_BYTES = 1, 1024 * 1024
    # Two megabytes that, were they parsed, would be refused as a renamed file instead.
    data = PNG_BYTES + bytes(2 * 1024 * 1024 - len(PNG_BYTES))

    assert_refused(
        "责任分解表.xlsx", data, re.compile(r"The file is 2\.0\sMB, more than the 1\.0\sMB allowed\."),
        msgid=TOO_LARGE, user=admin,
    )


def test_a_file_just_within_the_limit_is_read(settings):
    settings.MAX_UPLOAD_MB, settings.MAX_UPLOAD_BYTES = 1, 1024 * 1024
    data = xlsx_bytes(fixture_rows("003"))
    assert len(data) < 1024 * 1024

    assert preview_import(file_name="003.xlsx", data=data).errors == []


def test_the_default_size_limit_refuses_a_200_mb_upload(settings):
    assert 0 < settings.MAX_UPLOAD_MB * 1024 * 1024 < 200 * 1024 * 1024


def test_a_zip_bomb_named_xlsx_is_refused_without_unpacking_it(stored_plan, admin):
    bomb = zip_bomb(megabytes=256)
    assert len(bomb) < 1024 * 1024  # a quarter of a gigabyte of zeros packs into a few hundred KB

    tracemalloc.start()
    try:
        assert_refused(
            "责任分解表.xlsx", bomb,
            re.compile(r"The file unpacks to 256\.0\sMB, far more than a real table: it cannot be read\."),
            msgid="The file unpacks to %(size)s, far more than a real table: it cannot be read.", user=admin,
        )
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 32 * 1024 * 1024  # nowhere near the 256 MB it would unpack to


# --- formulas --------------------------------------------------------------------------------


def formula_workbook() -> bytes:
    """Money cells that are formulas: two with the value Excel cached, one never calculated."""
    rows = [
        ("2024年鲤城区为民办实事项目责任分解表",),
        ("序号", "项目名称", "总投资", "年度投资", "分管领导"),
        ("1", "关爱女孩行动", "=SUM(J1:J4)", "=C3", "张剑辉"),
        ("2", "特困失能老人护理补助项目", "=1+1", "=1+1", "张剑辉"),
        ("3", "为80周岁以上老年人购买意外伤害保险项目", "=2*14", "", "张剑辉"),
    ]
    data = xlsx_bytes(rows, numbers=True)
    # The cached values are not what the formulas would compute here: =1+1 says 5.
    return with_cached_values(data, {"C3": "34", "D3": "34", "C4": "5", "D4": "28.959"})


def test_formula_cells_are_read_as_the_values_excel_cached_never_evaluated(stored_plan):
    data = formula_workbook()
    before = contents()

    preview = preview_import(file_name="公式.xlsx", data=data)

    assert preview.errors == []
    totals = [(p.number, p.total_investment, p.annual_investment) for p in preview.draft.projects]
    assert totals == [("1", Decimal(34), Decimal(34)), ("2", Decimal(5), Decimal("28.959")), ("3", None, None)]
    assert preview.summary()["totals"]["total_investment"] == "39"
    assert contents() == before


def test_a_formula_without_a_cached_value_reads_as_an_empty_cell_not_as_its_text():
    [table] = read_file("公式.xlsx", formula_workbook(), max_bytes=MAX_BYTES, header_cells=count_header_cells)

    rows = cells_of(table.rows)

    assert rows[2:] == [
        ("1", "关爱女孩行动", "34", "34", "张剑辉"),
        ("2", "特困失能老人护理补助项目", "5", "28.959", "张剑辉"),
        ("3", "为80周岁以上老年人购买意外伤害保险项目", "", "", "张剑辉"),
    ]
    assert not any(cell.startswith("=") for cells in rows for cell in cells)


# --- apply_import refuses or rolls back --------------------------------------------------------


def test_applying_a_preview_with_errors_raises_validation_error_and_writes_nothing(stored_plan, admin):
    rows = [("没有年份的责任分解表",), ("序号", "项目名称", "承办单位"), ("1", "关爱女孩行动", "区卫健局")]
    before_counts, before = counts(), contents()
    with override("en"):
        preview = preview_import(file_name="表.xlsx", data=xlsx_bytes(rows))
        messages = [problem.message for problem in preview.errors]
        assert messages == [
            "The jurisdiction could not be read from the title; give it explicitly.",
            "The year could not be read from the title; give it explicitly.",
        ]

        with pytest.raises(ValidationError) as refused:
            apply_import(preview=preview, user=admin)

    assert refused.value.messages == messages
    assert counts() == before_counts
    assert contents() == before


@pytest.mark.django_db(transaction=True)
def test_a_failure_in_the_middle_of_apply_import_leaves_the_database_exactly_as_before(stored_plan, admin):
    preview = preview_import(file_name="001.txt", data=fixture_bytes("001"))
    assert preview.errors == []
    # The last project's milestone breaks milestone_quarter_1_to_4 only when milestones are written,
    # after the jurisdiction, plan, categories, projects, units and people.
    preview.draft.projects[-1].milestones[0].quarter = 7
    before_counts, before = counts(), contents()
    assert not Jurisdiction.objects.filter(name="泉州台商投资区").exists()

    with CaptureQueriesContext(connection) as queries, pytest.raises(IntegrityError, match="milestone_quarter_1_to_4"):
        apply_import(preview=preview, user=admin)

    inserted = " ".join(query["sql"] for query in queries if query["sql"].lstrip().upper().startswith("INSERT"))
    for model in (Jurisdiction, Organization, Person):
        assert model._meta.db_table in inserted  # these rows were written, then rolled back
    assert counts() == before_counts
    assert contents() == before
    assert not Jurisdiction.objects.filter(name="泉州台商投资区").exists()
