"""The dashboard's charts as numbers and shapes: lights by category, reports by period, completion against time.

Drawn by the page as SVG rectangles sized here (no script, no chart library: the figures print on A4 and
pass the Content-Security-Policy); each chart keeps its table of the same numbers beside it."""

import calendar
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, QuerySet

from pages.filters import COUNTED
from progress.models import Report
from projects.models import Plan, Project, ProjectOrganization

# Segments of a stacked bar, in the order they are drawn and listed: the worst first.
LIGHT_ORDER = ("red", "yellow", "awaiting", "green", "done", "none")


@dataclass
class Segment:
    kind: str  # a CSS class: a light, or on_time / late / missing / not_due
    count: int
    start: float = 0.0  # where it begins, in percent of the bar
    size: float = 0.0  # its length, in percent of the bar


def stack(counts: list[tuple[str, int]], total: int) -> list[Segment]:
    """Segments laid end to end, each as long as its share of `total`; empty ones left out."""
    segments, start = [], 0.0
    for kind, count in counts:
        if count:
            size = round(100 * count / total, 2) if total else 0.0
            segments.append(Segment(kind, count, round(start, 2), size))
            start += size
    return segments


def lights_by_category(rows: list[dict]) -> list[dict]:
    """Each category's projects as one bar of red, yellow, awaiting verification, green, done and not yet assessed."""
    bars = []
    for row in rows:
        counts = {light: row[light] for light in LIGHT_ORDER[:-1]}
        counts["none"] = max(row["projects"] - sum(counts.values()), 0)
        bars.append({**row, "segments": stack([(light, counts[light]) for light in LIGHT_ORDER], row["projects"])})
    return bars


@dataclass
class PeriodBar:
    """One reporting period: of the projects that owe a report, how many came in on time, late, or not yet."""

    month: date
    owed: int = 0
    on_time: int = 0
    late: int = 0
    missing: int = 0
    not_due: int = 0
    segments: list[Segment] = field(default_factory=list)


def reports_by_period(projects: QuerySet[Project], year: int | None, today: date) -> list[PeriodBar]:
    """The year's reporting periods (of every plan in view, by the month they are due), each with the
    reports handed in on time, late, missing, or not due yet. Three queries, whatever the number of projects."""
    if year is None:
        return []
    plans = {plan.pk: plan for plan in Plan.objects.filter(pk__in=projects.values("plan_id"))
             .only("id", "year", "report_frequency", "report_day", "report_dates")}
    # Only a project with a lead unit owes a report (as the list's "missing" filter counts).
    has_lead = Exists(ProjectOrganization.objects.filter(project=OuterRef("pk"), role=ProjectOrganization.Role.LEAD))
    owing = dict(projects.filter(has_lead).order_by().values_list("plan_id").annotate(n=Count("pk")))
    handed_in = (Report.objects.filter(project__in=projects, status__in=COUNTED, period__year=year).order_by()
                 .values_list("project__plan_id", "period", "submitted_at__date").annotate(n=Count("pk")))
    bars: dict[date, PeriodBar] = {}
    dues: dict[tuple[int, date], date] = {}
    for plan in plans.values():
        for period in plan.schedule.periods(year):
            bar = bars.setdefault(period.month, PeriodBar(period.month))
            owed = owing.get(plan.pk, 0)
            bar.owed += owed
            if period.due >= today:
                bar.not_due += owed
            dues[(plan.pk, period.month)] = period.due
    handed: dict[date, int] = {}
    for plan_id, month, submitted, n in handed_in:
        due = dues.get((plan_id, month))
        if due is None:
            continue
        handed[month] = handed.get(month, 0) + n
        # A report the importer wrote has no submission time: it counts as on time.
        if submitted is not None and submitted > due:
            bars[month].late += n
        else:
            bars[month].on_time += n
    for month, bar in bars.items():
        if bar.not_due:
            bar.not_due = max(bar.not_due - handed.get(month, 0), 0)
        else:
            bar.missing = max(bar.owed - handed.get(month, 0), 0)
        bar.segments = stack([("on_time", bar.on_time), ("late", bar.late), ("missing", bar.missing),
                              ("not_due", bar.not_due)], bar.owed)
    return [bars[month] for month in sorted(bars)]


def time_share(year: int | None, today: date) -> int | None:
    """序时进度: the share of the plan's year gone by today, in percent (100 once the year is over)."""
    if year is None:
        return None
    days = 366 if calendar.isleap(year) else 365
    gone = (today - date(year, 1, 1)).days + 1
    return round(100 * min(max(gone, 0), days) / days)


def against_time(overall: float | None, rows: list[dict], target: int | None) -> list[dict]:
    """Mean percent complete, of all and of each category, beside the time-proportional target."""
    def bar(label: str | None, percent: float | None, query: str = "") -> dict:
        value = round(percent) if percent is not None else None
        behind = value is not None and target is not None and value < target
        return {"label": label, "percent": value, "query": query, "behind": behind,
                "gap": (target - value) if behind else 0}
    return [bar(None, overall)] + [bar(row["label"], row["percent"], row["query"]) for row in rows]
