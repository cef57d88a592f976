"""What day it is, for the services, the lights and the pages that judge by the date.

Everything that asks "is this report late?" asks `today()`, and everything that stamps a report,
a review or a request asks `now()`. Both are the real date and time unless `pinned(day)` says
otherwise for the code inside it. That one hook lets the demo write a year of reports as of a
chosen day (`manage.py demo --today 2027-01-03`, period by period as the units would have) and
lets tests see the pages on a given day, without mocking Django's clock."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime

from django.utils import timezone

_pinned: ContextVar[date | None] = ContextVar("pinned_today", default=None)


def today() -> date:
    """The local date, or the pinned day."""
    return _pinned.get() or timezone.localdate()


def now() -> datetime:
    """The current time; on a pinned day, that day at the current local time of day (aware)."""
    day = _pinned.get()
    if day is None:
        return timezone.now()
    return timezone.localtime().replace(year=day.year, month=day.month, day=day.day)


@contextmanager
def pinned(day: date | None) -> Iterator[None]:
    """Make `today()` return `day` inside the block (None: the real date)."""
    token = _pinned.set(day)
    try:
        yield
    finally:
        _pinned.reset(token)
