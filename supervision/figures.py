"""The headline figures of a closed period, read from its snapshots only, so they never move.

The close page, the circular and the dashboard's view of a closed period all show these."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from progress.models import ProjectStatus
from supervision.models import PeriodClose, Snapshot

Standing, ReportState = Snapshot.Standing, Snapshot.ReportState


@dataclass(frozen=True)
class UnitReports:
    """A lead unit whose reports for the period were late or missing, with the projects concerned."""

    name: str
    organization_id: int | None
    late: list[Snapshot] = field(default_factory=list)
    missing: list[Snapshot] = field(default_factory=list)


@dataclass(frozen=True)
class CloseFigures:
    close: PeriodClose
    projects: int
    lights: dict[str, int]  # light -> count, every light present (0 where none)
    standings: dict[str, int]
    report_states: dict[str, int]
    target: int | None  # the time-proportional target when every project shares it, else None
    mean_percent: int | None  # of the projects that reported a percent
    annual_investment: Decimal
    disbursed: Decimal
    snapshots: list[Snapshot]
    late_units: list[UnitReports]

    def with_standing(self, standing: str) -> list[Snapshot]:
        return [s for s in self.snapshots if s.standing == standing]

    @property
    def reported(self) -> int:
        """How many projects reported a percent complete: those `mean_percent` is the mean of.

        Not the projects less those of unknown standing: a verified project may have no percent."""
        return sum(1 for s in self.snapshots if s.percent is not None)

    @property
    def disbursed_percent(self) -> int | None:
        if not self.annual_investment:
            return None
        return round(100 * self.disbursed / self.annual_investment)


def close_figures(close: PeriodClose) -> CloseFigures:
    """Every figure of a closed period, from one query over its snapshots."""
    snapshots = list(close.snapshots.all())
    percents = [s.percent for s in snapshots if s.percent is not None]
    targets = {s.target for s in snapshots}
    return CloseFigures(
        close=close,
        projects=len(snapshots),
        lights=_counts((s.light for s in snapshots), ProjectStatus.Light.values),
        standings=_counts((s.standing for s in snapshots), Standing.values),
        report_states=_counts((s.report_state for s in snapshots), ReportState.values),
        target=targets.pop() if len(targets) == 1 else None,
        mean_percent=round(sum(percents) / len(percents)) if percents else None,
        annual_investment=sum((s.annual_investment or Decimal(0) for s in snapshots), Decimal(0)),
        disbursed=sum((s.disbursed_total or Decimal(0) for s in snapshots), Decimal(0)),
        snapshots=snapshots,
        late_units=_late_units(snapshots),
    )


def _counts(values, keys: list[str]) -> dict[str, int]:
    counted = Counter(values)
    return {key: counted.get(key, 0) for key in keys}


def _late_units(snapshots: list[Snapshot]) -> list[UnitReports]:
    """Units with a late or missing report, most missing first, then by name."""
    units: dict[tuple[str, int | None], UnitReports] = {}
    for snapshot in snapshots:
        if snapshot.report_state == ReportState.ON_TIME:
            continue
        key = (snapshot.lead_unit, snapshot.organization_id)
        unit = units.setdefault(key, UnitReports(name=snapshot.lead_unit, organization_id=snapshot.organization_id))
        (unit.late if snapshot.report_state == ReportState.LATE else unit.missing).append(snapshot)
    return sorted(units.values(), key=lambda u: (-len(u.missing), -len(u.late), u.name))
