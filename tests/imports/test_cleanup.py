"""`manage.py cleanup_imports` for cron: old staged uploads and unfinished import records go, the history stays.

Staged files go after --days (30); records, which the audit trail refers to, only after AUDIT_RETENTION_DAYS too
(365 here), and an applied one never."""

import os
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone, translation

from imports.models import ImportRecord
from imports.staged_files import stage, staged

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def days_ago(days: int):
    return timezone.now() - timedelta(days=days)


def staged_file(media, checksum: str, *, age: int) -> None:
    stage(checksum=checksum, data=checksum.encode())
    when = days_ago(age).timestamp()
    os.utime(media / "imports" / checksum, (when, when))


def record(checksum: str, status: str, *, age: int) -> ImportRecord:
    created = ImportRecord.objects.create(file_name=f"{checksum}.xlsx", checksum=checksum, status=status)
    # created_at is auto_now_add: set it afterwards.
    ImportRecord.objects.filter(pk=created.pk).update(created_at=days_ago(age))
    return created


def run(capsys, *args) -> str:
    with translation.override("en"):  # the words as written, whatever the translations say
        call_command("cleanup_imports", *args)
    return capsys.readouterr().out


def checksums_left() -> set[str]:
    return set(ImportRecord.objects.values_list("checksum", flat=True))


def test_old_unfinished_records_and_their_files_go_and_applied_imports_stay(media, capsys):
    for checksum, status in (("old-preview", "previewed"), ("old-failure", "failed"), ("old-applied", "applied")):
        record(checksum, status, age=400)
        staged_file(media, checksum, age=400)
    record("new-preview", "previewed", age=2)
    staged_file(media, "new-preview", age=2)

    out = run(capsys)

    assert checksums_left() == {"old-applied", "new-preview"}
    assert sorted(os.listdir(media / "imports")) == ["new-preview"]
    assert "imports/old-preview" in out and "imports/old-applied" in out
    assert "old-failure.xlsx" in out and "old-applied.xlsx" not in out
    assert "3 staged files, 2 import records" in out


def test_a_failed_import_younger_than_the_retention_stays_though_its_file_goes(media, capsys, settings):
    record("failed-in-spring", "failed", age=200)
    staged_file(media, "failed-in-spring", age=200)

    run(capsys, "--days", "0")
    assert checksums_left() == {"failed-in-spring"}
    assert staged(checksum="failed-in-spring") is None

    settings.AUDIT_RETENTION_DAYS = 190
    run(capsys)
    assert checksums_left() == set()


def test_an_old_file_stays_while_a_recent_preview_awaits_it(media, capsys):
    # The same bytes uploaded again are not staged again: the file is older than its preview.
    staged_file(media, "uploaded-twice", age=400)
    record("uploaded-twice", "previewed", age=400)
    record("uploaded-twice", "previewed", age=1)

    run(capsys)

    assert staged(checksum="uploaded-twice") == b"uploaded-twice"
    assert ImportRecord.objects.filter(checksum="uploaded-twice").count() == 1


def test_a_recent_failure_does_not_keep_an_old_file(media, capsys):
    staged_file(media, "failed-later", age=40)
    record("failed-later", "failed", age=1)

    run(capsys)

    assert staged(checksum="failed-later") is None
    assert checksums_left() == {"failed-later"}


def test_days_can_be_given_for_the_files(media, capsys):
    record("ten-days", "previewed", age=10)
    staged_file(media, "ten-days", age=10)

    run(capsys)
    assert staged(checksum="ten-days") == b"ten-days"

    run(capsys, "--days", "7")
    assert staged(checksum="ten-days") is None
    assert checksums_left() == {"ten-days"}  # within the retention


def test_dry_run_prints_what_would_go_and_removes_nothing(media, capsys):
    record("old-preview", "previewed", age=400)
    staged_file(media, "old-preview", age=40)

    out = run(capsys, "--dry-run")

    assert "imports/old-preview" in out and "old-preview.xlsx" in out and "nothing removed" in out
    assert checksums_left() == {"old-preview"}
    assert staged(checksum="old-preview") == b"old-preview"


def test_nothing_staged_yet_is_nothing_to_do(media, capsys):
    out = run(capsys)
    assert "0 staged files, 0 import records" in out
    assert not (media / "imports").exists()


def test_negative_days_are_refused(capsys):
    with pytest.raises(CommandError):
        run(capsys, "--days", "-1")
