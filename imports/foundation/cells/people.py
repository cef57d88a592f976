"""People cells (分管领导, 责任领导, 责任人员): personal names, apart from placeholders.

Tables pad two-character names to the width of three (王  伟), sometimes print names with no
separator at all (曾朝阳王  伟), and put titles such as 各副区长 where a name would go.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from imports.foundation.cells.list_marks import without_list_marks
from imports.foundation.cells.script import read_as_simplified
from imports.foundation.cells.units import GROUP_MARKERS

# A placeholder names a post or a group of people, never a person. No personal name holds these.
TITLE_WORDS = (
    "领导", "负责人", "书记", "主任", "区长", "县长", "市长", "镇长", "乡长", "局长", "部长", "处长", "科长", "站长",
    "常委", "委员", "主席", "秘书长", "院长", "校长", "所长", "队长", "组长", "行长", "经理", "董事长", "指挥长",
    "调研员", "巡视员", "专员", "县委", "区委", "市委", "党委", "党组", "人大", "政协", "政府",
)
# The most frequent surnames cover most officials' names; a short label (街道, 县委) rarely starts with one.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜"
    "崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施牛"
    "樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲"
    "翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席"
    "卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝洪"
)
# What a post starts with, left before its title word when a name is printed in front of it (王强常务副县长).
TITLE_PREFIX_RE = re.compile(r"(?:常务副|常务|副|分管|主管)$")
# A person's post printed with the name: 王强（副县长）, 分管副区长：陈明, 王强同志. Brackets never
# hold part of a name, nor does what stands before a colon.
# Each alternative starts at a bracket, or at a piece's start, so a long cell is read once.
NOTE_RE = re.compile(r"[（(][^（()）]*[)）]|(?:^|(?<=[\s、，,;；/]))[^\s、，,;；/：:]*[：:]|同志(?=$|[\s、，,;；/])")
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
    # A numbered list in the cell (1.王强 2.李明): its marks are not names.
    parsed = _parse_people(without_list_marks(plain))
    return PeopleParse([as_written(n) for n in parsed.names], [as_written(p) for p in parsed.placeholders],
                       parsed.warnings)


def _name_beside_title(token: str) -> str | None:
    """The one name printed against a post (副县长王强, 王强副县长: 王强), or None for a post alone
    or a group."""
    if token.startswith(GROUP_MARKERS):
        return None
    after = token[max(token.rfind(word) + len(word) for word in TITLE_WORDS if word in token):]
    before = TITLE_PREFIX_RE.sub("", token[:min(token.find(word) for word in TITLE_WORDS if word in token)])
    for part in (after, before):
        if part and HAN_RE.match(part) and split_run(part) == [part] and (
                part[0] in SURNAMES or part.startswith(COMPOUND_SURNAMES)):
            return part
    return None


def _parse_people(text: str) -> PeopleParse:
    tokens = [token for token in SEPARATORS_RE.split(NOTE_RE.sub(" ", text or "")) if token]
    names: list[str] = []
    seen: set[str] = set()
    placeholders: list[str] = []
    warnings: list[str] = []
    for token in _join_placeholders(_pair_padded(tokens)):
        if is_placeholder(token):
            name = _name_beside_title(token) if _has_title(token) else None
            if name is None:
                placeholders.append(token)
                continue
            token = name
        found = split_run(token) if HAN_RE.match(token) else None
        if found is None:
            warnings.append(_("Could not tell the names apart: %(text)s") % {"text": token})
            continue
        for name in found:
            if name not in seen:
                seen.add(name)
                names.append(name)
    return PeopleParse(names, placeholders, warnings)
