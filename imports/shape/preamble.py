"""The text above a table: its title and the notice it came with say whose plan it is, and when."""

import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from imports.foundation.cells.script import simplified
from imports.foundation.numbering import HAN_DIGITS, HAN_VALUES, TWENTY
from projects.models import Plan
from projects.schedule import DATES, DEFAULT_DAY, MONTHLY, QUARTERLY, format_dates

KIND_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # A progress table is recognised first: 民生实事项目半年度进展表 is progress, not the plan.
    (Plan.Kind.PROGRESS_REPORT, ("进展表", "进展情况表", "进度表", "推进情况表")),
    (Plan.Kind.WORK_REPORT, ("政府工作报告",)),
    (Plan.Kind.PUBLIC_SERVICE, ("为民办实事", "民生实事", "民生实项目", "为民兴办")),
)
TABLE_WORDS = ("表", "清单")
YEAR = re.compile(r"(20\d\d)\s*年")
DOCUMENT_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*20\d\d\s*[〕\]］】)）]\s*\d+\s*号")
ISSUE_DATE = re.compile(r"^(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
DECLARED = re.compile(r"(\d+)\s*件实事|实事\s*(\d+)\s*件|(\d+)\s*项(?:为民办实事|民生实事)")
# 6月进展表, 6月份进展情况, and the month in brackets after the title: 进展表（2023年6月）.
PROGRESS_MONTH = re.compile(
    r"(\d{1,2})\s*月(?:份)?(?:底|末)?(?:进展|进度|推进)|[（(]\s*(?:20\d\d\s*年\s*)?(\d{1,2})\s*月(?:份)?\s*[)）]"
)
# The month as written in a PROGRESS_MONTH match, for a warning when it does not exist (13月).
MONTH_TEXT = re.compile(r"(?:20\d\d\s*年\s*)?\d{1,2}\s*月")
HALF_YEAR = ("半年", "上半年")
# A jurisdiction's name ends in one of these; the shortest name that does is taken, so
# 鲤城区委 gives 鲤城区 and 泉州市鲤城区 gives 泉州市 then 鲤城区.
LEVEL_SUFFIXES = ("自治州", "自治县", "街道", "市", "区", "县", "镇", "乡", "旗", "省", "盟")
# 州 alone (黔东南州, 恩施州) ends a place only where the name visibly ends, before a year, an organ
# or punctuation: 杭州市, 贵州省 and 杭州湾新区 hold a 州 inside their names.
PREFECTURE = r"州(?=\s*20\d\d|人民政府|政府|党工委|工委|委|[^\u4e00-\u9fff]|$)"
PLACE = re.compile(r"[\u4e00-\u9fff]{1,10}?(?:" + "|".join(LEVEL_SUFFIXES) + "|" + PREFECTURE + ")")
# Organs that stand between two places: 晋江市人民政府新塘街道办事处, 晋江市委新塘街道工作委员会.
ORGANS = re.compile(r"^(?:人民政府|政府|党工委|工委|委员会|委)")
NOT_A_PLACE_START = "各全我本该"
# Words of a sentence, never of a place's name: 关于印发区政府… is not a district called 关于印发区.
NOT_A_PLACE = re.compile(r"关于|印发|通知|工作|报告|已经|审议|政府|会议|代表|推进|加快|做好|开展|实施|落实|加强")
# After 关于 a place is followed by its year, its organ or a place inside it (关于前进区2024年度…);
# anything else is the sentence going on (关于加快推进城区…), whose words name no place.
AFTER_ABOUT = re.compile(r"\s*20\d\d|人民政府|政府|党工委|工委|委员会|[\u4e00-\u9fff]{1,10}?(?:街道|区|县|镇|乡)")
# Lines that name the issuing government (and so may carry its whole chain of places).
ISSUER_WORDS = ("人民政府", "党工委", "办事处", "管委会", "委员会", "办公室")

# When units report, as notices say it: 每月22日前反馈; 每季度末月20日前报送; 分别于6月25日、12月25日前报送.
# A date counts only beside a word for sending a report: 12月底前完成 is when the work is due.
REPORT_WORDS = re.compile(r"报送|反馈|上报|呈报|汇报|(?<!工作)报告|报(?:至|到|给|区|市|县|镇|街道|党政办|督查)")
DAY = rf"(\d{{1,2}}|[{HAN_DIGITS}{TWENTY}]{{1,3}})\s*[日号]"
MONTHLY_DAY = re.compile(r"每个?月(?:的)?\s*" + DAY)
EVERY_QUARTER = re.compile(r"每个?季度?")
# 2022年6月25日、12月25日; 每年6月25日和12月25日.
MONTH_DAY = re.compile(r"(?:20\d\d\s*年\s*)?(?:每年\s*)?(\d{1,2})\s*月\s*" + DAY)
DATE_LIST = re.compile(
    rf"(?:20\d\d\s*年\s*)?(?:每年\s*)?\d{{1,2}}\s*月\s*[\d{HAN_DIGITS}{TWENTY}]{{1,3}}\s*[日号]"
    rf"(?:\s*(?:、|，|,|和|及|与|以及)\s*(?:20\d\d\s*年\s*)?\d{{1,2}}\s*月\s*[\d{HAN_DIGITS}{TWENTY}]{{1,3}}\s*[日号])*"
)
BEFORE = re.compile(r"\s*之?前")
# "…日前完成" is a deadline for the work itself; "…日前将完成情况报送" is a report.
WORK_DEADLINE = re.compile(r"\s*之?前\s*(?:全面|全部|基本)?完成(?!情况)")
SENTENCE_END = re.compile(r"[。；;！!？?]")
SENTENCE_MARKS = re.compile(r"[，。；;！!？?]")
CHINESE_DIGITS = HAN_VALUES
LAST_DAY = 28  # Plan.report_day: every month has a 28th
Schedule = tuple[str, int, str]  # (frequency, day, dates) as Plan stores them: ("dates", 22, "6-25, 12-25")


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
    report_schedule: Schedule | None = None
    warnings: list[str] = field(default_factory=list)


def places_in(text: str) -> list[str]:
    """Place names at the start of a line: 泉州市鲤城区人民政府 -> [泉州市, 鲤城区]."""
    text = re.sub(r"^[#\s]*(?:【[^】]{0,40}】)?\s*(?:20\d\d\s*年度?)?\s*", "", text)
    text = re.sub(r"^(?:中共|中国共产党)", "", text)
    # A notice names the table it sends: 关于印发《桐庐县2025年民生实事项目实施方案》的通知.
    text = re.sub(r"^(?:关于)?(?:印发|下达|公布|转发)?《", "", text)
    if text.startswith("关于"):
        text = text[2:]
        if not ((match := PLACE.match(text)) and AFTER_ABOUT.match(text, match.end())):
            return []
    found = []
    while (match := PLACE.match(text)) and match.group(0)[0] not in NOT_A_PLACE_START and not NOT_A_PLACE.search(
            match.group(0)):
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


def _day_number(text: str) -> int:
    """22 from "22", "二十二" or "廿二"; 0 for what is not a day."""
    if text.isdecimal():
        return int(text)
    tens, ten, ones = text.replace("廿", "二十").rpartition("十")
    if len(ones) > 1 or (ten and len(tens) > 1):
        return 0
    if not ten:
        return CHINESE_DIGITS.get(ones, 0)
    return CHINESE_DIGITS.get(tens, 1) * 10 + CHINESE_DIGITS.get(ones, 0)


def _reported(sentence: str, end: int) -> bool:
    """Whether the date ending at `end` is when a report is sent, not when the work is due."""
    after = sentence[end:]
    if WORK_DEADLINE.match(after):
        return False
    return bool(REPORT_WORDS.match(after.lstrip()) or (BEFORE.match(after) and REPORT_WORDS.search(sentence)))


def _due(sentence: str, end: int) -> bool:
    """Like _reported, and 每月22日前 alone also says a report is due: notices leave the verb out."""
    after = sentence[end:]
    return _reported(sentence, end) or bool(BEFORE.match(after) and not WORK_DEADLINE.match(after))


def _monthly(sentences: list[str]) -> int | None:
    for sentence in sentences:
        for found in MONTHLY_DAY.finditer(sentence):
            if _due(sentence, found.end()):
                return _day_number(found.group(1))
    return None


def _quarterly(sentences: list[str]) -> int | None:
    """The day of 每季度末月20日前 / 每季度最后一个月的20日前; 22 for 每季度报送 without one."""
    for sentence in sentences:
        for found in EVERY_QUARTER.finditer(sentence):
            rest = sentence[found.end():]
            day = re.search(DAY, rest)
            if day and _due(rest, day.end()):
                return _day_number(day.group(1))
            if not day and REPORT_WORDS.search(rest):
                return DEFAULT_DAY
    return None


def _dates(sentences: list[str]) -> list[tuple[int, int]]:
    pairs: dict[int, int] = {}
    for sentence in sentences:
        for found in DATE_LIST.finditer(sentence):
            if _reported(sentence, found.end()):
                for month, day in MONTH_DAY.findall(found.group(0)):
                    if 1 <= int(month) <= 12:
                        pairs.setdefault(int(month), _day_number(day))
    return sorted(pairs.items())


def read_schedule(text: str) -> tuple[Schedule | None, list[str]]:
    """When units report, from a notice's text in simplified characters, and warnings about it.

    Monthly (每月22日前) is taken before quarterly (每季度…报送), quarterly before listed dates
    (6月25日、12月25日前报送). A text that names no day (每半年报送一次) gives no schedule: the
    plan keeps what it has rather than a guess."""
    sentences = [part for part in SENTENCE_END.split(text) if part.strip()]
    if (day := _monthly(sentences)) is not None:
        frequency, days, pairs = MONTHLY, [day], []
    elif (day := _quarterly(sentences)) is not None:
        frequency, days, pairs = QUARTERLY, [day], []
    elif pairs := _dates(sentences):
        frequency, days = DATES, [day for _month, day in pairs]
    else:
        return None, []
    if not all(1 <= day <= 31 for day in days):
        return None, []
    # Plan.report_day stops at 28 so that every month has the day; 30 and 31 move back to it.
    warnings = [_("The reporting day %(day)s is taken as the 28th.") % {"day": day}
                for day in dict.fromkeys(days) if day > LAST_DAY]
    if frequency == DATES:
        return (DATES, DEFAULT_DAY, format_dates([(month, min(day, LAST_DAY)) for month, day in pairs])), warnings
    return (frequency, min(days[0], LAST_DAY), ""), warnings


def read_preamble(lines: list[str]) -> PlanMeta:
    """Year, kind, jurisdiction, document number, issue date and declared count from the text above a table."""
    meta = PlanMeta()
    written = [line.strip() for line in lines if line.strip()]
    plain = [simplified(line) for line in written]
    # A title is a line, not a sentence: 2020年市政府工作报告已经市第六届人民代表大会…审议通过，… is body text.
    headings = [i for i, line in enumerate(plain) if YEAR.search(line) and not SENTENCE_MARKS.search(line)]
    titles = [i for i in headings if any(word in plain[i] for word in TABLE_WORDS)]
    chosen = titles[-1] if titles else next(iter(headings), None)
    if chosen is None:
        chosen = next((i for i, line in enumerate(plain) if YEAR.search(line)), None)
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
            try:
                meta.issued_on = date(*(int(part) for part in issued.groups()))
            except ValueError:  # 2023年2月30日: a typing slip in the notice, not a reason to refuse the table
                meta.warnings.append(_not_a_date(issued.group(0)))
        if meta.declared_count is None and (declared := DECLARED.search(line)):
            meta.declared_count = int(next(group for group in declared.groups() if group))
    # A date broken over lines or pages (分别于6月25日、12 / 月25日前) reads whole again.
    meta.report_schedule, schedule_warnings = read_schedule("".join(plain))
    meta.warnings.extend(schedule_warnings)
    if meta.kind == Plan.Kind.PROGRESS_REPORT:
        month = PROGRESS_MONTH.search(title)
        number = int(next(group for group in month.groups() if group)) if month else None
        # A month the title names (进展表（2023年12月）) is taken before the half-year word.
        if number and 1 <= number <= 12:
            meta.progress_month = number
        else:
            if month:
                meta.warnings.append(_not_a_date(MONTH_TEXT.search(month.group(0)).group(0)))
            if any(word in title for word in HALF_YEAR):
                meta.progress_month = 6
    return meta


def _not_a_date(text: str) -> str:
    return _("The date %(text)s does not exist; it was not used.") % {"text": text}
