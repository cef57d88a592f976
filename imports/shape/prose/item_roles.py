"""Numbered prose lists: the roles an item names, taken out of its text, by column.

* Roles, bracketed or trailing, "：" or ":", separated by ；;，, or new brackets: 牵头单位 /
  主责单位 / 承办单位 / 主办单位 (lead), 配合单位 / 协办单位 / 参与单位 (assisting),
  责任单位 (lead, or assisting when a lead is named too), 责任领导 / 分管领导 / 牵头领导 /
  包联领导 … (leaders), 责任人 / 联系人 (staff), 完成时限 / 完成时间 / 时限 (deadline),
  总投资 / 投资 (money, 万元 or 亿元), 完成情况 / 进展情况 … (progress, which runs to the end of
  its line over full stops; a 完成情况 column is added only to a list that has it); 数据提供单位
  and the like are kept as a remark. 滁州 writes 牵头负责领导 / 牵头责任单位 / 协同责任单位. They
  are taken out of the item's text. 等 closing a list of units (市税务局、滁州海关等，各县…) is
  dropped. A section headed 一、县住建局牵头工作 is led by that unit (its
  items' 责任单位 then assist); a heading naming a person (钱海平区长牵头…) names no unit.
* Money without a role is read from the sentence when it says what the project costs
  (项目总投资约260万元; 分别投资约250万元和100万元 adds up to 约350万元); 完成投资 is not.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from imports.foundation.cells.money import MONEY_RE, parse_amount
from imports.foundation.cells.units import ParsedUnit, is_complete, parse_units
from imports.shape.prose.role_brackets import label_role_brackets

# The synthetic header: each word is one classify() reads as the role its column holds.
HEADERS = ("序号", "项目名称", "项目内容", "牵头单位", "配合单位", "责任领导", "责任人", "完成时限",
           "总投资（万元）", "备注")
NUMBER, NAME, CONTENT, LEAD, ASSISTING, LEADERS, STAFF, DEADLINE, MONEY, REMARKS = range(len(HEADERS))
# Added only to a list whose items report progress (完成情况：…), so every other list keeps its header.
PROGRESS_HEADER = "完成情况"
PROGRESS = len(HEADERS)

_LEAD_KEYS = ("牵头单位", "主责单位", "承办单位", "主办单位", "牵头部门",
              "主责部门", "承办部门", "责任科室", "实施单位",
              "实施主体", "牵头责任单位", "牵头负责单位")
_RESPONSIBLE_KEYS = ("责任单位", "责任部门")
_ASSISTING_KEYS = ("配合单位", "协办单位", "参与单位", "配合部门", "协办部门", "参与部门", "协同责任单位", "协同单位",
                   "协同部门")
_LEADER_KEYS = ("责任领导", "分管领导", "牵头领导", "包联领导", "联系领导", "挂点领导", "领衔领导", "责任区领导",
                "牵头负责领导", "负责领导")
_STAFF_KEYS = ("责任人员", "责任人", "联系人")
_DEADLINE_KEYS = ("完成时限", "完成时间", "完成期限", "时间节点", "时限")
_MONEY_KEYS = ("计划总投资", "估算总投资", "总投资额", "总投资", "计划投资", "投资总额", "投资额", "投资")
# What was done, in a report on the year (漯河: 完成情况：全年开展培训9.6万人次).
_PROGRESS_KEYS = ("完成情况", "进展情况", "工作进展", "推进情况", "进展成效", "进展与成效")
# Roles that are neither lead nor assisting (成都: 数据提供单位 supplies the figures): known so that
# they end the value before them, and kept as a remark instead of joining a unit list.
_OTHER_KEYS = ("数据提供单位", "数据提供部门", "数据来源单位", "督办单位", "督查单位", "监督单位", "指导单位")
_KEY_COLUMN = {
    **{key: LEAD for key in _LEAD_KEYS}, **{key: ASSISTING for key in _ASSISTING_KEYS},
    **{key: LEADERS for key in _LEADER_KEYS}, **{key: STAFF for key in _STAFF_KEYS},
    **{key: DEADLINE for key in _DEADLINE_KEYS}, **{key: MONEY for key in _MONEY_KEYS},
    **{key: PROGRESS for key in _PROGRESS_KEYS}, **{key: REMARKS for key in _OTHER_KEYS},
}
# Longest first: at one position 责任人员 must win over 责任人, 总投资额 over 总投资.
ROLE_RE = re.compile(
    "(" + "|".join(sorted((*_KEY_COLUMN, *_RESPONSIBLE_KEYS), key=len, reverse=True)) + r")[ \t]*[：:]"
)
_OPENING = "（(【["
_CLOSING = "）)】]"
# Key words and the marks that can end a value. The lookahead on the first characters lets the
# engine skip ahead instead of trying every key word at every position: three times faster.
_TOKEN_RE = re.compile(
    "(?=[" + "".join(sorted({key[0] for key in (*_KEY_COLUMN, *_RESPONSIBLE_KEYS)})) + r"（(【\[）)】\]。\n])"
    "(?:" + ROLE_RE.pattern + r"|([（(【\[）)】\]。\n]))"
)
_BRACKET_RE = re.compile(r"[（(【\[）)】\]]")
SEPARATORS = " \t\n；;，,、"
_CLAUSE_END_RE = re.compile(r"[，,；;]")
# 一、县住建局牵头工作（8项）: the unit before 牵头 leads every item of the section.
_SECTION_LEAD_RE = re.compile(r"(.{2,30}?)牵头(?:的)?(?:重点)?(?:工作|任务|事项|项目)")
# Money stated in the sentence (项目总投资约260万元, 分别投资约250万元和100万元), not as a role.
# 完成投资 is a target reached, not what the project costs, so it is not among these;
# 计划投入资金15.03万元 is what a fee line costs (前进区); a clause opening with 投资 and an amount
# (旅游富民工程。投资3.2亿元，…) says what the work costs.
_INVESTMENT_WORDS_RE = re.compile(r"总投资|项目投资|计划投资|估算投资|分别投资|投资总额|投资约|计划投入|^\s*投资(?=\d)")
_CLAUSE_RE = re.compile(r"[^，,；;。\n]+")
# 市税务局、滁州海关等，各县、市、区政府: 等 closes the list of names before it, whatever they end in.
_LIST_ETC_RE = re.compile(r"(、[^、，,；;\s]{2,40}?)等(?=[，,；;。]|$)")
# A bracket and what it holds, brackets inside excluded: each match starts at an opening bracket
# and stops at the next bracket of any kind, so the scan is linear.
_BRACKET_GROUP_RE = re.compile(r"[（(][^（）()]*[)）]")
_BRACKET_GROUP_SPLIT_RE = re.compile(r"([（(][^（）()]*[)）])")


@dataclass(frozen=True)
class Said:
    """What the document says about the units of an item beyond the item's own words."""

    section_lead: str  # the unit its section's heading names as leading
    first_leads: bool  # 列第一位者为牵头单位: of several 责任单位, the first leads


def has_own_text(text: str, role: re.Match[str]) -> bool:
    """Whether the first role stands in a bracket after text of its own: 建设食堂（牵头单位：…）."""
    opened = None
    depth = 0
    for bracket in _BRACKET_RE.finditer(text, 0, role.start()):
        if bracket.group() in _OPENING:
            if depth == 0:
                opened = bracket.start()
            depth += 1
        elif depth:
            depth -= 1
    return depth > 0 and opened is not None and bool(text[:opened].strip(SEPARATORS + "。"))


def says_first_leads(text: str) -> bool:
    """Whether a bracketed note says the first unit listed leads (列第一位者为牵头或汇总单位，下同)."""
    return "第一位" in text and any(_is_first_leads_note(note.group()) for note in _BRACKET_GROUP_RE.finditer(text))


def _is_first_leads_note(note: str) -> bool:
    return "第一位" in note and ("牵头" in note or "汇总" in note)


def _without_first_leads_note(value: str) -> str:
    if "第一位" not in value:
        return value
    kept = [part for part in _BRACKET_GROUP_SPLIT_RE.split(value) if not _is_first_leads_note(part)]
    return "".join(kept).strip(SEPARATORS)


def _unit_text(unit: ParsedUnit) -> str:
    return unit.name + "".join(f"（{alias}）" for alias in unit.aliases)


# Real lists repeat few headings; a hostile one should not parse ten thousand of them twice.
@lru_cache(maxsize=4096)
def section_lead_of(heading: str) -> str:
    """The units a heading names as leading its section; "" for a leader (钱海平区长牵头重点工作)."""
    match = _SECTION_LEAD_RE.match(heading)
    if not match:
        return ""
    units = parse_units(match.group(1)).units
    return match.group(1) if units and all(is_complete(unit.name) for unit in units) else ""


def stated_investment(content: str) -> str:
    """The investment a sentence states, in 万元 ("约350万元"), or ""; amounts listed after
    分别投资 are the parts of one project and add up."""
    for clause in _CLAUSE_RE.finditer(content):
        word = _INVESTMENT_WORDS_RE.search(clause.group())
        if not word:
            continue
        text = clause.group()[word.start():]
        amounts = [parse_amount(match.group()) for match in MONEY_RE.finditer(text)]
        values = [amount.value for amount in amounts if amount is not None]
        if not values:
            continue
        total = sum(values[1:], values[0]) if "分别" in text[:4] else values[0]
        approximate = "约" in text or any(amount.approximate for amount in amounts if amount)
        return f"{'约' if approximate else ''}{total.normalize():f}万元"
    return ""


def roles(text: str, said: Said) -> tuple[dict[int, list[str]], str]:
    """The role values by column, and the text with every role taken out.

    One pass over the key words and the marks that can end a value: a value ends at the bracket
    closing the one its key stands in, at a full stop, at the end of its line when it stands in
    no bracket, and at the next key word at the latest."""
    text = label_role_brackets(text)  # （X主办，Y协办）: the labels the scan below knows
    values: list[tuple[str, str]] = []
    kept: list[str] = []
    position = 0  # where the kept text resumes
    depth = 0  # brackets open at this point of the text
    key: re.Match[str] | None = None  # the key word whose value is being read
    base = 0  # the depth at that key word
    opened: int | None = None  # the last bracket opened at that depth within the value
    running = False  # the value goes on over full stops (a progress report)

    def take(end: int) -> None:
        nonlocal position, key
        assert key is not None
        values.append((key.group(1), text[key.end():end].strip(SEPARATORS)))
        kept.append(text[position:key.start()])
        position, key = end, None

    for token in _TOKEN_RE.finditer(text):
        mark = token.group(2)
        if key is not None:
            if mark is None:
                # A bracket still open at the next key word opens the roles that follow.
                take(opened if depth > base and opened is not None else token.start())
            elif mark in _OPENING:
                if depth == base:
                    opened = token.start()  # a unit's other name, 区教育局（区体育局）, or the next roles
            elif mark in _CLOSING:
                if depth == base:
                    take(token.start())
            elif depth == base and ((mark == "\n" and base == 0) if running else (mark == "。" or base == 0)):
                take(token.start())
        if mark is None:
            key, base, opened = token, depth, None
            # Progress is told in sentences: unbracketed, it runs to the end of its line.
            running = token.group(1) in _PROGRESS_KEYS
        elif mark in _OPENING:
            depth += 1
        elif mark in _CLOSING:
            depth = max(depth - 1, 0)
    if key is not None:
        take(opened if depth > base and opened is not None else len(text))
    kept.append(text[position:])
    return by_column(values, said), "".join(kept)


def by_column(values: list[tuple[str, str]], said: Said) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    responsible: list[str] = []
    for key, value in values:
        column = _KEY_COLUMN.get(key)
        if key in _RESPONSIBLE_KEYS or column in {LEAD, ASSISTING}:
            value = _without_first_leads_note(value)
            if "等" in value:
                value = _LIST_ETC_RE.sub(r"\1", value)
        if not value:
            continue
        if key in _RESPONSIBLE_KEYS:
            responsible.append(value)
            continue
        assert column is not None
        if column == MONEY:
            value = _CLAUSE_END_RE.split(value, 1)[0]  # 500万元，其中区级补助200万元: the first clause
        elif column == REMARKS:
            value = f"{key}：{value}"
        found.setdefault(column, []).append(value)
    if LEAD not in found and said.section_lead:
        found[LEAD] = [said.section_lead]
    if responsible and LEAD not in found and said.first_leads:
        # 列第一位者为牵头单位: the first unit listed leads, the others assist.
        units = parse_units("、".join(responsible)).units
        if len(units) > 1:
            found[LEAD] = [_unit_text(units[0])]
            responsible = [_unit_text(unit) for unit in units[1:]]
    if responsible and LEAD in found:
        # Beside a named lead, the 责任单位 are those who share the work.
        found[ASSISTING] = responsible + found.get(ASSISTING, [])
    elif responsible:
        found[LEAD] = responsible
    return found
