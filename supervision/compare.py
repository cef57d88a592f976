"""What changed between two closes of one plan: which projects turned red, got better or worse, were
completed, or newly have no report. Read from the two closes' snapshots only, so it never moves."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from progress.models import ProjectStatus
from supervision.models import PeriodClose, Snapshot

Light = ProjectStatus.Light
# Better is higher; done is a kind of better of its own (completed), not counted as improved.
RANK = {Light.RED: 0, Light.YELLOW: 1, Light.GREEN: 2, Light.DONE: 3}


@dataclass(frozen=True)
class Change:
    """One project in both closes: as it stood in the earlier and in the later one."""

    before: Snapshot
    after: Snapshot

    @property
    def percent_change(self) -> int | None:
        if self.before.percent is None or self.after.percent is None:
            return None
        return self.after.percent - self.before.percent


@dataclass(frozen=True)
class Comparison:
    earlier: PeriodClose
    later: PeriodClose
    turned_red: list[Change] = field(default_factory=list)
    improved: list[Change] = field(default_factory=list)  # red -> yellow/green, yellow -> green
    worsened: list[Change] = field(default_factory=list)  # green -> yellow/red, yellow -> red (turned red included)
    completed: list[Change] = field(default_factory=list)  # became done
    newly_awaiting: list[Change] = field(default_factory=list)  # report missing now, handed in before
    added: list[Snapshot] = field(default_factory=list)  # in the later close only (a project added to the plan)

    @property
    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name))
                for name in ("turned_red", "improved", "worsened", "completed", "newly_awaiting", "added")}


def compare(earlier: PeriodClose, later: PeriodClose) -> Comparison:
    """What changed from `earlier` to `later`, two closes of the same plan; two queries."""
    if earlier.plan_id != later.plan_id:
        raise ValidationError(_("Only two closes of the same plan can be compared."))
    if earlier.pk == later.pk:
        raise ValidationError(_("Choose another close to compare with."))
    before = {s.project_id: s for s in earlier.snapshots.all() if s.project_id is not None}
    result = Comparison(earlier=earlier, later=later)
    for after in later.snapshots.all():
        old = before.get(after.project_id)
        if old is None:
            result.added.append(after)
            continue
        change, was, now = Change(old, after), RANK.get(old.light, 0), RANK.get(after.light, 0)
        if after.light == Light.DONE and old.light != Light.DONE:
            result.completed.append(change)
        elif now > was:
            result.improved.append(change)
        elif now < was:
            result.worsened.append(change)
        if after.light == Light.RED and old.light != Light.RED:
            result.turned_red.append(change)
        if (after.report_state == Snapshot.ReportState.MISSING
                and old.report_state != Snapshot.ReportState.MISSING):
            result.newly_awaiting.append(change)
    return result


def in_order(one: PeriodClose, other: PeriodClose) -> tuple[PeriodClose, PeriodClose]:
    """The two closes, earlier period first."""
    return (one, other) if (one.period, one.pk) <= (other.period, other.pk) else (other, one)
