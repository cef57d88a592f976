from django import template
from django.core.exceptions import FieldDoesNotExist
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
    except FieldDoesNotExist:
        return name


@register.filter
def choice_label(value: str, name: str) -> str:
    """A revision's stored value as the reader sees it: 'in_progress' -> 推进中."""
    try:
        field = Report._meta.get_field(name)
    except FieldDoesNotExist:
        return value
    return str(dict(getattr(field, "flatchoices", ())).get(value, value))
