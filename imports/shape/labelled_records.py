"""Labelled records -> a segment of projects: plans written as one block of "label：value" lines per project.

    01 项目名称：提升县域生态环境
    项目内容：
    连通城区河道水系……
    责任单位：
    县水务局、县城管局
    进展与成效：已完成可研……

A label is a short text the header vocabulary knows (项目名称, 责任单位, 完成时限 …), followed by
"：" or ":" or alone on its line; its value follows on the same line or the next ones, up to the
next label. A record starts at a number (01, 1., 一、) or when a label it already has comes again.
The labels become the columns, in the order the first record gives them.
"""

import re
from collections.abc import Sequence

from imports.foundation.layouts import Role, build_layout, classify
from imports.foundation.numbering import RECORD_NUMBER
from imports.read.base import RawRow
from imports.shape.segment import Entry, EntryKind, Segment

LABEL = re.compile(r"^([^：:\s]{2,12})\s*(?:[：:]\s*(.*)|$)", re.DOTALL)
LONGEST_LABEL = 12
MIN_RECORDS = 2
NUMBER_HEADER = "序号"


def _label(text: str) -> tuple[str, Role, str] | None:
    """(label, role, value on the same line) when the line starts with a known label."""
    found = LABEL.match(text)
    if found is None:
        return None
    role = classify(found.group(1))[0]
    if role is None or role in {Role.QUARTER, Role.SOURCE}:
        return None
    return found.group(1), role, (found.group(2) or "").strip()


def read_records(rows: Sequence[RawRow]) -> tuple[list[str], Segment] | None:
    """The lines above the records, and the records as a segment; None unless the rows are records."""
    if sum(1 for row in rows if len(row.cells) > 1) * 2 > len(rows):
        return None
    preamble: list[str] = []
    records: list[dict] = []  # {"line", "number", "values": {label: [lines]}}
    labels: dict[str, Role] = {}  # every label seen, in order
    current: dict | None = None
    field: str | None = None
    pending_number: tuple[str, int] | None = None
    for row in rows:
        text = " ".join(cell for cell in row.cells if cell).strip()
        numbered = RECORD_NUMBER.match(text)
        rest = text[numbered.end():] if numbered else text
        label = _label(rest)
        if numbered and (label or not rest):
            pending_number = (numbered.group(1), row.line)
            current, field = None, None
            if not rest:
                continue
        if label is not None:
            name, role, value = label
            if current is None or name in current["values"]:
                number, line = pending_number or ("", row.line)
                current = {"line": line, "number": number, "values": {}}
                records.append(current)
                pending_number = None
            labels.setdefault(name, role)
            field = name
            current["values"][name] = [value] if value else []
        elif current is not None and field is not None:
            current["values"][field].append(text)
        elif not records:
            preamble.append(text)
    if len(records) < MIN_RECORDS or not any(role in {Role.NAME, Role.CONTENT} for role in labels.values()):
        return None
    numbered_records = any(record["number"] for record in records)
    header = ((NUMBER_HEADER,) if numbered_records else ()) + tuple(labels)
    layout = build_layout(header, None, ())
    entries = []
    sheet = rows[0].sheet
    for record in records:
        cells = ((record["number"],) if numbered_records else ()) + tuple(
            "\n".join(record["values"].get(name, [])) for name in labels)
        entries.append(Entry(EntryKind.DATA, RawRow(sheet=sheet, line=record["line"], cells=cells)))
    return preamble, Segment(layout, entries)
