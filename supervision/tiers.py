"""A sheet's colour as the calendar moves: blue while in time, yellow once its deadline has passed without an
answer, red `sheet_red_days` (the office's rule) after that. Colours only go up (a returned answer raises them
too, supervision/sheets.py); closed, answered and disputed sheets wait on the office and are left as they are.

Called by the nightly command and by the sheet pages as they load: when nothing is due to change it costs
one query and takes no lock; otherwise one UPDATE per colour and one INSERT for the trail."""

from datetime import date

from django.db import transaction

from projects import clock
from supervision.models import Event, InstructionSheet
from supervision.rules import rules_for

Status, Tier = InstructionSheet.Status, InstructionSheet.Tier
# The unit's turn: nothing answered yet, or the answer was returned.
UNANSWERED = (Status.ISSUED, Status.SIGNED, Status.RETURNED)


def refresh_tiers(today: date | None = None) -> int:
    """Turn overdue sheets yellow, and red once `sheet_red_days` overdue; an Event each. Returns how many changed."""
    today = today or clock.today()
    overdue = (InstructionSheet.objects.filter(status__in=UNANSWERED, deadline__lt=today)
               .exclude(tier=Tier.RED).order_by("pk"))
    if not overdue.exists():
        return 0
    with transaction.atomic():
        # Locked and read again: two refreshes at once (a page and the nightly run) change and record each sheet once.
        rows = list(overdue.select_for_update().values_list("pk", "jurisdiction_id", "deadline", "tier"))
        red_days = {pk: rules_for(pk).sheet_red_days for pk in {row[1] for row in rows}}
        moves: dict[str, list[tuple[int, str]]] = {Tier.YELLOW: [], Tier.RED: []}
        for pk, jurisdiction_id, deadline, tier in rows:
            wanted = Tier.RED if (today - deadline).days > red_days[jurisdiction_id] else Tier.YELLOW
            if wanted != tier:
                moves[wanted].append((pk, tier))
        at = clock.now()
        trail = []
        for tier, sheets in moves.items():
            if sheets:
                InstructionSheet.objects.filter(pk__in=[pk for pk, _before in sheets]).update(tier=tier)
                trail += [Event(subject=Event.Subject.SHEET, subject_id=pk, action="tier", author=None, at=at,
                                changes={"tier": [before, tier]}) for pk, before in sheets]
        Event.objects.bulk_create(trail)
    return len(trail)
