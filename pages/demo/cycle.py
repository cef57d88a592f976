"""The supervision office's cycle in the demo's live year, written through the same services as the pages.

While the live year is written (pages/demo/live_year.py), `Closer` closes each period of the
public-service plan a few days after it was due, once that period's reports are written and before
the next period's are, so that each close sees what existed on its day. Then `write_cycle` does
what the office and the units did since: the circular of the latest close published (an older
one's left a draft), one chase of the units late on the latest close's day, and the follow-up
(pages/demo/follow_up.py): instruction sheets, leaders' instructions, verification.

Running the demo again deletes all of it first (`reset_cycle`), as it does the year's reports."""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from accounts.models import User
from audit.models import AuditEntry
from audit.recording import record, summarised
from pages.demo.follow_up import Cast, verify, write_instructions, write_sheets
from progress.models import Verification
from projects import clock
from projects.models import Plan, Project
from projects.schedule import Period
from supervision.chasing import chase_units
from supervision.circulars import draft_circular, edit_circular, publish_circular
from supervision.closing import close_period
from supervision.models import (
    Chase,
    Circular,
    Escalation,
    Event,
    Instruction,
    InstructionSheet,
    PeriodClose,
    Sequence,
    SheetAttachment,
)

# A period is closed this many days after its reports were due: the office gives stragglers a weekend.
CLOSE_AFTER = 3
REQUIREMENTS = ("各责任单位要对照序时进度查找差距，亮红灯、黄灯的项目要制定赶超措施，于下月报送进展时一并说明；"
                "督查室将对连续亮灯的项目开展实地督查。")


def close_day(period: Period, today: date) -> date:
    """The day the demo's office closes a period: a few days after it was due, never after today."""
    return min(period.due + timedelta(days=CLOSE_AFTER), today)


@dataclass
class Closer:
    """Called after each period of the live year: closes the public-service plan's periods that are due."""

    coordinator: User
    today: date
    closed: list[PeriodClose] = field(default_factory=list)

    def __call__(self, plan: Plan, period: Period) -> None:
        if plan.kind != Plan.Kind.PUBLIC_SERVICE or period.due >= self.today:
            return
        with clock.pinned(close_day(period, self.today)):
            self.closed.append(close_period(user=self.coordinator, plan=plan, month=period.month))


@dataclass(frozen=True)
class CycleWritten:
    """What the demo's cycle wrote, for the command's summary."""

    closes: list[PeriodClose]
    circular: Circular | None
    chases: int


@transaction.atomic
def write_cycle(*, plans: list[Plan], closes: list[PeriodClose], coordinator: User, officer: User,
                leader: User) -> CycleWritten:
    """After the live year and its closes: circulars, one chase, sheets, instructions and verification."""
    cast = Cast(coordinator=coordinator, officer=officer, leader=leader, today=clock.today())
    latest = closes[-1] if closes else None
    latest_day = timezone.localdate(latest.closed_at) if latest else None
    chases = 0
    if latest is not None:
        with clock.pinned(latest_day):
            chases = len(chase_units(user=coordinator))
    # Instructions first: the circulars list those open at their close.
    write_instructions(plans, cast, latest_day)
    circular = None
    if len(closes) > 1:
        older = closes[-2]
        with clock.pinned(cast.day(timezone.localdate(older.closed_at) + timedelta(days=1))):
            draft_circular(user=coordinator, close=older)
    if latest is not None:
        with clock.pinned(cast.day(latest_day + timedelta(days=1))):
            circular = draft_circular(user=coordinator, close=latest)
            circular = edit_circular(user=coordinator, circular=circular, version=circular.version,
                                     opening=circular.opening, summary_remarks=circular.summary_remarks,
                                     requirements=REQUIREMENTS)
        with clock.pinned(cast.day(latest_day + timedelta(days=2))):
            circular = publish_circular(user=coordinator, circular=circular, version=circular.version)
    write_sheets(plans, cast, latest_day)
    verify(plans, cast)
    return CycleWritten(closes=closes, circular=circular, chases=chases)


@transaction.atomic
def reset_cycle(plans: list[Plan]) -> None:
    """Delete the plans' cycle rows, those that protect others first, and take their numbers back.

    A demo reset only: in the product a close, a sheet or an instruction is never deleted. The rows go unrecorded
    one by one (the demo's own), the reset as one entry of the trail."""
    with summarised("demo reset"):
        _delete_cycle(plans)
    record(AuditEntry.Action.ERASED, object_type="supervision.periodclose",
           detail={"reason": "demo reset", "plans": [plan.pk for plan in plans]})


def _delete_cycle(plans: list[Plan]) -> None:
    projects = Project.objects.filter(plan__in=plans)
    closes = PeriodClose.objects.filter(plan__in=plans)
    circulars = Circular.objects.filter(close__in=closes)
    sheets = InstructionSheet.objects.filter(project__in=projects)
    instructions = Instruction.objects.filter(project__in=projects)
    chases = Chase.objects.filter(items__project__in=projects).distinct()
    subjects = {Event.Subject.CLOSE: closes, Event.Subject.CIRCULAR: circulars, Event.Subject.SHEET: sheets,
                Event.Subject.INSTRUCTION: instructions, Event.Subject.CHASE: chases}
    trail = Q(pk__in=[])
    for subject, rows in subjects.items():
        trail |= Q(subject=subject, subject_id__in=list(rows.values_list("pk", flat=True)))
    Event.objects.filter(trail).delete()
    Chase.objects.filter(pk__in=list(chases.values_list("pk", flat=True))).delete()
    SheetAttachment.objects.filter(sheet__in=sheets).delete()
    sheets.delete()
    instructions.delete()
    Escalation.objects.filter(Q(project__in=projects) | Q(close__in=closes)).delete()
    circulars.delete()
    closes.delete()
    Verification.objects.filter(project__in=projects).delete()
    _take_numbers_back({plan.year for plan in plans})


def _take_numbers_back(years: set[int]) -> None:
    """Each sequence of the years back at the highest number still in use, so that the demo numbers from 1 again."""
    for sequence in Sequence.objects.filter(year__in=years):
        if sequence.kind == Sequence.Kind.SHEET:
            used = InstructionSheet.objects.filter(jurisdiction_id=sequence.jurisdiction_id, year=sequence.year)
        else:
            used = Circular.objects.filter(close__plan__jurisdiction_id=sequence.jurisdiction_id,
                                           number_text__contains=f"〔{sequence.year}〕")
        sequence.last = used.aggregate(last=Max("number"))["last"] or 0
        sequence.save(update_fields=["last"])
