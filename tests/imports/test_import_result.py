"""An import's result is one dataclass (imports/result.py), stored as the same JSON as before it existed.

Each kind of record the importer writes (a preview, an applied import, a crash, a preview cut to its
size) keeps the keys it had when the result was a dict built in three places, and reads back into
the typed object and out again to the very same JSON; a record stored before reads as it is."""

import pytest

from imports.crashes import record_crash
from imports.models import ImportRecord
from imports.result import ImportResult
from imports.services import apply_import, preview_import, preview_upload
from tests.imports.seeds import seed_bytes

SUMMARY = ["plan", "counts", "totals", "organizations", "people", "checks", "warnings", "errors", "file_name",
           "checksum", "layouts", "readable", "other_plans", "created", "updated", "unchanged", "missing",
           "delete_missing", "deleted", "kept"]


def round_trip(record: ImportRecord) -> dict:
    return ImportResult.from_json(record.result).to_json()


@pytest.fixture
def previewed(db, settings, tmp_path) -> ImportRecord:
    settings.MEDIA_ROOT = tmp_path
    [record] = preview_upload(file_name="002.txt", data=seed_bytes("002"), jurisdiction=None, year=None, user=None)
    return ImportRecord.objects.get(pk=record.pk)


def test_a_preview_keeps_its_keys_and_reads_back_to_the_same_json(previewed):
    # As sets: PostgreSQL's jsonb keeps no order of keys.
    assert sorted(previewed.result) == sorted([*SUMMARY, "projects", "options", "remembered"])
    assert round_trip(previewed) == previewed.result
    summary = previewed.summary
    assert summary.plan["jurisdiction"] == "晋江市 › 新塘街道" and summary.counts["projects"] == 12
    assert summary.error_id is None and previewed.error_id is None


def test_an_applied_import_keeps_its_keys_and_reads_back_to_the_same_json(db):
    record = apply_import(preview=preview_import(file_name="002.txt", data=seed_bytes("002")))
    assert record.status == ImportRecord.Status.APPLIED
    record.refresh_from_db()
    assert sorted(record.result) == sorted([*SUMMARY, "reuse"])
    assert round_trip(record) == record.result
    assert set(record.summary.reuse) == {"reader", "options", "digest"}


def test_the_import_of_bytes_applied_before_is_said_from_the_record_without_its_rows(db):
    apply_import(preview=preview_import(file_name="002.txt", data=seed_bytes("002")))
    again = preview_import(file_name="002.txt", data=seed_bytes("002"))
    assert again.reused is not None
    result = again.result()
    assert (result.projects, result.reuse) == (None, None)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 12)
    assert again.summary() == result.to_json() and "projects" not in again.summary()


def test_a_crash_keeps_the_previewed_plan_and_only_its_own_keys(previewed):
    failed = record_crash(error=RuntimeError("planted"), file_name="002.txt", record=previewed, stage="confirm")
    failed.refresh_from_db()
    assert sorted(failed.result) == ["checksum", "error_id", "errors", "file_name", "plan"]
    assert round_trip(failed) == failed.result
    assert failed.error_id == failed.result["error_id"] and "错误" in failed.summary.errors[0]["message"]
    alone = record_crash(error=RuntimeError("planted"), file_name="x.csv", data=b"x", stage="upload")
    assert sorted(alone.result) == ["error_id", "errors", "file_name"]


def test_a_preview_cut_to_its_size_says_what_was_cut(db, settings):
    settings.IMPORT_PREVIEW_MAX_KB = 4
    preview = preview_import(file_name="002.txt", data=seed_bytes("002"), reuse=False)
    record = apply_import(preview=preview)
    record.refresh_from_db()
    assert record.summary.cut and set(record.summary.cut) <= {"errors", "warnings", "projects", "organizations",
                                                              "people"}
    assert round_trip(record) == record.result


def test_a_result_stored_before_reads_as_it_is_unknown_keys_and_all():
    stored = {"plan": {"jurisdiction": "温州市 › 鹿城区", "year": 2023, "kind": "public_service", "title": "t",
                       "document_number": "", "issued_on": None, "report_schedule": None},
              "counts": {"projects": 3, "sub_projects": 0}, "errors": [], "missing": [], "delete_missing": None,
              "deleted": 0, "kept": 0, "a_key_of_some_older_format": [1, 2]}
    result = ImportResult.from_json(stored)
    assert (result.counts["projects"], result.delete_missing, result.warnings) == (3, None, None)
    assert result.to_json() == stored
    assert ImportResult.from_json({}).to_json() == {} and ImportResult.from_json(None).to_json() == {}
