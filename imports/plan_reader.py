"""Tables read from a file -> one PlanDraft, checked. Pure: no database."""

from datetime import date

from django.utils.translation import gettext as _

from imports.checks import run_checks
from imports.drafts import PlanDraft, Problem
from imports.interpret import Interpreter
from imports.preamble import read_preamble
from imports.progress import Progress, Silent
from imports.readers.base import RawTable
from imports.segments import no_table_error, split_segments


def draft_plan(tables: list[RawTable], *, jurisdiction: list[str] | None = None, year: int | None = None,
               progress: Progress | None = None) -> PlanDraft:
    """What the tables say: plan facts from the text above them, projects from their rows."""
    preamble, segments = split_segments(tables)
    meta = read_preamble(preamble)
    draft = PlanDraft(
        jurisdiction=jurisdiction or meta.jurisdiction or [], year=year or meta.year, kind=meta.kind,
        title=meta.title, document_number=meta.document_number, issued_on=meta.issued_on,
        declared_count=meta.declared_count, report_schedule=meta.report_schedule,
        warnings=[Problem(message) for message in meta.warnings],
    )
    if meta.progress_month and draft.year:
        draft.progress_month = date(draft.year, meta.progress_month, 1)
    if not segments:
        draft.errors.append(Problem(no_table_error()))
        return draft
    progress = progress or Silent()
    progress.stage(_("reading rows"), sum(len(segment.entries) for segment in segments))
    interpreter = Interpreter(draft)
    for segment in segments:
        interpreter.read_segment(segment)
        progress.advance(len(segment.entries))
    if not draft.projects:
        draft.errors.append(Problem(_("The table has a header but no project rows.")))
    if not draft.jurisdiction:
        draft.errors.append(Problem(_("The jurisdiction could not be read from the title; give it explicitly.")))
    if draft.year is None:
        draft.errors.append(Problem(_("The year could not be read from the title; give it explicitly.")))
    if not draft.kind:
        draft.kind = "public_service"
        draft.warnings.append(Problem(_("The title does not say what kind of plan this is; taken as public-service projects.")))
    if not draft.title:
        draft.title = _("%(year)s plan") % {"year": draft.year}
    run_checks(draft)
    return draft
