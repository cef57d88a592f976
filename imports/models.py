"""The record of every import: who loaded which file when, and what came of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from audit.protection import Kept, KeptQuerySet
from imports.result import ImportResult
from projects.models import Plan


class ImportRecordQuerySet(KeptQuerySet):
    # An applied import is the history of its plan: kept for good (audit/protection.py).
    kept = models.Q(status="applied")


class ImportRecord(Kept, models.Model):
    """One import: who previewed it (`user`, `created_at`), who confirmed it and when, and what came of it."""

    class Status(models.TextChoices):
        PREVIEWED = "previewed", _("previewed")
        APPLIED = "applied", _("applied")
        FAILED = "failed", _("failed")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("previewed by")
    )
    created_at = models.DateTimeField(_("previewed at"), auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("confirmed by")
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    file_name = models.CharField(_("file name"), max_length=255)
    checksum = models.CharField(_("SHA-256"), max_length=64)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    plan = models.ForeignKey(
        Plan, models.SET_NULL, null=True, blank=True, related_name="imports", verbose_name=_("plan")
    )
    # The import's summary as the command's --json prints it: counts, checks, warnings, errors.
    # Read and written through imports.result.ImportResult (the `summary` property, its to_json()).
    result = models.JSONField(_("result"), default=dict)

    objects = ImportRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    def is_kept(self) -> bool:
        return self.status == self.Status.APPLIED

    @property
    def summary(self) -> ImportResult:
        """The stored result, typed (read it once: each access converts the JSON again)."""
        return ImportResult.from_json(self.result)

    @property
    def error_id(self) -> str | None:
        """The id under which the unexpected error that stopped this import is logged (imports.crashes)."""
        return self.summary.error_id


class SavedLayout(models.Model):
    """Column roles an administrator chose by hand for a table of one header, used again for the next
    file with that header (next month's table of the same shape needs no clicks)."""

    # SHA-256 of the header's signature key (imports.shape.split.signature_key): a header may be long.
    digest = models.CharField(_("SHA-256"), max_length=64, unique=True)
    header = models.TextField(_("header"))
    roles = models.JSONField(_("roles"), default=dict)  # LayoutChoice.as_dict()["roles"]
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("remembered column layout")
        verbose_name_plural = _("remembered column layouts")

    def __str__(self) -> str:
        return self.header.replace("|", " | ")[:200]


class SavedReading(models.Model):
    """How to read a list the importer could not place, chosen by an administrator, used again for the
    next list of the same shape (imports.shape.chosen_reading.shape_of: the marks its lines start with and
    its first line)."""

    # SHA-256 of the shape: a shape holds a whole first line.
    digest = models.CharField(_("SHA-256"), max_length=64, unique=True)
    shape = models.TextField(_("shape"))
    choice = models.JSONField(_("reading"), default=dict)  # ReadingChoice.as_dict()
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("user")
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("remembered list reading")
        verbose_name_plural = _("remembered list readings")

    def __str__(self) -> str:
        return self.shape[:200]
