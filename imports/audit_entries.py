"""An import's entries in the audit trail: who previewed, who confirmed and when, what it counted, how it ended.

The rows an import writes go in bulk statements without signals (imports/write/store.py), so the import is
recorded here as one entry per step rather than one per row."""

from audit.models import AuditEntry
from audit.recording import record
from imports.models import ImportRecord
from imports.result import ImportResult

# What of an import's result the entry keeps: its counts, not its projects.
COUNTED = ("created", "updated", "unchanged", "deleted", "kept")


def record_import(action: str, *, import_record: ImportRecord, result: ImportResult, user=None) -> AuditEntry:
    """One step of an import (previewed, confirmed, failed) as an entry naming the import's record."""
    detail = {"status": import_record.status, "file_name": import_record.file_name,
              "checksum": import_record.checksum, "counts": result.counts or {},
              **{name: getattr(result, name) for name in COUNTED if getattr(result, name) is not None}}
    if result.plan:
        detail["plan"] = {key: result.plan.get(key) for key in ("jurisdiction", "year", "kind", "title")}
    if import_record.plan_id:
        detail["plan_id"] = import_record.plan_id
    if result.errors:
        detail["errors"] = len(result.errors)
        detail["first_error"] = str(result.errors[0].get("message", ""))[:300]
    if result.error_id:
        detail["error_id"] = result.error_id
    if action == AuditEntry.Action.IMPORT_CONFIRMED:
        detail["previewed_by"] = import_record.user.get_username() if import_record.user else ""
        detail["previewed_at"] = import_record.created_at.isoformat() if import_record.created_at else ""
        detail["confirmed_at"] = import_record.confirmed_at.isoformat() if import_record.confirmed_at else ""
    failed = action == AuditEntry.Action.IMPORT_FAILED
    return record(action, obj=import_record, detail=detail, user=user,
                  outcome=AuditEntry.Outcome.FAILURE if failed else AuditEntry.Outcome.SUCCESS)
