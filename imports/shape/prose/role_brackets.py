"""Role brackets written without labels, and lead-in lines naming the unit of the items below.

* （省发改委负责）, （省财政厅主办，省国税局、省地税局协办）, （县住建局牵头，县城管局等配合）,
  （由县交通运输局负责）: the verb after the names says their part. Such a bracket is given the
  labels the rest of the reader knows (（牵头单位：…；配合单位：…）), so it is read like any other.
  Only a bracket made wholly of unit names and these verbs is: （三期）, （群众反映问题负责到底）
  and （1、2号站负责） stay text, so a number or a phrase is never taken for a unit.
* 其中由市城市管理委负责以下6个子项任务 / 以下事项由区卫健局负责： above a list, or under a
  heading, names the unit leading every item below it, as 一、县住建局牵头工作 does.
"""

import re
from functools import lru_cache

from imports.foundation.cells.units import is_complete, parse_units

# Longest first, so 牵头负责 is one verb, not 牵头 then a unit named 负责.
_LEAD_VERBS = ("牵头负责", "负责落实", "负责实施", "负总责", "负责", "主办", "牵头", "主责", "承办")
_ASSISTING_VERBS = ("配合实施", "协同配合", "配合", "协办", "协助", "参与", "协同")
_VERB = {**dict.fromkeys(_LEAD_VERBS, "牵头单位"), **dict.fromkeys(_ASSISTING_VERBS, "配合单位")}
_CLAUSE_RE = re.compile(
    r"^(?:由)?(?P<names>.+?)(?P<verb>" + "|".join(sorted(_VERB, key=len, reverse=True)) + ")$"
)
# A bracket holding no other bracket; the cheap test on the verbs keeps most lines from being scanned.
_BRACKET_RE = re.compile(r"[（(]([^（）()]{2,200})[)）]")
_ANY_VERB_RE = re.compile("|".join(_VERB))
_CLAUSES_RE = re.compile(r"[，,；;]")
_LABEL_RE = re.compile(r"[：:]")
_ETC = "等"

# 由X负责以下… / X负责下列… / 以下…由X负责: X leads what follows.
_LEAD_IN_RES = (
    re.compile(r"由(?P<names>[^，,。；;：:由]{2,40}?)(?:牵头)?负责(?:实施|落实|完成)?(?:的)?(?:以下|下列|如下)"),
    re.compile(r"(?:以下|下列)[^，,。；;：:]{0,20}?由(?P<names>[^，,。；;：:由]{2,40}?)(?:牵头)?负责"),
)


def _units_alone(names: str) -> bool:
    """Whether the text is only unit names: each ends like a unit (局, 委, 政府) or stands for a group (各街道)."""
    found = parse_units(names.removesuffix(_ETC)).units
    return bool(found) and all(is_complete(unit.name) or unit.is_group for unit in found) and not any(
        character.isdigit() for character in names)


@lru_cache(maxsize=4096)
def _labelled(inner: str) -> str:
    """（X主办，Y协办） as （牵头单位：X；配合单位：Y）, or "" when the bracket is not that."""
    if _LABEL_RE.search(inner):
        return ""  # labelled already (牵头单位：…), or something else: the labels are read as they are
    parts: list[str] = []
    for clause in _CLAUSES_RE.split(inner):
        match = _CLAUSE_RE.match(clause.strip())
        if not match or not _units_alone(match.group("names")):
            return ""
        parts.append(f"{_VERB[match.group('verb')]}：{match.group('names')}")
    return "；".join(parts)


def label_role_brackets(text: str) -> str:
    """The text with each role bracket written without labels given them; other text as it was."""
    if not _ANY_VERB_RE.search(text):
        return text

    def label(bracket: re.Match[str]) -> str:
        labelled = _labelled(bracket.group(1))
        return f"{bracket.group()[0]}{labelled}{bracket.group()[-1]}" if labelled else bracket.group()

    return _BRACKET_RE.sub(label, text)


# Not cached, unlike the brackets: a line may be a whole page long.
def lead_in_unit(line: str) -> str:
    """The units a lead-in line names as leading the items below it (由X负责以下…), or ""."""
    if "负责" not in line:
        return ""
    for pattern in _LEAD_IN_RES:
        match = pattern.search(line)
        if match:
            names = match.group("names")
            found = parse_units(names).units
            if found and all(is_complete(unit.name) for unit in found):
                return names
    return ""
