"""An import stopped by an unexpected error still leaves its record: failed, with a message and an error id.

The import's own transaction has rolled back by the time the record is written, so the record is
written on its own; a connection the error killed is replaced by a fresh one first."""

import hashlib

from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import summarised
from imports.audit_entries import record_import
from imports.models import ImportRecord
from imports.result import ImportResult
from projects.errors import record_unexpected


class ImportCrashed(Exception):
    """Raised by the import command's path once the failed record is written; `str()` is its message."""

    def __init__(self, record: ImportRecord):
        super().__init__(record.summary.errors[0]["message"])
        self.record = record


def crash_message(error_id: str) -> str:
    return _("The import stopped on an unexpected error (error number %(id)s); nothing was imported. "
             "Please try again, or give this number to the system administrator.") % {"id": error_id}


def record_crash(*, error: BaseException, file_name: str, data: bytes | None = None, user=None,
                 record: ImportRecord | None = None, stage: str) -> ImportRecord:
    """Log the error under a new id and keep the import as failed with the message that gives it.

    `record` is the previewed import being confirmed (it becomes the failed one); without it a new
    record is made for `file_name` and `data`. Call it after the import's transaction has ended."""
    error_id = record_unexpected(error, f"import {stage}: {file_name}")
    message = crash_message(error_id)
    result = ImportResult(file_name=file_name, error_id=error_id, errors=[{"where": "", "message": message}])
    if record is not None:
        # The preview it was keeps the plan's name, so the page still says which table failed.
        previewed = record.summary
        result.plan, result.checksum = previewed.plan, previewed.checksum
    checksum = record.checksum if record is not None else hashlib.sha256(data or b"").hexdigest()
    # A confirmation that crashed keeps who previewed; the trail's entry names who confirmed.
    previewed_by = record.user_id if record is not None else (user.pk if user and user.pk else None)
    failed = ImportRecord(pk=record.pk if record else None, created_at=record.created_at if record else None,
                          file_name=file_name, checksum=checksum, user_id=previewed_by,
                          status=ImportRecord.Status.FAILED, result=result.to_json())
    with summarised("import record"):
        _save_on_a_live_connection(failed)
    record_import(AuditEntry.Action.IMPORT_FAILED, import_record=failed, result=result,
                  user=user if user and user.pk else None)
    return failed


def _save_on_a_live_connection(record: ImportRecord) -> None:
    """Save the record; a connection lost with the import (its server process ended) is opened again once."""
    try:
        _save(record)
    except DatabaseError:
        if connection.in_atomic_block:
            raise  # a caller's transaction is still open: nothing written here could outlive it
        connection.close()
        _save(record)


def _save(record: ImportRecord) -> None:
    if record.pk is None:
        record.save()
    else:
        # An update of the previewed record: its created_at is the preview's, kept as it was.
        ImportRecord.objects.filter(pk=record.pk).update(
            user_id=record.user_id, status=record.status, result=record.result, plan=None)
