"""Who did what to which document of the cycle, and when: one trail for closes, circulars, sheets,
instructions and chases alike."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.Model):
    class Subject(models.TextChoices):
        CLOSE = "close", _("closed period")
        CIRCULAR = "circular", _("circular")
        SHEET = "sheet", _("instruction sheet")
        INSTRUCTION = "instruction", _("leader's instruction")
        CHASE = "chase", _("chase")
        RULES = "rules", _("supervision rules")

    subject = models.CharField(_("subject"), max_length=12, choices=Subject.choices)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    # What happened, in the subject's own words: "closed", "published", "signed", "answered", …
    action = models.CharField(_("action"), max_length=20)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"))
    note = models.TextField(_("note"), blank=True)
    # {field: [before, after]} as text, as report revisions keep them.
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("supervision event")
        verbose_name_plural = _("supervision events")
        ordering = ["subject", "subject_id", "at", "id"]
        indexes = [models.Index(fields=["subject", "subject_id", "at"], name="event_of_subject")]

    def __str__(self) -> str:
        return f"{self.get_subject_display()} {self.subject_id} · {self.action}"
