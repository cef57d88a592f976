"""preview_import() and preview_plans(): a file read, checked and compared with what is stored; writes nothing.

A table naming a jurisdiction the uploader may not import into is refused before anything stored
of that jurisdiction is read: its projects' numbers, names and reports never reach the preview."""

import hashlib
from collections import Counter
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from imports.collector import paused_collector
from imports.foundation.layouts import LayoutChoice, count_header_cells
from imports.foundation.progress_report import Progress
from imports.interpret.draft import PlanDraft, Problem
from imports.interpret.draft_plan import draft_plan
from imports.interpret.summary import summarize
from imports.layout_choices import load_remembered, remembered_digest
from imports.models import ImportRecord
from imports.read import RawTable, ReadError, read_file
from imports.result import ImportResult
from imports.reuse import reusable_import
from imports.shape.chosen_reading import describe_reading
from imports.shape.plan_groups import plan_groups
from imports.write.compare import Outcome, fingerprint, unchanged
from imports.write.store import find_jurisdiction, stored_fingerprints
from projects.access import jurisdiction_ids_of
from projects.keeping import with_records
from projects.models import Project


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
    # A list's lines and what each was read as, with the marks to choose a reading by (imports.shape.chosen_reading);
    # None for a table read by its header or cells.
    reading: dict | None = None

    @property
    def errors(self) -> list[Problem]:
        return self.draft.errors

    def result(self) -> ImportResult:
        """What the import says: of the table, of the file, and what it does to the plan stored."""
        if self.reused is not None:
            before = replace(self.reused.summary, projects=None, reuse=None)
            counts = before.counts
            return replace(before, file_name=self.file_name, created=0, updated=0,
                           unchanged=counts["projects"] + counts["sub_projects"], **self._missing_summary())
        outcomes = list(self.outcome.values())
        return ImportResult(
            **summarize(self.draft), file_name=self.file_name, checksum=self.checksum,
            layouts=self.draft.layouts, readable=self.readable, other_plans=self.other_plans,
            **{outcome.value: outcomes.count(outcome) for outcome in Outcome},
            **self._missing_summary(), reading=self.reading or None,
        )

    def summary(self) -> dict:
        """The result as JSON, as the import record stores it and `import_table --json` prints it."""
        return self.result().to_json()

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
                   remembered: dict[str, LayoutChoice] | None = None, sheets: list[str] | None = None,
                   user=None) -> ImportPreview:
    """Read and check a file and compare it with what is stored; writes nothing.

    With `reuse`, the file last applied with the same bytes and options into a plan nobody has
    touched since is not read again: every row is unchanged. The browser preview, which shows
    every row, reads the file whatever. `choice` is the admin's choice of column roles for this
    file; `remembered`, the layouts chosen before (by default, every one kept). A file holding
    several plans (a sheet per year or district) is previewed as its first plan, or as the plan of
    `sheets`; the preview lists the sheets of the others. With `user`, a plan of a jurisdiction
    they may not import into is refused before anything stored of it is read."""
    reading = _Reading(file_name, data, jurisdiction, year, progress, choice,
                       load_remembered() if remembered is None else remembered, user)
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
                  remembered: dict[str, LayoutChoice] | None = None, user=None) -> list[ImportPreview]:
    """Every plan a file holds, each previewed as preview_import(sheets=…) previews it, from one reading.

    A file of one plan gives one preview; a workbook with a sheet per year or district, one per plan."""
    reading = _Reading(file_name, data, jurisdiction, year, progress, choice,
                       load_remembered() if remembered is None else remembered, user)
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
    user: object = None  # who previews: only plans they may import are compared with what is stored

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
        if record is None or record.summary.missing:
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

    def foreign(self, draft: PlanDraft) -> ImportPreview:
        """The preview of a plan the user may not import: its name and the refusal, nothing of its rows.

        Not compared with what is stored, so neither the table's projects nor the stored ones of that
        jurisdiction (numbers, names, which have reports) reach the page or the record."""
        named = " › ".join(draft.jurisdiction)
        home = getattr(self.user, "jurisdiction", None)
        if home is None:
            message = _("The table is for %(table)s; your account belongs to no jurisdiction, so it may not "
                        "import it. Nothing of %(table)s was read.") % {"table": named}
        else:
            message = _("The table is for %(table)s; you may import only into %(yours)s and the jurisdictions "
                        "under it. Nothing of %(table)s was read.") % {"table": named, "yours": home}
        refused = PlanDraft(jurisdiction=draft.jurisdiction, year=draft.year, kind=draft.kind,
                            errors=[Problem(message)])
        return ImportPreview(file_name=self.file_name, checksum=self.checksum, draft=refused, readable=False)

    def preview(self, tables: list[RawTable], groups: list[list[RawTable]], sheets: list[str] | None) -> ImportPreview:
        """The preview of the plan these tables hold; `groups`, every plan of the file."""
        # By identity: hashing a table would hash every one of its cells.
        read = {id(table) for table in tables}
        others = [[table.name for table in group] for group in groups if not any(id(table) in read for table in group)]
        draft = draft_plan(tables, jurisdiction=parse_jurisdiction(self.jurisdiction), year=self.year,
                           progress=self.progress, choice=self.choice, remembered=self.remembered)
        if self.user is not None and draft.jurisdiction and not may_import_into(self.user, draft.jurisdiction):
            return self.foreign(draft)
        used = {layout["signature"]: self.remembered[layout["signature"]].as_dict()
                for layout in draft.layouts if layout["remembered"]}
        reading = describe_reading(tables, self.choice, self.remembered, draft.layouts)
        if reading and reading["remembered"]:  # a list read as chosen for its shape before
            used[reading["shape"]] = self.remembered[reading["shape"]].as_dict()
        preview = ImportPreview(file_name=self.file_name, checksum=self.checksum, draft=draft,
                                options=self.options(sheets), remembered=used, readable=bool(tables),
                                other_plans=others, reading=reading)
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
    """The stored projects of these keys in table order, each saying whether the year's work refers to it
    (reports, requests, instructions, sheets …: projects/keeping.py), which keeps it."""
    if not keys:
        return []
    rows = (with_records(Project.objects.filter(plan__jurisdiction=jurisdiction, plan__year=draft.year,
                                                plan__kind=draft.kind))
            .order_by("position").values_list("key", "number", "name", "has_records"))
    return [{"key": key, "number": number, "name": name, "reports": kept}
            for key, number, name, kept in rows if key in keys]


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
