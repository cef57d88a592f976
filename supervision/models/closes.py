"""A closed reporting period: what each project showed when the office closed it, frozen."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from progress.models import ProjectStatus, Report
from projects.models import MONEY, Organization, Plan, Project


class PeriodClose(models.Model):
    """The office's close of one plan's reporting period. Its snapshots never change afterwards:
    a report corrected later is recorded as a correction (its revisions) and the snapshot stays."""

    plan = models.ForeignKey(Plan, models.PROTECT, related_name="closes", verbose_name=_("plan"), db_index=False)
    # The period's month, as reports name it (projects/schedule.py).
    period = models.DateField(_("period"))
    due = models.DateField(_("due date"))
    # The day the figures were judged on: the close's own date.
    as_of = models.DateField(_("judged on"))
    closed_at = models.DateTimeField(_("closed at"))
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("closed by")
    )

    class Meta:
        verbose_name = _("closed period")
        verbose_name_plural = _("closed periods")
        ordering = ["-period", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "period"], name="close_once_per_plan_and_period"),
            models.CheckConstraint(condition=Q(period__day=1), name="close_period_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.period:%Y-%m}"


class Snapshot(models.Model):
    """One project as it stood when its period was closed.

    Names are copied, not only linked: a project deleted or renamed later leaves the published
    figures as they were."""

    class Standing(models.TextChoices):
        # Against the time-proportional target (序时进度), by more than the jurisdiction's yellow points.
        AHEAD = "ahead", _("ahead of the time-proportional target")
        ON_SCHEDULE = "on_schedule", _("on the time-proportional target")
        BEHIND = "behind", _("behind the time-proportional target")
        DONE = "done", _("verified complete")
        UNKNOWN = "unknown", _("no percent reported")

    class ReportState(models.TextChoices):
        ON_TIME = "on_time", _("on time")
        LATE = "late", _("late")
        MISSING = "missing", _("missing")

    close = models.ForeignKey(
        PeriodClose, models.CASCADE, related_name="snapshots", verbose_name=_("closed period"), db_index=False
    )
    project = models.ForeignKey(
        Project, models.SET_NULL, null=True, related_name="snapshots", verbose_name=_("project")
    )
    position = models.PositiveIntegerField(_("position"))
    number = models.CharField(_("number"), max_length=20, blank=True)
    name = models.CharField(_("name"), max_length=500)
    category = models.CharField(_("category"), max_length=200, blank=True)
    lead_unit = models.CharField(_("lead unit"), max_length=500, blank=True)
    organization = models.ForeignKey(
        Organization, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("lead unit")
    )
    light = models.CharField(_("status light"), max_length=10, choices=ProjectStatus.Light.choices)
    reasons = models.JSONField(_("reasons"), default=list)
    percent = models.PositiveSmallIntegerField(_("percent complete"), null=True)
    target = models.PositiveSmallIntegerField(_("time-proportional target"))
    standing = models.CharField(_("standing"), max_length=12, choices=Standing.choices)
    milestone_status = models.CharField(_("milestone status"), max_length=12, choices=Report.Milestone.choices,
                                        blank=True)
    report_state = models.CharField(_("report"), max_length=8, choices=ReportState.choices)
    report = models.ForeignKey(Report, models.SET_NULL, null=True, related_name="+", verbose_name=_("report"))
    # The report's version when the period was closed: a later version is a correction.
    report_version = models.PositiveIntegerField(_("report version"), null=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True)
    days_late = models.PositiveIntegerField(_("days late"), default=0)
    progress = models.TextField(_("done this period"), blank=True)
    annual_investment = models.DecimalField(_("annual investment (万元)"), null=True, **MONEY)
    # {funding source name (or "" for all sources): "12.5000"}: exact, and as named on the day.
    disbursed = models.JSONField(_("disbursed to date by source"), default=dict)
    disbursed_total = models.DecimalField(_("disbursed to date (万元)"), null=True, **MONEY)

    class Meta:
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")
        ordering = ["close", "position"]
        constraints = [
            models.UniqueConstraint(fields=["close", "position"], name="snapshot_once_per_position"),
        ]

    def __str__(self) -> str:
        return f"{self.close} · {self.name[:40]}"
