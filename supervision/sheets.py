"""Every write of an instruction sheet (督办单) goes through here, from the pages and from commands alike.

Each service is one transaction: it checks who may act, locks the sheet's row, checks the state the
move starts from (and, when the form says which version it was opened on, that nobody moved the sheet
meanwhile), writes the change and one line in the cycle's trail (supervision/events.py). A stale or
repeated action is refused with a message (ValidationError) and writes nothing. Colours that change
with the calendar are supervision/tiers.py's."""

from collections.abc import Callable
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from progress.attachments import MAX_FILES, checked
from projects import clock
from projects.access import visible_projects
from projects.models import Organization, Person, Project
from supervision import events
from supervision.models import Event, InstructionSheet, Sequence, SheetAttachment
from supervision.numbering import formatted, next_number
from supervision.rules import rules_for
from supervision.sheet_access import is_issuing_office, is_lead_officer, issuing_jurisdiction_id, may_issue_sheets
from supervision.sheet_wording import CONTENT_LENGTH, apply_wording, checked_wording, defaults_for, wording_text

Status, Tier, Feedback = InstructionSheet.Status, InstructionSheet.Tier, InstructionSheet.Feedback
TIERS = list(Tier.values)  # blue, yellow, red: the order a sheet moves in, never back
# Printed before 〔2026〕12号 when the office has not set its own prefix (supervision Rules.sheet_prefix).
DEFAULT_PREFIX = "督办"
NOTE_LENGTH = 2000


def red_from(deadline: date, red_days: int) -> date:
    """The first day a sheet still unanswered is red: its office's sheet_red_days after the deadline."""
    return deadline + timedelta(days=red_days + 1)


def _record(sheet: InstructionSheet, action: str, user: User | None, note: str = "", changes: dict | None = None):
    events.record(subject=Event.Subject.SHEET, subject_id=sheet.pk, action=action, user=user, note=note,
                  changes=changes)


@transaction.atomic
def issue_sheet(*, user: User, project: Project, matter: str, content: str, deadline: date,
                instructing_leader: Person | None = None, leader_name: str = "", lead_unit: Organization | None = None,
                assisting_units: list[Organization] | None = None, responsible_leaders: list[Person] | None = None,
                feedback: str = Feedback.ONCE, feedback_days: int | None = None, contact_name: str = "",
                contact_phone: str = "") -> InstructionSheet:
    """The office issues a sheet on a project; units and leaders not given are the project's, the number the next."""
    if not may_issue_sheets(user) or not visible_projects(user).filter(pk=project.pk).exists():
        raise PermissionDenied(_("Only the supervision office of the project's jurisdiction issues sheets on it."))
    defaults = defaults_for(project)
    wording = checked_wording(
        project, matter=matter, content=content, deadline=deadline, instructing_leader=instructing_leader,
        leader_name=leader_name, lead_unit=lead_unit or defaults["lead_unit"],
        assisting_units=defaults["assisting_units"] if assisting_units is None else assisting_units,
        responsible_leaders=defaults["responsible_leaders"] if responsible_leaders is None else responsible_leaders,
        feedback=feedback, feedback_days=feedback_days, contact_name=contact_name, contact_phone=contact_phone)
    jurisdiction_id, year = issuing_jurisdiction_id(user, project.plan.jurisdiction_id), clock.today().year
    number = next_number(jurisdiction_id=jurisdiction_id, kind=Sequence.Kind.SHEET, year=year)
    rules = rules_for(jurisdiction_id)
    number_text = formatted(prefix=rules.sheet_prefix or DEFAULT_PREFIX, year=year, number=number)
    sheet = InstructionSheet(jurisdiction_id=jurisdiction_id, project=project, year=year, number=number,
                             number_text=number_text, issued_at=clock.now(), issued_by=user)
    apply_wording(sheet, wording)
    sheet.red_from = red_from(wording.deadline, rules.sheet_red_days)
    sheet.save()
    sheet.assisting_units.set(wording.assisting_units)
    sheet.responsible_leaders.set(wording.responsible_leaders)
    _record(sheet, "issued", user, note=sheet.number_text)
    return sheet


def _locked(sheet: InstructionSheet, version: int | None, allowed: tuple[str, ...], refusal: str, *,
            may: Callable[[User, InstructionSheet], None], user: User) -> InstructionSheet:
    """The sheet's row, locked until the transaction ends, if the user may act on it as it is now (a reword may
    have changed its lead unit) and it is still in a state the move starts from."""
    # Only the sheet's row: its project and plan, read with it, stay free for reports and imports.
    sheet = InstructionSheet.objects.select_for_update(of=("self",)).select_related("project__plan").get(pk=sheet.pk)
    may(user, sheet)
    if sheet.status not in allowed:
        raise ValidationError(refusal % {"status": sheet.get_status_display()})
    if version is not None and sheet.version != version:
        raise ValidationError(_("Someone changed the sheet after you opened it; read it again first."))
    return sheet


def lead_officer_only(user: User, sheet: InstructionSheet) -> None:
    if not is_lead_officer(user, sheet):
        raise PermissionDenied(_("Only an information officer of the sheet's lead unit does this."))


def office_only(user: User, sheet: InstructionSheet) -> None:
    if not is_issuing_office(user, sheet) or not visible_projects(user).filter(pk=sheet.project_id).exists():
        raise PermissionDenied(_("Only the supervision office that issued the sheet does this."))


def _moved(sheet: InstructionSheet, user: User, action: str, note: str = "", changes: dict | None = None) -> None:
    sheet.version += 1
    sheet.save()
    _record(sheet, action, user, note=note, changes=changes)


@transaction.atomic
def sign_sheet(*, user: User, sheet: InstructionSheet, version: int | None = None) -> InstructionSheet:
    """The lead unit's officer signs for a sheet (签收); the time is recorded."""
    sheet = _locked(sheet, version, (Status.ISSUED,), _("The sheet cannot be signed for: it is %(status)s."),
                    may=lead_officer_only, user=user)
    sheet.status, sheet.signed_at, sheet.signed_by = Status.SIGNED, clock.now(), user
    _moved(sheet, user, "signed")
    return sheet


@transaction.atomic
def dispute_sheet(*, user: User, sheet: InstructionSheet, reason: str, version: int | None = None) -> InstructionSheet:
    """Instead of signing, the lead unit disputes the sheet's wording, saying why; the office rewords or closes it."""
    sheet = _locked(sheet, version, (Status.ISSUED,), _("The sheet cannot be disputed: it is %(status)s."),
                    may=lead_officer_only, user=user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the sheet is disputed."))
    sheet.status, sheet.dispute_reason = Status.DISPUTED, reason[:NOTE_LENGTH]
    _moved(sheet, user, "disputed", note=sheet.dispute_reason)
    return sheet


@transaction.atomic
def reword_sheet(*, user: User, sheet: InstructionSheet, version: int | None = None, **given) -> InstructionSheet:
    """The office rewords a disputed sheet (the arguments of issue_sheet; what is not given stays as it was) and
    issues it again under the same number."""
    sheet = _locked(sheet, version, (Status.DISPUTED,), _("Only a disputed sheet is reworded; it is %(status)s."),
                    may=office_only, user=user)
    before = wording_text(sheet)
    # A leader chosen anew is printed by their own name, not the one printed before.
    leader_changed = "instructing_leader" in given and given["instructing_leader"] != sheet.instructing_leader
    current = {"instructing_leader": sheet.instructing_leader,
               "leader_name": "" if leader_changed else sheet.leader_name, "lead_unit": sheet.lead_unit,
               "assisting_units": list(sheet.assisting_units.all()),
               "responsible_leaders": list(sheet.responsible_leaders.all()), "feedback": sheet.feedback,
               "feedback_days": sheet.feedback_days, "contact_name": sheet.contact_name,
               "contact_phone": sheet.contact_phone, "matter": sheet.matter, "content": sheet.content,
               "deadline": sheet.deadline}
    wording = checked_wording(sheet.project, **(current | given))
    apply_wording(sheet, wording)
    sheet.red_from = red_from(wording.deadline, rules_for(sheet.jurisdiction_id).sheet_red_days)
    sheet.status = Status.ISSUED
    sheet.version += 1
    sheet.save()
    sheet.assisting_units.set(wording.assisting_units)
    sheet.responsible_leaders.set(wording.responsible_leaders)
    after = wording_text(sheet)
    _record(sheet, "reworded", user, changes={name: [before[name], after[name]] for name in before
                                               if before[name] != after[name]})
    return sheet


@transaction.atomic
def answer_sheet(*, user: User, sheet: InstructionSheet, text: str, files: list[UploadedFile] = (),
                 version: int | None = None) -> InstructionSheet:
    """The lead unit answers a signed sheet, or answers again one whose answer was returned, with photos or files."""
    sheet = _locked(sheet, version, (Status.SIGNED, Status.RETURNED),
                    _("The sheet cannot be answered now: it is %(status)s."), may=lead_officer_only, user=user)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write the answer: what was done."))
    if len(text) > CONTENT_LENGTH:
        raise ValidationError(_("The answer may be at most %(most)s characters.") % {"most": CONTENT_LENGTH})
    if len(files) > MAX_FILES:
        raise ValidationError(_("At most %(count)s files can be attached at once.") % {"count": MAX_FILES})
    uploads = [(upload, *checked(upload)) for upload in files]
    before = sheet.answer
    sheet.status, sheet.answer, sheet.answered_at, sheet.answered_by = Status.ANSWERED, text, clock.now(), user
    for upload, content_type, digest in uploads:
        attachment = SheetAttachment(sheet=sheet, answer_round=sheet.returned_count, name=upload.name[:200],
                                     content_type=content_type, size=upload.size, sha256=digest, uploaded_by=user,
                                     uploaded_at=sheet.answered_at)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    changes = {"answer": [before, text]}
    if uploads:
        changes["attachments"] = ["", "、".join(upload.name for upload, *_rest in uploads)]
    _moved(sheet, user, "answered", changes=changes)
    return sheet


@transaction.atomic
def return_answer(*, user: User, sheet: InstructionSheet, reason: str, version: int | None = None) -> InstructionSheet:
    """The office returns an answer that does not settle the matter; the sheet's tier goes up one step."""
    sheet = _locked(sheet, version, (Status.ANSWERED,), _("Only an answered sheet can be returned; it is %(status)s."),
                    may=office_only, user=user)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Say why the answer is returned."))
    tier = TIERS[min(TIERS.index(sheet.tier) + 1, len(TIERS) - 1)]
    changes = {"tier": [sheet.tier, tier]} if tier != sheet.tier else {}
    sheet.status, sheet.return_reason, sheet.tier = Status.RETURNED, reason[:NOTE_LENGTH], tier
    sheet.returned_count += 1
    _moved(sheet, user, "returned", note=sheet.return_reason, changes=changes)
    return sheet


@transaction.atomic
def close_sheet(*, user: User, sheet: InstructionSheet, note: str = "", version: int | None = None) -> InstructionSheet:
    """The office closes a sheet (办结): an answered one, or, saying why, one it no longer pursues."""
    open_states = tuple(status for status in Status.values if status != Status.CLOSED)
    sheet = _locked(sheet, version, open_states, _("The sheet is %(status)s already."), may=office_only, user=user)
    note = (note or "").strip()
    if not note and sheet.status != Status.ANSWERED:
        raise ValidationError(_("Say why the sheet is closed without an answer."))
    sheet.status, sheet.closed_at, sheet.closed_by, sheet.closing_note = Status.CLOSED, clock.now(), user, note
    _moved(sheet, user, "closed", note=note)
    return sheet
