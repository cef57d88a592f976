"""The preview's "how to read this list" form: what it offers, what it accepts, and remembering the choice.

The preview's record holds the list's lines and marks (imports.shape.chosen_reading.describe_reading);
the form offers only readings built from those marks, and anything else posted is refused with a
message, changing nothing."""

import hashlib
from collections.abc import Mapping

from django.utils.translation import gettext as _

from imports.foundation.reading_choice import ANY_MARK, AUTOMATIC, EVERY_LINE, LONGEST_START, ReadingChoice, mark_name
from imports.models import SavedReading
from imports.shape.chosen_reading import Kind


def kind_labels() -> dict[str, str]:
    return {
        Kind.TITLE: _("title or notice"), Kind.CATEGORY: _("category"), Kind.PROJECT: _("project"),
        Kind.CONTINUATION: _("more of the project above"), Kind.NOTE: _("not a project (kept as a note)"),
        Kind.HEADER: _("column names?"), Kind.HEADING: _("heading"), Kind.NUMBERED: _("numbered line"),
        Kind.PLAIN: _("line without a known number"),
    }


def describe_choice(chosen: ReadingChoice) -> str:
    """The choice in words, as the form offered it (the admin site shows a remembered one so)."""
    items = {EVERY_LINE: _("Each line is a project (the title above the list excepted)"),
             ANY_MARK: _("Each line that starts with a number or a mark is a project")}.get(
        chosen.items) or _("Each line marked “%(mark)s” is a project") % {"mark": mark_name(chosen.items)}
    parts = [items, _("Lines marked “%(mark)s” are categories") % {"mark": mark_name(chosen.categories)}
             if chosen.categories else _("No categories")]
    if chosen.start is not None:
        parts.append(_("The list starts at line %(line)s") % {"line": chosen.start})
    return "；".join(parts)


def reading_form(reading: Mapping) -> dict:
    """What the template shows: the lines with what each was read as, and the choices with the current one."""
    chosen = ReadingChoice.from_dict(reading.get("choice"))
    marks = [entry["mark"] for entry in reading.get("marks", [])]
    items = [(EVERY_LINE, _("Each line is a project (the title above the list excepted)"))]
    if marks:
        items.append((ANY_MARK, _("Each line that starts with a number or a mark is a project")))
    items += [(mark, _("Each line marked “%(mark)s” is a project (%(count)s lines)")
               % {"mark": mark_name(mark), "count": entry["count"]})
              for mark, entry in zip(marks, reading["marks"], strict=True)]
    if chosen is not None:
        items.append((AUTOMATIC, _("Read it as the importer does, without this choice")))
    categories = [("", _("No categories"))] + [
        (mark, _("Lines marked “%(mark)s” are categories") % {"mark": mark_name(mark)}) for mark in marks]
    labels = kind_labels()
    return {
        "items": items, "categories": categories,
        "item": chosen.items if chosen else EVERY_LINE if not marks else marks[0],
        "category": chosen.categories if chosen else "", "start": chosen.start if chosen else None,
        "lines": [{**line, "label": labels.get(line["kind"], line["kind"])} for line in reading.get("lines", [])],
    }


def reading_from_post(data: Mapping[str, str], reading: Mapping) -> ReadingChoice | None:
    """The reading posted (None: read as the importer does); ValueError, with a message, for anything
    the form did not offer."""
    marks = {entry["mark"] for entry in reading.get("marks", [])}
    items, categories = (data.get("items") or "").strip(), (data.get("categories") or "").strip()
    start = (data.get("start") or "").strip()
    if items == AUTOMATIC:
        return None
    if items not in {EVERY_LINE, *marks, *({ANY_MARK} if marks else ())} or categories not in {"", *marks}:
        raise ValueError(_("Choose one of the readings offered for this list."))
    if categories and categories == items:
        raise ValueError(_("The same lines cannot be both projects and categories."))
    if start and not (start.isdecimal() and 1 <= int(start) <= min(LONGEST_START, reading.get("count", 0))):
        raise ValueError(_("The list's first line must be a line number from 1 to %(count)s.")
                         % {"count": reading.get("count", 0)})
    return ReadingChoice(items=items, categories=categories, start=int(start) if start else None)


def remember_reading(*, shape: str, reading: ReadingChoice | None, user=None) -> None:
    """Keep the reading for the next list of this shape; None forgets the one kept."""
    digest = hashlib.sha256(shape.encode()).hexdigest()
    if reading is None:
        SavedReading.objects.filter(digest=digest).delete()
        return
    SavedReading.objects.update_or_create(digest=digest, defaults={"shape": shape, "choice": reading.as_dict(),
                                                                   "user": user})
