"""What units report about their projects, period by period, and what the office makes of it."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from audit.protection import Kept, KeptQuerySet
from projects.models import MONEY, FundingSource, Organization, Project

USER = settings.AUTH_USER_MODEL


class Report(models.Model):
    """A lead unit's report on one project for one reporting period.

    Never deleted: a unit withdraws it. Every save bumps `version`, so a save made on an
    older version is refused instead of silently overwriting someone else's words."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Milestone(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        MET = "met", _("met")
        MISSED = "missed", _("missed")

    # db_index=False, here and below: a unique constraint starting with the key indexes it (projects/models.py).
    project = models.ForeignKey(
        Project, models.PROTECT, related_name="reports", verbose_name=_("project"), db_index=False
    )
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="reports", verbose_name=_("unit"))
    # The first day of the month in which the period's report is due (see projects/schedule.py).
    period = models.DateField(_("period"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    progress = models.TextField(_("done this period"), blank=True)
    milestone_quarter = models.PositiveSmallIntegerField(_("milestone quarter"), null=True, blank=True)
    milestone_status = models.CharField(
        _("milestone status"), max_length=12, choices=Milestone.choices, blank=True
    )
    milestone_note = models.TextField(_("milestone note"), blank=True)
    problems = models.TextField(_("problems needing coordination"), blank=True)
    next_plan = models.TextField(_("plan for the next period"), blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("reviewed by")
    )
    reported_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("last saved by")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-period", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="report_once_per_project_and_period"),
            models.CheckConstraint(condition=Q(period__day=1), name="report_period_is_first_day"),
            models.CheckConstraint(condition=Q(percent_complete__lte=100), name="report_percent_at_most_100"),
            models.CheckConstraint(
                condition=Q(milestone_quarter__gte=1, milestone_quarter__lte=4), name="report_milestone_quarter_1_to_4"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "returned", "accepted", "withdrawn"]),
                name="report_status_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "period"], name="report_status_period"),
            # The admin's list of reports, newest first.
            models.Index(fields=["-period", "project"], name="report_newest_first"),
            # Missed milestones are few; the dashboard lists them.
            models.Index(fields=["milestone_quarter", "period"], condition=Q(milestone_status="missed"),
                         name="report_milestone_missed"),
            # Reports waiting for acceptance, oldest first (the coordinator's task page): its first rows and its
            # count from this index, not from the heap of a province's 2.4 million reports.
            models.Index(fields=["submitted_at", "project"], condition=Q(status="submitted"),
                         name="report_submitted_queue"),
        ]
        # And on PostgreSQL only (SQLite has no NULLS FIRST in an index), migration 0007: claims of completion
        # oldest first, the coordinator's queue (progress/status_selectors.py), whose first rows are then read
        # without sorting a province's hundred thousand claims.

    def __str__(self) -> str:
        return f"{self.project} · {self.period:%Y-%m}"

    @property
    def counts(self) -> bool:
        """Whether the office has the report in hand (a draft or a returned report does not count)."""
        return self.status in (self.Status.SUBMITTED, self.Status.ACCEPTED)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED, self.Status.WITHDRAWN)


class Disbursement(models.Model):
    """Funds paid out to date for a report's project, per funding source (none: all sources)."""

    report = models.ForeignKey(
        Report, models.CASCADE, related_name="disbursements", verbose_name=_("report"), db_index=False
    )
    source = models.ForeignKey(
        FundingSource, models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("source")
    )
    amount = models.DecimalField(_("disbursed to date (万元)"), **MONEY)

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["report", "source__position", "source__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "source"], name="disbursement_once_per_source"),
            models.UniqueConstraint(
                fields=["report"], condition=Q(source__isnull=True), name="disbursement_one_total"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="disbursement_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.source or _('all sources')}: {self.amount}"


def attachment_path(attachment: "Attachment", filename: str) -> str:
    # Stored under MEDIA_ROOT (var/media, outside the static tree) by a name nobody can guess
    # from the report; served only by progress.views.attachment after a permission check.
    return f"attachments/{attachment.report.period:%Y}/{attachment.sha256[:2]}/{attachment.sha256}"


class Attachment(models.Model):
    """A photo or document added to a report; its type is checked by content, not by name."""

    report = models.ForeignKey(Report, models.PROTECT, related_name="attachments", verbose_name=_("report"))
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["report", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Revision(Kept, models.Model):
    """One save of a report: who, when, what it did and which fields changed from what to what.

    Never deleted (audit/protection.py), nor its report (PROTECT); the author's name is kept as it was, so a
    revision still says who wrote it when the account is deleted."""

    class Action(models.TextChoices):
        SAVED = "saved", _("saved")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        ACCEPTED = "accepted", _("accepted")
        WITHDRAWN = "withdrawn", _("withdrawn")
        IMPORTED = "imported", _("imported")

    report = models.ForeignKey(
        Report, models.PROTECT, related_name="revisions", verbose_name=_("report"), db_index=False
    )
    version = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    author = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+", verbose_name=_("by"))
    author_name = models.CharField(_("by (name at the time)"), max_length=300, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)
    # {field: [before, after]} as text, so a later change of the form cannot break old history.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    objects = KeptQuerySet.as_manager()

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["report", "-version"]
        constraints = [models.UniqueConstraint(fields=["report", "version"], name="revision_once_per_version")]

    def __str__(self) -> str:
        return f"{self.report} · {_('version')} {self.version} · {self.get_action_display()}"


class AssistingNote(models.Model):
    """What an assisting unit adds for a project and period: its own words beside the lead unit's report."""

    project = models.ForeignKey(
        Project, models.PROTECT, related_name="assisting_notes", verbose_name=_("project"), db_index=False
    )
    organization = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("unit"))
    period = models.DateField(_("period"))
    text = models.TextField(_("note"))
    author = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+", verbose_name=_("by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The texts it replaced, oldest first: [{"text", "by" (the name then), "at"}], written by save_assisting_note.
    history = models.JSONField(_("earlier texts"), default=list, blank=True)

    class Meta:
        verbose_name = _("assisting unit's note")
        verbose_name_plural = _("assisting units' notes")
        ordering = ["-period", "organization__name"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organization", "period"], name="note_once_per_unit_and_period"),
            models.CheckConstraint(condition=Q(period__day=1), name="note_period_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.organization} · {self.period:%Y-%m}"


class CoordinationRequest(models.Model):
    """A problem a unit raised in a report for a leader or another unit, open until someone closes it."""

    project = models.ForeignKey(Project, models.PROTECT, related_name="requests", verbose_name=_("project"))
    report = models.OneToOneField(Report, models.PROTECT, related_name="request", verbose_name=_("report"))
    text = models.TextField(_("problem"))
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("closed by")
    )
    resolution = models.TextField(_("resolution"), blank=True)

    class Meta:
        verbose_name = _("coordination request")
        verbose_name_plural = _("coordination requests")
        ordering = ["opened_at"]
        indexes = [models.Index(fields=["closed_at", "opened_at"], name="request_open_since")]

    def __str__(self) -> str:
        return self.text[:60]


class ProjectStatus(models.Model):
    """A project's status light as last computed, with the facts that explain it (progress/lights.py)."""

    class Light(models.TextChoices):
        GREEN = "green", _("green")
        YELLOW = "yellow", _("yellow")
        RED = "red", _("red")
        # The unit says 100 %; a coordinator has not yet checked it (progress/verification.py).
        AWAITING = "awaiting", _("awaiting verification")
        # Only a completion a coordinator verified counts as done, in lights, figures, exports and circulars.
        DONE = "done", _("verified complete")

    project = models.OneToOneField(
        Project, models.CASCADE, primary_key=True, related_name="status", verbose_name=_("project")
    )
    light = models.CharField(_("status light"), max_length=8, choices=Light.choices)
    # [{"code": "late", "period": "2023-06", "days": 3}, …]: rendered in the reader's language.
    reasons = models.JSONField(_("reasons"), default=list)
    percent_complete = models.PositiveSmallIntegerField(_("percent complete"), null=True)
    last_period = models.DateField(_("last reported period"), null=True)
    # The latest period whose report is due and missing, for "late by unit" lists.
    late_period = models.DateField(_("late period"), null=True, db_index=True)
    late_days = models.PositiveIntegerField(_("days late"), default=0)
    computed_at = models.DateTimeField(_("computed at"))
    # When the current light began, and the reporting period it began in: a project coming back from red
    # turns green only in a later period (progress/lights.py). Empty for lights stored before this was kept.
    since = models.DateTimeField(_("light since"), null=True)
    since_period = models.DateField(_("light since period"), null=True)

    class Meta:
        verbose_name = _("status light")
        verbose_name_plural = _("status lights")
        # The projects of one light (the list's filter, the counts of the task page) from the index alone.
        indexes = [models.Index(fields=["light", "project"], name="status_light_project")]
        constraints = [
            models.CheckConstraint(condition=Q(light__in=["green", "yellow", "red", "awaiting", "done"]),
                                   name="status_light_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_light_display()}"


class LightChange(models.Model):
    """One change of a project's stored light, with the reasons of the new one; written by progress/lights.py."""

    Light = ProjectStatus.Light

    project = models.ForeignKey(
        Project, models.CASCADE, related_name="light_changes", verbose_name=_("project"), db_index=False
    )
    at = models.DateTimeField(_("at"))
    # The reporting period (its month) in which the light changed; empty before the plan's first period opens.
    period = models.DateField(_("period"), null=True)
    before = models.CharField(_("before"), max_length=8, choices=Light.choices)
    after = models.CharField(_("after"), max_length=8, choices=Light.choices)
    reasons = models.JSONField(_("reasons"), default=list)

    class Meta:
        verbose_name = _("change of light")
        verbose_name_plural = _("changes of light")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["project", "-at"], name="light_change_newest_first")]
        constraints = [models.CheckConstraint(condition=~Q(before=models.F("after")), name="light_change_changes")]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_before_display()} → {self.get_after_display()}"


def verification_photo_path(verification: "Verification", filename: str) -> str:
    # As attachments: by a name nobody can guess, outside the static tree, served after a permission check.
    return f"verifications/{verification.at:%Y}/{verification.photo_sha256[:2]}/{verification.photo_sha256}"


class Verification(models.Model):
    """A coordinator's check of a unit's claim that a project is complete (销号): verified, or returned.

    A claim is a counted report saying 100 %, at the version the coordinator decided on; a report
    returned and handed in again is a new claim."""

    class Outcome(models.TextChoices):
        VERIFIED = "verified", _("verified")
        RETURNED = "returned", _("returned")

    project = models.ForeignKey(Project, models.PROTECT, related_name="verifications", verbose_name=_("project"))
    report = models.ForeignKey(Report, models.PROTECT, related_name="verifications", verbose_name=_("report"),
                               db_index=False)
    report_version = models.PositiveIntegerField(_("version of the report decided on"))
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices)
    note = models.TextField(_("note"), blank=True)
    photo = models.FileField(_("photo"), upload_to=verification_photo_path, max_length=200, blank=True)
    photo_name = models.CharField(_("file name"), max_length=200, blank=True)
    photo_type = models.CharField(_("type"), max_length=100, blank=True)
    photo_sha256 = models.CharField(max_length=64, blank=True)
    by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+", verbose_name=_("by"))
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("verification")
        verbose_name_plural = _("verifications")
        ordering = ["-at", "-id"]
        constraints = [
            # The services check first and say so in words; these keep a race from writing two decisions.
            models.UniqueConstraint(fields=["report", "report_version"], name="verification_once_per_claim"),
            models.UniqueConstraint(fields=["project"], condition=Q(outcome="verified"),
                                    name="verification_verified_once_per_project"),
            models.CheckConstraint(condition=Q(outcome__in=["verified", "returned"]),
                                   name="verification_outcome_valid"),
            models.CheckConstraint(condition=~Q(outcome="returned", note=""), name="verification_returned_says_why"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_outcome_display()}"
