from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The top floor: pages that combine several apps (list, project page, dashboard, tasks) and the demo."""

    name = "pages"
    verbose_name = _("Pages")
