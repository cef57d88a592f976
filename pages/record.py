"""What the project page draws from a project's reports: money paid per source, milestones, the curve."""

from dataclasses import dataclass

from progress.models import Report
from projects.models import Project

CHART_WIDTH, CHART_HEIGHT = 300, 100


@dataclass
class MilestoneState:
    quarter: int
    planned: str
    status: str  # as the latest report handed in for that quarter says; "" if none did
    label: str
    note: str


def handed_in(project: Project) -> list[Report]:
    """The project's reports the office has (submitted or accepted), oldest first; prefetched."""
    return sorted((r for r in project.reports.all() if r.counts), key=lambda r: r.period)


def funding_rows(project: Project, reports: list[Report]) -> list[dict]:
    """Each funding source with its planned amount and what the latest report says is paid out."""
    paid = {d.source_id: d.amount for d in reports[-1].disbursements.all()} if reports else {}
    rows = [{"source": f.source.name, "planned": f.amount, "disbursed": paid.pop(f.source_id, None)}
            for f in project.fundings.all()]
    if None in paid:  # reported for all sources together
        rows.append({"source": "", "planned": project.total_investment, "disbursed": paid.pop(None)})
    return rows


def milestones(project: Project, reports: list[Report]) -> list[MilestoneState]:
    said = {r.milestone_quarter: r for r in reports if r.milestone_quarter and r.milestone_status}
    states = []
    for milestone in project.milestones.all():
        report = said.get(milestone.quarter)
        states.append(MilestoneState(
            quarter=milestone.quarter, planned=milestone.planned, status=report.milestone_status if report else "",
            label=report.get_milestone_status_display() if report else "",
            note=report.milestone_note if report else ""))
    return states


def curve(reports: list[Report]) -> list[tuple[float, float, int]]:
    """(x, y, percent) of each report with a percent, over the year's months, for an SVG the page draws."""
    return [(round((r.period.month - 1) * CHART_WIDTH / 11, 1),
             round(CHART_HEIGHT - r.percent_complete * CHART_HEIGHT / 100, 1), r.percent_complete)
            for r in reports if r.percent_complete is not None]
