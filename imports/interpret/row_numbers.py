"""After the rows are read: numbers where the table gives none or restarts them."""

from collections import Counter

from django.utils.translation import gettext as _

from imports.foundation.layouts import Role
from imports.interpret.draft import PlanDraft, Problem, ProjectDraft
from imports.interpret.repeated_numbers import separate_repeats
from imports.shape.split import Segment


def number_rows(draft: PlanDraft, segments: list[Segment]) -> None:
    """Number the projects of a table that has no number column in the order of their rows, and
    qualify numbers that start again at 1 in each category (一、1 2 3; 二、1 2) by the category."""
    projects = draft.projects
    if projects and not any(segment.layout.has(Role.NUMBER) for segment in segments):
        for ordinal, project in enumerate(projects, 1):
            project.number = project.key = str(ordinal)
        draft.warnings.append(Problem(_("The table has no number column: the projects are numbered in the order "
                                        "of their rows, 1 to %(count)s.") % {"count": len(projects)}))
        return
    heads = [project for project in projects if project.parent_key is None and project.number]
    counts = Counter(project.number for project in heads)
    if heads and max(counts.values()) > 1:
        _qualify_by_category(draft, heads)
    # Whatever still repeats (1 2 3 3, 一 beside （一）, 1 beside （1）) is kept, told apart, and warned of.
    separate_repeats(draft)


def _qualify_by_category(draft: PlanDraft, heads: list[ProjectDraft]) -> None:
    """Numbers printed under two categories start again in each: qualified by the category's position."""
    by_category: dict[str | None, set[str]] = {}
    for project in heads:
        by_category.setdefault(project.category, set()).add(project.number)
    in_categories = Counter(number for numbers in by_category.values() for number in numbers)
    if max(in_categories.values()) == 1:
        return  # numbers repeated inside one category only: separate_repeats tells those rows apart
    position = {category.name: category.position for category in draft.categories}
    # Keys repeat across categories, so each row is renamed in order, after the head it follows. Rows
    # above the first category keep their numbers.
    old_head, new_head = None, None
    for project in draft.projects:
        if project.parent_key is None and project.number and project.category is None:
            old_head = new_head = project.key
        elif project.parent_key is None and project.number:
            old_head = project.key
            new_head = project.number = project.key = f"{position[project.category]}.{project.number}"
        elif old_head is not None:
            if project.key.startswith(f"{old_head}."):
                project.key = new_head + project.key[len(old_head):]
            if project.parent_key == old_head:
                project.parent_key = new_head
    draft.warnings.append(Problem(_("Numbering starts again in each category: the projects are numbered by "
                                    "category and number, such as %(example)s.")
                                  % {"example": next(p.number for p in reversed(heads) if p.category is not None)}))
