"""preview_import() and apply_import(): the only code that writes an imported table to the database."""

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from imports.bounds import bounded
from imports.collector import paused_collector
from imports.drafts import Outcome, PlanDraft, Problem
from imports.layout_choices import load_remembered, remembered_digest
from imports.layouts import LayoutChoice, count_header_cells
from imports.models import ImportRecord
from imports.plan_reader import draft_plan
from imports.plans import plan_groups
from imports.readers import RawTable, ReadError, read_file
from imports.reuse import reusable_import, stamp
from imports.stages import Progress
from imports.staging import staged
from imports.store import PlanWriter, find_jurisdiction, stored_fingerprints
from imports.summary import fingerprint, project_facts, summarize, unchanged
from progress import lights
from progress.models import AssistingNote, Report
from projects.access import jurisdiction_ids_of
from projects.models import Plan, Project

logger = logging.getLogger(__name__)


@dataclass
class ImportPreview:
    """A file as it will be stored, and what it would do to the plan already there."""

    file_name: str
    checksum: str
    draft: PlanDraft
    fingerprints: dict[str, str] = field(default_factory=dict)
    outcome: dict[str, Outcome] = field(default_factory=dict)  # by project key
    # [jurisdiction, year] as given, and {"choice", "remembered"} when column roles were chosen by hand.
    options: list = field(default_factory=list)
    # The remembered layouts this reading used, by header: confirming reads the file with these again.
    remembered: dict[str, dict] = field(default_factory=dict)
    # Whether the file could be read at all (a preview with errors may still be corrected by its columns).
    readable: bool = True
    # The sheets of the other plans the same file holds (one sheet per year or district): previewed apart.
    other_plans: list[list[str]] = field(default_factory=list)
    # The applied import of the same bytes into a plan nobody has touched since: nothing to read.
    reused: ImportRecord | None = None
    # Stored projects of the plan that the table no longer has: {key, number, name, reports}.
    missing: list[dict] = field(default_factory=list)
    # Whether those without reports are deleted; None while nobody has chosen (the browser's preview).
    delete_missing: bool | None = None

    @property
    def errors(self) -> list[Problem]:
        return self.draft.errors

    def summary(self) -> dict:
        if self.reused is not None:
            before = {k: v for k, v in self.reused.result.items() if k not in {"projects", "reuse"}}
            counts = before["counts"]
            return {**before, "file_name": self.file_name, Outcome.CREATED: 0, Outcome.UPDATED: 0,
                    Outcome.UNCHANGED: counts["projects"] + counts["sub_projects"], **self._missing_summary()}
        outcomes = list(self.outcome.values())
        return {
            **summarize(self.draft), "file_name": self.file_name, "checksum": self.checksum,
            "layouts": self.draft.layouts, "readable": self.readable, "other_plans": self.other_plans,
            **{outcome.value: outcomes.count(outcome) for outcome in Outcome},
            **self._missing_summary(),
        }

    def _missing_summary(self) -> dict:
        """The projects no longer in the table: which go ("deleted") and which stay ("kept").

        Before a choice is made, "deleted" counts what deleting them would remove."""
        deletable = [p for p in self.missing if not p["reports"]]
        deleted = 0 if self.delete_missing is False else len(deletable)
        return {"missing": self.missing, "delete_missing": self.delete_missing, "deleted": deleted,
                "kept": len(self.missing) - deleted}

    def deletable_keys(self) -> set[str]:
        return {p["key"] for p in self.missing if not p["reports"]}


def parse_jurisdiction(text: str | None) -> list[str] | None:
    """"温州市/鹿城区", "温州市 › 鹿城区" or "鹿城区" -> the chain of names."""
    if not text:
        return None
    for separator in ("›", ">", "/", "／", " "):
        text = text.replace(separator, "\n")
    return [part for part in text.split("\n") if part.strip()] or None


@paused_collector
def preview_import(*, file_name: str, data: bytes, jurisdiction: str | None = None, year: int | None = None,
                   progress: Progress | None = None, reuse: bool = True, choice: LayoutChoice | None = None,
                   remembered: dict[str, LayoutChoice] | None = None, sheets: list[str] | None = None) -> ImportPreview:
    """Read and check a file and compare it with what is stored; writes nothing.

    With `reuse`, the file last applied with the same bytes and options into a plan nobody has
    touched since is not read again: every row is unchanged. The browser preview, which shows
    every row, reads the file whatever. `choice` is the admin's choice of column roles for this
    file; `remembered`, the layouts chosen before (by default, every one kept). A file holding
    several plans (a sheet per year or district) is previewed as its first plan, or as the plan of
    `sheets`; the preview lists the sheets of the others."""
    reading = _Reading(file_name, data, jurisdiction, year, progress, choice,
                       load_remembered() if remembered is None else remembered)
    if reuse and (reused := reading.reused(sheets)):
        return reused
    tables = reading.tables()
    if tables is None:
        return reading.unreadable()
    groups = plan_groups(tables)
    if sheets is None and len(groups) > 1:
        sheets = [table.name for table in groups[0]]
    if sheets is not None:
        tables = [table for table in tables if table.name in sheets]
    return reading.preview(tables, groups, sheets)


@paused_collector
def preview_plans(*, file_name: str, data: bytes, jurisdiction: str | None = None, year: int | None = None,
                  progress: Progress | None = None, reuse: bool = True, choice: LayoutChoice | None = None,
                  remembered: dict[str, LayoutChoice] | None = None) -> list[ImportPreview]:
    """Every plan a file holds, each previewed as preview_import(sheets=…) previews it, from one reading.

    A file of one plan gives one preview; a workbook with a sheet per year or district, one per plan."""
    reading = _Reading(file_name, data, jurisdiction, year, progress, choice,
                       load_remembered() if remembered is None else remembered)
    # A file of several plans records each with its sheets, so only a file of one plan is found here.
    if reuse and (reused := reading.reused(None)):
        return [reused]
    tables = reading.tables()
    if tables is None:
        return [reading.unreadable()]
    groups = plan_groups(tables)
    if len(groups) == 1:
        return [reading.preview(tables, groups, None)]
    previews = []
    for group in groups:
        sheets = [table.name for table in group]
        previews.append(reuse and reading.reused(sheets) or reading.preview(group, groups, sheets))
    return previews


@dataclass
class _Reading:
    """One file read for a preview: the options it is read with, its tables read at most once."""

    file_name: str
    data: bytes
    jurisdiction: str | None
    year: int | None
    progress: Progress | None
    choice: LayoutChoice | None
    remembered: dict[str, LayoutChoice]

    def __post_init__(self):
        self.checksum = hashlib.sha256(self.data).hexdigest()

    def options(self, sheets: list[str] | None) -> list:
        options: list = [self.jurisdiction, self.year]
        if self.choice or self.remembered or sheets:
            options.append({"choice": self.choice.as_dict() if self.choice else None,
                            "remembered": remembered_digest(self.remembered), "sheets": sheets})
        return options

    def reused(self, sheets: list[str] | None) -> ImportPreview | None:
        options = self.options(sheets)
        record = reusable_import(checksum=self.checksum, options=options)
        # A plan that kept projects the table no longer has is read again, so they are listed and may be deleted.
        if record is None or record.result.get("missing"):
            return None
        return ImportPreview(file_name=self.file_name, checksum=self.checksum, draft=PlanDraft(), options=options,
                             reused=record)

    def tables(self) -> list[RawTable] | None:
        if not hasattr(self, "_tables"):
            try:
                self._tables = read_file(self.file_name, self.data, max_bytes=settings.MAX_UPLOAD_BYTES,
                                         header_cells=count_header_cells)
            except ReadError as error:
                self._tables, self.error = None, error
        return self._tables

    def unreadable(self) -> ImportPreview:
        draft = PlanDraft(errors=[Problem(str(self.error))])
        return ImportPreview(file_name=self.file_name, checksum=self.checksum, draft=draft, readable=False)

    def preview(self, tables: list[RawTable], groups: list[list[RawTable]], sheets: list[str] | None) -> ImportPreview:
        """The preview of the plan these tables hold; `groups`, every plan of the file."""
        # By identity: hashing a table would hash every one of its cells.
        read = {id(table) for table in tables}
        others = [[table.name for table in group] for group in groups if not any(id(table) in read for table in group)]
        draft = draft_plan(tables, jurisdiction=parse_jurisdiction(self.jurisdiction), year=self.year,
                           progress=self.progress, choice=self.choice, remembered=self.remembered)
        used = {layout["signature"]: self.remembered[layout["signature"]].as_dict()
                for layout in draft.layouts if layout["remembered"]}
        preview = ImportPreview(file_name=self.file_name, checksum=self.checksum, draft=draft,
                                options=self.options(sheets), remembered=used, readable=bool(tables),
                                other_plans=others)
        if not draft.errors:
            _compare(preview)
        return preview


def _compare(preview: ImportPreview) -> None:
    """Each row's outcome against the plan stored (created, updated, unchanged), and the rows gone."""
    draft = preview.draft
    # Counted once: keys.count() per key would be quadratic in a 10,000-row table.
    duplicates = sorted(key for key, times in Counter(p.key for p in draft.projects).items() if times > 1)
    for key in duplicates:
        draft.errors.append(Problem(_("Number %(number)s appears more than once.") % {"number": key}))
    try:
        jurisdiction_row = find_jurisdiction(draft.jurisdiction, create=False)
    except ValidationError as error:
        draft.errors.extend(Problem(message) for message in error.messages)
        return
    stored = stored_fingerprints(jurisdiction_row, draft.year, draft.kind) if jurisdiction_row else {}
    if jurisdiction_row:
        preview.missing = _missing_projects(jurisdiction_row, draft, stored.keys() - {p.key for p in draft.projects})
    for project in draft.projects:
        current = preview.fingerprints[project.key] = fingerprint(project)
        before = stored.get(project.key)
        preview.outcome[project.key] = (
            Outcome.CREATED if before is None
            else Outcome.UNCHANGED if unchanged(before, project, current) else Outcome.UPDATED
        )


def _missing_projects(jurisdiction, draft: PlanDraft, keys: set[str]) -> list[dict]:
    """The stored projects of these keys in table order, each saying whether units have reported on it."""
    if not keys:
        return []
    rows = (Project.objects.filter(plan__jurisdiction=jurisdiction, plan__year=draft.year, plan__kind=draft.kind)
            .annotate(reported=Exists(Report.objects.filter(project=OuterRef("pk"))),
                      noted=Exists(AssistingNote.objects.filter(project=OuterRef("pk"))))
            .order_by("position").values_list("key", "number", "name", "reported", "noted"))
    return [{"key": key, "number": number, "name": name, "reports": reported or noted}
            for key, number, name, reported, noted in rows if key in keys]


def may_import_into(user, chain: list[str]) -> bool:
    """Whether the administrator works where the table belongs (superusers: anywhere).

    The table's jurisdiction, or, when it is new, the nearest of its parents that exists, must be
    theirs or under theirs: a city's administrator may bring in a district it does not have yet."""
    ids = jurisdiction_ids_of(user)
    if ids is None:
        return True
    for end in range(len(chain), 0, -1):
        try:
            found = find_jurisdiction(chain[:end], create=False)
        except ValidationError:
            return False
        if found is not None:
            return found.pk in ids
    return False


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
    the database refusing a row) ends in the record marked failed, with its message."""
    _refuse_unless_previewed(record)
    data = staged(checksum=record.checksum)
    if data is None:
        raise Refused(_("The uploaded file is no longer available; please upload it again."), code=FILE_GONE)
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
    except Refused:
        raise
    except (ValidationError, DatabaseError) as error:
        # What reading could not foresee, such as a number a project added by hand already has.
        logger.warning("Import %s could not be applied", record.pk, exc_info=True)
        messages = error.messages if isinstance(error, ValidationError) else [str(error)]
        fresh.draft.errors.extend(Problem(message) for message in messages)
        return record_failure(preview=fresh, user=user, record=ImportRecord.objects.get(pk=record.pk))


class Refused(ValidationError):
    """A confirmation turned down before anything is written: the preview stays as it was."""


def _refuse_unless_as_previewed(record: ImportRecord, fresh: ImportPreview, user, delete_missing: bool) -> None:
    previewed, now = _plan_facts(record.result.get("plan", {})), _plan_facts(fresh.summary()["plan"])
    if now != previewed:
        raise Refused(
            _("The file now reads as %(now)s, not %(previewed)s as the preview showed; nothing was imported. "
              "Please upload it again.") % {"now": _describe(now), "previewed": _describe(previewed)})
    if not may_import_into(user, fresh.draft.jurisdiction):
        raise Refused(_("You may import only plans of your own jurisdiction and of those under it."))
    listed = {p["key"] for p in record.result.get("missing", []) if not p["reports"]}
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
    jurisdiction, year, *rest = record.result.get("options") or [None, None]
    layout = rest[0] if rest else {}
    remembered = {header: LayoutChoice.from_dict({"roles": roles.get("roles")})
                  for header, roles in (record.result.get("remembered") or {}).items()}
    return PreviewedOptions(jurisdiction, year, LayoutChoice.from_dict(layout.get("choice")), remembered,
                            layout.get("sheets"))


def _refuse_unless_previewed(record: ImportRecord) -> None:
    if record.status == ImportRecord.Status.APPLIED:
        raise Refused(_("This table has already been imported."))
    if record.status != ImportRecord.Status.PREVIEWED:
        raise Refused(_("This import failed; please upload the table again."))


def _plan_facts(plan: dict) -> tuple[str, int | None, str]:
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
    record = record or ImportRecord(file_name=preview.file_name, checksum=preview.checksum)
    record.user, record.status, record.plan = user, status, plan
    record.result = preview.summary()
    if plan is not None:
        record.result = stamp(record.result, plan=plan, options=preview.options)
    if projects:
        record.result["projects"] = [
            {**project_facts(project), "outcome": preview.outcome.get(project.key, "")}
            for project in preview.draft.projects
        ]
    if options:
        # [jurisdiction, year, …] as the admin gave them: confirm_import() reads the file again with these.
        record.result["options"] = preview.options
        record.result["remembered"] = preview.remembered
    record.result = bounded(record.result)
    record.save()
    return record
