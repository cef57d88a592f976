"""Money cells: amounts in 万元, and funding prose split into who pays how much."""

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache

from django.utils.translation import gettext as _

from imports.foundation.cells.script import read_as_simplified, simplified

# Money is stored exact to 0.0001 万元, which is one yuan.
QUANTUM = Decimal("0.0001")
# The database holds 10 digits before the point; a project of 100,000,000 万元 (a trillion yuan) or
# more is a typing slip in a district's table, so the limit is two digits below what would fit.
LARGEST_AMOUNT = Decimal(100_000_000)
SCIENTIFIC_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)[eE][+-]?\d+$")

UNIT_YI_YUAN = "亿元"
UNIT_YI = "亿"
UNIT_WAN_YUAN = "万元"
UNIT_WAN = "万"
UNIT_YUAN = "元"
# 万元 per unit; a bare number is already in 万元, the unit every table's money columns use.
UNIT_FACTORS: dict[str, Decimal] = {
    UNIT_YI_YUAN: Decimal(10000),
    UNIT_YI: Decimal(10000),
    UNIT_WAN_YUAN: Decimal(1),
    UNIT_WAN: Decimal(1),
    UNIT_YUAN: Decimal("0.0001"),
}
EMPTY_MARKS = frozenset({"", "—", "——", "-", "--", "－", "/", "／", "无", "暂无", "待定"})
APPROXIMATE_WORDS = ("拟定", "拟", "大约", "约", "预计", "预估", "估算", "左右")
# A number in prose is the total only when one of these words comes before it in its clause.
TOTAL_WORDS = ("投资", "合计", "共计", "总计", "总额")
CURRENCY_WORD = "人民币"
NOTE_JOINER = "；"

# Canonical funding sources (the names FundingSource rows carry).
DISTRICT_FINANCE = "区财政"
COUNTY_FINANCE = "县财政"  # a county's own money, as 区财政 is a district's
CITY_MATCHING = "市财政配套"
HIGHER_SUBSIDY = "上级补助"
PROVINCE_SUBSIDY = "省级补助"
DISTRICT_SUBSIDY = "区级补助"
GRASSROOTS_SELF_FUNDED = "镇村自筹"
ENTERPRISE_SELF_FUNDED = "企业自筹"
SELF_FUNDED = "自筹"
UNION_FUNDS = "工会经费"
# Wording in the tables -> canonical source. The longest wording found in a clause wins, so
# 市财政配套 beats 市财政 and 街道、社区自筹 beats 自筹. 街道/社区 money is the urban form of 镇村自筹.
FUNDING_SOURCES: dict[str, str] = {
    "区级财政": DISTRICT_FINANCE,
    "区财政": DISTRICT_FINANCE,
    "区级资金": DISTRICT_FINANCE,
    "区级配套": DISTRICT_FINANCE,
    "县级财政": COUNTY_FINANCE,
    "县财政": COUNTY_FINANCE,
    "县级配套": COUNTY_FINANCE,
    "县级资金": COUNTY_FINANCE,
    "县本级": COUNTY_FINANCE,
    "市级资金": CITY_MATCHING,
    "市级补助": CITY_MATCHING,
    "市财政配套": CITY_MATCHING,
    "市级财政": CITY_MATCHING,
    "市级配套": CITY_MATCHING,
    "市财政": CITY_MATCHING,
    "上级补助": HIGHER_SUBSIDY,
    "上级资金": HIGHER_SUBSIDY,
    "中央财政": HIGHER_SUBSIDY,
    "中央资金": HIGHER_SUBSIDY,
    "中央补助": HIGHER_SUBSIDY,
    "中央预算内": HIGHER_SUBSIDY,
    "省级补助": PROVINCE_SUBSIDY,
    "省级财政": PROVINCE_SUBSIDY,
    "省财政": PROVINCE_SUBSIDY,
    "省级资金": PROVINCE_SUBSIDY,
    "省级配套": PROVINCE_SUBSIDY,
    "省补助": PROVINCE_SUBSIDY,
    "区级补助": DISTRICT_SUBSIDY,
    "镇村自筹": GRASSROOTS_SELF_FUNDED,
    "乡镇自筹": GRASSROOTS_SELF_FUNDED,
    "街道、社区自筹": GRASSROOTS_SELF_FUNDED,
    "街道社区自筹": GRASSROOTS_SELF_FUNDED,
    "街道自筹": GRASSROOTS_SELF_FUNDED,
    "社区自筹": GRASSROOTS_SELF_FUNDED,
    "村级自筹": GRASSROOTS_SELF_FUNDED,
    "企业自筹": ENTERPRISE_SELF_FUNDED,
    "工会": UNION_FUNDS,
    "自筹": SELF_FUNDED,
}

FULL_WIDTH = str.maketrans("０１２３４５６７８９．　", "0123456789. ")
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS = "|".join(re.escape(unit) for unit in sorted(UNIT_FACTORS, key=len, reverse=True))
_APPROX = "|".join(re.escape(word) for word in APPROXIMATE_WORDS)
# A figure as a spreadsheet hands it over (1234.56). At most 27 digits, so Decimal holds it exactly
# and it reads as BARE_AMOUNT_RE would read it.
PLAIN_FIGURE_RE = re.compile(r"[0-9]{1,15}(?:\.[0-9]{1,12})?")
MONEY_RE = re.compile(rf"(?<![\d.,])({NUMBER})\s*({_UNITS})")
BARE_AMOUNT_RE = re.compile(
    rf"^(?:{_APPROX})*\s*(?:{CURRENCY_WORD})?\s*({NUMBER})\s*({_UNITS})?\s*(?:{_APPROX})?$"
)
# A comma between digits groups thousands (1,234.5); any other comma ends a clause.
CLAUSE_BREAK_RE = re.compile(r"[，；;。！？\n]|,(?!\d{3}(?:\D|$))")
BRACKET_RE = re.compile(r"[（(]([^（()）]*)[)）]")
# An amount followed by a note in brackets: 300（其中市级100）, 300(含省补50), 300（另有社会资本200）.
TRAILING_NOTE_RE = re.compile(r"^(.*?)\s*[（(]([^（()）]*)[)）]\s*$")


@dataclass(frozen=True)
class Amount:
    """A sum in 万元, and whether the table only estimated it (拟定, 约 …)."""

    value: Decimal
    approximate: bool


@dataclass(frozen=True)
class FundingPart:
    """What one canonical source pays, in 万元, with any bracketed remark."""

    source: str
    amount: Decimal
    note: str = ""


@dataclass(frozen=True)
class FundingParse:
    """The total and its split by source; parts is empty unless it adds up exactly."""

    total: Amount | None
    parts: list[FundingPart]
    warnings: list[str]


class _TooLarge(Exception):
    """An amount of LARGEST_AMOUNT 万元 or more: never stored, and reported by the public parsers' callers."""


def quantize(value: Decimal) -> Decimal:
    """Round a 万元 value to the stored precision of one yuan."""
    return value.quantize(QUANTUM, rounding=ROUND_HALF_UP)


def _bounded(value: Decimal) -> Decimal:
    """The value rounded to one yuan, or _TooLarge: checked before rounding, which fails on huge values."""
    if not value.is_finite() or abs(value) >= LARGEST_AMOUNT:
        raise _TooLarge
    return quantize(value)


def _to_wan(number: str, unit: str | None) -> Decimal:
    """Convert a number as printed, with its unit, to 万元."""
    try:
        value = Decimal(number.replace(",", "")) * UNIT_FACTORS.get(unit or UNIT_WAN_YUAN, Decimal(1))
    except ArithmeticError:  # an exponent beyond what Decimal holds
        raise _TooLarge from None
    return _bounded(value)


def _is_approximate(text: str) -> bool:
    """True when the wording marks the amount as an estimate."""
    return any(word in text for word in APPROXIMATE_WORDS)


def _clauses(text: str) -> list[str]:
    """Split prose into clauses, keeping thousands separators inside numbers."""
    return [clause.strip() for clause in CLAUSE_BREAK_RE.split(text) if clause.strip()]


def _from_number(value: int | float | Decimal) -> Amount | None:
    """An Amount from a value Excel handed over as a number (never via binary float maths)."""
    try:
        decimal = value if isinstance(value, Decimal) else Decimal(str(value))
    except InvalidOperation:
        return None
    if not decimal.is_finite():
        return None
    return Amount(_bounded(decimal), approximate=False)


def _prose_total(text: str) -> tuple[Amount, int, str] | None:
    """The total stated in prose, the index of its clause, and that clause without it."""
    for index, clause in enumerate(_clauses(text)):
        match = MONEY_RE.search(clause)
        if match and any(word in clause[: match.start()] for word in TOTAL_WORDS):
            amount = Amount(_to_wan(match.group(1), match.group(2)), _is_approximate(clause))
            return amount, index, clause[: match.start()] + clause[match.end() :]
    return None


def parse_amount(text: str | int | float | Decimal | None) -> Amount | None:
    """Read one amount in 万元 from a cell: a bare number, or the total named in prose.

    None when there is none, or when it cannot be stored (amount_problem() says why)."""
    try:
        return _parse_amount(text)
    except _TooLarge:
        return None


def amount_problem(text: str) -> str | None:
    """Why a cell that reads as no amount was refused: too large, or scientific notation; None if neither."""
    cleaned = simplified(text).translate(FULL_WIDTH).strip()
    if SCIENTIFIC_RE.match(cleaned):
        return _("The amount “%(text)s” is written in scientific notation; it was not stored. "
                 "Write it out in full.") % {"text": cleaned[:40]}
    try:
        _parse_amount(text)
    except _TooLarge:
        return _too_large(cleaned)
    return None


def _too_large(text: str) -> str:
    return _("The amount “%(text)s” is too large to be real (%(limit)s 万元 or more); it was not stored.") % {
        "text": text[:40], "limit": f"{LARGEST_AMOUNT:,}"}


def _parse_amount(text: str | int | float | Decimal | None) -> Amount | None:
    if text is None or isinstance(text, bool):
        return None
    if not isinstance(text, str):
        return _from_number(text)
    if PLAIN_FIGURE_RE.fullmatch(text):  # most money cells: nothing to clean, no unit, no wording
        return Amount(_bounded(Decimal(text)), approximate=False)
    cleaned = simplified(text).translate(FULL_WIDTH).strip()
    if cleaned in EMPTY_MARKS:
        return None
    bare = BARE_AMOUNT_RE.match(cleaned)
    if bare:
        return Amount(_to_wan(bare.group(1), bare.group(2)), _is_approximate(cleaned))
    noted = _noted(cleaned)
    if noted:
        return _parse_amount(noted[0])
    found = _prose_total(cleaned)
    return found[0] if found else None


def _noted(cleaned: str) -> tuple[str, str] | None:
    """(the amount, the note) of an amount followed by bracketed notes; a bracketed unit stays with it."""
    amount, notes = cleaned, []
    while (match := TRAILING_NOTE_RE.match(amount)) is not None:
        amount, note = match.group(1), match.group(2).strip()
        if note in UNIT_FACTORS:  # 300（万元）: the unit, not a note
            amount += note
        elif note:
            notes.insert(0, note)
    if amount == cleaned or not BARE_AMOUNT_RE.match(amount):
        return None
    return amount, NOTE_JOINER.join(notes)


def amount_note(text: str) -> str:
    """The bracketed note after an amount (其中市级100 of 300（其中市级100）), as written; "" if none."""
    if "(" not in text and "（" not in text:  # nearly every money cell
        return ""
    prose, as_written = read_as_simplified(text.translate(FULL_WIDTH).strip())
    noted = _noted(prose)
    return as_written(noted[1]) if noted else ""


def _source_of(clause: str) -> str | None:
    """The canonical source named in a clause, by its longest wording."""
    named = [wording for wording in FUNDING_SOURCES if wording in clause]
    return FUNDING_SOURCES[max(named, key=len)] if named else None


def _claims(clauses: list[str]) -> tuple[list[tuple[str, Decimal | None, str]], bool]:
    """Each clause's (source, amount or None, note), and whether some clause made no sense."""
    claims: list[tuple[str, Decimal | None, str]] = []
    for clause in clauses:
        note = NOTE_JOINER.join(BRACKET_RE.findall(clause))
        plain = BRACKET_RE.sub("", clause)
        amounts = MONEY_RE.findall(plain)
        source = _source_of(plain)
        if source is None and not amounts:
            continue  # a remark such as 从计生专项经费列支
        if source is None or len(amounts) > 1:
            return claims, True
        amount = _to_wan(*amounts[0]) if amounts else None
        claims.append((source, amount, note))
    return claims, False


def _merge(claims: list[tuple[str, Decimal, str]]) -> list[FundingPart]:
    """One part per source, in first-mentioned order, adding up repeated mentions."""
    merged: dict[str, FundingPart] = {}
    for source, amount, note in claims:
        if source in merged:
            old = merged[source]
            notes = NOTE_JOINER.join(n for n in (old.note, note) if n)
            merged[source] = FundingPart(source, old.amount + amount, notes)
        else:
            merged[source] = FundingPart(source, amount, note)
    return list(merged.values())


def _show(value: Decimal) -> str:
    """A 万元 value as people write it, without trailing zeros."""
    return f"{value.normalize():f}"


def _split(text: str, total: Amount | None, clauses: list[str]) -> tuple[list[FundingPart], list[str]]:
    """The parts the clauses state, or none and a warning when they do not add up exactly."""
    claims, unclear = _claims(clauses)
    cannot_split = [_("Funding text could not be split into sources: %(text)s") % {"text": text}]
    if unclear:
        return [], cannot_split
    if not claims:
        return [], []
    if len(claims) == 1 and claims[0][1] is None:
        if total is None:
            return [], cannot_split
        source, _amount, note = claims[0]
        return [FundingPart(source, total.value, note)], []
    if any(amount is None for _source, amount, _note in claims):
        return [], cannot_split
    parts = _merge([(source, amount, note) for source, amount, note in claims if amount is not None])
    added = sum((part.amount for part in parts), Decimal(0))
    if total is not None and added != total.value:
        message = _("Funding sources add up to %(sum)s, not to the total %(total)s: %(text)s")
        return [], [message % {"sum": _show(added), "total": _show(total.value), "text": text}]
    return parts, []


def parse_funding(text: str, total: Decimal | None) -> FundingParse:
    """Split funding prose into canonical sources that add up exactly to the total."""
    try:
        return _parse_funding(text, total)
    except _TooLarge:
        known = Amount(quantize(total), approximate=False) if total is not None else None
        return FundingParse(known, [], [_too_large(simplified(text or "").strip())])


def _parse_funding(text: str, total: Decimal | None) -> FundingParse:
    prose, as_written = read_as_simplified((text or "").translate(FULL_WIDTH).strip())
    known = Amount(quantize(total), approximate=False) if total is not None else None
    if prose in EMPTY_MARKS:
        return FundingParse(known, [], [])
    bare = BARE_AMOUNT_RE.match(prose)
    stated = _parse_amount(prose) if bare else None
    found = (stated, 0, "") if stated else _prose_total(prose)
    clauses = [] if bare else _clauses(prose)
    if found:
        stated, index, rest = found
        clauses = clauses[:index] + ([rest] if rest.strip() else []) + clauses[index + 1 :]
        if known is not None and stated.value != known.value:
            message = _("The funding text gives a total of %(stated)s, but the total is %(total)s: %(text)s")
            values = {"stated": _show(stated.value), "total": _show(known.value), "text": prose}
            return FundingParse(known, [], [message % values])
        known = stated  # equal to any given total, and it knows whether it was estimated
    parts, warnings = _split(prose, known, clauses)
    return FundingParse(known, [FundingPart(p.source, p.amount, as_written(p.note)) for p in parts], warnings)


# A money column's unit, as its header gives it: 年度计划投资（亿元）. 万元 is the product's unit.
HEADER_UNITS = (("亿元", Decimal(10000)), ("千元", Decimal("0.1")), ("元", Decimal("0.0001")))
BARE_FIGURE_RE = re.compile(r"^\s*[\d.,，]+\s*$")


@lru_cache(maxsize=256)  # asked for every money cell, of a few headers
def header_scale(header: str) -> Decimal:
    """What a bare figure under this header is multiplied by to be in 万元 (1 unless it says otherwise)."""
    plain = simplified(header)
    if "万元" in plain:
        return Decimal(1)
    return next((scale for unit, scale in HEADER_UNITS if unit in plain), Decimal(1))


def in_wan(amount: Amount, text: str, scale: Decimal) -> Amount | None:
    """A cell's amount in 万元 under a header of another unit; None when that makes it too large."""
    if scale == 1 or not BARE_FIGURE_RE.match(text):
        return amount  # the cell names its own unit (3.2亿元), or the header's is 万元
    value = (amount.value * scale).quantize(Decimal("0.0001"))
    return Amount(value, amount.approximate) if value < LARGEST_AMOUNT else None
