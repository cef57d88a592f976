"""Instruction sheets (督办单): one matter each, sent by the supervision office to a project's lead unit,
signed for, answered and closed; coloured blue, yellow, red as the matter drags on. And the escalation
steps (专函, 约谈, 挂牌督办) a project reaches by staying yellow or red close after close."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Jurisdiction, Organization, Person, Project
from supervision.models.closes import PeriodClose

USER = settings.AUTH_USER_MODEL


class InstructionSheet(models.Model):
    """A sheet as issued (numbered from the office's own sequence when issued) and as it went since."""

    class Feedback(models.TextChoices):
        ONCE = "once", _("once, by the deadline")
        PERIODIC = "periodic", _("every few days until done")

    class Tier(models.TextChoices):
        # In the order a sheet moves through them; it never moves back (supervision/sheets.py).
        BLUE = "blue", _("blue")
        YELLOW = "yellow", _("yellow")
        RED = "red", _("red")

    class Status(models.TextChoices):
        ISSUED = "issued", _("issued, not signed for")
        SIGNED = "signed", _("signed for")
        DISPUTED = "disputed", _("disputed by the unit")
        ANSWERED = "answered", _("answered")
        RETURNED = "returned", _("answer returned")
        CLOSED = "closed", _("closed")

    # The issuing office's jurisdiction, whose sequence numbers the sheet: the district's for its own projects,
    # the city's when the city's office issues on a district's project (supervision/sheet_access.py).
    jurisdiction = models.ForeignKey(
        Jurisdiction, models.PROTECT, related_name="+", verbose_name=_("jurisdiction"), db_index=False
    )
    project = models.ForeignKey(Project, models.PROTECT, related_name="sheets", verbose_name=_("project"))
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number"))
    # As printed on the day it was issued (鲤督办〔2026〕12号): a later change of prefix leaves it.
    number_text = models.CharField(_("document number"), max_length=60)
    matter = models.CharField(_("matter"), max_length=200)
    content = models.TextField(_("what must be done"))
    instructing_leader = models.ForeignKey(
        Person, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("instructing leader")
    )
    # The leader's name as printed, kept if the person is later renamed or removed.
    leader_name = models.CharField(_("instructing leader as printed"), max_length=50, blank=True)
    lead_unit = models.ForeignKey(Organization, models.PROTECT, related_name="+", verbose_name=_("lead unit"))
    assisting_units = models.ManyToManyField(
        Organization, related_name="+", blank=True, verbose_name=_("assisting units")
    )
    responsible_leaders = models.ManyToManyField(
        Person, related_name="+", blank=True, verbose_name=_("responsible leaders")
    )
    deadline = models.DateField(_("deadline"))
    # The first day the sheet is red if still unanswered: the deadline plus the office's sheet_red_days (its rule
    # when the sheet was issued or reworded), so the daily colouring reads no rules.
    red_from = models.DateField(_("red from"))
    feedback = models.CharField(_("feedback"), max_length=10, choices=Feedback.choices, default=Feedback.ONCE)
    feedback_days = models.PositiveSmallIntegerField(_("feedback every (days)"), null=True, blank=True)
    contact_name = models.CharField(_("contact"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    tier = models.CharField(_("tier"), max_length=6, choices=Tier.choices, default=Tier.BLUE)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+", verbose_name=_("issued by"))
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    signed_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("signed by")
    )
    dispute_reason = models.TextField(_("why the unit disputes it"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("answered by")
    )
    returned_count = models.PositiveSmallIntegerField(_("times the answer was returned"), default=0)
    return_reason = models.TextField(_("why the answer was returned"), blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("closed by")
    )
    closing_note = models.TextField(_("closing note"), blank=True)
    # Every move by a person bumps it; a form opened on an older version is refused (supervision/sheets.py).
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("instruction sheet")
        verbose_name_plural = _("instruction sheets")
        ordering = ["-year", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "year", "number"], name="sheet_number_once_per_year"),
            models.CheckConstraint(condition=Q(tier__in=["blue", "yellow", "red"]), name="sheet_tier_valid"),
            models.CheckConstraint(
                condition=Q(status__in=["issued", "signed", "disputed", "answered", "returned", "closed"]),
                name="sheet_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(feedback="once") | Q(feedback="periodic", feedback_days__gte=1),
                name="sheet_periodic_feedback_has_days",
            ),
        ]
        # The nightly and page-load tier refresh looks for open sheets past their deadline.
        indexes = [models.Index(fields=["status", "deadline"], name="sheet_status_deadline")]

    def __str__(self) -> str:
        return f"{self.number_text} {self.matter}"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    @property
    def awaits_unit(self) -> bool:
        """Whether the lead unit must act next (sign, answer, answer again)."""
        return self.status in (self.Status.ISSUED, self.Status.SIGNED, self.Status.RETURNED)


def sheet_attachment_path(attachment: "SheetAttachment", filename: str) -> str:
    # As report attachments (progress/models.py): under MEDIA_ROOT by a name nobody can guess, and
    # served only by supervision.views.sheets.attachment after a permission check.
    return f"sheets/{attachment.sheet.year}/{attachment.sha256[:2]}/{attachment.sha256}"


class SheetAttachment(models.Model):
    """A photo or document sent with a sheet's answer; its type is checked by content, not by name."""

    sheet = models.ForeignKey(
        InstructionSheet, models.PROTECT, related_name="attachments", verbose_name=_("instruction sheet")
    )
    # Which answer it came with: 0 for the first, 1 after the first return, …
    answer_round = models.PositiveSmallIntegerField(_("answer round"), default=0)
    file = models.FileField(_("file"), upload_to=sheet_attachment_path, max_length=200)
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(USER, models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        verbose_name = _("answer attachment")
        verbose_name_plural = _("answer attachments")
        ordering = ["sheet", "uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Escalation(models.Model):
    """A step up the ladder a project reached after a close: formal letter, summons, listed supervision."""

    class Step(models.TextChoices):
        LETTER = "letter", _("formal letter (专函)")
        SUMMON = "summon", _("head of unit summoned (约谈)")
        LISTED = "listed", _("listed for supervision (挂牌督办)")

    project = models.ForeignKey(
        Project, models.PROTECT, related_name="escalations", verbose_name=_("project"), db_index=False
    )
    step = models.CharField(_("step"), max_length=10, choices=Step.choices)
    # The plan's year: each step is reached once a year at most.
    year = models.PositiveSmallIntegerField(_("year"))
    # How many closed periods in a row the project had been yellow-or-red (letter) or red (the others).
    periods = models.PositiveSmallIntegerField(_("periods in a row"))
    reason = models.TextField(_("reason"))
    close = models.ForeignKey(
        PeriodClose, models.PROTECT, null=True, related_name="escalations", verbose_name=_("closed period")
    )
    at = models.DateTimeField(_("reached at"))

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-at", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "step", "year"], name="escalation_once_per_step_and_year"),
            models.CheckConstraint(condition=Q(step__in=["letter", "summon", "listed"]), name="escalation_step_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.get_step_display()} · {self.year}"
