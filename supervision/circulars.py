"""Every write of a circular: draft, word, take the open lists again, publish.

Each is one transaction that checks who may do it, locks the circular and checks the state and
version it starts from, and writes a line in the cycle's trail (supervision/events.py). A second
draft of the same close, an edit on an older version or a second publication is refused with a
message; nothing is written."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from projects import clock
from supervision.circular_selectors import may_write_circulars, open_items_at
from supervision.circular_text import default_title, default_wording
from supervision.events import record
from supervision.figures import close_figures
from supervision.models import Circular, Event, PeriodClose, Sequence
from supervision.numbering import formatted, next_number
from supervision.rules import rules_for

WORDING = ("opening", "summary_remarks", "requirements")
SUBJECT = Event.Subject.CIRCULAR


class CircularConflict(ValidationError):
    """Someone saved the circular after the version this action started from."""

    def __init__(self, circular: Circular):
        super().__init__(_("Someone changed the circular meanwhile; read it again first."))
        self.circular = circular


def _check_may_write(user: User, close: PeriodClose) -> None:
    if not may_write_circulars(user, close.plan):
        raise PermissionDenied(_("Only coordinators and administrators draft and publish circulars."))


def _locked_draft(circular: Circular, version: int) -> Circular:
    """The circular, locked, if it is still a draft at `version`; a published one is never changed."""
    row = Circular.objects.select_for_update().select_related("close__plan__jurisdiction").get(pk=circular.pk)
    if not row.is_draft:
        raise ValidationError(_("The circular has been published as %(number)s; a published circular is never "
                                "changed.") % {"number": row.number_text})
    if row.version != version:
        raise CircularConflict(row)
    return row


@transaction.atomic
def draft_circular(*, user: User, close: PeriodClose) -> Circular:
    """Start the circular of a closed period: default wording, and the requests and instructions open at the close."""
    _check_may_write(user, close)
    taken = _("This closed period has its circular already.")
    if Circular.objects.filter(close=close).exists():
        raise ValidationError(taken)
    wording = default_wording(close, close_figures(close))
    circular = Circular(close=close, title=default_title(close), opening=wording.opening,
                        summary_remarks=wording.summary_remarks, requirements=wording.requirements,
                        frozen=open_items_at(close).to_json(), created_by=user, created_at=clock.now())
    try:
        # Two coordinators drafting at once: the one-to-one key decides, the other is told as above.
        with transaction.atomic():
            circular.save(force_insert=True)
    except IntegrityError:
        raise ValidationError(taken) from None
    record(subject=SUBJECT, subject_id=circular.pk, action="drafted", user=user, note=str(close))
    return circular


@transaction.atomic
def edit_circular(*, user: User, circular: Circular, version: int, opening: str, summary_remarks: str,
                  requirements: str) -> Circular:
    """Rewrite a draft's wording; its figures are the snapshots' and are not among what may be written."""
    _check_may_write(user, circular.close)
    row = _locked_draft(circular, version)
    after = {"opening": opening.strip(), "summary_remarks": summary_remarks.strip(),
             "requirements": requirements.strip()}
    changes = {name: [getattr(row, name), value] for name, value in after.items() if getattr(row, name) != value}
    for name, value in after.items():
        setattr(row, name, value)
    row.version += 1
    row.save(update_fields=[*WORDING, "version"])
    record(subject=SUBJECT, subject_id=row.pk, action="edited", user=user, changes=changes)
    return row


@transaction.atomic
def regenerate_circular(*, user: User, circular: Circular, version: int) -> Circular:
    """Take a draft's requests and instructions open at the close again (after a late entry or a correction)."""
    _check_may_write(user, circular.close)
    row = _locked_draft(circular, version)
    before, items = row.open_items, open_items_at(row.close)
    row.frozen = items.to_json()
    row.version += 1
    row.save(update_fields=["frozen", "version"])
    counts = {"requests": [str(len(before.requests)), str(len(items.requests))],
              "instructions": [str(len(before.instructions)), str(len(items.instructions))]}
    record(subject=SUBJECT, subject_id=row.pk, action="regenerated", user=user,
           changes={name: pair for name, pair in counts.items() if pair[0] != pair[1]})
    return row


@transaction.atomic
def publish_circular(*, user: User, circular: Circular, version: int) -> Circular:
    """Number the draft with the office's next circular number of the year and publish it, for good."""
    _check_may_write(user, circular.close)
    # The circular is locked before the number is taken: a second click waits, finds it published
    # and is refused, and no number is used up for nothing.
    row = _locked_draft(circular, version)
    jurisdiction = row.close.plan.jurisdiction
    year = clock.today().year
    row.number = next_number(jurisdiction_id=jurisdiction.pk, kind=Sequence.Kind.CIRCULAR, year=year)
    row.number_text = formatted(prefix=rules_for(jurisdiction).circular_prefix, year=year, number=row.number)
    row.status, row.published_by, row.published_at = Circular.Status.PUBLISHED, user, clock.now()
    row.version += 1
    row.save(update_fields=["number", "number_text", "status", "published_by", "published_at", "version"])
    record(subject=SUBJECT, subject_id=row.pk, action="published", user=user, note=row.number_text)
    return row
