"""Rows that are not whole projects by themselves: lines continuing a merged project, names inside content."""

import re

from imports.drafts import ProjectDraft
from imports.layouts import Layout, Role

TEXT_FIELDS = {
    Role.CONTENT: "content", Role.REASON: "reason", Role.PREPARATION: "preparation",
    Role.WORK_PLAN: "work_plan", Role.DEADLINE: "deadline", Role.REMARKS: "remarks", Role.PROGRESS: "progress",
}
# 名称：内容 in one cell, the name short and without a sentence's punctuation.
NAME_AND_REST = re.compile(r"^([^。；;，,：:\n]{2,30})[：:]\s*(\S[\s\S]*)$")
FIRST_CLAUSE = re.compile(r"^[^。；;\n]{2,60}")
LONGEST_DERIVED_NAME = 60


def continuation(last: ProjectDraft, cells: tuple[str, ...], layout: Layout, merged: frozenset[int]) -> bool:
    """Append a row's text to the project above when the row, under that project's merged number,
    holds nothing of its own but more lines of text columns; False (nothing done) otherwise.

    A row that names its own units, people, money or milestones is a sub-item, not a continuation."""
    own = [(column, cells[column.index]) for column in layout.columns
           if column.index < len(cells) and cells[column.index] and column.index not in merged]
    if not own or any(column.role not in TEXT_FIELDS for column, _text in own):
        return False
    for column, text in own:
        field = TEXT_FIELDS[column.role]
        before = getattr(last, field)
        setattr(last, field, f"{before}\n{text}" if before else text)
    return True


def name_and_content(project: ProjectDraft, layout: Layout) -> None:
    """A project's name where the table gives none apart: 名称：内容 in the name column of a table
    without a content column, or the first clause of the content when no column names projects."""
    if project.name and not layout.has(Role.CONTENT) and not project.content:
        found = NAME_AND_REST.match(project.name)
        if found:
            project.name, project.content = found.group(1).strip(), found.group(2).strip()
    elif not project.name and project.content and not layout.has(Role.NAME):
        flat = re.sub(r"\s*\n\s*", "", project.content)
        clause = FIRST_CLAUSE.match(flat)
        project.name = clause.group(0).rstrip("，,、") if clause else flat[:LONGEST_DERIVED_NAME]
