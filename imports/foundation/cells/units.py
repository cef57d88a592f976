"""Responsible-unit cells (承办/协办/牵头/责任单位): one cell, several unit names.

Tables wrap long names inside narrow cells, run names together without a separator, share
one suffix between several places (江南、鲤中街道党工委、办事处) and print other names of a
unit in brackets. The rules below read those forms from the shape of the words — what a unit
name ends with — rather than from a list of known units.
"""

import re
from dataclasses import dataclass, replace

from django.utils.translation import gettext as _

from imports.foundation.cells.list_marks import names_nothing, without_list_marks
from imports.foundation.cells.script import read_as_simplified

# What a complete unit name ends with. Single characters cover their compounds (分局, 大队 …);
# the longer entries are there for the words that do not end in one of them.
UNIT_SUFFIXES = (
    "局", "委", "办", "会", "部", "院", "所", "队", "站", "处", "联", "协", "科", "室", "组", "馆", "厅", "社",
    "中心", "集团", "公司", "政府", "党工委", "指挥部", "管委会", "办事处", "组织", "单位", "部门", "社区",
)
# A fragment that starts with one of these finishes the name before it, even a complete-looking
# one: 区行政服务中心 / 管委会 is 区行政服务中心管委会.
CONTINUATION_WORDS = ("管委会", "管理委员会", "办事处", "发展指挥部", "指挥部", "集团", "有限公司", "分公司", "公司",
                      "公厅", "公室")  # 市政府办 / 公厅: the rest of 办公厅, 办公室
# The level words of a place; 江南、鲤中街道… and 东园镇、张坂镇人民政府 share what follows them.
PLACE_LEVELS = ("街道", "镇", "乡")
# A short fragment before 、 that is not a name is a place sharing the next name's suffix.
PLACE_PREFIX_MAX = 5
# Inside a joined name these start another unit: 区教育局区文投集团.
NAME_STARTS = ("区", "市", "县", "省")
MIN_NAME_LENGTH = 3
# No name cut out of a run is longer; the longest in the tables has 25 characters. A run that
# cannot be cut stays whole, however long.
MAX_UNIT_NAME_LENGTH = 40
GROUP_MARKERS = ("各", "相关", "有关")
ETC = "等"
GENERIC_GROUP_NAMES = frozenset({"责任单位", "相关单位", "有关单位", "成员单位", "配合单位", "协办单位"})
# 党工委、办事处 is the joint name of a sub-district's party committee and office, one unit.
PARTY_COMMITTEE = "党工委"
SUBDISTRICT_OFFICE = "办事处"
PARTY_AND_OFFICE_RE = re.compile(PARTY_COMMITTEE + r"[、，,\s]*" + SUBDISTRICT_OFFICE)
PARTY_AND_OFFICE_SEPARATOR = "、"
JOINED = "\ue000"  # stands in for that 、 while cells are split, so it is not a separator
# 各县、市、区政府 (各乡、镇人民政府) is one group, every government of those levels, though it holds 、:
# 各 and level words, each of one character, up to the name they share or the end of the name.
LEVELS_GROUP_RE = re.compile(r"各[县市区乡镇旗](?:、[县市区乡镇旗]){1,4}(?=(?:人民)?政府|党委|[、，,;；\s(（]|$)")

ENUMERATION_MARKS = "、，,;；"
OPENING_BRACKETS = "(（"
CLOSING_BRACKETS = ")）"
TRAILING_BRACKET_RE = re.compile(r"^(?P<name>.+?)[(（](?P<inner>[^()（）]+)[)）]$")


# A unit's part in the work, as the cell marks it: 县发改局（牵头）、县统计局 in one 责任单位 column.
LEAD_MARK, ASSISTING_MARK = "lead", "assisting"
ROLE_MARKS = {"牵头": LEAD_MARK, "牵头单位": LEAD_MARK, "牵头部门": LEAD_MARK, "主责": LEAD_MARK, "主责单位": LEAD_MARK,
              "主办": LEAD_MARK, "配合": ASSISTING_MARK, "配合单位": ASSISTING_MARK, "配合部门": ASSISTING_MARK,
              "协办": ASSISTING_MARK, "协办单位": ASSISTING_MARK, "参与": ASSISTING_MARK, "参与单位": ASSISTING_MARK}
# 牵头：县发改局；配合：县财政局、县统计局: a label gives the names after it, up to the next one, their part.
ROLE_LABEL_RE = re.compile(r"(" + "|".join(sorted([*ROLE_MARKS, "责任单位", "责任部门"], key=len, reverse=True))
                           + r")[：:]")
# 县水利局等相关部门: the unit, and a group of the others when the cell says which; 等部门 names none.
ETC_RE = re.compile(r"^(?P<unit>.+?)等(?P<others>(?:相关|有关|其他|其它)?(?:部门|单位|成员单位|机构))$")
# The same words after a name without a bracket: 县住建局牵头，县城管局配合.
TRAILING_MARK_RE = re.compile(r"^(?P<name>.+?)(?P<mark>牵头|配合|协办|参与)$")
# A bracket saying how the units share the work is neither a name nor part of one: dropped.
SHARED_WORK_RE = re.compile(r"^(?:按|根据)?(?:职责|职能)(?:分工)?(?:负责|落实)?$|^分别负责$|^按职责分工(?:负责|落实)?$")


@dataclass(frozen=True)
class ParsedUnit:
    """One unit named in a cell, the other names printed for it, whether it is a group, and the
    part the cell marks it with (LEAD_MARK, ASSISTING_MARK or None)."""

    name: str
    aliases: tuple[str, ...]
    is_group: bool
    mark: str | None = None


@dataclass(frozen=True)
class UnitsParse:
    """The units of one cell in printed order, and what could not be read with confidence."""

    units: list[ParsedUnit]
    warnings: list[str]


@dataclass
class _Fragment:
    """A piece of a cell between separators, before wrapped pieces are joined."""

    text: str
    enumerated: bool  # followed by 、，; rather than by a space or line break


def _base(name: str) -> str:
    """The name without a trailing bracket, which is a note or another name."""
    if not name.removesuffix("\n").endswith(tuple(CLOSING_BRACKETS)):  # $ allows one \n after it
        return name  # the usual case, without a pattern that reads the whole name each time
    match = TRAILING_BRACKET_RE.match(name)
    return match.group("name") if match else name


def is_complete(name: str) -> bool:
    """True when a name ends like a unit name (区住建局, 鲤城文投集团), brackets aside."""
    return _base(name).endswith(UNIT_SUFFIXES)


def is_group(name: str) -> bool:
    """True for a placeholder standing for several units (各街道办事处, 区直有关单位, 责任单位)."""
    return name in GENERIC_GROUP_NAMES or any(marker in name for marker in GROUP_MARKERS)


def _fragments(text: str) -> list[_Fragment]:
    """Split a cell on separators outside brackets, noting which kind followed each piece."""
    fragments: list[_Fragment] = []
    current, depth = "", 0
    text = PARTY_AND_OFFICE_RE.sub(PARTY_COMMITTEE + JOINED + SUBDISTRICT_OFFICE, text)
    if "各" in text:
        text = LEVELS_GROUP_RE.sub(lambda group: group.group().replace("、", JOINED), text)
    for char in text:
        if depth == 0 and (char in ENUMERATION_MARKS or char.isspace()):
            if current:
                fragments.append(_Fragment(current, enumerated=False))
                current = ""
            if char in ENUMERATION_MARKS and fragments:
                fragments[-1].enumerated = True
            continue
        depth = max(depth + (char in OPENING_BRACKETS) - (char in CLOSING_BRACKETS), 0)
        current += char
    if current:
        fragments.append(_Fragment(current, enumerated=False))
    return fragments


def _ends_complete(pieces: list[_Fragment]) -> bool:
    """is_complete() of the pieces joined, read from their end only.

    The longest suffix has three characters and a trailing bracket never spans a separator, so
    the last piece and the three characters before it decide; joining every piece each time a
    wrapped line is added would copy the growing name again and again."""
    end = "".join(piece.text for piece in pieces[-4:])
    return is_complete(end[-(len(pieces[-1].text) + 3) :])


def _join_wrapped(fragments: list[_Fragment]) -> list[_Fragment]:
    """Re-join names that a narrow cell wrapped onto several lines."""
    names: list[list[_Fragment]] = []  # the pieces of each name
    for fragment in fragments:
        previous = names[-1] if names else None
        wrapped = previous is not None and not previous[-1].enumerated and (
            not _ends_complete(previous) or fragment.text.startswith(CONTINUATION_WORDS)
        )
        if previous is not None and (wrapped or fragment.text[0] in OPENING_BRACKETS):
            previous.append(fragment)
        else:
            names.append([fragment])
    return [_Fragment("".join(piece.text for piece in pieces), pieces[-1].enumerated) for pieces in names]


def _shared_suffix(place: str, full: str) -> str | None:
    """What a bare place before 、 takes from the next full name, or None if nothing fits."""
    for level in PLACE_LEVELS:
        if place.endswith(level) and level in full:
            return full[full.index(level) + len(level) :]
    starts = [full.index(level) for level in PLACE_LEVELS if level in full]
    return full[min(starts) :] if starts and not place.endswith(PLACE_LEVELS) else None


def _distribute(fragments: list[_Fragment]) -> list[str]:
    """Give bare places (江南、鲤中街道党工委、办事处) the suffix of the name they precede."""
    names: list[str] = []
    places: list[str] = []
    for fragment in fragments:
        text = fragment.text
        bare_place = not is_complete(text) and not is_group(text) and len(text) <= PLACE_PREFIX_MAX
        if fragment.enumerated and bare_place:
            places.append(text)
            continue
        suffixes = [_shared_suffix(place, text) if is_complete(text) else None for place in places]
        # A place that fits no suffix stays as printed; parse_units warns that it looks incomplete.
        names.extend(place + (suffix or "") for place, suffix in zip(places, suffixes))
        names.append(text)
        places = []
    return names + places


def _bracket_depths(name: str) -> list[int]:
    """Opening minus closing brackets before each position of name (and after its end)."""
    depths, depth = [0], 0
    for char in name:
        depth += (char in OPENING_BRACKETS) - (char in CLOSING_BRACKETS)
        depths.append(depth)
    return depths


def _split_run_together(name: str) -> list[str]:
    """Split complete names printed without a separator (区教育局区文投集团).

    A cut goes where a new name starts (区, 市 …) outside brackets, and is taken only if every
    piece then ends like a unit name; of those, the leftmost cut wins, then the next. Trying the
    cuts one inside another doubled the work with every name in a run that does not end in one
    (区教育局 × 24 + 区教育) and ran out of stack on long runs, so each place where a cut may go is
    settled once, from the end of the run back to its start."""
    depths = _bracket_depths(name)
    cuts = {
        index
        for index in range(MIN_NAME_LENGTH, len(name) - MIN_NAME_LENGTH + 1)
        if name[index] in NAME_STARTS and depths[index] == 0
    }
    # next_cut[start]: where the name starting at start ends, when everything after it splits too.
    next_cut: dict[int, int] = {}
    # splits[start]: what follows start reads as complete names, cut or whole.
    splits: dict[int, bool] = {}
    for start in sorted(cuts | {0}, reverse=True):
        ends = range(start + MIN_NAME_LENGTH, min(start + MAX_UNIT_NAME_LENGTH, len(name)) + 1)
        end = next((end for end in ends if end in cuts and splits[end] and is_complete(name[start:end])), None)
        if end is not None:
            next_cut[start] = end
        splits[start] = end is not None or (
            len(name) - start <= MAX_UNIT_NAME_LENGTH and is_complete(name[start:])
        )
    if 0 not in next_cut:
        return [name]
    parts, start = [], 0
    while start in next_cut:
        parts.append(name[start : next_cut[start]])
        start = next_cut[start]
    return [*parts, name[start:]]


def _unit(name: str) -> ParsedUnit:
    """A unit from its joined name, moving trailing bracketed unit names into aliases."""
    # 区国资委等: "and others" closes a list; the unit is the name before it.
    if name.endswith(ETC) and is_complete(name[: -len(ETC)]):
        name = name[: -len(ETC)]
    aliases: list[str] = []
    mark = None
    match = TRAILING_BRACKET_RE.match(name)
    # A bracket is another name only if it reads as one (区重点办); 社会事务办(卫计) keeps its note;
    # （牵头） marks the unit's part, （按职责分工负责） the units' shares.
    while match:
        inner = match.group("inner").strip()
        if inner in ROLE_MARKS:
            mark = mark or ROLE_MARKS[inner]
        elif is_complete(inner) and not is_group(inner):
            aliases.insert(0, inner)
        elif not SHARED_WORK_RE.match(inner):
            break
        name = match.group("name").strip()
        match = TRAILING_BRACKET_RE.match(name)
    trailing = TRAILING_MARK_RE.match(name)
    if mark is None and trailing and is_complete(trailing.group("name")):
        name, mark = trailing.group("name"), ROLE_MARKS[trailing.group("mark")]
    return ParsedUnit(name, tuple(aliases), is_group(name), mark)


def parse_units(text: str) -> UnitsParse:
    """Read the units named in one cell, in printed order (traditional characters kept as written)."""
    plain, as_written = read_as_simplified(text or "")
    # A numbered list in the cell (1.县住建局 2.县财政局): its marks are not names.
    parsed = _parse_units(without_list_marks(plain))
    units = [ParsedUnit(as_written(u.name), tuple(as_written(a) for a in u.aliases), u.is_group, u.mark)
             for u in parsed.units]
    return UnitsParse(units, parsed.warnings)


def _parse_units(text: str) -> UnitsParse:
    units: list[ParsedUnit] = []
    seen: set[str] = set()
    warnings: list[str] = []
    for part, mark in _labelled_parts(text or ""):
        for joined in _distribute(_join_wrapped(_fragments(part))):
            for name in _split_run_together(joined.replace(JOINED, PARTY_AND_OFFICE_SEPARATOR)):
                for piece in _without_etc(name):
                    if names_nothing(piece):
                        continue  # a number, bullet or punctuation mark is never a unit
                    unit = _unit(piece)
                    if unit.name in seen:
                        continue  # a unit has one role per project, however often a cell repeats it
                    seen.add(unit.name)
                    if not unit.is_group and not is_complete(unit.name):
                        warnings.append(_("Unit name may be incomplete: %(name)s") % {"name": unit.name})
                    units.append(replace(unit, mark=unit.mark or mark))
    return UnitsParse(units, warnings)


def _labelled_parts(text: str) -> list[tuple[str, str | None]]:
    """The cell cut at its role labels (牵头：… 配合：…), each part with the mark its label gives."""
    pieces = ROLE_LABEL_RE.split(text)
    return [(pieces[0], None), *((part, ROLE_MARKS.get(label)) for label, part in zip(pieces[1::2], pieces[2::2]))]


def _without_etc(name: str) -> list[str]:
    """县水利局等相关部门 -> 县水利局, 相关部门; 县医保局等部门 -> 县医保局; any other name as it is."""
    match = ETC_RE.match(name)
    if match is None or not is_complete(match.group("unit")):
        return [name]
    others = match.group("others")
    return [match.group("unit"), *([others] if others.startswith(("相关", "有关")) else [])]
