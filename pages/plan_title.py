"""A plan's title and the facts above its table (document number, declared count, issue date), as the
importer reads them back: a plan exported and imported again keeps its year, kind and place."""

import re
from collections.abc import Sequence

from imports.public import read_preamble
from projects.models import Plan

# A title names the year, the place and the kind of plan (imports/shape/preamble.py reads them).
YEAR_IN_TITLE = re.compile(r"20\d\d\s*年度?")
# A jurisdiction's own short name for itself: 区 in 区《政府工作报告》 of 鲤城区.
SELF_NAMES = ("街道", "市", "区", "县", "镇", "乡")
KIND_TITLES = {
    Plan.Kind.PUBLIC_SERVICE: "为民办实事项目责任分解表",
    Plan.Kind.WORK_REPORT: "《政府工作报告》目标任务责任分解表",
    Plan.Kind.PROGRESS_REPORT: "项目进展表",
}


def preamble(plan: Plan) -> list[str]:
    """The title and, when the plan has them, its document number, declared count and issue date.

    The importer takes these from the text above the table, and a re-import writes them over the
    plan's: left out, they would be erased."""
    facts = _facts(plan)
    return [table_title(plan, facts), *facts]


def table_title(plan: Plan, facts: Sequence[str] = ()) -> str:
    """The plan's title as stored, when the importer reads it as this plan's year, kind and place.

    Otherwise the year and the place are put in front (2022年度区《政府工作报告》… becomes
    2022年鲤城区《政府工作报告》…), and failing that the title is made from them and the kind."""
    place = plan.jurisdiction.name
    stored = plan.title.strip()
    # Spaces between Chinese words are the typesetter's; between Latin words they are words'.
    text = YEAR_IN_TITLE.sub("", re.sub(r"(?<![A-Za-z])\s+|\s+(?![A-Za-z])", "", stored), count=1)
    if not text.startswith(place):
        own = next((word for word in SELF_NAMES if place.endswith(word) and text.startswith(word)), "")
        text = place + text[len(own):]
    candidates = (stored, f"{plan.year}年{text}", f"{plan.year}年{place}{KIND_TITLES[plan.kind]}")
    return next((title for title in candidates if _reads_back(plan, [title, *facts])), candidates[1])


def _reads_back(plan: Plan, lines: list[str]) -> bool:
    """Whether the importer reads these lines above the table as this plan's year, kind and place."""
    meta = read_preamble(lines)
    return (meta.year, meta.kind, (meta.jurisdiction or [""])[-1]) == (plan.year, plan.kind, plan.jurisdiction.name)


def _facts(plan: Plan) -> list[str]:
    facts = [plan.document_number] if plan.document_number else []
    if plan.declared_count is not None:
        facts.append(f"（共{plan.declared_count}件实事）")
    if plan.issued_on:
        facts.append(f"{plan.issued_on.year}年{plan.issued_on.month}月{plan.issued_on.day}日")
    return facts
