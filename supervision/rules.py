"""A jurisdiction's rules for the cycle, resolved: its own where it set them, else its parent's,
else the product's defaults (published practice: a formal letter after two yellow periods in a
row, the unit's head summoned after three red, listed supervision after five; instructions
answered in 5, 15 or 30 days by urgency)."""

from dataclasses import dataclass, fields

from projects.models import Jurisdiction
from supervision.models import Rules


@dataclass(frozen=True)
class Resolved:
    circular_prefix: str = ""
    sheet_prefix: str = ""
    sheet_red_days: int = 10
    suggest_sheet_periods: int = 2
    letter_yellow_periods: int = 2
    summon_red_periods: int = 3
    listed_red_periods: int = 5
    urgent_days: int = 5
    normal_days: int = 15
    difficult_days: int = 30
    webhook_kind: str = ""
    webhook_url: str = ""

    def answer_days(self, urgency: str) -> int:
        return {"urgent": self.urgent_days, "difficult": self.difficult_days}.get(urgency, self.normal_days)


DEFAULTS = Resolved()


def rules_for(jurisdiction: Jurisdiction | int) -> Resolved:
    """The rules that hold in a jurisdiction (a few queries: one per level above it)."""
    pk = jurisdiction if isinstance(jurisdiction, int) else jurisdiction.pk
    chain, seen = [], set()
    while pk is not None and pk not in seen:
        seen.add(pk)
        chain.append(pk)
        pk = Jurisdiction.objects.filter(pk=pk).values_list("parent_id", flat=True).first()
    own = {rules.jurisdiction_id: rules for rules in Rules.objects.filter(jurisdiction_id__in=chain)}
    return _resolve([own[pk] for pk in chain if pk in own])


def all_rules() -> dict[int, Resolved]:
    """The rules of every jurisdiction, from two queries: for pages and commands that meet many of them."""
    parents = dict(Jurisdiction.objects.values_list("id", "parent_id"))
    own = {rules.jurisdiction_id: rules for rules in Rules.objects.all()}
    resolved = {}
    for start in parents:
        chain, pk = [], start
        while pk is not None and pk not in chain:
            chain.append(pk)
            pk = parents.get(pk)
        resolved[start] = _resolve([own[pk] for pk in chain if pk in own])
    return resolved


def _resolve(chain: list[Rules]) -> Resolved:
    """Each value from the nearest jurisdiction that set it (`chain` runs from the jurisdiction up)."""
    values = {}
    for field in fields(Resolved):
        for rules in chain:
            value = getattr(rules, field.name)
            if value not in (None, ""):
                values[field.name] = value
                break
    # The robot's kind goes with its address: a child's address is not posted in its parent's format.
    if "webhook_url" in values:
        values["webhook_kind"] = next(rules.webhook_kind for rules in chain if rules.webhook_url)
    return Resolved(**values)
