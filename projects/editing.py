"""Saving a form over a versioned record: the one way the report and the circular pages handle a save that
lost a race, so a person never loses what they wrote.

On a conflict the form keeps what this person wrote, and its version becomes the other's: saving again now
saves over the version they have just been shown. A refusal (ValidationError) goes on the form in words."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def save_keeping_input(form: forms.Form, save: Callable[[], object], conflict: type[Exception],
                       theirs: Callable[[Exception], Any]) -> tuple[bool, Any]:
    """Run `save`; returns (saved, the other's record when the save lost a race, else None)."""
    try:
        save()
    except conflict as clash:
        other = theirs(clash)
        form.data = form.data.copy()
        form.data["version"] = other.version
        return False, other
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False, None
    return True, None


def status_of(form: forms.Form | None, conflict: object) -> int:
    """409 when the save lost a race, 400 when the form was refused, else 200."""
    if conflict is not None:
        return 409
    return 400 if form is not None and form.errors else 200
