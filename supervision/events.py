"""One line in the cycle's trail; every service of the cycle writes one inside its transaction."""

from accounts.models import User
from projects import clock
from supervision.models import Event


def record(*, subject: str, subject_id: int, action: str, user: User | None, note: str = "",
           changes: dict | None = None) -> Event:
    return Event.objects.create(subject=subject, subject_id=subject_id, action=action, author=user,
                                at=clock.now(), note=note, changes=changes or {})


def trail(*, subject: str, subject_id: int) -> list[Event]:
    """A document's events, oldest first, with their authors."""
    return list(Event.objects.filter(subject=subject, subject_id=subject_id).select_related("author"))
