"""What units report about their projects, month by month."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from projects.models import Organization, Project


class MonthlyReport(models.Model):
    """A unit's report on one project for one month (due by the 22nd)."""

    project = models.ForeignKey(Project, models.CASCADE, related_name="reports", verbose_name=_("project"))
    organization = models.ForeignKey(
        Organization, models.PROTECT, related_name="reports", verbose_name=_("unit")
    )
    # The first day of the reporting month.
    month = models.DateField(_("month"))
    progress = models.TextField(_("progress"))
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("reported by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("monthly report")
        verbose_name_plural = _("monthly reports")
        ordering = ["-month", "project"]
        constraints = [
            models.UniqueConstraint(fields=["project", "organization", "month"], name="report_once_per_unit_and_month"),
            models.CheckConstraint(condition=Q(month__day=1), name="report_month_is_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.project} · {self.month:%Y-%m}"
