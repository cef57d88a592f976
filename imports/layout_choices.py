"""Column roles chosen by hand: read from the browser's form or the command line, remembered by header."""

import hashlib
import json
from collections.abc import Mapping
from dataclasses import replace

from django.db import transaction
from django.utils.translation import gettext as _

from imports.foundation.layouts import CHOSEN_ROLES, Basis, LayoutChoice, Role
from imports.foundation.reading_choice import ReadingChoice
from imports.models import SavedLayout, SavedReading

OTHER = "other"  # what the form and the command line call "no role: keep as other data"


def role_named(text: str) -> Role | None:
    """A role by its value (lead), its label in the current language (牵头单位) or "other"; ValueError otherwise."""
    text = text.strip()
    if text in {OTHER, ""}:
        return None
    for role in CHOSEN_ROLES:
        if text in {role.value, role.label}:
            return role
    raise ValueError(_("“%(role)s” is not a column role; use one of: %(roles)s.")
                     % {"role": text, "roles": ", ".join([*(role.value for role in CHOSEN_ROLES), OTHER])})


def parse_columns(text: str) -> dict[str, Role | None]:
    """`序号=number,民生实事=name,#4=lead` -> {column key: role}; ValueError with a readable message."""
    roles: dict[str, Role | None] = {}
    for part in filter(None, (part.strip() for part in text.replace("，", ",").split(","))):
        column, separator, role = part.rpartition("=")
        if not separator or not column.strip():
            raise ValueError(_("“%(part)s” is not of the form column=role.") % {"part": part})
        roles[column.strip()] = role_named(role)
    return roles


def load_remembered() -> dict[str, LayoutChoice]:
    """Every remembered layout, by header signature key (a handful of table shapes per office), and
    every remembered reading of a list, by its shape (imports.shape.chosen_reading), with that list's columns."""
    remembered = {saved.header: LayoutChoice.from_dict({"roles": saved.roles})
                  for saved in SavedLayout.objects.only("header", "roles")}
    for saved in SavedReading.objects.only("shape", "choice"):
        if reading := ReadingChoice.from_dict(saved.choice):
            remembered[saved.shape] = replace(remembered.get(saved.shape, LayoutChoice()), reading=reading)
    return remembered


def remembered_digest(remembered: Mapping[str, LayoutChoice]) -> str:
    """What the remembered layouts are, as one short string an import's options can hold."""
    # A reading joins only the entries that have one, so the digests of earlier records stay as they were.
    data = sorted((header, choice.as_dict()["roles"], *([choice.reading.as_dict()] if choice.reading else []))
                  for header, choice in remembered.items())
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


@transaction.atomic
def remember_layouts(*, layouts: list[dict], user=None) -> int:
    """Keep the roles of every layout the admin chose by hand, for the next file of the same header."""
    kept = 0
    for layout in layouts:
        roles = {column["key"]: column["role"] for column in layout["columns"] if column["basis"] == Basis.CHOSEN}
        if not roles:
            continue
        header = layout["signature"]
        SavedLayout.objects.update_or_create(
            digest=hashlib.sha256(header.encode()).hexdigest(),
            defaults={"header": header, "roles": roles, "user": user})
        kept += 1
    return kept


def choice_from_form(data: Mapping[str, str], layouts: list[dict], previous: LayoutChoice) -> LayoutChoice:
    """The admin's corrections on the preview: each column whose role they changed (`role-<layout>-<column>`),
    over what they chose before, and the header row they picked (`header_row`: a line, 0 for none).

    Unknown roles and header rows that are not numbers are ignored: the form offers only valid ones."""
    roles = dict(previous.roles)
    for number, layout in enumerate(layouts):
        for column in layout["columns"]:
            posted = data.get(f"role-{number}-{column['index']}")
            if posted is None or posted == (column["role"] or OTHER):
                continue
            try:
                roles[column["key"]] = role_named(posted)
            except ValueError:
                continue
    header_row = (data.get("header_row") or "").strip()
    return LayoutChoice(roles=roles,
                        header_row=(int(header_row) if header_row.isdecimal() and len(header_row) <= 7
                                    else previous.header_row),
                        reading=previous.reading)  # the columns form does not change how a list is read


def fixed_roles() -> list[str]:
    """Roles only a header's words give (a quarter, a funding source): a column keeps such a role
    unless the admin picks another, and no column is given one by hand."""
    return [role.value for role in Role if role not in CHOSEN_ROLES]


def role_options() -> list[tuple[str, str]]:
    """(value, label) of every role a column may be given by hand, "other" last."""
    return [*((role.value, role.label) for role in CHOSEN_ROLES), (OTHER, _("other data (kept, not read)"))]
