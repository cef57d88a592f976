"""Words for the cycle's trail: an event's action in the reader's language."""

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()

# The actions the instructions' and chases' services record (supervision/instructions.py, chasing.py).
ACTIONS = {
    "written": _("written"),
    "answered": _("answered"),
    "closed": _("closed"),
    "sent": _("sent"),
    "read": _("read"),
}


@register.filter
def event_action(action: str) -> str:
    return ACTIONS.get(action, action)


@register.filter
def person_name(user) -> str:
    """A user as colleagues know them ("—" for an account deleted since)."""
    if user is None:
        return "—"
    return user.get_full_name() or user.username
