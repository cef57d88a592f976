"""A list read the way the administrator chose (imports.foundation.reading_choice), and the lines shown to choose by.

Every row of the file is taken as lines (a row's cells joined, a cell's paragraphs apart). Each line
has a mark or none: a number the prose reader knows (一、 （一） 1. （1） ①, by level), a letter (A.),
a heavenly stem (甲、) or a bullet (★ ●). The choice says which lines are projects and which head
categories; an unmarked line after a project continues it, a line before the first project is the
title or the notice, a 注：line is a note. Each project becomes a row of the prose reader's synthetic
header, its roles (牵头单位：… in brackets or after it) read as the prose reader reads them.

A choice is remembered for the list's shape: the marks its lines start with, in order of first
appearance, and its first line with every digit as 0 (the title: next year's 2026年 is this year's
2025年). The same list pasted again, or next month's list under the same title, has that shape and is
read with the remembered choice at once. A file that reads as a grid (most rows of several cells) is
never matched to a remembered list: its columns are remembered by header instead.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from imports.foundation.layouts import LayoutChoice, build_layout, is_header_row
from imports.foundation.reading_choice import (
    ANY_MARK,
    BULLETS,
    EVERY_LINE,
    LETTER_MARK,
    NUMBERING_MARKS,
    STEM_MARK,
    ReadingChoice,
)
from imports.read.base import RawRow, RawTable
from imports.shape.prose.item_roles import HEADERS, PROGRESS, PROGRESS_HEADER, Said, says_first_leads, section_lead_of
from imports.shape.prose.items import Item, data_row
from imports.shape.prose.levels import find_headings, heading_text, read_paragraph, row_lines
from imports.shape.split import Entry, FoundBy, Segment, signature_key, split_segments

SHAPE_PREFIX = "清单|"  # a remembered choice's key, beside the header signatures of remembered columns
SHOWN_LINES = 50
LONGEST_SHOWN = 120
LONGEST_TITLE_LINES = 5
_LETTER_RE = re.compile(r"([A-Za-z])\s*[、.．)）]\s*")
_STEM_RE = re.compile(r"([甲乙丙丁戊己庚辛壬癸])\s*[、.．]\s*")
_BULLET_RE = re.compile("([" + re.escape(BULLETS) + r"])\s*")
_DIGITS_RE = re.compile(r"\d+")
# A title or a notice above the list: it names a year, ends in a colon, or says what it is about.
_TITLE_RE = re.compile(r"(?:19|20)\d\d\s*年|[：:]$|^关于|通知$")
NOTE_STARTS = ("注：", "注:", "备注：", "备注:", "说明：", "说明:")


class Kind(StrEnum):
    """What a line was read as: under a choice, or (the last four) by the importer's own reading."""

    TITLE = "title"
    CATEGORY = "category"
    PROJECT = "project"
    CONTINUATION = "continuation"
    NOTE = "note"
    HEADER = "header"
    HEADING = "heading"
    NUMBERED = "numbered"
    PLAIN = "plain"


@dataclass(frozen=True)
class Line:
    row: RawRow
    text: str  # as printed
    mark: str  # one of reading_choice.MARKS, or ""
    number: str  # the number it prints, or ""
    rest: str  # the text after its mark
    has_role: bool


def lines_of(tables: Sequence[RawTable]) -> list[Line]:
    return [_line(row, text) for table in tables for row in table.rows for text in row_lines(row)]


def _line(row: RawRow, text: str) -> Line:
    paragraph = read_paragraph(row, text)
    if paragraph.marker is not None:
        mark = NUMBERING_MARKS[min(paragraph.marker.rank, len(NUMBERING_MARKS) - 1)]
        return Line(row, text, mark, paragraph.marker.number, paragraph.text, paragraph.has_role)
    for pattern, mark in ((_LETTER_RE, LETTER_MARK), (_STEM_RE, STEM_MARK), (_BULLET_RE, None)):
        found = pattern.match(text)
        if found and found.end() < len(text):
            rest = text[found.end():]
            return Line(row, text, mark or found.group(1), found.group(1), rest, read_paragraph(row, rest).has_role)
    return Line(row, text, "", "", text, paragraph.has_role)


def marks_seen(lines: Sequence[Line]) -> dict[str, int]:
    """{mark: how many lines start with it}, in order of first appearance."""
    seen: dict[str, int] = {}
    for line in lines:
        if line.mark:
            seen[line.mark] = seen.get(line.mark, 0) + 1
    return seen


def shape_of(lines: Sequence[Line]) -> str:
    """The key a choice for this list is remembered under (see the module's docstring)."""
    first = _DIGITS_RE.sub("0", lines[0].text)[:40] if lines else ""
    return f"{SHAPE_PREFIX}{'、'.join(list(marks_seen(lines))[:8])}|{first}"


def classify(lines: Sequence[Line], reading: ReadingChoice) -> list[Kind]:
    """What each line is under the choice."""
    kinds: list[Kind] = []
    started = in_item = False
    for ordinal, line in enumerate(lines, 1):
        if reading.start is not None and ordinal < reading.start:
            kind = Kind.TITLE
        elif reading.categories and line.mark == reading.categories:
            kind, started, in_item = Kind.CATEGORY, True, False
        elif started and not line.mark and line.text.startswith(NOTE_STARTS):
            kind, in_item = Kind.NOTE, False
        elif _is_item(line, reading, started, ordinal):
            kind, started, in_item = Kind.PROJECT, True, True
        elif not started:
            kind = Kind.TITLE
        else:
            kind = Kind.CONTINUATION if in_item else Kind.NOTE
        kinds.append(kind)
    return kinds


def _is_item(line: Line, reading: ReadingChoice, started: bool, ordinal: int) -> bool:
    if reading.items == EVERY_LINE:
        # Without a start, the lines above the first project that read as a title or notice are not projects.
        return started or reading.start is not None or ordinal > LONGEST_TITLE_LINES \
            or not _TITLE_RE.search(line.text)
    if reading.items == ANY_MARK:
        return bool(line.mark)
    return line.mark == reading.items


def read_as_chosen(lines: Sequence[Line], reading: ReadingChoice) -> tuple[list[str], list[Entry], bool]:
    """The lines above the list, the list's entries, and whether any item reports progress."""
    said_first = any(says_first_leads(line.text) for line in lines)
    preamble: list[str] = []
    entries: list[Entry] = []
    current: Item | None = None
    section_lead = ""
    projects = 0

    def close() -> None:
        nonlocal current
        if current is not None:
            entries.append(Entry("data", data_row(current, Said(section_lead, said_first))))
            current = None

    for line, kind in zip(lines, classify(lines, reading), strict=True):
        if kind == Kind.TITLE:
            preamble.append(line.text)
        elif kind == Kind.CATEGORY:
            close()
            section_lead = section_lead_of(line.rest)
            entries.append(Entry("section", line.row, heading_text(line.rest)))
        elif kind == Kind.PROJECT:
            close()
            projects += 1
            # A chosen numbering keeps its printed numbers; letters, bullets and bare lines count in order.
            number = line.number if reading.items in NUMBERING_MARKS else str(projects)
            current = Item(line.row, number, None, [line.rest], line.has_role, line=line.text)
        elif kind == Kind.CONTINUATION and current is not None:
            current.parts.append(line.text)
            current.has_role |= line.has_role
        else:
            close()
            entries.append(Entry("note", line.row, line.text))
    close()
    progress = any(len(entry.row.cells) > PROGRESS for entry in entries if entry.kind == "data")
    return preamble, entries, progress


def chosen_for(tables: Sequence[RawTable], choice: LayoutChoice,
               remembered: Mapping[str, LayoutChoice]) -> tuple[ReadingChoice | None, bool, list[Line]]:
    """The reading in force (the admin's, or one remembered for this list's shape), whether it was
    remembered, and the lines (read only when a reading may apply)."""
    if choice.reading is not None:
        return choice.reading, False, lines_of(tables)
    if not any(key.startswith(SHAPE_PREFIX) for key in remembered) or not _reads_as_list(tables):
        return None, False, []
    lines = lines_of(tables)
    saved = remembered.get(shape_of(lines))
    return (saved.reading, True, lines) if saved is not None and saved.reading else (None, False, lines)


def _reads_as_list(tables: Sequence[RawTable]) -> bool:
    rows = [row for table in tables for row in table.rows]
    wide = sum(1 for row in rows if sum(1 for cell in row.cells if cell) > 1)
    return bool(rows) and wide * 2 <= len(rows)


def split_as_chosen(tables: list[RawTable], choice: LayoutChoice | None,
                    remembered: Mapping[str, LayoutChoice] | None) -> tuple[list[str], list[Segment]]:
    """split_segments(), unless a reading is chosen or remembered for this list: then the list so read."""
    choice, remembered = choice or LayoutChoice(), remembered or {}
    reading, from_memory, lines = chosen_for(tables, choice, remembered)
    if reading is None or not lines:
        return split_segments(tables, choice, remembered)
    preamble, entries, progress = read_as_chosen(lines, reading)
    layout = build_layout(HEADERS + ((PROGRESS_HEADER,) if progress else ()), None, ())
    layout = replace(layout, signature=(shape_of(lines),))
    # Columns chosen for this list before, then this file's own choice of columns, as for a table.
    saved = remembered.get(signature_key(layout.signature))
    layout = choice.apply(saved.apply(layout) if saved else layout)
    # `remembered` says the columns were chosen before; a remembered reading is told apart (describe_reading).
    segment = Segment(layout, entries, sheet=lines[0].row.sheet, found_by=FoundBy.PROSE,
                      remembered=bool(saved and saved.roles))
    return preamble, [segment] if entries else []


def describe_reading(tables: Sequence[RawTable], choice: LayoutChoice | None,
                     remembered: Mapping[str, LayoutChoice], layouts: list[dict]) -> dict | None:
    """The lines the preview shows (the first SHOWN_LINES), what each was read as, and the marks to
    choose from; None for a table read by its header or cells, where the columns say it all."""
    choice = choice or LayoutChoice()
    reading, from_memory, lines = chosen_for(tables, choice, remembered)
    if reading is None and layouts and not any(layout["found_by"] == FoundBy.PROSE for layout in layouts):
        return None
    lines = lines or lines_of(tables)
    if not lines:
        return None
    shown = lines[:SHOWN_LINES]
    kinds = classify(shown, reading) if reading else _own_kinds(shown)
    return {
        "shape": shape_of(lines), "count": len(lines), "dead_end": not layouts, "remembered": from_memory,
        "choice": reading.as_dict() if reading else None,
        "marks": [{"mark": mark, "count": count} for mark, count in marks_seen(lines).items()],
        "lines": [{"line": line.row.line, "text": line.text[:LONGEST_SHOWN], "mark": line.mark, "kind": kind.value,
                   "printed": line.text[:len(line.text) - len(line.rest)].strip()}
                  for line, kind in zip(shown, kinds, strict=True)],
    }


def _own_kinds(lines: Sequence[Line]) -> list[Kind]:
    """What the importer's own reading makes of each line: a header row, a heading, a numbered line, or text."""
    headings = find_headings([read_paragraph(line.row, line.text) for line in lines])
    return [Kind.HEADER if is_header_row(line.row.cells) else Kind.HEADING if heading
            else Kind.NUMBERED if line.mark in NUMBERING_MARKS else Kind.PLAIN
            for line, heading in zip(lines, headings, strict=True)]
