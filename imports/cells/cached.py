"""Unit and people cells parsed once: the same cells recur on many rows of a long table.

A parse holds its warnings already translated, so the language is part of every key. A unit
cell listing complete names (区教育局、区财政局\\n区住建局) is read name by name, each name parsed
once, so that a table whose rows combine a few hundred units in thousands of ways parses each
unit once rather than each combination."""

import re
from functools import lru_cache

from django.utils.translation import get_language

from imports.cells.people import PeopleParse, parse_people
from imports.cells.units import CONTINUATION_WORDS, PARTY_COMMITTEE, UnitsParse, is_complete, parse_units

SEPARATORS = re.compile(r"[、，,;；\s]+")
# Cells the whole-cell parser must see at once: bracketed aliases, 党工委、办事处, wrapped names.
WHOLE = re.compile(r"[()（）]|" + PARTY_COMMITTEE)


def units_of(text: str) -> UnitsParse:
    return _units(text, get_language())


def people_of(text: str) -> PeopleParse:
    return _people(text, get_language())


@lru_cache(maxsize=16384)
def _units(text: str, language: str | None) -> UnitsParse:
    names = [name for name in SEPARATORS.split(text) if name]
    if len(names) < 2 or WHOLE.search(text) or not all(
            is_complete(name) and not name.startswith(CONTINUATION_WORDS) for name in names):
        return parse_units(text)
    units, warnings, seen = [], [], set()
    for name in names:
        parsed = _units(name, language)
        warnings.extend(parsed.warnings)
        for unit in parsed.units:
            if unit.name not in seen:  # a unit has one role per project, however often a cell repeats it
                seen.add(unit.name)
                units.append(unit)
    return UnitsParse(units, warnings)


@lru_cache(maxsize=16384)
def _people(text: str, language: str | None) -> PeopleParse:
    return parse_people(text)
