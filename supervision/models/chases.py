"""Chasing (催报): the office tells a unit which of its reports are missing, by e-mail and the group robot."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from projects.models import Organization, Project


class Chase(models.Model):
    """One chase of one unit: what it listed, who sent it, how it went out and when the unit saw it."""

    class Webhook(models.TextChoices):
        NONE = "none", _("no group robot")
        SENT = "sent", _("posted to the group robot")
        FAILED = "failed", _("the group robot failed")

    organization = models.ForeignKey(Organization, models.PROTECT, related_name="chases", verbose_name=_("unit"),
                                     db_index=False)
    sent_at = models.DateTimeField(_("sent at"))
    # Nobody when refresh_status --chase sent it.
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("sent by")
    )
    # How many of the unit's officers the one e-mail went to (0: none had an address, none was sent).
    email_count = models.PositiveSmallIntegerField(_("e-mail recipients"), default=0)
    # The mail server's refusal, if it refused: recorded, never raised, as the robot's.
    email_error = models.TextField(_("e-mail error"), blank=True)
    webhook_status = models.CharField(_("group robot"), max_length=6, choices=Webhook.choices, default=Webhook.NONE)
    webhook_error = models.TextField(_("group robot error"), blank=True)
    # When an officer of the unit marked it read on their task page.
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("read by")
    )

    class Meta:
        verbose_name = _("chase")
        verbose_name_plural = _("chases")
        ordering = ["-sent_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(webhook_status__in=["none", "sent", "failed"]),
                                   name="chase_webhook_status_valid"),
        ]
        # A unit's chases, newest first: its count, its last chase, its officers' list.
        indexes = [models.Index(fields=["organization", "-sent_at"], name="chase_of_unit")]

    def __str__(self) -> str:
        return f"{self.organization} · {timezone.localtime(self.sent_at):%Y-%m-%d %H:%M}"


class ChaseItem(models.Model):
    """One missing report a chase listed, as it stood when the chase was sent.

    The project's name is copied: a project deleted by a corrected table leaves the chase readable."""

    chase = models.ForeignKey(Chase, models.CASCADE, related_name="items", verbose_name=_("chase"), db_index=False)
    project = models.ForeignKey(Project, models.SET_NULL, null=True, related_name="+", verbose_name=_("project"))
    project_name = models.CharField(_("project"), max_length=530)
    # The period's month, as reports name it (projects/schedule.py), and its due date.
    period = models.DateField(_("period"))
    due = models.DateField(_("due date"))
    days_late = models.PositiveIntegerField(_("days late"))

    class Meta:
        verbose_name = _("chased report")
        verbose_name_plural = _("chased reports")
        ordering = ["chase", "id"]
        constraints = [
            models.UniqueConstraint(fields=["chase", "project", "period"], name="chase_item_once_per_report"),
            models.CheckConstraint(condition=Q(period__day=1), name="chase_item_period_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.project_name} · {self.period:%Y-%m}"
