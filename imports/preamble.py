"""The text above a table: its title and the notice it came with say whose plan it is, and when."""

import re
from dataclasses import dataclass
from datetime import date

from imports.cells.script import simplified

KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # A progress table is recognised first: 民生实事项目半年度进展表 is progress, not the plan.
    ("progress_report", ("进展表", "进展情况表", "进度表", "推进情况表")),
    ("work_report", ("政府工作报告",)),
    ("public_service", ("为民办实事", "民生实事", "民生实项目", "为民兴办")),
)
TABLE_WORDS = ("表", "清单")
YEAR = re.compile(r"(20\d\d)\s*年")
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*20\d\d\s*[〕\]］】)）]\s*\d+\s*号")
ISSUE_DATE = re.compile(r"^(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DECLARED = re.compile(r"(\d+)\s*件实事|实事\s*(\d+)\s*件|(\d+)\s*项(?:为民办实事|民生实事)")
PROGRESS_MONTH = re.compile(r"(\d{1,2})\s*月(?:份)?(?:底|末)?(?:进展|进度|推进)")
HALF_YEAR = ("半年", "上半年")
# A jurisdiction's name ends in one of these; the shortest name that does is taken, so
# 鲤城区委 gives 鲤城区 and 泉州市鲤城区 gives 泉州市 then 鲤城区.
LEVEL_SUFFIXES = ("自治州", "自治县", "街道", "市", "区", "县", "镇", "乡", "旗")
PLACE = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:" + "|".join(LEVEL_SUFFIXES) + ")")
# Organs that stand between two places: 晋江市人民政府新塘街道办事处, 晋江市委新塘街道工作委员会.
ORGANS = re.compile(r"^(?:人民政府|政府|党工委|工委|委员会|委)")
NOT_A_PLACE_START = "各全我本该"
# Lines that name the issuing government (and so may carry its whole chain of places).
ISSUER_WORDS = ("人民政府", "党工委", "办事处", "管委会", "委员会", "办公室")


@dataclass
class PlanMeta:
    title: str = ""
    year: int | None = None
    kind: str = ""
    jurisdiction: list[str] | None = None
    document_number: str = ""
    issued_on: date | None = None
    declared_count: int | None = None
    progress_month: int | None = None


def places_in(text: str) -> list[str]:
    """Place names at the start of a line: 泉州市鲤城区人民政府 -> [泉州市, 鲤城区]."""
    text = re.sub(r"^[#\s]*(?:20\d\d\s*年度?)?\s*", "", text)
    text = re.sub(r"^(?:中共|中国共产党)", "", text)
    found = []
    while (match := PLACE.match(text)) and match.group(0)[0] not in NOT_A_PLACE_START:
        found.append(match.group(0))
        text = text[match.end():]
        text = text[organ.end():] if (organ := ORGANS.match(text)) else text
    return found


def jurisdiction_of(title: str, lines: list[str]) -> list[str] | None:
    """The title's place, completed by an issuer line that names it with its parents."""
    chain = places_in(title)
    for line in lines:
        if not any(word in line for word in ISSUER_WORDS):
            continue
        longer = places_in(line)
        if not chain or (len(longer) > len(chain) and longer[-1] == chain[-1]):
            chain = longer
    return chain or None


def read_preamble(lines: list[str]) -> PlanMeta:
    """Year, kind, jurisdiction, document number, issue date and declared count from the text above a table."""
    meta = PlanMeta()
    written = [line.strip() for line in lines if line.strip()]
    plain = [simplified(line) for line in written]
    titles = [i for i, line in enumerate(plain) if YEAR.search(line) and any(word in line for word in TABLE_WORDS)]
    chosen = titles[-1] if titles else next((i for i, line in enumerate(plain) if YEAR.search(line)), None)
    title = plain[chosen].lstrip("# ") if chosen is not None else ""
    # Recognised in simplified characters, kept as written.
    meta.title = written[chosen].lstrip("# ") if chosen is not None else ""
    if year := YEAR.search(title):
        meta.year = int(year.group(1))
    for kind, words in KIND_WORDS:
        if any(word in title for word in words) or (not titles and any(word in " ".join(plain) for word in words)):
            meta.kind = kind
            break
    meta.jurisdiction = jurisdiction_of(title, plain)
    for line in plain:
        if not meta.document_number and (number := DOCUMENT_NUMBER.search(line)):
            meta.document_number = re.sub(r"\s+", "", number.group(0))
        if not meta.issued_on and (issued := ISSUE_DATE.match(line)):
            meta.issued_on = date(*(int(part) for part in issued.groups()))
        if meta.declared_count is None and (declared := DECLARED.search(line)):
            meta.declared_count = int(next(group for group in declared.groups() if group))
    if meta.kind == "progress_report":
        if any(word in title for word in HALF_YEAR):
            meta.progress_month = 6
        elif month := PROGRESS_MONTH.search(title):
            meta.progress_month = int(month.group(1))
    return meta
