"""Numbers printed more than once: every row kept, the later ones told apart, each with a warning.

A table numbered 1 2 3 3 4, a category row numbered 一 read as a project beside items numbered
（一）, numbers that start again without a category to tell the runs apart, or 1 2 beside （1）（2）:
a person reads every row without trouble, so the import keeps every row too. The first row keeps
its number; each later one is numbered by it and how many times it has been seen (the second 3 is
3-2), the rows under it follow it (3.1 becomes 3-2.1), and a warning names both rows.

The new number depends only on the rows above it, so the same file read again gives every row the
same key, and a re-import finds it unchanged. The database holds a number once per plan, which is
why the later rows cannot keep the number exactly as printed.
"""

from django.utils.translation import gettext as _

from imports.interpret.draft import PlanDraft, Problem, ProjectDraft

NUMBER_LIMIT = 20  # Project.number's max_length; the key (40) holds a number and its suffix


def separate_repeats(draft: PlanDraft) -> None:
    """Give every row a key of its own, and every numbered row a number of its own."""
    if len({project.key for project in draft.projects}) == len(draft.projects):
        return
    first: dict[str, ProjectDraft] = {}  # key -> the row that had it first
    taken = {project.key for project in draft.projects}
    seen: dict[str, int] = {}  # key as read -> rows read with it so far
    old = new = None  # the numbered row above: its key as read, and as it is now
    for project in draft.projects:
        if project.number:
            old = new = project.key
        elif old is not None and new != old and project.key.startswith(f"{old}."):
            # A row under a renumbered row: its key was made from the key as read.
            project.key = new + project.key[len(old):]
            if project.parent_key == old:
                project.parent_key = new
        read = project.key
        seen[read] = seen.get(read, 0) + 1
        if seen[read] == 1:
            first[read] = project
            continue
        renamed = _free(read, seen[read], taken)
        taken.add(renamed)
        project.key = renamed
        if project.number:
            # A number too long to hold its suffix is left out: the row is still told apart by its key.
            project.number = renamed if len(renamed) <= NUMBER_LIMIT else ""
            new = renamed
        before = first[read]
        draft.warnings.append(Problem(
            _("Number %(number)s was printed before, at %(first)s: this row is kept too, as number %(renamed)s.")
            % {"number": read, "first": Problem("", before.sheet, before.line).where, "renamed": renamed},
            project.sheet, project.line))


def _free(key: str, occurrence: int, taken: set[str]) -> str:
    """key-2 for the second row read as key; further on if a row printed that number itself."""
    while f"{key}-{occurrence}" in taken:
        occurrence += 1
    return f"{key}-{occurrence}"
