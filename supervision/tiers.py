"""A sheet's colour as the calendar moves: blue while in time, yellow once its deadline has passed without an
answer, red from its `red_from` day (the deadline plus the office's sheet_red_days). Colours only go up (a
returned answer raises them too, supervision/sheets.py); closed, answered and disputed sheets wait on the
office and are left as they are.

Called by the nightly command and by the sheet pages as they load: when nothing is due to change it costs
one query and takes no lock; otherwise one UPDATE per colour, one INSERT for the events and one for the audit
trail."""

from datetime import date

from django.db import transaction
from django.db.models import Q

from audit.models import AuditEntry
from audit.recording import record
from projects import clock
from supervision.models import Event, InstructionSheet

Status, Tier = InstructionSheet.Status, InstructionSheet.Tier
# The unit's turn: nothing answered yet, or the answer was returned.
UNANSWERED = (Status.ISSUED, Status.SIGNED, Status.RETURNED)


def refresh_tiers(today: date | None = None) -> int:
    """Turn overdue sheets yellow, and red from their red day; an Event each. Returns how many changed."""
    today = today or clock.today()
    due = (InstructionSheet.objects.filter(status__in=UNANSWERED)
           .filter(Q(tier=Tier.BLUE, deadline__lt=today) | Q(red_from__lte=today)).exclude(tier=Tier.RED)
           .order_by("pk"))
    if not due.exists():
        return 0
    with transaction.atomic():
        # Locked and read again: two refreshes at once (a page and the nightly run) change and record each sheet once.
        moves: dict[str, list[tuple[int, str]]] = {Tier.YELLOW: [], Tier.RED: []}
        for pk, tier, red_from in due.select_for_update().values_list("pk", "tier", "red_from"):
            moves[Tier.RED if red_from <= today else Tier.YELLOW].append((pk, tier))
        at, trail = clock.now(), []
        for tier, sheets in moves.items():
            if sheets:
                InstructionSheet.objects.filter(pk__in=[pk for pk, _before in sheets]).update(tier=tier)
                trail += [Event(subject=Event.Subject.SHEET, subject_id=pk, action="tier", author=None, at=at,
                                changes={"tier": [before, tier]}) for pk, before in sheets]
        Event.objects.bulk_create(trail)
        # One entry for the whole recolouring, written by update() without a signal per sheet.
        record(AuditEntry.Action.CHANGED, object_type="supervision.instructionsheet",
               detail={"tier": {str(pk): [before, tier] for tier, sheets in moves.items() for pk, before in sheets}})
    return len(trail)
