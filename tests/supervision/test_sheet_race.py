"""Moves made at once by different people: one happens, the others are told why not, nothing is written twice.

Real threads with their own connections (tests/concurrency.py); run on SQLite and on PostgreSQL
(DATABASE_URL=postgres://… REQUIRE_DATABASE_VENDOR=postgresql)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from projects import clock
from supervision import sheets
from supervision.models import Event, InstructionSheet
from tests.concurrency import at_once
from tests.factories import make_user
from tests.supervision.sheet_world import DEADLINE, ISSUED_ON, YEAR, build_sheet_world, issue

pytestmark = pytest.mark.django_db(transaction=True)


def pinned(day: date, job):
    """The job run on `day` in its own thread (the pinned day is the thread's own context)."""
    def run():
        with clock.pinned(day):
            return job()
    return run


def test_officers_signing_at_once_leave_one_signature_and_the_others_a_message():
    world = build_sheet_world()
    officers = [world.officer, world.colleague] + [
        make_user(username=f"officer{n}", password=None, role=Role.OFFICER, organization=world.lead_unit)
        for n in range(2)]
    for attempt in range(3):
        sheet = issue(world, matter=f"事项{attempt}")
        results = at_once([pinned(date(YEAR, 3, 11), lambda user=user, sheet=sheet: sheets.sign_sheet(
            user=user, sheet=sheet, version=sheet.version)) for user in officers])
        signed = [result for result in results if isinstance(result, InstructionSheet)]
        refused = [result for result in results if isinstance(result, ValidationError)]
        assert (len(signed), len(refused)) == (1, len(officers) - 1), results
        stored = InstructionSheet.objects.get(pk=sheet.pk)
        assert (stored.status, stored.signed_by_id, stored.version) == ("signed", signed[0].signed_by_id, 2)
        assert Event.objects.filter(subject="sheet", subject_id=sheet.pk, action="signed").count() == 1


def test_coordinators_issuing_at_once_take_numbers_one_after_another():
    world = build_sheet_world()
    colleagues = [world.coordinator] + [
        make_user(username=f"duban{n}", password=None, role=Role.COORDINATOR, jurisdiction=world.district)
        for n in range(3)]
    results = at_once([pinned(ISSUED_ON, lambda user=user: sheets.issue_sheet(
        user=user, project=world.project, matter="事项", content="内容", deadline=DEADLINE)) for user in colleagues])
    assert sorted(result.number for result in results) == [1, 2, 3, 4], results


def test_a_return_and_a_close_at_once_one_happens_and_the_other_is_refused():
    world = build_sheet_world()
    second = make_user(username="duban2", password=None, role=Role.COORDINATOR, jurisdiction=world.district)
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        sheet = sheets.answer_sheet(user=world.officer, sheet=sheet, text="已办")
    results = at_once([
        pinned(date(YEAR, 3, 12), lambda: sheets.return_answer(user=world.coordinator, sheet=sheet, reason="不够",
                                                               version=sheet.version)),
        pinned(date(YEAR, 3, 12), lambda: sheets.close_sheet(user=second, sheet=sheet, note="办结",
                                                             version=sheet.version)),
    ])
    done = [result for result in results if isinstance(result, InstructionSheet)]
    assert len(done) == 1 and isinstance(next(r for r in results if r not in done), ValidationError), results
    stored = InstructionSheet.objects.get(pk=sheet.pk)
    assert stored.status == done[0].status and stored.version == sheet.version + 1
