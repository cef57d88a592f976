"""What the shape stage hands on: each table's rows as segments of entries, under one layout each.

The types alone, so that the readers of each shape (shape/prose/, shape/labelled_records.py) and
the dispatcher that calls them (shape/split.py) all build on them without importing each other."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from imports.foundation.layouts import Layout
from imports.read.base import RawRow


class EntryKind(StrEnum):
    SECTION = "section"
    TOTALS = "totals"
    DATA = "data"
    NOTE = "note"


class FoundBy(StrEnum):
    """How a table's columns were found: by its header's words, from its cells, or read as a list or records."""

    HEADER = "header"
    CONTENT = "content"  # no header row, or a header of words the vocabulary does not know
    PROSE = "prose"  # a numbered list, or labelled records


@dataclass
class Entry:
    kind: EntryKind
    row: RawRow
    text: str = ""  # the section's or note's text


@dataclass
class Segment:
    """The rows under one header, up to the next header that differs."""

    layout: Layout
    entries: list[Entry] = field(default_factory=list)
    sheet: str = ""
    found_by: FoundBy = FoundBy.HEADER  # how its columns were found
    remembered: bool = False  # roles chosen by hand for a table of this header before
    warnings: list[str] = field(default_factory=list)


class ShapedTables(NamedTuple):
    """The text above the tables (title, notice) and the segments of every table, in document order."""

    preamble: list[str]
    segments: list[Segment]


def signature_key(signature: tuple[str, ...]) -> str:
    """A header signature as one string, the key a remembered choice of roles is stored under."""
    return "|".join(signature)
