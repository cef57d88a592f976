"""The demo's current year is live on any day of it: `manage.py demo --today` writes its reports as on that day.

On 3 January nothing is due yet, so nothing can be late; every other light and state is there all year."""

from collections import Counter
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from accounts.models import User
from pages.tasks import officer_tasks
from progress.models import ProjectStatus, Report, Revision, Verification
from progress.selectors import supervised
from projects import clock
from projects.models import Plan
from supervision.models import (
    Chase,
    Circular,
    Escalation,
    Event,
    Instruction,
    InstructionSheet,
    PeriodClose,
    Snapshot,
)

pytestmark = pytest.mark.django_db
DAYS = [date(2026, 12, 7), date(2027, 3, 15), date(2027, 1, 3), date(2026, 12, 31)]


def demo(today: date) -> str:
    out = StringIO()
    call_command("demo", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_the_current_year_shows_every_light_and_every_state_the_date_allows(today):
    demo(today)
    live = Plan.objects.filter(year=today.year)
    assert sorted(live.values_list("kind", flat=True)) == ["public_service", "work_report"]
    assert all(str(today.year) in plan.title for plan in live)
    statuses = ProjectStatus.objects.filter(project__plan__in=live)
    # The demo's finished projects claim 100 % (progress/verification.py): the coordinator verifies them, but
    # the officer's unit's, which awaits verification (pages/demo/follow_up.py).
    assert set(statuses.values_list("light", flat=True)) == {"green", "yellow", "red", "awaiting", "done"}
    reports = Report.objects.filter(project__plan__in=live).select_related("project__plan")
    assert set(reports.values_list("status", flat=True)) == {"draft", "submitted", "returned", "accepted", "withdrawn"}
    something_due = any(period.due < today for plan in live for period in plan.schedule.periods(plan.year))
    assert statuses.filter(late_period__isnull=False).exists() == something_due == (today != date(2027, 1, 3))

    # No project counts more days late than the year has had; no report is for a period not yet open
    # or stamped after today.
    year_so_far = (today - date(today.year, 1, 1)).days
    assert all(reason.get("days", 0) <= year_so_far for status in statuses for reason in status.reasons)
    for report in reports:
        assert report.project.plan.schedule.period(today.year, report.period).opens <= today
        if report.submitted_at:
            assert timezone.localdate(report.submitted_at) <= today
    # Written through the services: every report has its history.
    assert not Report.objects.filter(revisions__isnull=True).exists()
    # The five real tables are past years: their days late stopped at their year's end (due 22 or 25 December).
    for status in ProjectStatus.objects.exclude(project__plan__in=live):
        assert status.late_period is None
        assert all(reason.get("days", 0) <= 9 for reason in status.reasons)

    # The printed officer and leader have this year's work.
    officer, leader = User.objects.get(username="officer"), User.objects.get(username="leader")
    with clock.pinned(today):
        due = officer_tasks(officer, today)["due"]
    assert due and {item.project.plan_id for item in due} <= set(live.values_list("pk", flat=True))
    assert supervised(leader).filter(plan__in=live).count() > 5
    # Seed 003's 29 half-year entries are accepted reports of 2023-06, imported with their history.
    half_year = Report.objects.filter(project__plan__kind="progress_report")
    assert set(half_year.values_list("status", "period")) == {("accepted", date(2023, 6, 1))}
    assert Revision.objects.filter(report__in=half_year, action="imported").count() == 29


def test_running_the_demo_again_resets_this_years_reports_and_cycle():
    demo(date(2027, 3, 15))
    first = sorted(Report.objects.values_list("project__name", "period", "status"))
    lights = sorted(ProjectStatus.objects.values_list("project__name", "light"))
    cycle = cycle_written()
    out = demo(date(2027, 3, 15))
    assert sorted(Report.objects.values_list("project__name", "period", "status")) == first
    # The lights start afresh too: none carried over from the first run colours the second's closes.
    assert sorted(ProjectStatus.objects.values_list("project__name", "light")) == lights
    # The cycle is written afresh, numbered from 1 again (pages/demo/cycle.py reset_cycle).
    assert cycle_written() == cycle
    assert "demo-officer-2026" in out


def cycle_written() -> dict:
    """What the demo's cycle left, as comparable values."""
    return {
        "closes": sorted(PeriodClose.objects.values_list("plan__title", "period", "as_of")),
        "snapshots": sorted(Snapshot.objects.values_list("close__period", "name", "light")),
        "escalations": sorted(Escalation.objects.values_list("project__name", "step")),
        "circulars": sorted(Circular.objects.values_list("close__period", "status", "number_text")),
        "sheets": sorted(InstructionSheet.objects.values_list("number_text", "project__name", "status", "tier")),
        "instructions": sorted(Instruction.objects.values_list("project__name", "status")),
        "verifications": sorted(Verification.objects.values_list("project__name", "outcome")),
        "chases": sorted(Chase.objects.values_list("organization__name", "items__project__name")),
        "events": sorted(Counter(Event.objects.values_list("subject", "action")).items()),
    }


def test_a_day_that_is_not_a_date_is_refused_before_anything_is_written():
    with pytest.raises(CommandError, match="--today: not a date: 2027-02-30"):
        call_command("demo", "--today", "2027-02-30", stdout=StringIO())
    assert not Plan.objects.exists()
