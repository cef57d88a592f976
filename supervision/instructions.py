"""Every write of a leader's instruction (批示): written by a leader, answered by the lead unit, closed.

Each function is one transaction that locks the row it changes, checks the state it starts from,
and records an Event, so that two people acting at once get a message and never both win."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.roles import Role
from progress.models import CoordinationRequest
from projects import clock
from projects.access import may_review, roles_of, visible_projects
from projects.models import Project, ProjectOrganization
from supervision.events import record
from supervision.models import Event, Instruction
from supervision.rules import rules_for

Status = Instruction.Status
# Long enough for any instruction or answer, short enough that no page is made unreadable by one.
MAX_TEXT = 5000


class InstructionConflict(ValidationError):
    """Someone answered or closed the instruction after the version this form was opened on."""

    def __init__(self, instruction: Instruction):
        super().__init__(_("Someone changed this instruction meanwhile; read it again first."))
        self.instruction = instruction


def may_write(user: User, project: Project) -> bool:
    """Leaders write instructions on the projects they see (a coordinator does not write in a leader's name)."""
    return Role.LEADER in roles_of(user) and visible_projects(user).filter(pk=project.pk).exists()


def may_answer(user: User, instruction: Instruction) -> bool:
    return (Role.OFFICER in roles_of(user) and user.organization_id is not None
            and user.organization_id == instruction.organization_id)


def may_close(user: User, instruction: Instruction) -> bool:
    """The leader who wrote it, or a coordinator or administrator who sees its project."""
    if instruction.author_id is not None and instruction.author_id == user.pk:
        return True
    return may_review(user) and visible_projects(user).filter(pk=instruction.project_id).exists()


def _text(text: str, empty: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError(empty)
    if len(text) > MAX_TEXT:
        raise ValidationError(_("At most %(count)s characters, please.") % {"count": MAX_TEXT})
    return text


@transaction.atomic
def write_instruction(*, user: User, project: Project, text: str, urgency: str,
                      request: CoordinationRequest | None = None) -> Instruction:
    """A leader's instruction on a project (or one of its open coordination requests), due by its urgency."""
    if not may_write(user, project):
        raise PermissionDenied(_("Only leaders write instructions."))
    text = _text(text, _("Write the instruction first."))
    if urgency not in Instruction.Urgency.values:
        raise ValidationError(_("Choose how urgent the instruction is."))
    if request is not None:
        # Locked: a request closed while the leader was writing is refused, not instructed on.
        request = CoordinationRequest.objects.select_for_update().filter(pk=request.pk, project=project).first()
        if request is None:
            raise ValidationError(_("The coordination request belongs to another project."))
        if request.closed_at is not None:
            raise ValidationError(_("The coordination request is closed already."))
    lead = (ProjectOrganization.objects.filter(project=project, role=ProjectOrganization.Role.LEAD)
            .order_by("position").select_related("organization").first())
    if lead is None:
        raise ValidationError(_("The project has no lead unit to answer an instruction; set one first."))
    days = rules_for(project.plan.jurisdiction_id).answer_days(urgency)
    instruction = Instruction.objects.create(
        project=project, request=request, organization=lead.organization, author=user, text=text, urgency=urgency,
        written_at=clock.now(), due=clock.today() + timedelta(days=days))
    record(subject=Event.Subject.INSTRUCTION, subject_id=instruction.pk, action="written", user=user, note=text,
           changes={"due": ["", instruction.due.isoformat()], "organization": ["", lead.organization.name]})
    return instruction


def _locked(instruction: Instruction, version: int | None) -> Instruction:
    locked = Instruction.objects.select_for_update().get(pk=instruction.pk)
    if version is not None and locked.version != version:
        raise InstructionConflict(locked)
    return locked


@transaction.atomic
def answer_instruction(*, user: User, instruction: Instruction, text: str, version: int) -> Instruction:
    """The lead unit's officer answers; until it is closed the answer can still be improved."""
    if not may_answer(user, instruction):
        raise PermissionDenied(_("Only an information officer of the unit asked answers this instruction."))
    text = _text(text, _("Write the answer first."))
    instruction = _locked(instruction, version)
    if instruction.status == Status.CLOSED:
        raise ValidationError(_("The instruction is closed already."))
    before = instruction.answer
    instruction.answer, instruction.status = text, Status.ANSWERED
    instruction.answered_at, instruction.answered_by = clock.now(), user
    instruction.version += 1
    instruction.save(update_fields=["answer", "status", "answered_at", "answered_by", "version"])
    record(subject=Event.Subject.INSTRUCTION, subject_id=instruction.pk, action="answered", user=user,
           changes={"answer": [before, text]})
    return instruction


@transaction.atomic
def close_instruction(*, user: User, instruction: Instruction, note: str, version: int | None = None) -> Instruction:
    """The leader (or a coordinator) closes an answered instruction, or an unanswered one saying why.

    With `version`, a close made on a page opened before the answer last changed is refused: the
    leader closes what they read."""
    if not may_close(user, instruction):
        raise PermissionDenied(_("Only the leader who wrote it, or a coordinator, closes this instruction."))
    instruction = _locked(instruction, version)
    if instruction.status == Status.CLOSED:
        raise ValidationError(_("The instruction is closed already."))
    note = (note or "").strip()
    if instruction.status == Status.OPEN and not note:
        raise ValidationError(_("The instruction has not been answered: say why it is closed."))
    if len(note) > MAX_TEXT:
        raise ValidationError(_("At most %(count)s characters, please.") % {"count": MAX_TEXT})
    before = instruction.status
    instruction.status, instruction.closed_at, instruction.closed_by = Status.CLOSED, clock.now(), user
    instruction.closing_note = note
    instruction.version += 1
    instruction.save(update_fields=["status", "closed_at", "closed_by", "closing_note", "version"])
    record(subject=Event.Subject.INSTRUCTION, subject_id=instruction.pk, action="closed", user=user, note=note,
           changes={"status": [before, Status.CLOSED]})
    return instruction
