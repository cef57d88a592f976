"""Every write of a report goes through here, from the browser and from the demo alike.

Each function is one transaction that checks who may do it, refuses a save made on an older
version of the report (ReportConflict, nothing written), records a Revision and recomputes the
project's status light. The date and time they go by are projects/clock.py's: the real ones,
unless the demo pins a day."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEntry
from audit.recording import record
from progress import lights
from progress.attachments import MAX_FILES, checked
from progress.models import AssistingNote, Attachment, CoordinationRequest, Disbursement, Report, Revision
from projects import clock
from projects.access import may_close_requests, may_review, unit_role
from projects.amounts import plain
from projects.models import Project
from projects.schedule import Period

TEXT_FIELDS = ["percent_complete", "progress", "milestone_status", "milestone_note", "problems", "next_plan"]


class ReportConflict(Exception):
    """Someone saved the report after the version this save started from."""

    def __init__(self, report: Report):
        super().__init__(report)
        self.report = report


@dataclass
class ReportInput:
    percent_complete: int | None = None
    progress: str = ""
    milestone_status: str = ""
    milestone_note: str = ""
    problems: str = ""
    next_plan: str = ""
    # Funding source id (None: all sources together) -> disbursed to date, 万元.
    disbursed: dict[int | None, Decimal] = field(default_factory=dict)


def reportable_period(project: Project, month: date, today: date | None = None) -> Period:
    """The plan's period named by `month`, if units may report on it now."""
    today = today or clock.today()
    period = project.plan.schedule.period(project.plan.year, month)
    if period is None:
        raise ValidationError(_("No report is due for %(month)s under this plan's schedule.") % {
            "month": f"{month:%Y-%m}"})
    if period.opens > today:
        raise ValidationError(_("The period %(month)s has not begun: reports for it open on %(opens)s.") % {
            "month": period.key, "opens": period.opens.isoformat()})
    return period


def _text(value) -> str:
    return "" if value is None else str(value)


def _disbursed_text(report: Report) -> dict[str, str]:
    return {(d.source.name if d.source else _("all sources")): plain(d.amount)
            for d in report.disbursements.all()}


def author_name(user: User | None) -> str:
    """The name a revision keeps of its author, as the pages show it."""
    return (user.get_full_name() or user.username)[:300] if user is not None else ""


def _record(report: Report, action: str, user: User | None, changes: dict) -> None:
    Revision.objects.create(report=report, version=report.version, action=action, author=user,
                            author_name=author_name(user), changes=changes)


def _insert_first(report: Report) -> None:
    """Store a period's first report; if someone stored it meanwhile, refuse as for a save on an older version.

    Two officers who open a new period's form both start from version 0 and both find no row to lock, so the
    unique constraint on (project, period) decides who was first. The insert runs in a savepoint, so losing
    leaves the transaction usable to read the winner's report, which the loser is shown next to their text."""
    try:
        with transaction.atomic():
            report.save(force_insert=True)
    except IntegrityError:
        winner = (Report.objects.select_related("project__plan", "reported_by")
                  .filter(project_id=report.project_id, period=report.period).first())
        if winner is None:  # another constraint refused the row: not a race, a fault
            raise
        raise ReportConflict(winner) from None


def _locked(report_id: int, version: int) -> Report:
    report = Report.objects.select_for_update().select_related("project__plan").get(pk=report_id)
    if report.version != version:
        raise ReportConflict(report)
    return report


@transaction.atomic
def save_report(*, user: User, project: Project, month: date, data: ReportInput, version: int, submit: bool,
                files: list[UploadedFile] = ()) -> Report:
    """Save (and with `submit`, hand in) the lead unit's report for a period.

    `version` is the version the form was opened on, 0 for a report not yet written."""
    if unit_role(user, project) != "lead":
        raise PermissionDenied(_("Only an information officer of the lead unit writes this project's report."))
    period = reportable_period(project, month)
    if len(files) > MAX_FILES:
        raise ValidationError(_("At most %(count)s files can be attached at once.") % {"count": MAX_FILES})
    uploads = [(upload, *checked(upload)) for upload in files]
    report = Report.objects.select_for_update().filter(project=project, period=period.month).first()
    if report is None and version != 0:
        raise ValidationError(_("The report was not found."))
    if report is not None and report.version != version:
        raise ReportConflict(report)
    if report is None:
        report = Report(project=project, organization=user.organization, period=period.month, version=0)
        before, disbursed_before = {name: "" for name in TEXT_FIELDS}, {}
    else:
        if not report.editable:
            raise ValidationError(_("This report has been submitted; "
                                    "it can be changed again once it is returned or withdrawn."))
        before, disbursed_before = {name: _text(getattr(report, name)) for name in TEXT_FIELDS}, _disbursed_text(report)
    for name in TEXT_FIELDS:
        setattr(report, name, getattr(data, name))
    report.milestone_quarter = period.quarter if data.milestone_status else None
    report.version += 1
    report.reported_by = user
    if submit:
        report.status, report.submitted_at = Report.Status.SUBMITTED, clock.now()
    elif report.status == Report.Status.WITHDRAWN:
        report.status = Report.Status.DRAFT
    report.full_clean(exclude=["project", "organization"])
    if report.pk is None:
        _insert_first(report)
    else:
        report.save()
    report.disbursements.all().delete()
    Disbursement.objects.bulk_create([Disbursement(report=report, source_id=source, amount=amount)
                                      for source, amount in data.disbursed.items() if amount is not None])
    changes = {name: [before[name], _text(getattr(report, name))] for name in TEXT_FIELDS
               if before[name] != _text(getattr(report, name))}
    disbursed_after = _disbursed_text(report)
    if disbursed_after != disbursed_before:
        changes["disbursed"] = [_mapping(disbursed_before), _mapping(disbursed_after)]
        # The amounts are rewritten in bulk (no signal per row): the trail gets what changed in them here.
        record(AuditEntry.Action.CHANGED, obj=report, changes={"disbursed": changes["disbursed"]})
    for upload, content_type, digest in uploads:
        attachment = Attachment(report=report, name=upload.name[:200], content_type=content_type, size=upload.size,
                                sha256=digest, uploaded_by=user)
        attachment.file.save(upload.name, upload, save=False)
        attachment.save()
    if uploads:
        changes["attachments"] = ["", "、".join(upload.name for upload, *_rest in uploads)]
    _record(report, Revision.Action.SUBMITTED if submit else Revision.Action.SAVED, user, changes)
    if submit:
        _sync_request(report)
    lights.refresh(Project.objects.filter(pk=project.pk))
    return report


def _mapping(values: dict[str, str]) -> str:
    return "；".join(f"{name}: {amount}" for name, amount in values.items())


def _sync_request(report: Report) -> None:
    """A submitted report's problems open a coordination request; cleared problems close it."""
    request = CoordinationRequest.objects.filter(report=report).first()
    if report.problems.strip():
        if request is None:
            CoordinationRequest.objects.create(project=report.project, report=report, text=report.problems,
                                               opened_at=clock.now())
        elif request.closed_at is None:
            request.text = report.problems
            request.save(update_fields=["text"])
    elif request is not None and request.closed_at is None:
        request.closed_at, request.resolution = clock.now(), _("No longer raised in the report.")
        request.save(update_fields=["closed_at", "resolution"])


@transaction.atomic
def review_report(*, user: User, report: Report, version: int, accept: bool, comment: str = "") -> Report:
    """A coordinator accepts a submitted report, or returns it with a comment the unit sees."""
    if not may_review(user):
        raise PermissionDenied(_("Only coordinators and administrators review reports."))
    report = _locked(report.pk, version)
    if report.status != Report.Status.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted or returned."))
    comment = comment.strip()
    if not accept and not comment:
        raise ValidationError(_("Say what needs correcting when returning a report."))
    decide_review(report=report, user=user, accept=accept, comment=comment)
    lights.refresh(Project.objects.filter(pk=report.project_id))
    return report


def decide_review(*, report: Report, user: User, accept: bool, comment: str) -> None:
    """Accept or return a report its caller has locked and checked, with its Revision; inside the caller's
    transaction. Shared by the review of a report and the verification of a claimed completion."""
    before = report.review_comment
    report.status = Report.Status.ACCEPTED if accept else Report.Status.RETURNED
    report.review_comment = comment if comment or not accept else report.review_comment
    report.reviewed_by, report.reviewed_at = user, clock.now()
    report.version += 1
    report.save()
    changes = {"review_comment": [before, report.review_comment]} if before != report.review_comment else {}
    _record(report, Revision.Action.ACCEPTED if accept else Revision.Action.RETURNED, user, changes)


@transaction.atomic
def withdraw_report(*, user: User, report: Report, version: int) -> Report:
    """The lead unit takes its report back; it stays, with its history, and can be written again."""
    if unit_role(user, report.project) != "lead":
        raise PermissionDenied(_("Only an information officer of the lead unit can withdraw this report."))
    report = _locked(report.pk, version)
    if report.status == Report.Status.ACCEPTED:
        raise ValidationError(_("An accepted report cannot be withdrawn."))
    if report.status == Report.Status.WITHDRAWN:
        raise ValidationError(_("The report has been withdrawn already."))
    report.status = Report.Status.WITHDRAWN
    report.version += 1
    report.save()
    _record(report, Revision.Action.WITHDRAWN, user, {})
    CoordinationRequest.objects.filter(report=report, closed_at__isnull=True).update(
        closed_at=clock.now(), resolution=_("The report was withdrawn."))
    lights.refresh(Project.objects.filter(pk=report.project_id))
    return report


@transaction.atomic
def save_assisting_note(*, user: User, project: Project, month: date, text: str) -> AssistingNote:
    """An assisting unit's own note on a project and period."""
    if unit_role(user, project) != "assisting":
        raise PermissionDenied(_("Only an information officer of an assisting unit adds a note here."))
    period = reportable_period(project, month)
    text = text.strip()
    if not text:
        raise ValidationError(_("Write the note first."))
    note, created = AssistingNote.objects.select_for_update(of=("self",)).select_related("author").get_or_create(
        project=project, organization_id=user.organization_id, period=period.month,
        defaults={"text": text, "author": user},
    )
    if not created and note.text != text:
        # The words replaced stay on the note, shown under it; the trail has each change too.
        note.history = [*note.history, {"text": note.text, "by": author_name(note.author) or _("a removed account"),
                                        "at": f"{timezone.localtime(note.updated_at):%Y-%m-%d %H:%M}"}]
        note.text, note.author = text, user
        note.save()
    return note


@transaction.atomic
def close_request(*, user: User, request: CoordinationRequest, resolution: str) -> CoordinationRequest:
    """A leader or coordinator closes a coordination request, saying how it was settled."""
    if not may_close_requests(user):
        raise PermissionDenied(_("Only leaders, coordinators and administrators close coordination requests."))
    request = CoordinationRequest.objects.select_for_update().get(pk=request.pk)
    if request.closed_at is not None:
        raise ValidationError(_("The request is closed already."))
    resolution = resolution.strip()
    if not resolution:
        raise ValidationError(_("Say how the request was settled."))
    request.closed_at, request.closed_by, request.resolution = clock.now(), user, resolution
    request.save(update_fields=["closed_at", "closed_by", "resolution"])
    lights.refresh(Project.objects.filter(pk=request.project_id))
    return request
