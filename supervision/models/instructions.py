"""Leaders' instructions (批示): written on a project or a coordination request, answered, closed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from progress.models import CoordinationRequest
from projects import clock
from projects.models import Organization, Project


class Instruction(models.Model):
    """A leader's instruction, open until the leader or a coordinator closes it."""

    class Urgency(models.TextChoices):
        # Response limits by urgency follow published practice; each office sets its own (Rules).
        URGENT = "urgent", _("urgent")
        NORMAL = "normal", _("normal")
        DIFFICULT = "difficult", _("difficult")

    class Status(models.TextChoices):
        OPEN = "open", _("awaiting an answer")
        ANSWERED = "answered", _("answered")
        CLOSED = "closed", _("closed")

    project = models.ForeignKey(Project, models.PROTECT, related_name="instructions", verbose_name=_("project"))
    request = models.ForeignKey(
        CoordinationRequest, models.PROTECT, null=True, blank=True, related_name="instructions",
        verbose_name=_("coordination request"),
    )
    # The unit that must answer: the project's lead unit when the instruction was written.
    organization = models.ForeignKey(
        Organization, models.PROTECT, null=True, related_name="+", verbose_name=_("unit to answer")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("written by")
    )
    text = models.TextField(_("instruction"))
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL)
    written_at = models.DateTimeField(_("written at"))
    due = models.DateField(_("answer due"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("answered by"),
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("closed by"),
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("leader's instruction")
        verbose_name_plural = _("leaders' instructions")
        ordering = ["-written_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=["open", "answered", "closed"]),
                                   name="instruction_status_valid"),
            models.CheckConstraint(condition=Q(urgency__in=["urgent", "normal", "difficult"]),
                                   name="instruction_urgency_valid"),
        ]
        indexes = [models.Index(fields=["status", "due"], name="instruction_status_due")]

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def is_overdue(self) -> bool:
        """Still unanswered after its due date (an answered one waits for the leader, not the unit)."""
        return self.status == self.Status.OPEN and self.due < clock.today()

    @property
    def days_overdue(self) -> int:
        return max(0, (clock.today() - self.due).days)
