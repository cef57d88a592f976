"""Who must do what about leaders' instructions, for the task pages, the dashboard and the circular."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from projects import clock
from projects.access import roles_of, visible_projects
from projects.models import Plan
from supervision.models import Event, Instruction

Status = Instruction.Status


def _listed(instructions: QuerySet[Instruction]) -> QuerySet[Instruction]:
    # Everything a list row shows, in the one query.
    return instructions.select_related("project__plan", "organization", "author", "answered_by", "request")


def instructions_to_answer(user: User) -> QuerySet[Instruction]:
    """An officer's unanswered instructions for their unit, the most overdue first."""
    if Role.OFFICER not in roles_of(user) or not user.organization_id:
        return Instruction.objects.none()
    return _listed(Instruction.objects.filter(
        status=Status.OPEN, organization_id=user.organization_id, project__in=visible_projects(user),
    )).order_by("due", "written_at", "pk")


def instructions_answered_for(user: User) -> QuerySet[Instruction]:
    """A leader's instructions that have been answered and wait for them to close, the oldest answer first."""
    return _listed(Instruction.objects.filter(author_id=user.pk, status=Status.ANSWERED)).order_by("answered_at", "pk")


def instructions_written_by(user: User) -> QuerySet[Instruction]:
    """A leader's own instructions still waiting for an answer, the most overdue first."""
    return _listed(Instruction.objects.filter(author_id=user.pk, status=Status.OPEN)).order_by("due", "pk")


def instructions_on(project_id: int) -> QuerySet[Instruction]:
    """A project's instructions (for its page, to those who see it): not closed first, then the newest."""
    waiting_first = Case(When(status=Status.OPEN, then=Value(0)), When(status=Status.ANSWERED, then=Value(1)),
                         default=Value(2), output_field=IntegerField())
    return _listed(Instruction.objects.filter(project_id=project_id)).order_by(waiting_first, "-written_at", "-pk")


def open_instructions(user: User) -> QuerySet[Instruction]:
    """Instructions not closed on the projects the user sees: unanswered ones first, the most overdue first."""
    return _listed(Instruction.objects.filter(
        status__in=[Status.OPEN, Status.ANSWERED], project__in=visible_projects(user),
    )).order_by("-status", "due", "pk")  # "open" sorts after "answered": descending puts it first


def overdue_instructions(user: User) -> QuerySet[Instruction]:
    """Unanswered instructions past their due date on the projects the user sees, the most overdue first."""
    return _listed(Instruction.objects.filter(
        status=Status.OPEN, due__lt=clock.today(), project__in=visible_projects(user),
    )).order_by("due", "pk")


@dataclass(frozen=True)
class OpenAt:
    """An instruction as it stood at a moment: not yet closed, answered or not, overdue or not."""

    instruction: Instruction
    answered: bool
    overdue: bool


def instructions_open_at(plan: Plan, moment: datetime) -> list[OpenAt]:
    """The instructions on a plan's projects that were open at `moment` (a period's close), oldest first.

    Whether one had been answered then is read from its first "answered" event: a later, improved
    answer moves answered_at on, but the unit had answered by the first."""
    first_answer = (Event.objects.filter(subject=Event.Subject.INSTRUCTION, subject_id=OuterRef("pk"),
                                         action="answered").order_by("at").values("at")[:1])
    found = _listed(Instruction.objects.filter(project__plan=plan, written_at__lte=moment)
                    .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=moment))
                    .annotate(first_answered_at=Subquery(first_answer))).order_by("written_at", "pk")
    day = timezone.localdate(moment)
    rows = []
    for instruction in found:
        answered = instruction.first_answered_at is not None and instruction.first_answered_at <= moment
        rows.append(OpenAt(instruction, answered, overdue=not answered and instruction.due < day))
    return rows
