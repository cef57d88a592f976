"""The supervision cycle on the pages people start from: the header's 督办 links, what each role must do about
the cycle on /tasks/, what a project page shows of it, and the dashboard's instruction figures and closes.

Every piece calls supervision's and progress's own selectors (who sees what is decided there) and hands the
page a typed object; pages/tasks.py, pages/views.py and pages/dashboard.py put them on their pages."""

from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

from django.db.models import Count, QuerySet, Window
from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import pgettext_lazy

from accounts.models import User
from accounts.roles import Role
from progress.models import CoordinationRequest, Report
from progress.status_selectors import (
    LightStep,
    VerificationPanel,
    awaiting_verification,
    awaiting_verification_count,
    light_history,
)
from progress.status_selectors import verification_panel as panel_of
from projects.access import may_review, roles_of
from projects.models import Project
from supervision.circular_selectors import closes_awaiting_a_circular
from supervision.escalation import Suggestion, suggested_sheets
from supervision.instructions import may_write
from supervision.models import Chase, Escalation, Instruction, InstructionSheet, PeriodClose
from supervision.selectors.chases import chases_for
from supervision.selectors.closes import (
    Closable,
    ClosedRow,
    closable_periods,
    closes_visible,
    may_see_closes,
    project_closes,
)
from supervision.selectors.instructions import (
    instructions_answered_for,
    instructions_on,
    instructions_to_answer,
    instructions_written_by,
    open_instructions,
    overdue_instructions,
)
from supervision.sheet_access import may_issue_sheets
from supervision.sheet_selectors import escalations_for, open_sheets_for_unit, sheet_list, sheets_awaiting_office

T = TypeVar("T")


@dataclass(frozen=True)
class Bounded(Generic[T]):
    """The first rows of a kind, the worst first, and how many there are in all (for "all N →")."""

    rows: list[T]
    total: int

    @property
    def more(self) -> bool:
        return self.total > len(self.rows)

    def __bool__(self) -> bool:
        return self.total > 0


def first(rows: QuerySet, shown: int) -> Bounded:
    """The first `shown` rows of a query and how many it holds, in one query (a count over the whole, as a window)."""
    found = list(rows.annotate(rows_in_all=Window(Count("pk")))[:shown])
    return Bounded(found, found[0].rows_in_all if found else 0)


def bounded(rows: list[T], shown: int) -> Bounded[T]:
    return Bounded(rows[:shown], len(rows))


# The header --------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Link:
    url: str
    label: str


def cycle_links(user: User) -> list[Link]:
    """The 督办 pages the user has business on, decided from the roles already read for the page (no query)."""
    if not user.is_authenticated:
        return []
    roles, wide = roles_of(user), may_see_closes(user)
    links = []
    if wide:
        links.append(Link(reverse("supervision:closes"), pgettext_lazy("header", "Closes")))
    links.append(Link(reverse("supervision:circulars"), pgettext_lazy("header", "Circulars")))
    # An officer's sheets are their unit's; a wide role's, their jurisdictions'. Without either there are none.
    if wide or (Role.OFFICER in roles and user.organization_id):
        links.append(Link(reverse("supervision:sheets"), pgettext_lazy("header", "Instruction sheets")))
    if wide or Role.OFFICER in roles:
        links.append(Link(reverse("supervision:instructions"), pgettext_lazy("header", "Instructions")))
    if may_review(user):
        links.append(Link(reverse("supervision:chase"), pgettext_lazy("header", "Chase")))
    return links


def navigation(request: HttpRequest) -> dict:
    """Context processor: the header's 督办 links, worked out only if a page draws the header."""
    return {"cycle_links": SimpleLazyObject(lambda: cycle_links(request.user))}


# /tasks/ -----------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class OfficerCycle:
    """What the supervision office and the leaders ask of an officer's unit."""

    chases: Bounded[Chase]
    to_answer: Bounded[Instruction]
    sheets: Bounded[InstructionSheet]


def officer_cycle(user: User, shown: int) -> OfficerCycle:
    """The unit's chases (unread first), instructions to answer (most overdue first), open sheets (its turn first)."""
    sheets = (first(open_sheets_for_unit(user.organization_id), shown) if user.organization_id
              else Bounded([], 0))
    return OfficerCycle(chases=first(chases_for(user), shown), to_answer=first(instructions_to_answer(user), shown),
                        sheets=sheets)


@dataclass(frozen=True)
class OfficeCycle:
    """What waits on the supervision office: claims to verify, sheets, periods to close, circulars to draft."""

    claims: Bounded[Report]
    sheets: Bounded[InstructionSheet]
    closable: Bounded[Closable]
    without_circular: Bounded[PeriodClose]
    suggestions: Bounded[Suggestion]
    instructions: Bounded[Instruction]
    overdue_instructions: int


def office_cycle(user: User, today: date, shown: int) -> OfficeCycle:
    """A coordinator's or administrator's part of the cycle, each kind the worst (or oldest) first."""
    return OfficeCycle(
        # The oldest claims walked in their index, counted apart: a window count over a province's hundred
        # thousand claims sorted them all, to disk, to show ten.
        claims=Bounded(list(awaiting_verification(user)[:shown]), awaiting_verification_count(user)),
        sheets=first(sheets_awaiting_office(user), shown),
        closable=bounded(closable_periods(user, today), shown),
        without_circular=first(closes_awaiting_a_circular(user).order_by("-period", "plan__title", "pk"), shown),
        suggestions=bounded(suggested_sheets(user), shown),
        instructions=first(open_instructions(user), shown),
        overdue_instructions=overdue_instructions(user).count(),
    )


@dataclass(frozen=True)
class LeaderCycle:
    """A leader's instructions: answered ones to close, their own still unanswered; the hardest escalations."""

    answered: Bounded[Instruction]
    written: Bounded[Instruction]
    escalations: Bounded[Escalation]


def leader_cycle(user: User, shown: int) -> LeaderCycle:
    return LeaderCycle(answered=first(instructions_answered_for(user), shown),
                       written=first(instructions_written_by(user), shown),
                       escalations=first(escalations_for(user, steps=(Escalation.Step.SUMMON,
                                                                      Escalation.Step.LISTED)), shown))


# The project page -------------------------------------------------------------------------------------

@dataclass
class ProjectCycle:
    """What the project page shows of the cycle, and the actions the reader may start from it."""

    panel: VerificationPanel
    light_steps: list[LightStep]
    sheets: list[InstructionSheet]
    instructions: list[Instruction]
    closes: list[ClosedRow]
    may_issue_sheet: bool
    may_write_instruction: bool
    may_open_closes: bool
    # Open coordination requests a leader may answer with an instruction: their pks.
    requests_to_instruct: set[int] = field(default_factory=set)


def project_cycle(user: User, project: Project, requests: list[CoordinationRequest]) -> ProjectCycle:
    """The project's verification, light history, sheets, instructions and closed periods (a fixed number of
    queries); `project` is one the user may see."""
    writes = may_write(user, project)  # a query for leaders only: others are refused by their roles first
    return ProjectCycle(
        panel=panel_of(project, user), light_steps=light_history(project),
        sheets=list(sheet_list(user).filter(project_id=project.pk)),
        instructions=list(instructions_on(project.pk)), closes=project_closes(project.pk),
        may_issue_sheet=may_issue_sheets(user), may_write_instruction=writes,
        may_open_closes=may_see_closes(user),
        requests_to_instruct={item.pk for item in requests if item.closed_at is None} if writes else set(),
    )


# The dashboard ----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class DashboardCycle:
    """Leaders' instructions not closed and overdue among the projects in view; the closes of their plans."""

    open_instructions: int
    overdue_instructions: int
    closes: list[PeriodClose]


def dashboard_cycle(user: User, projects: QuerySet[Project]) -> DashboardCycle:
    """Counted among the dashboard's projects (its jurisdiction, year, a leader's own); closes newest first."""
    return DashboardCycle(
        open_instructions=open_instructions(user).filter(project__in=projects).count(),
        overdue_instructions=overdue_instructions(user).filter(project__in=projects).count(),
        closes=list(closes_visible(user).filter(plan__in=projects.values("plan_id"))),
    )
