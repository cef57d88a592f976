"""Plan-level checks: what the document itself says about its projects, held against what was read."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _

from imports.foundation.layouts import Role
from imports.interpret.draft import Check, FundingDraft, PlanDraft, Problem

LONGEST_NUMBER = 5


def totals(draft: PlanDraft) -> dict[str, Decimal]:
    """Sums over every project and sub-project: total and annual investment, and each source."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    for project in draft.projects:
        if project.total_investment is not None:
            sums[Role.TOTAL.value] += project.total_investment
        if project.annual_investment is not None:
            sums[Role.ANNUAL.value] += project.annual_investment
        for funding in project.fundings:
            sums[funding.source] += funding.amount
    return dict(sums)


def place_unplaced(draft: PlanDraft) -> None:
    """Give figures that stood under no column to the one source the totals row says is short of them."""
    stray = [project for project in draft.projects if project.unplaced]
    if not stray:
        return
    missing = sum((value for project in stray for value in project.unplaced), Decimal(0))
    sums = totals(draft)
    short = [
        key for key, stated in draft.stated_totals.items()
        if key not in {Role.TOTAL.value, Role.ANNUAL.value} and stated - sums.get(key, Decimal(0)) == missing
    ]
    if len(short) != 1:
        draft.warnings.append(Problem(_(
            "%(count)s figures stood under no column and could not be placed: the document has no totals row "
            "that says where they belong.") % {"count": len(stray)}))
        return
    for project in stray:
        for value in project.unplaced:
            project.fundings.append(FundingDraft(short[0], value, _("placed by the totals row")))
        project.unplaced = []
    draft.warnings.append(Problem(_(
        "%(count)s figures that stood under no column were counted as %(source)s: only then does the "
        "document's totals row add up.") % {"count": len(stray), "source": short[0]}))


def _ranges(numbers: list[int]) -> str:
    """1、3–5 for [1, 3, 4, 5]: gaps as a reader writes them."""
    spans: list[list[int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1][1] = n
        else:
            spans.append([n, n])
    return "、".join(f"{a}" if a == b else f"{a}–{b}" for a, b in spans)


def run_checks(draft: PlanDraft) -> None:
    """Declared counts, numbering gaps and the totals row, each as a Check; failures also warn."""
    top = [project for project in draft.projects if project.parent_key is None]
    # Five digits at most, as the interpreter reads numbers: listing the gaps below a 20-digit number would
    # exhaust memory. Decimal digits only: ① and ² are digits to str.isdigit(), but not to int().
    numbers = sorted({int(p.number) for p in top if p.number.isdecimal() and len(p.number) <= LONGEST_NUMBER})
    if numbers:
        gaps = sorted(set(range(1, numbers[-1] + 1)) - set(numbers))
        message = (_("Numbers %(gaps)s are missing.") % {"gaps": _ranges(gaps)}) if gaps else \
            _("Numbers run from 1 to %(last)s without a gap.") % {"last": numbers[-1]}
        draft.checks.append(Check("numbering", not gaps, message))
    numbered = sum(1 for p in top if p.number)
    if draft.declared_count is not None:
        ok = draft.declared_count == numbered
        draft.checks.append(Check("declared_count", ok, _(
            "The notice announces %(declared)s projects; the table holds %(found)s.")
            % {"declared": draft.declared_count, "found": numbered}))
    per_category = Counter(p.category for p in top)
    for category in draft.categories:
        if category.declared_count is not None:
            found = per_category[category.name]
            draft.checks.append(Check(f"category:{category.name}", found == category.declared_count, _(
                "%(category)s announces %(declared)s projects; %(found)s found.")
                % {"category": category.name, "declared": category.declared_count, "found": found}))
    place_unplaced(draft)
    sums = totals(draft)
    for key, stated in draft.stated_totals.items():
        found = sums.get(key, Decimal(0))
        draft.checks.append(Check(f"totals:{key}", found == stated, _(
            "Totals row, %(what)s: the document says %(stated)s, the rows add up to %(found)s.")
            % {"what": _label(key), "stated": _plain(stated), "found": _plain(found)}))
    for check in draft.checks:
        if not check.ok:
            draft.warnings.append(Problem(check.message))


def _label(key: str) -> str:
    """A totals key as users say it: the two investments by name, a funding source as it is."""
    return {Role.TOTAL.value: _("total investment"), Role.ANNUAL.value: _("annual investment")}.get(key, key)


def _plain(value: Decimal) -> str:
    return format(value.normalize(), "f")
