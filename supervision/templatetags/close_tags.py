"""How a closed period's rows read on its page."""

from django import template
from django.utils.translation import gettext as _

from progress.lights import describe

register = template.Library()


@register.filter
def reasons_text(reasons: list[dict]) -> str:
    """A snapshot's light reasons, in the reader's language, one after another."""
    return "；".join(describe(reason) for reason in reasons)


@register.filter
def source_label(name: str) -> str:
    """A snapshot's funding source name; "" is the amount reported for all sources together."""
    return name or _("all sources")


@register.filter
def who(user) -> str:
    """An account's name as pages show it; nothing for an account since removed (or an import)."""
    if user is None:
        return ""
    return user.get_full_name() or user.username
