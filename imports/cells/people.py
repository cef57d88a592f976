"""People cells (分管领导, 责任领导, 责任人员): personal names, apart from placeholders.

Tables pad two-character names to the width of three (王  伟), sometimes print names with no
separator at all (曾朝阳王  伟), and put titles such as 各副区长 where a name would go.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from imports.cells.script import read_as_simplified
from imports.cells.units import GROUP_MARKERS

# A placeholder names a post or a group of people, never a person.
TITLE_WORDS = (
    "领导", "负责人", "书记", "主任", "区长", "县长", "市长", "镇长", "乡长", "局长", "部长", "处长", "科长", "站长",
)
# Surnames of two characters; a name that starts with one has three or four characters.
COMPOUND_SURNAMES = (
    "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "宇文", "长孙", "夏侯",
    "轩辕", "端木", "西门", "独孤", "南宫", "司徒", "司空", "澹台", "公冶", "万俟", "闻人", "申屠",
)
NAME_LENGTHS = (2, 3)
COMPOUND_NAME_LENGTHS = (3, 4)
# Enough for four run-together names; longer runs are not names.
MAX_NAMES_IN_RUN = 4
HAN_RE = re.compile(r"^[\u3400-\u9fff]+$")
SEPARATORS_RE = re.compile(r"[\s、，,;；/]+")


@dataclass(frozen=True)
class PeopleParse:
    """The people named in a cell in printed order, the placeholders, and doubts."""

    names: list[str]
    placeholders: list[str]
    warnings: list[str]


def is_placeholder(token: str) -> bool:
    """True for a post or group (各副区长, 分管领导) rather than a person."""
    return any(marker in token for marker in GROUP_MARKERS + TITLE_WORDS)


def _has_title(token: str) -> bool:
    """True when the token already names a post, so it is a whole placeholder."""
    return any(word in token for word in TITLE_WORDS)


def _name_lengths(run: str, start: int) -> tuple[int, ...]:
    """The lengths a name starting at this position may have."""
    return COMPOUND_NAME_LENGTHS if run.startswith(COMPOUND_SURNAMES, start) else NAME_LENGTHS


def split_run(run: str) -> list[str] | None:
    """Names in a run printed without separators, or None when the cut is not certain.

    The cut wanted is the one with fewest names, if only one cut has that few. Listing every
    way of cutting grows exponentially with the run (60 characters ran out of memory), so from
    the end of the run back to its start each position keeps only the fewest names that cover
    the rest, how many cuts give that few (one, or more than one), and the first name's length."""
    # fewest[start] = (names, cuts with that many names, capped at 2, length of the first name)
    fewest: list[tuple[int, int, int] | None] = [None] * len(run) + [(0, 1, 0)]
    for start in range(len(run) - 1, -1, -1):
        for length in _name_lengths(run, start):
            rest = fewest[start + length] if start + length <= len(run) else None
            if rest is None:
                continue
            found = fewest[start]
            if found is None or rest[0] + 1 < found[0]:
                fewest[start] = (rest[0] + 1, rest[1], length)
            elif rest[0] + 1 == found[0]:
                fewest[start] = (found[0], min(found[1] + rest[1], 2), found[2])
    best = fewest[0]
    # 6 characters are two names of three rather than three of two; 5 could be 2+3 or 3+2.
    if best is None or best[0] > MAX_NAMES_IN_RUN or best[1] > 1:
        return None
    names: list[str] = []
    start = 0
    while start < len(run) and (step := fewest[start]) is not None:
        names.append(run[start : start + step[2]])
        start += step[2]
    return names


def _pair_padded(tokens: list[str]) -> list[str]:
    """Re-join single characters that padding split off a two-character name (王  伟)."""
    tokens = list(tokens)
    # Built up as a new list: cutting and re-inserting in place moves every later token each time.
    paired: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        index += 1
        if len(token) == 1 and not is_placeholder(token):
            before = paired[-1] if paired else ""
            after = tokens[index] if index < len(tokens) else ""
            if len(after) == 1:
                token += after
                index += 1
            elif len(before) > 2 and not is_placeholder(before) and split_run(before[:-1]):
                # 曾朝阳王  伟: the 王 of 王伟 was printed against the previous name.
                paired[-1], token = before[:-1], before[-1] + token
            elif len(after) > 2 and not is_placeholder(after) and split_run(after[1:]):
                token, tokens[index] = token + after[0], after[1:]
        paired.append(token)
    return paired


def _join_placeholders(tokens: list[str]) -> list[str]:
    """Re-join a placeholder wrapped over two pieces (各项目 分管领导)."""
    joined: list[str] = []
    for token in tokens:
        previous = joined[-1] if joined else ""
        if previous and is_placeholder(previous) and not _has_title(previous) and _has_title(token):
            joined[-1] = previous + token
        else:
            joined.append(token)
    return joined


def parse_people(text: str) -> PeopleParse:
    """Read the people and placeholders named in one cell, in printed order (characters as written)."""
    plain, as_written = read_as_simplified(text or "")
    parsed = _parse_people(plain)
    return PeopleParse([as_written(n) for n in parsed.names], [as_written(p) for p in parsed.placeholders],
                       parsed.warnings)


def _parse_people(text: str) -> PeopleParse:
    tokens = [token for token in SEPARATORS_RE.split(text or "") if token]
    names: list[str] = []
    seen: set[str] = set()
    placeholders: list[str] = []
    warnings: list[str] = []
    for token in _join_placeholders(_pair_padded(tokens)):
        if is_placeholder(token):
            placeholders.append(token)
            continue
        found = split_run(token) if HAN_RE.match(token) else None
        if found is None:
            warnings.append(_("Could not tell the names apart: %(text)s") % {"text": token})
            continue
        for name in found:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return PeopleParse(names, placeholders, warnings)
