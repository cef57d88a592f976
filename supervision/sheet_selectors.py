"""Named reads of instruction sheets and escalations, each starting from visible_projects(user)."""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from projects.access import WIDE_ROLES, jurisdiction_ids_of, roles_of, visible_projects
from projects.models import Organization
from supervision import events
from supervision.models import Escalation, Event, InstructionSheet, SheetAttachment

Status, Tier, Step = InstructionSheet.Status, InstructionSheet.Tier, Escalation.Step
Assisting = InstructionSheet.assisting_units.through
Responsible = InstructionSheet.responsible_leaders.through
# Long texts a list row never shows.
LONG_TEXTS = ("content", "dispute_reason", "answer", "return_reason", "closing_note")

# Open sheets first, the reddest first, the nearest deadline first; closed ones after, newest first.
_OPEN_FIRST = Case(When(status=Status.CLOSED, then=Value(1)), default=Value(0), output_field=IntegerField())
_RED_FIRST = Case(When(tier=Tier.RED, then=Value(0)), When(tier=Tier.YELLOW, then=Value(1)), default=Value(2),
                  output_field=IntegerField())
# The unit's turn first (sign, answer, answer again), then what waits on the office.
_UNIT_TURN_FIRST = Case(When(status__in=[Status.ISSUED, Status.SIGNED, Status.RETURNED], then=Value(0)),
                        default=Value(1), output_field=IntegerField())


def _for_list(sheets: QuerySet[InstructionSheet]) -> QuerySet[InstructionSheet]:
    return sheets.select_related("project__plan", "lead_unit").defer(*LONG_TEXTS)


def sheets_for(user: User, *, mine: bool = False) -> QuerySet[InstructionSheet]:
    """The sheets a user may see: the office's and leaders' of their jurisdictions, an officer's where the unit
    leads or assists. `mine`: for a leader, only those naming them as instructing or responsible leader."""
    sheets = InstructionSheet.objects.filter(project__in=visible_projects(user))
    roles = roles_of(user)
    if not user.is_superuser and not roles & WIDE_ROLES:
        unit = user.organization_id if Role.OFFICER in roles else None
        sheets = sheets.filter(Q(lead_unit_id=unit) | Q(pk__in=Assisting.objects.filter(organization_id=unit)
                                                         .values("instructionsheet_id")))
    if mine:
        person = user.person_id
        if person is None:
            return sheets.none()
        sheets = sheets.filter(Q(instructing_leader_id=person) | Q(pk__in=Responsible.objects.filter(
            person_id=person).values("instructionsheet_id")))
    return sheets


def sheet_list(user: User, *, mine: bool = False, open_only: bool = False) -> QuerySet[InstructionSheet]:
    """The sheets list's rows: project, unit, tier and status in one query, open and reddest first."""
    sheets = sheets_for(user, mine=mine)
    if open_only:
        sheets = sheets.exclude(status=Status.CLOSED)
    return _for_list(sheets).order_by(_OPEN_FIRST, _RED_FIRST, "deadline", "-year", "-number")


def sheet_record(user: User, pk: int) -> InstructionSheet:
    """One sheet with everything its page and its .docx show, if the user may see it (404 otherwise)."""
    found = (sheets_for(user).filter(pk=pk)
             .select_related("project__plan__jurisdiction", "lead_unit", "instructing_leader", "issued_by",
                             "signed_by", "answered_by", "closed_by")
             .prefetch_related(Prefetch("assisting_units", queryset=Organization.objects.order_by("name")),
                               "responsible_leaders",
                               Prefetch("attachments", queryset=SheetAttachment.objects.select_related("uploaded_by")))
             .first())
    if found is None:
        raise Http404
    return found


def open_sheets_for_unit(organization: Organization | int) -> QuerySet[InstructionSheet]:
    """The sheets a unit leads that are not closed, those waiting on the unit first (for the officer's tasks)."""
    return (_for_list(InstructionSheet.objects.filter(lead_unit=organization).exclude(status=Status.CLOSED))
            .order_by(_UNIT_TURN_FIRST, _RED_FIRST, "deadline"))


def sheets_awaiting_office(user: User) -> QuerySet[InstructionSheet]:
    """Disputed sheets to reword and answers to read, for the office's tasks (nothing for other roles)."""
    if not (user.is_superuser or roles_of(user) & {Role.ADMIN, Role.COORDINATOR}):
        return InstructionSheet.objects.none()
    sheets = sheets_for(user).filter(status__in=[Status.DISPUTED, Status.ANSWERED])
    if not user.is_superuser:  # those its own office or one under it issued (supervision.sheet_access)
        sheets = sheets.filter(jurisdiction_id__in=jurisdiction_ids_of(user))
    return (_for_list(sheets)
            .order_by(_RED_FIRST, "answered_at", "issued_at"))


_STEP_RANK = Case(When(step=Step.LISTED, then=Value(0)), When(step=Step.SUMMON, then=Value(1)), default=Value(2),
                  output_field=IntegerField())


def escalations_for(user: User, *, steps: tuple[str, ...] = tuple(Step.values)) -> QuerySet[Escalation]:
    """Escalations of the projects the user may see, listed supervision first, then summons, then letters."""
    return (Escalation.objects.filter(project__in=visible_projects(user), step__in=steps)
            .select_related("project__plan", "close").order_by(_STEP_RANK, "-year", "-at", "project_id"))


# The trail's actions (supervision/sheets.py, supervision/tiers.py) as the page names them.
ACTIONS = {"issued": _("issued"), "signed": _("signed for"), "disputed": _("disputed"), "reworded": _("reworded"),
           "answered": _("answered"), "returned": _("answer returned"), "closed": _("closed"),
           "tier": _("tier changed")}
CHOICES = {"tier": dict(Tier.choices), "feedback": dict(InstructionSheet.Feedback.choices)}


@dataclass(frozen=True)
class TrailRow:
    label: str
    who: str
    at: datetime
    note: str
    changes: list[tuple[str, str, str]]


def sheet_trail(sheet: InstructionSheet) -> list[TrailRow]:
    """The sheet's history, oldest first, its fields and values named in the reader's language."""
    rows = []
    for event in events.trail(subject=Event.Subject.SHEET, subject_id=sheet.pk):
        changes = []
        for name, (before, after) in event.changes.items():
            try:
                label = getattr(InstructionSheet._meta.get_field(name), "verbose_name", name)
            except FieldDoesNotExist:
                label = name
            if name == "attachments":  # the answer's files (a relation, not a field of the sheet)
                label = _("photos and documents")
            shown = CHOICES.get(name, {})
            changes.append((label, shown.get(before, before), shown.get(after, after)))
        who = (event.author.get_full_name() or event.author.username) if event.author else ""
        rows.append(TrailRow(label=ACTIONS.get(event.action, event.action), who=who, at=event.at, note=event.note,
                             changes=changes))
    return rows
