"""The property every fuzz test of the importer checks: a file is imported, or refused in words, never half.

"Refused in words" is what the import page shows: a preview's errors (which apply_import then refuses
with the same ValidationError), a Refused from confirm_import, or a failed import record. Each message
is non-empty text in Chinese. Anything else raised is a defect, and so is an import record stopped by an
unexpected error (it carries an error id). Refused, every row of every table an import touches is as it
was; imported, the plan holds the previewed projects and the database's constraints all hold.
"""

import re
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import override

from imports.models import ImportRecord
from imports.services import Refused, apply_import, confirm_import, preview_plans, preview_upload
from projects.models import Project
from tests.fuzz.watch import no_unexpected_errors
from tests.imports.test_bad_input import contents

CHINESE = re.compile(r"[\u4e00-\u9fff]")


@contextmanager
def rolled_back():
    """One example's writes, undone when it ends, so that the next example meets the same database."""
    with no_unexpected_errors(), override("zh-hans"), transaction.atomic():
        yield
        transaction.set_rollback(True)


def assert_clear(messages: list) -> None:
    """Messages a person can act on: some, each non-empty text in Chinese (the product's language)."""
    assert messages, "refused without a message"
    for message in messages:
        assert isinstance(message, str) and message.strip(), repr(message)
        assert CHINESE.search(message), f"not in Chinese: {message!r}"


def without_records(rows: dict) -> dict:
    """Every row but the import records, which a refused upload or confirmation rightly leaves behind."""
    return {label: values for label, values in rows.items() if label != ImportRecord._meta.label}


def assert_consistent(record: ImportRecord, preview) -> None:
    """An applied import's plan holds every previewed project (and those it kept), and every constraint holds."""
    assert record.status == ImportRecord.Status.APPLIED and not record.error_id
    stored = set(Project.objects.filter(plan=record.plan).values_list("key", flat=True))
    previewed = {project.key for project in preview.draft.projects}
    kept = {missing["key"] for missing in preview.missing}
    assert stored == previewed | kept
    # Deferred foreign keys are checked at commit, which a test's transaction never reaches: checked here.
    connection.check_constraints()


def import_or_refuse(name: str, data: bytes, *, user) -> list[str]:
    """Preview every plan of the file and apply it, as `import_table` does; what became of each plan."""
    outcomes = []
    with rolled_back():
        before = contents()
        previews = preview_plans(file_name=name, data=data, reuse=False, user=user)
        assert contents() == before, "a preview wrote to the database"
        for preview in previews:
            before = contents()
            messages = [problem.message for problem in preview.errors]
            if messages:
                try:
                    apply_import(preview=preview, user=user)
                except ValidationError as refusal:
                    assert refusal.messages == messages
                else:
                    raise AssertionError("a preview with errors was applied")
                assert contents() == before, "a refused import wrote to the database"
                outcomes.append(refused(messages))
            else:
                assert_consistent(apply_import(preview=preview, user=user), preview)
                outcomes.append("imported")
    return outcomes


def upload_and_confirm(name: str, data: bytes, *, user, jurisdiction: str | None = None,
                       year: int | None = None) -> list[str]:
    """The browser's way: the upload previewed and recorded (with the form's jurisdiction and year, when
    given), then each previewed plan confirmed."""
    outcomes = []
    with rolled_back():
        before = without_records(contents())
        records = preview_upload(file_name=name, data=data, jurisdiction=jurisdiction, year=year, user=user)
        assert without_records(contents()) == before, "an upload wrote more than its import records"
        for record in records:
            assert not record.error_id, record.summary.errors
            if record.status == ImportRecord.Status.FAILED:
                outcomes.append(refused(failure(record)))
                continue
            before = without_records(contents())
            try:
                confirmed = confirm_import(record=record, user=user)
            except Refused as refusal:
                outcomes.append(refused(refusal.messages))
                assert without_records(contents()) == before, "a refused confirmation wrote to the database"
                continue
            assert not confirmed.error_id, confirmed.summary.errors
            if confirmed.status == ImportRecord.Status.FAILED:
                outcomes.append(refused(failure(confirmed)))
                assert without_records(contents()) == before, "a failed import wrote to the database"
            else:
                counts = confirmed.summary.counts
                stored = confirmed.plan.projects.count()
                assert stored == counts["projects"] + counts["sub_projects"] + confirmed.summary.kept
                connection.check_constraints()
                outcomes.append("imported")
    return outcomes


def failure(record: ImportRecord) -> list[str]:
    return [error["message"] for error in record.summary.errors]


def refused(messages: list[str]) -> str:
    """The outcome of a refusal, once its messages are found clear: named by its first message's start."""
    assert_clear(messages)
    return f"refused: {messages[0][:24]}"
