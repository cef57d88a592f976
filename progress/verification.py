"""A unit's claim that a project is complete, checked by a coordinator before it counts as done (销号).

A claim is the project's latest counted report (submitted or accepted) saying 100 %: its light is
AWAITING. verify_completion accepts that report if it was only submitted and records the
verification: the light turns DONE. return_completion sends the report back to the unit with the
reason as its review comment: the light is computed again without the claim, until the unit hands
in 100 % again. Each is one transaction that locks the project's row first, so two coordinators
deciding on one claim at once decide once, and the second is told what happened."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from accounts.models import User
from progress import lights
from progress.attachments import checked
from progress.models import Report, Verification
from progress.services import decide_review
from projects import clock
from projects.access import may_review, visible_projects
from projects.models import Project

COUNTED = (Report.Status.SUBMITTED, Report.Status.ACCEPTED)
Outcome = Verification.Outcome


def claim_of(project: Project) -> Report | None:
    """The report that claims the project complete: its latest counted report, if that says 100 %."""
    latest = (Report.objects.filter(project=project, status__in=COUNTED).select_related("organization")
              .order_by("-period").first())
    return latest if latest is not None and latest.percent_complete == 100 else None


def _may_decide(user: User, project: Project) -> None:
    if not may_review(user) or not visible_projects(user).filter(pk=project.pk).exists():
        raise PermissionDenied(_("Only coordinators and administrators verify a project's completion."))


def _open_claim(project: Project, version: int | None) -> Report:
    """The claim still waiting for a decision, read after the project's row is locked; refused in words otherwise."""
    Project.objects.select_for_update().filter(pk=project.pk).values_list("pk", flat=True).get()
    decisions = Verification.objects.filter(project=project).select_related("by", "report").order_by("-at", "-id")
    verified = next((d for d in decisions if d.outcome == Outcome.VERIFIED), None)
    if verified is not None:
        raise ValidationError(_("The completion was verified already, by %(name)s on %(day)s.") % _who(verified))
    claim = Report.objects.select_for_update().filter(project=project, status__in=COUNTED).order_by("-period").first()
    if claim is None or claim.percent_complete != 100:
        last = decisions[0] if decisions else None
        # Returned and not handed in again since: the report is as the return left it (one version on).
        if last is not None and last.report.version == last.report_version + 1:
            raise ValidationError(_("The claim was returned to the unit already, by %(name)s on %(day)s.")
                                  % _who(last))
        raise ValidationError(_("No claim of completion is waiting: the unit's latest report does not say the "
                                "project is complete."))
    if version is not None and claim.version != version:
        raise ValidationError(_("The unit's report changed meanwhile; read it again first."))
    return claim


def _who(decision: Verification) -> dict[str, str]:
    name = (decision.by.get_full_name() or decision.by.username) if decision.by else _("a removed account")
    return {"name": name, "day": date_format(localtime(decision.at), "Y-m-d")}


def _store(verification: Verification) -> Verification:
    # The project's lock makes the second decision wait and then refuses it above; the constraints are the
    # last word should anything reach here twice, and are told as the same refusal.
    try:
        with transaction.atomic():
            verification.save()
    except IntegrityError:
        raise ValidationError(_("Another coordinator decided on this claim meanwhile; read it again first.")) from None
    return verification


@transaction.atomic
def verify_completion(*, user: User, project: Project, note: str = "", photo: UploadedFile | None = None,
                      version: int | None = None) -> Verification:
    """A coordinator verifies the unit's claim of completion (accepting its report): the project counts as done.

    `version` is the claim's report version the coordinator looked at; None skips that check."""
    _may_decide(user, project)
    kind, digest = checked(photo) if photo else ("", "")
    if photo and not kind.startswith("image/"):
        raise ValidationError(_("%(name)s is not a photo (JPEG, PNG, GIF, WebP, HEIC).") % {"name": photo.name})
    claim = _open_claim(project, version)
    claimed = claim.version
    if claim.status == Report.Status.SUBMITTED:
        decide_review(report=claim, user=user, accept=True, comment="")
    verification = Verification(project=project, report=claim, report_version=claimed, outcome=Outcome.VERIFIED,
                                note=note.strip(), by=user, at=clock.now())
    if photo:
        verification.photo_type, verification.photo_sha256, verification.photo_name = kind, digest, photo.name[:200]
        verification.photo.save(photo.name, photo, save=False)
    _store(verification)
    lights.refresh(Project.objects.filter(pk=project.pk))
    return verification


@transaction.atomic
def return_completion(*, user: User, project: Project, reason: str, version: int | None = None) -> Verification:
    """A coordinator does not verify the claim: the report goes back to the unit with the reason as its comment."""
    _may_decide(user, project)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the completion is not verified; the unit reads it as the review comment."))
    claim = _open_claim(project, version)
    claimed = claim.version
    # An accepted report is returned too: its 100 % is what is not verified, and the unit must correct it.
    decide_review(report=claim, user=user, accept=False, comment=reason)
    verification = _store(Verification(project=project, report=claim, report_version=claimed,
                                       outcome=Outcome.RETURNED, note=reason, by=user, at=clock.now()))
    lights.refresh(Project.objects.filter(pk=project.pk))
    return verification
