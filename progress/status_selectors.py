"""Named reads about a project's light and its completion: the history of its light, its verification
panel, and the coordinators' queue of claims to verify. The pages that show them call these."""

from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import F, QuerySet

from accounts.models import User
from progress.light_words import describe
from progress.models import LightChange, ProjectStatus, Report, Verification
from progress.verification import COUNTED, claim_of
from projects.access import may_review, visible_projects, visible_through
from projects.models import Project

Light = ProjectStatus.Light


@dataclass(frozen=True)
class LightStep:
    """One change of a project's light, as its page shows it."""

    at: datetime
    period: date | None
    before: str
    after: str
    before_label: str
    after_label: str
    reasons: list[str]


def light_history(project: Project) -> list[LightStep]:
    """Every change of the project's light, newest first, with the new light's reasons in words."""
    labels = dict(Light.choices)
    return [LightStep(at=change.at, period=change.period, before=change.before, after=change.after,
                      before_label=str(labels.get(change.before, change.before)),
                      after_label=str(labels.get(change.after, change.after)),
                      reasons=[describe(reason) for reason in change.reasons])
            for change in LightChange.objects.filter(project=project).order_by("-at", "-id")]


@dataclass(frozen=True)
class VerificationPanel:
    """What a project's page shows of its completion: the claim waiting, the decisions taken, who may decide."""

    claim: Report | None
    decisions: list[Verification]
    may_decide: bool

    @property
    def verified(self) -> Verification | None:
        return next((d for d in self.decisions if d.outcome == Verification.Outcome.VERIFIED), None)


def verification_panel(project: Project, user: User) -> VerificationPanel:
    """The project's claim of completion waiting for a decision (if any), its decisions newest first, and whether
    `user` may decide; for a project the user may see."""
    decisions = list(Verification.objects.filter(project=project).select_related("by", "report")
                     .order_by("-at", "-id"))
    verified = any(d.outcome == Verification.Outcome.VERIFIED for d in decisions)
    claim = None if verified else claim_of(project)
    return VerificationPanel(claim=claim, decisions=decisions, may_decide=claim is not None and may_review(user))


def awaiting_verification(user: User) -> QuerySet[Report]:
    """The coordinator's queue: each visible project's report claiming completion, not yet verified, oldest first."""
    if not may_review(user):
        return Report.objects.none()
    # The claim is the latest counted report (the light's last period) of a project whose light says so.
    return (Report.objects.filter(project__in=visible_projects(user), project__status__light=Light.AWAITING,
                                  status__in=COUNTED, percent_complete=100,
                                  period=F("project__status__last_period"))
            .select_related("project__plan", "organization")
            .order_by(F("submitted_at").asc(nulls_first=True), "pk"))


def awaiting_verification_count(user: User) -> int:
    """How many claims awaiting_verification(user) holds: the visible projects whose light awaits verification.

    Each such light comes from exactly one claim (progress/lights.py: the latest counted report says 100 % and
    no verification followed), so the lights are counted from their index instead of joining a province's
    hundred thousand claims to their reports."""
    if not may_review(user):
        return 0
    return ProjectStatus.objects.filter(visible_through(user, "project"), light=Light.AWAITING).count()

