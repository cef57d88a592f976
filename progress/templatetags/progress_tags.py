from django import template
from django.utils.translation import gettext as _

from progress.models import Report

register = template.Library()


@register.filter
def field_label(name: str) -> str:
    """A revision's field name as the form calls it."""
    if name == "disbursed":
        return _("Disbursed to date (万元)")
    if name == "attachments":
        return _("Photos and documents")
    try:
        return str(Report._meta.get_field(name).verbose_name)
    except Exception:
        return name
