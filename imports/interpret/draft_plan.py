"""Tables read from a file -> one PlanDraft, checked. Pure: no database."""

from collections.abc import Mapping
from dataclasses import replace
from datetime import date

from django.utils.translation import gettext as _

from imports.foundation.layouts import CONTROL_RE, LayoutChoice, Role
from imports.foundation.progress_report import Progress, Silent
from imports.interpret.draft import PlanDraft, Problem
from imports.interpret.field_lengths import shorten_names
from imports.interpret.plan_checks import run_checks
from imports.interpret.projects_from_rows import Interpreter
from imports.interpret.row_numbers import number_rows
from imports.interpret.summary import describe_layouts
from imports.read.base import RawTable
from imports.shape.chosen_reading import split_as_chosen
from imports.shape.preamble import read_preamble
from imports.shape.segment import EntryKind, Segment
from imports.shape.split import no_table_error
from projects.models import Plan


def draft_plan(tables: list[RawTable], *, jurisdiction: list[str] | None = None, year: int | None = None,
               progress: Progress | None = None, choice: LayoutChoice | None = None,
               remembered: Mapping[str, LayoutChoice] | None = None) -> PlanDraft:
    """What the tables say: plan facts from the text above them, projects from their rows.

    `choice` is the admin's choice of column roles and header row for this file; `remembered`
    their earlier choices, by header signature (and a list's reading, by its shape)."""
    preamble, segments = split_as_chosen(tables, choice, remembered)
    preamble, had_controls = [CONTROL_RE.sub("", line) for line in preamble], any(map(CONTROL_RE.search, preamble))
    for segment in segments:
        _undo_merged_numbers(segment)
    meta = read_preamble(preamble)
    draft = PlanDraft(
        jurisdiction=jurisdiction or meta.jurisdiction or [], year=year or meta.year, kind=meta.kind,
        title=meta.title, document_number=meta.document_number, issued_on=meta.issued_on,
        declared_count=meta.declared_count, report_schedule=meta.report_schedule,
        warnings=[Problem(message) for message in meta.warnings],
    )
    if had_controls:
        draft.warnings.append(Problem(_("Control characters (such as NUL) in the text above the table were removed.")))
    if meta.progress_month and draft.year:
        draft.progress_month = date(draft.year, meta.progress_month, 1)
    draft.layouts = describe_layouts(segments)
    if not segments:
        draft.errors.append(Problem(no_table_error()))
        return draft
    progress = progress or Silent()
    progress.stage(_("reading rows"), sum(len(segment.entries) for segment in segments))
    interpreter = Interpreter(draft)
    for segment in segments:
        interpreter.read_segment(segment)
        progress.advance(len(segment.entries))
    number_rows(draft, segments)
    if not draft.projects:
        draft.errors.append(Problem(_("The table has a header but no project rows.")))
    if not draft.jurisdiction:
        draft.errors.append(Problem(_("The jurisdiction could not be read from the title; give it explicitly.")))
    if draft.year is None:
        draft.errors.append(Problem(_("The year could not be read from the title; give it explicitly.")))
    if not draft.kind:
        draft.kind = Plan.Kind.PUBLIC_SERVICE
        draft.warnings.append(Problem(_("The title does not say what kind of plan this is; "
                                        "taken as public-service projects.")))
    if not draft.title:
        draft.title = _("%(year)s plan") % {"year": draft.year}
    shorten_names(draft)
    run_checks(draft)
    return draft


def _undo_merged_numbers(segment: Segment) -> None:
    """Rows under a 序号 and 项目名称 merged down over them read as the unnumbered rows they are.

    Readers repeat a merged cell's text down every row it spans, which is right for a unit or a
    leader cell; a number and name repeated would make each row a project of that number. Two
    rows alike in every cell stay as they are, and are reported as a repeated number."""
    number, name = segment.layout.find(Role.NUMBER), segment.layout.find(Role.NAME)
    if not number:
        return
    columns = (number[0].index, name[0].index) if name else (number[0].index,)
    previous: tuple[str, ...] | None = None
    for entry in segment.entries:
        if entry.kind != EntryKind.DATA:
            previous = None
            continue
        row = entry.row
        cells = row.cells
        # Readers say which cells a merge filled; text that lost its merges repeats number and name.
        merged = columns[0] in row.merged or (
            previous is not None and name and _at(cells, columns[0]) and cells != previous
            and all(_at(cells, column) == _at(previous, column) for column in columns))
        if merged:
            blanked = tuple("" if index in columns and (index in row.merged or not row.merged) else text
                            for index, text in enumerate(cells))
            entry.row = replace(row, cells=blanked, merged=row.merged | {columns[0]})
        previous = cells


def _at(cells: tuple[str, ...], index: int) -> str:
    return cells[index] if index < len(cells) else ""
