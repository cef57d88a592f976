"""The circular (通报): the office's published summary of one closed period.

Its figures are never stored here: they are read from the close's snapshots, which never change.
What the coordinator writes (the wording) is stored, and so is what the snapshots do not hold: the
coordination requests and leaders' instructions that were open at the close, frozen when the draft
is made so that the published circular reads the same for ever."""

from dataclasses import asdict, dataclass, field
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from supervision.models.closes import PeriodClose


@dataclass(frozen=True)
class FrozenRequest:
    """A coordination request as it stood at the close."""

    project_number: str
    project_name: str
    unit: str  # the unit that raised it
    organization_id: int | None
    text: str
    opened_on: date
    days_open: int  # on the close's judging day


@dataclass(frozen=True)
class FrozenInstruction:
    """A leader's instruction that was still awaiting its answer at the close."""

    project_number: str
    project_name: str
    unit: str  # the unit that must answer
    organization_id: int | None
    author: str
    text: str
    urgency: str
    written_on: date
    due: date
    overdue: bool  # its answer was due before the close's judging day


@dataclass(frozen=True)
class OpenItems:
    """What a circular lists besides its snapshots, converted to and from JSON here and nowhere else."""

    requests: list[FrozenRequest] = field(default_factory=list)
    instructions: list[FrozenInstruction] = field(default_factory=list)

    def to_json(self) -> dict:
        def plain(item) -> dict:
            return {key: value.isoformat() if isinstance(value, date) else value
                    for key, value in asdict(item).items()}

        return {"requests": [plain(item) for item in self.requests],
                "instructions": [plain(item) for item in self.instructions]}

    @classmethod
    def from_json(cls, data: dict | None) -> "OpenItems":
        data = data or {}
        return cls(
            requests=[FrozenRequest(**{**item, "opened_on": date.fromisoformat(item["opened_on"])})
                      for item in data.get("requests", [])],
            instructions=[FrozenInstruction(**{**item, "written_on": date.fromisoformat(item["written_on"]),
                                               "due": date.fromisoformat(item["due"])})
                          for item in data.get("instructions", [])],
        )

    @property
    def overdue(self) -> list[FrozenInstruction]:
        return [item for item in self.instructions if item.overdue]


class Circular(models.Model):
    """One closed period's circular: drafted, worded by the coordinator, then published with its number.

    A published circular never changes. Every save carries the version it was opened on, so an edit
    made on an older version is refused instead of overwriting a colleague's wording."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", pgettext_lazy("circular", "published")

    close = models.OneToOneField(PeriodClose, models.PROTECT, related_name="circular",
                                 verbose_name=_("closed period"))
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    # The year's running number of the office's circulars, and as printed: 鲤督通〔2026〕3号.
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    number_text = models.CharField(_("document number"), max_length=60, blank=True)
    opening = models.TextField(pgettext_lazy("circular", "opening"), blank=True)
    summary_remarks = models.TextField(_("remarks on the overall situation"), blank=True)
    requirements = models.TextField(_("next-step requirements"), blank=True)
    # OpenItems.to_json(): read it through `open_items`.
    frozen = models.JSONField(_("requests and instructions open at the close"), default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+",
                                   verbose_name=_("drafted by"))
    created_at = models.DateTimeField(_("drafted at"))
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=pgettext_lazy("circular", "published by"))
    published_at = models.DateTimeField(pgettext_lazy("circular", "published at"), null=True, blank=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    class Meta:
        verbose_name = _("circular")
        verbose_name_plural = _("circulars")
        ordering = ["-close__period", "-pk"]
        constraints = [
            # A draft has no number yet; a published circular always has one, and its date.
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True, published_at__isnull=True)
                | Q(status="published", number__isnull=False, published_at__isnull=False),
                name="circular_numbered_when_published"),
        ]

    def __str__(self) -> str:
        return f"{self.number_text} {self.title}".strip()

    @property
    def open_items(self) -> OpenItems:
        return OpenItems.from_json(self.frozen)

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT
