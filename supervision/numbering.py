"""The office's running numbers: 〔2026〕12号, per jurisdiction, kind of document and year."""

from django.db import transaction
from django.db.models import F

from supervision.models import Sequence


def next_number(*, jurisdiction_id: int, kind: str, year: int) -> int:
    """Take the next number; two offices' clerks publishing at once get two numbers, never one.

    The year's first number has no row to lock yet: the row is inserted (or found) first, and the
    unique constraint makes every concurrent caller meet the same row, whose lock then queues them."""
    with transaction.atomic():
        Sequence.objects.bulk_create([Sequence(jurisdiction_id=jurisdiction_id, kind=kind, year=year)],
                                     ignore_conflicts=True)
        row = Sequence.objects.select_for_update().filter(jurisdiction_id=jurisdiction_id, kind=kind, year=year)
        row.update(last=F("last") + 1)
        return row.values_list("last", flat=True).get()


def formatted(*, prefix: str, year: int, number: int) -> str:
    """鲤督办〔2026〕12号."""
    return f"{prefix}〔{year}〕{number}号"
