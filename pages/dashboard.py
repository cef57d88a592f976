"""How a jurisdiction's year is going, in one screen: every figure aggregated in the database."""

from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode

from django.db.models import Avg, Count, F, Min, Q, QuerySet, Sum

from accounts.models import User
from pages import charts
from pages.filters import COUNTED, missing_now
from pages.tasks import REQUESTS_SHOWN
from progress.models import Disbursement, Report
from progress.selectors import open_requests, supervised
from projects.access import jurisdiction_ids_under, visible_projects
from projects.categories import category_order
from projects.models import Funding, Jurisdiction, Person, Plan, Project, ProjectOrganization, ProjectPerson

# "awaiting": the unit says 100 %, a coordinator has not verified it yet (counted apart from done).
LIGHTS = ("done", "awaiting", "green", "yellow", "red")
# Each table shows this many rows, the worst first; its link leads to the whole filtered list.
SHOWN = 10


@dataclass
class Dashboard:
    jurisdiction: Jurisdiction | None
    year: int | None
    person: Person | None  # set when a leader looks at their own projects
    headline: dict = field(default_factory=dict)
    money: list[dict] = field(default_factory=list)
    by_category: list[dict] = field(default_factory=list)
    by_unit: list[dict] = field(default_factory=list)
    by_leader: list[dict] = field(default_factory=list)
    missing: list[dict] = field(default_factory=list)
    requests: list = field(default_factory=list)
    missed: list = field(default_factory=list)
    quarter: int = 1
    # The whole length of each bounded list above, for its "all N →" link.
    totals: dict = field(default_factory=dict)
    # Charts: lights by category, reports by period, completion against the share of the year gone by.
    category_bars: list[dict] = field(default_factory=list)
    periods: list[charts.PeriodBar] = field(default_factory=list)
    target: int | None = None
    completion: list[dict] = field(default_factory=list)


@dataclass
class Scope:
    """What the dashboard looks at: the projects, and the choices that gave them (for links to the list)."""

    projects: QuerySet[Project]
    jurisdiction: Jurisdiction | None
    years: list[int]
    year: int | None
    person: Person | None
    query: dict


def choose_scope(user: User, params, jurisdictions: list[Jurisdiction]) -> Scope:
    """The chosen (or the user's own) jurisdiction, the chosen (or latest) year of its plans, and for a
    leader, unless they ask for all (mine=0), the projects they supervise."""
    chosen = params.get("jurisdiction", "")
    jurisdiction = next((j for j in jurisdictions if str(j.pk) == chosen), None) or next(
        (j for j in jurisdictions if j.pk == user.jurisdiction_id), None)
    projects, query = visible_projects(user), {}
    if jurisdiction:
        projects = projects.filter(plan__jurisdiction_id__in=jurisdiction_ids_under(jurisdiction.pk))
        query["jurisdiction"] = jurisdiction.pk
    years = sorted(set(Plan.objects.filter(pk__in=projects.values("plan_id")).values_list("year", flat=True)),
                   reverse=True)
    asked = params.get("year", "")
    year = int(asked) if asked.isdecimal() and int(asked) in years else (years[0] if years else None)
    if year:
        projects = projects.filter(plan__year=year)
        query["year"] = year
    person = user.person if user.person_id and params.get("mine", "1") != "0" else None
    if person:
        projects = supervised(user) & projects
        query["leader"] = person.pk
    return Scope(projects=projects, jurisdiction=jurisdiction, years=years, year=year, person=person, query=query)


def _figures(prefix: str = "") -> dict:
    """Count, lights and mean percent of a group of projects; `prefix` reaches the project from the row."""
    light = f"{prefix}status__light"
    figures = {"projects": Count(f"{prefix}pk" if prefix else "pk", distinct=True),
               "percent": Avg(f"{prefix}status__percent_complete")}
    figures |= {name: Count(f"{prefix}pk" if prefix else "pk", filter=Q(**{light: name}), distinct=True)
                for name in LIGHTS}
    return figures


def build(projects: QuerySet[Project], *, jurisdiction: Jurisdiction | None, year: int | None,
          person: Person | None, today: date) -> Dashboard:
    board = Dashboard(jurisdiction=jurisdiction, year=year, person=person)
    board.quarter = (min(today, date(year, 12, 31)).month - 1) // 3 + 1 if year else 1
    board.headline = projects.aggregate(**_figures(), planned=Sum("total_investment"),
                                        reported=Count("status__percent_complete"))
    board.money = _money(projects)
    categories = projects.values("category__name").annotate(**_figures(), first=Min("category__position"))
    board.by_category = _linked(sorted(categories.order_by(), key=lambda row: category_order(
        row["category__name"], row["first"])), "category__name", "category", "category__name")
    # Worst first: the units and leaders with the most red projects, then yellow, then the least done.
    worst = ("-red", "-yellow", F("percent").asc(nulls_last=True))
    leads = ProjectOrganization.objects.filter(role=ProjectOrganization.Role.LEAD, project__in=projects)
    by_unit = _linked(leads.values("organization_id", "organization__name").annotate(**_figures("project__"))
                      .order_by(*worst, "organization__name"), "organization__name", "lead_unit", "organization_id")
    leaders = ProjectPerson.objects.filter(role=ProjectPerson.Role.LEADER, project__in=projects)
    by_leader = _linked(leaders.values("person_id", "person__name").annotate(**_figures("project__"))
                        .order_by(*worst, "person__name"), "person__name", "leader", "person_id")
    missing = projects.filter(missing_now(projects, today))
    missing_units = _linked(leads.filter(project__in=missing).values("organization_id", "organization__name")
                            .annotate(projects=Count("project", distinct=True))
                            .order_by("-projects", "organization__name"),
                            "organization__name", "lead_unit", "organization_id")
    board.by_unit, board.by_leader, board.missing = by_unit[:SHOWN], by_leader[:SHOWN], missing_units[:SHOWN]
    board.totals = {"units": len(by_unit), "leaders": len(by_leader), "missing_units": len(missing_units),
                    "missing": missing.count(), "requests": open_requests(projects).count()}
    board.requests = list(open_requests(projects)[:REQUESTS_SHOWN])
    missed = (Report.objects.filter(project__in=projects, status__in=COUNTED, milestone_status="missed",
                                    milestone_quarter=board.quarter, period__year=year or today.year)
              .select_related("project", "organization")
              .only("project__number", "project__name", "organization__name", "period", "milestone_note")
              .order_by("project__position"))
    board.missed = list(missed[:SHOWN])
    board.totals["missed"] = missed.count()
    board.category_bars = charts.lights_by_category(board.by_category)
    board.periods = charts.reports_by_period(projects, year, today)
    board.target = charts.time_share(year, today)
    board.completion = charts.against_time(board.headline["percent"], board.by_category, board.target)
    return board


def _linked(rows, label: str, parameter: str, value: str) -> list[dict]:
    """Each row with its label and the list filter that shows the projects behind its numbers."""
    return [{**row, "label": row[label], "query": urlencode({parameter: row[value]}) if row[value] is not None else ""}
            for row in rows]


def _money(projects: QuerySet[Project]) -> list[dict]:
    """Planned and disbursed to date per funding source; disbursed as the latest report handed in says.

    The light's last_period is the period of the latest report handed in, so that report is reached
    through the (project, period) key. order_by() drops the models' default orderings, whose joins
    (report → project → plan → jurisdiction) would otherwise be made for nothing."""
    planned = (Funding.objects.filter(project__in=projects).order_by().values("source__name")
               .annotate(total=Sum("amount")))
    disbursed = (Disbursement.objects.filter(report__project__in=projects,
                                             report__period=F("report__project__status__last_period"))
                 .order_by().values("source__name").annotate(total=Sum("amount")))
    planned = {row["source__name"]: row["total"] for row in planned}
    disbursed = {row["source__name"]: row["total"] for row in disbursed}
    names = sorted(set(planned) | set(disbursed), key=lambda name: (name is None, name or ""))
    return [{"source": name, "planned": planned.get(name), "disbursed": disbursed.get(name)} for name in names]
