from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    """The supervision office's cycle, above `progress`: month close, circulars, instruction sheets,
    leaders' instructions and chasing."""

    name = "supervision"
    verbose_name = _("Supervision")
