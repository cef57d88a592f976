"""Who sees which circulars, and what a draft freezes from outside the snapshots.

Coordinators and administrators see their jurisdictions' circulars, drafts included; leaders the
published ones of their jurisdictions; an information officer the published ones that name their
unit (as the lead unit of a listed project, which includes every late or missing unit). Anyone
else gets a 404, as for a project they may not see."""

from datetime import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from progress.models import CoordinationRequest
from projects.access import WIDE_ROLES, jurisdiction_ids_of, may_review, roles_of, visible_projects
from projects.models import Plan
from supervision.models import Circular, Instruction, PeriodClose, Snapshot
from supervision.models.circulars import FrozenInstruction, FrozenRequest, OpenItems

PUBLISHED = Circular.Status.PUBLISHED


def visible_circulars(user: User) -> QuerySet[Circular]:
    """Every circular the user may read, with its close, plan and jurisdiction."""
    circulars = Circular.objects.select_related("close__plan__jurisdiction")
    if not user.is_authenticated or not user.is_active:
        return circulars.none()
    if user.is_superuser:
        return circulars
    roles, seen = roles_of(user), Q(pk__in=[])
    if roles & WIDE_ROLES and user.jurisdiction_id:
        theirs = Q(close__plan__jurisdiction_id__in=jurisdiction_ids_of(user))
        seen |= theirs if may_review(user) else theirs & Q(status=PUBLISHED)
    if Role.OFFICER in roles and user.organization_id:
        named = Snapshot.objects.filter(organization_id=user.organization_id).values("close_id")
        seen |= Q(status=PUBLISHED, close_id__in=named)
    return circulars.filter(seen)


def visible_plans(user: User) -> QuerySet[Plan]:
    """The plans of the projects the user may see: a close is reachable through its plan."""
    return Plan.objects.filter(pk__in=visible_projects(user).values("plan_id"))


def may_write_circulars(user: User, plan: Plan) -> bool:
    """Coordinators and administrators draft, word and publish the circulars of the plans they see."""
    return may_review(user) and visible_plans(user).filter(pk=plan.pk).exists()


def closes_awaiting_a_circular(user: User) -> QuerySet[PeriodClose]:
    """Closed periods of the user's plans that have no circular yet, for the "draft" buttons."""
    if not may_review(user):
        return PeriodClose.objects.none()
    return (PeriodClose.objects.filter(plan__in=visible_plans(user), circular__isnull=True)
            .select_related("plan__jurisdiction"))


def open_items_at(close: PeriodClose) -> OpenItems:
    """The plan's coordination requests open at the close, and its instructions then awaiting an answer.

    Judged by their own timestamps against the moment of the close, so taking them again later
    (regenerating a draft) lists what was open then, not what is open now."""
    at, day = close.closed_at, close.as_of
    requests = (CoordinationRequest.objects.filter(project__plan_id=close.plan_id, opened_at__lte=at)
                .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=at))
                .select_related("project", "report__organization").order_by("opened_at", "pk"))
    instructions = (Instruction.objects.filter(project__plan_id=close.plan_id, written_at__lte=at)
                    .filter(Q(answered_at__isnull=True) | Q(answered_at__gt=at))
                    .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=at))
                    .select_related("project", "organization", "author__person").order_by("due", "pk"))
    return OpenItems(
        requests=[FrozenRequest(
            project_number=item.project.number, project_name=item.project.name,
            unit=item.report.organization.name, organization_id=item.report.organization_id, text=item.text,
            opened_on=_local_day(item.opened_at), days_open=max((day - _local_day(item.opened_at)).days, 0),
        ) for item in requests],
        instructions=[FrozenInstruction(
            project_number=item.project.number, project_name=item.project.name,
            unit=item.organization.name if item.organization else "", organization_id=item.organization_id,
            author=_author(item), text=item.text, urgency=item.urgency, written_on=_local_day(item.written_at),
            due=item.due, overdue=item.due < day,
        ) for item in instructions],
    )


def _local_day(moment: datetime):
    return timezone.localdate(moment)


def _author(instruction: Instruction) -> str:
    user = instruction.author
    if user is None:
        return ""
    return user.person.name if user.person_id else (user.get_full_name() or user.username)
