"""People cells (分管领导, 责任领导, 责任人员): personal names, apart from placeholders.

Tables pad two-character names to the width of three (王  伟), sometimes print names with no
separator at all (曾朝阳王  伟), and put titles such as 各副区长 where a name would go.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from imports.cells.script import read_as_simplified

# A placeholder names a post or a group of people, never a person.
GROUP_MARKERS = ("各", "相关", "有关")
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


def _segmentations(run: str, start: int = 0) -> list[list[str]]:
    """Every way to cut a run of characters into names of plausible length."""
    if start == len(run):
        return [[]]
    found: list[list[str]] = []
    for length in _name_lengths(run, start):
        if start + length <= len(run):
            found.extend([run[start : start + length], *rest] for rest in _segmentations(run, start + length))
    return found


def split_run(run: str) -> list[str] | None:
    """Names in a run printed without separators, or None when the cut is not certain."""
    options = [option for option in _segmentations(run) if len(option) <= MAX_NAMES_IN_RUN]
    if not options:
        return None
    fewest = min(len(option) for option in options)
    best = [option for option in options if len(option) == fewest]
    # 6 characters are two names of three rather than three of two; 5 could be 2+3 or 3+2.
    return best[0] if len(best) == 1 else None


def _pair_padded(tokens: list[str]) -> list[str]:
    """Re-join single characters that padding split off a two-character name (王  伟)."""
    tokens = list(tokens)
    index = 0
    while index < len(tokens):
        if len(tokens[index]) == 1 and not is_placeholder(tokens[index]):
            before = tokens[index - 1] if index > 0 else ""
            after = tokens[index + 1] if index + 1 < len(tokens) else ""
            if len(after) == 1:
                tokens[index : index + 2] = [tokens[index] + after]
            elif len(before) > 2 and not is_placeholder(before) and split_run(before[:-1]):
                # 曾朝阳王  伟: the 王 of 王伟 was printed against the previous name.
                tokens[index - 1 : index + 1] = [before[:-1], before[-1] + tokens[index]]
            elif len(after) > 2 and not is_placeholder(after) and split_run(after[1:]):
                tokens[index : index + 2] = [tokens[index] + after[0], after[1:]]
        index += 1
    return tokens


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
        names.extend(name for name in found if name not in names)
    return PeopleParse(names, placeholders, warnings)
