"""What each jurisdiction's office decides for itself: its numbering and its escalation rules."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Jurisdiction


class Sequence(models.Model):
    """The office's running number for one kind of document and year: 〔2026〕12号."""

    class Kind(models.TextChoices):
        CIRCULAR = "circular", _("circular")
        SHEET = "sheet", _("instruction sheet")

    jurisdiction = models.ForeignKey(
        Jurisdiction, models.CASCADE, related_name="+", verbose_name=_("jurisdiction"), db_index=False
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "kind", "year"], name="sequence_once_per_kind_and_year"),
            models.CheckConstraint(condition=Q(kind__in=["circular", "sheet"]), name="sequence_kind_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction} · {self.get_kind_display()} · {self.year}: {self.last}"


def _days(label, help_text, upper=365):
    return models.PositiveSmallIntegerField(
        label, null=True, blank=True, help_text=help_text, validators=[MinValueValidator(1), MaxValueValidator(upper)]
    )


class Rules(models.Model):
    """A jurisdiction's own settings for the cycle. Every empty field means "as the parent jurisdiction",
    and at the top the product's defaults (supervision/rules.py), which follow published practice."""

    class Webhook(models.TextChoices):
        WECOM = "wecom", _("WeCom group robot")
        DINGTALK = "dingtalk", _("DingTalk group robot")

    jurisdiction = models.OneToOneField(
        Jurisdiction, models.CASCADE, primary_key=True, related_name="supervision_rules",
        verbose_name=_("jurisdiction"),
    )
    circular_prefix = models.CharField(
        _("circular number prefix"), max_length=20, blank=True, help_text=_("Printed before 〔year〕N号, e.g. 鲤督通.")
    )
    sheet_prefix = models.CharField(
        _("instruction sheet number prefix"), max_length=20, blank=True,
        help_text=_("Printed before 〔year〕N号, e.g. 鲤督办."),
    )
    sheet_red_days = _days(_("days past the deadline before a sheet turns red"),
                           _("A sheet turns yellow when its deadline passes unanswered, red this many days later. "
                             "Empty: as the parent (10)."))
    suggest_sheet_periods = _days(_("red periods before a sheet is suggested"),
                                  _("Empty: as the parent (2)."), upper=12)
    letter_yellow_periods = _days(_("yellow periods in a row before a formal letter (专函)"),
                                  _("Empty: as the parent (2)."), upper=12)
    summon_red_periods = _days(_("red periods in a row before the unit's head is summoned (约谈)"),
                               _("Empty: as the parent (3)."), upper=12)
    listed_red_periods = _days(_("red periods in a row before the project is listed for supervision (挂牌督办)"),
                               _("Empty: as the parent (5)."), upper=12)
    urgent_days = _days(_("days to answer an urgent instruction"), _("Empty: as the parent (5)."))
    normal_days = _days(_("days to answer a normal instruction"), _("Empty: as the parent (15)."))
    difficult_days = _days(_("days to answer a difficult instruction"), _("Empty: as the parent (30)."))
    webhook_kind = models.CharField(_("group robot"), max_length=10, choices=Webhook.choices, blank=True)
    webhook_url = models.URLField(
        _("group robot address"), max_length=500, blank=True,
        help_text=_("Chasing messages are also posted here. Empty: as the parent, or none."),
    )

    class Meta:
        verbose_name = _("supervision rules")
        verbose_name_plural = _("supervision rules")

    def __str__(self) -> str:
        return str(self.jurisdiction)
