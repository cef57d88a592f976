"""apply_import() and confirm_import(): the only code that writes an imported table to the database.

Reading and comparing (preview_import(), preview_plans()) is imports.preview's."""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from audit.recording import summarised
from imports.audit_entries import record_import
from imports.bounds import bounded
from imports.collector import paused_collector
from imports.crashes import record_crash
from imports.foundation.layouts import LayoutChoice
from imports.foundation.progress_report import Progress
from imports.interpret.draft import Problem
from imports.models import ImportRecord
from imports.preview import ImportPreview as ImportPreview
from imports.preview import may_import_into as may_import_into
from imports.preview import parse_jurisdiction as parse_jurisdiction
from imports.preview import preview_import as preview_import
from imports.preview import preview_plans as preview_plans
from imports.result import PlanFacts
from imports.reuse import stamp
from imports.staged_files import stage, staged
from imports.write.compare import Outcome, project_facts
from imports.write.store import PlanWriter
from progress import lights
from projects.models import Plan, Project

logger = logging.getLogger(__name__)

@paused_collector
@transaction.atomic
def apply_import(*, preview: ImportPreview, user=None, record: ImportRecord | None = None,
                 progress: Progress | None = None, delete_missing: bool = False) -> ImportRecord:
    """Write the previewed plan in one transaction and record the import; refuses a preview with errors.

    `record` is the previewed import the admin confirmed in the browser; it becomes the applied one.
    Projects the table no longer has are deleted only with `delete_missing` (never those units have
    reported on); otherwise they are kept after the table's rows."""
    if preview.errors:
        raise ValidationError([problem.message for problem in preview.errors])
    preview.delete_missing = delete_missing
    if preview.reused is not None:
        plan = preview.reused.plan
    else:
        writer = PlanWriter(preview.draft, fingerprints=preview.fingerprints, outcome=preview.outcome,
                            progress=progress, delete_missing=delete_missing)
        # Thousands of rows in bulk statements: one entry for the whole import (below), not one per row.
        with summarised("import"):
            plan = writer.write()
        # Lights on from the first day, not from the next night's refresh_status; a project whose
        # row did not change keeps its light (refresh_status moves it on with the date).
        changed = [key for key, outcome in preview.outcome.items() if outcome != Outcome.UNCHANGED]
        projects = Project.objects.filter(plan=plan)
        if len(changed) < len(preview.outcome):  # a new table changes every row: no need to name them
            projects = projects.filter(Q(key__in=changed) | Q(status__isnull=True))
        lights.refresh_many(projects)
    return _record(preview, user=user, record=record, status=ImportRecord.Status.APPLIED, plan=plan)


# The code of the refusal whose remedy is a new upload, not another look at the preview.
FILE_GONE = "file_gone"


@paused_collector  # its reading and its writing in one pause
def confirm_import(*, record: ImportRecord, user, delete_missing: bool = False) -> ImportRecord:
    """Apply a preview the administrator confirmed: its staged file read again with the preview's own options.

    Refuses with ValidationError, writing nothing, a record that is no longer a preview, a file no
    longer staged (code FILE_GONE), a file that now reads as another plan than the preview showed,
    and a plan outside the administrator's jurisdictions; with `delete_missing`, also a table that
    would now delete a project the preview did not list. Any other failure (errors in the file,
    the database refusing a row) ends in the record marked failed, with its message; an unexpected
    one (a bug, a lost connection) too, its message giving the error id under which it is logged."""
    _refuse_unless_previewed(record)
    data = staged(checksum=record.checksum)
    if data is None:
        raise Refused(_("The uploaded file is no longer available; please upload it again."), code=FILE_GONE)
    try:
        return _confirm(record, data, user, delete_missing)
    except Refused:
        raise
    except Exception as error:  # noqa: BLE001 - whatever it was, the import is recorded as failed
        # Here the import's transaction has rolled back (and a connection lost with it was dropped).
        return record_crash(error=error, file_name=record.file_name, user=user, record=record, stage="confirm")


def _confirm(record: ImportRecord, data: bytes, user, delete_missing: bool) -> ImportRecord:
    # What the browser posts back is never read: the preview was checked with these options only.
    # Read before the record is locked: a large table takes seconds.
    fresh = preview_import(file_name=record.file_name, data=data, reuse=False,
                           **previewed_options(record).as_arguments())
    try:
        with transaction.atomic():
            # Locked until the import is written: a second click waits here, then finds it applied.
            record = ImportRecord.objects.select_for_update().get(pk=record.pk)
            _refuse_unless_previewed(record)
            if fresh.errors:
                return record_failure(preview=fresh, user=user, record=record)
            _refuse_unless_as_previewed(record, fresh, user, delete_missing)
            # Deferred constraints are checked when this block commits, so failures there are caught too.
            return apply_import(preview=fresh, user=user, record=record, delete_missing=delete_missing)
    except (ValidationError, IntegrityError, DataError) as error:
        if isinstance(error, Refused):
            raise
        # What reading could not foresee, such as a number a project added by hand already has.
        logger.warning("Import %s could not be applied", record.pk, exc_info=True)
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        fresh.draft.errors.extend(Problem(message) for message in messages)
        return record_failure(preview=fresh, user=user, record=ImportRecord.objects.get(pk=record.pk))


def preview_upload(*, file_name: str, data: bytes, jurisdiction: str | None, year: int | None,
                   user) -> list[ImportRecord]:
    """An uploaded file previewed and recorded, one record per plan it holds, and kept until it is confirmed.

    Only plans of the user's jurisdictions are read (imports.preview). An unexpected error leaves
    one failed record whose message gives the error id under which it is logged."""
    try:
        # Each plan of the file (a sheet per year or district) is a preview of its own.
        previews = preview_plans(file_name=file_name, data=data, jurisdiction=jurisdiction, year=year,
                                 reuse=False, user=user)
        records = [record_preview(preview=preview, user=user) for preview in previews]
        if previews[0].readable:
            # Kept even when the preview failed: the admin may correct its columns and look again.
            stage(checksum=previews[0].checksum, data=data)
        return records
    except Exception as error:  # noqa: BLE001 - whatever it was, the upload is recorded as failed
        return [record_crash(error=error, file_name=file_name, data=data, user=user, stage="upload")]


class Refused(ValidationError):
    """A confirmation turned down before anything is written: the preview stays as it was."""


def _refuse_unless_as_previewed(record: ImportRecord, fresh: ImportPreview, user, delete_missing: bool) -> None:
    previewed, now = _plan_facts(record.summary.plan or {}), _plan_facts(fresh.result().plan or {})
    if now != previewed:
        raise Refused(
            _("The file now reads as %(now)s, not %(previewed)s as the preview showed; nothing was imported. "
              "Please upload it again.") % {"now": _describe(now), "previewed": _describe(previewed)})
    if not may_import_into(user, fresh.draft.jurisdiction):
        raise Refused(_("You may import only plans of your own jurisdiction and of those under it."))
    listed = {p["key"] for p in record.summary.missing or [] if not p["reports"]}
    if delete_missing and not fresh.deletable_keys() <= listed:
        # The admin agreed to delete what the preview listed, and nothing else.
        raise Refused(_("The plan has changed since the preview; nothing was imported. "
                        "Please upload the table again."))


@dataclass(frozen=True)
class PreviewedOptions:
    """Everything a preview was read with: confirming, or reading again with other columns, uses these."""

    jurisdiction: str | None
    year: int | None
    choice: LayoutChoice
    remembered: dict[str, LayoutChoice]
    sheets: list[str] | None

    def as_arguments(self) -> dict:
        return {"jurisdiction": self.jurisdiction, "year": self.year, "choice": self.choice,
                "remembered": self.remembered, "sheets": self.sheets}


def previewed_options(record: ImportRecord) -> PreviewedOptions:
    """Jurisdiction, year, chosen roles, remembered layouts and sheets exactly as the preview read the file."""
    summary = record.summary
    jurisdiction, year, *rest = summary.options or [None, None]
    layout = rest[0] if rest else {}
    remembered = {header: LayoutChoice.from_dict({"roles": roles.get("roles"), "reading": roles.get("reading")})
                  for header, roles in (summary.remembered or {}).items()}
    return PreviewedOptions(jurisdiction, year, LayoutChoice.from_dict(layout.get("choice")), remembered,
                            layout.get("sheets"))


def _refuse_unless_previewed(record: ImportRecord) -> None:
    if record.status == ImportRecord.Status.APPLIED:
        raise Refused(_("This table has already been imported."))
    if record.status != ImportRecord.Status.PREVIEWED:
        raise Refused(_("This import failed; please upload the table again."))


def _plan_facts(plan: PlanFacts | dict) -> tuple[str, int | None, str]:
    """What names the plan an import writes into, from a summary's "plan"."""
    return plan.get("jurisdiction") or "", plan.get("year"), plan.get("kind") or ""


def _describe(facts: tuple[str, int | None, str]) -> str:
    jurisdiction, year, kind = facts
    kind = Plan.Kind(kind).label if kind in Plan.Kind.values else kind
    return _("%(jurisdiction)s, %(year)s, %(kind)s") % {"jurisdiction": jurisdiction or "—", "year": year or "—",
                                                        "kind": kind or "—"}


def record_preview(*, preview: ImportPreview, user=None) -> ImportRecord:
    """Keep a previewed import, with every project as it would be stored, until it is confirmed."""
    status = ImportRecord.Status.FAILED if preview.errors else ImportRecord.Status.PREVIEWED
    return _record(preview, user=user, status=status, projects=True, options=True)


def record_failure(*, preview: ImportPreview, user=None, record: ImportRecord | None = None) -> ImportRecord:
    """Keep a trace of an import that could not be applied, with its errors."""
    return _record(preview, user=user, record=record, status=ImportRecord.Status.FAILED)


def _record(preview: ImportPreview, *, user, status: str, record: ImportRecord | None = None, plan: Plan | None = None,
            projects: bool = False, options: bool = False) -> ImportRecord:
    """Store the import's record and add its entry to the audit trail (previewed, confirmed or failed).

    A record confirmed keeps who previewed it and when; who confirmed it and when are its own fields."""
    if record is None:
        record = ImportRecord(file_name=preview.file_name, checksum=preview.checksum, user=user)
    record.status, record.plan = status, plan
    if status == ImportRecord.Status.APPLIED:
        record.confirmed_by, record.confirmed_at = user, timezone.now()
    result = preview.result()
    if plan is not None:
        result = stamp(result, plan=plan, options=preview.options)
    if projects:
        result.projects = [
            {**project_facts(project), "outcome": preview.outcome.get(project.key, "")}
            for project in preview.draft.projects
        ]
    if options:
        # [jurisdiction, year, …] as the admin gave them: confirm_import() reads the file again with these.
        result.options = preview.options
        result.remembered = preview.remembered
    record.result = bounded(result).to_json()
    with summarised("import record"):  # the entry below says it all, with the counts
        record.save()
    action = {ImportRecord.Status.PREVIEWED: AuditEntry.Action.IMPORT_PREVIEWED,
              ImportRecord.Status.APPLIED: AuditEntry.Action.IMPORT_CONFIRMED}.get(status,
                                                                                   AuditEntry.Action.IMPORT_FAILED)
    record_import(action, import_record=record, result=result, user=user)
    return record
