"""Two people acting at once on a chase or an instruction: one wins, the others are told, nothing is doubled.

Real threads, each with its own database connection, released together; run on SQLite and on PostgreSQL
(DATABASE_URL=postgres://… REQUIRE_DATABASE_VENDOR=postgresql)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from projects import clock
from supervision.chasing import chase_units
from supervision.instructions import InstructionConflict, answer_instruction, close_instruction, write_instruction
from supervision.models import Chase, ChaseItem, Event, Instruction
from tests.concurrency import at_once
from tests.factories import make_user
from tests.progress.world import build_world
from tests.supervision.chase_world import TODAY, build_chase_world

pytestmark = pytest.mark.django_db(transaction=True)
DAY = date(2026, 4, 1)


def on(day: date, action):
    # Each thread has its own context: the pinned day is pinned again inside it.
    def job():
        with clock.pinned(day):
            return action()
    return job


def test_coordinators_pressing_chase_at_once_chase_the_unit_once(mailoutbox):
    world = build_chase_world()
    coordinators = [world.coordinator] + [make_user(username=f"duban{n}", role=Role.COORDINATOR,
                                                    jurisdiction=world.district) for n in range(3)]
    results = at_once([on(TODAY, lambda user=user: chase_units(user=user)) for user in coordinators])
    assert not [result for result in results if isinstance(result, Exception)], results
    assert sorted(len(result) for result in results) == [0, 0, 0, 1]
    assert Chase.objects.count() == 1 and ChaseItem.objects.count() == 4 and len(mailoutbox) == 1
    assert Event.objects.filter(subject="chase").count() == 1


def test_officers_answering_at_once_from_the_same_version_one_answer_stands():
    world = build_world()
    with clock.pinned(DAY):
        instruction = write_instruction(user=world.leader, project=world.project, text="请答复。", urgency="urgent")
    officers = [world.officer, world.colleague]
    results = at_once([on(DAY, lambda user=user: answer_instruction(
        user=user, instruction=instruction, text=f"{user.username} 的答复", version=1)) for user in officers])
    assert sorted(type(result).__name__ for result in results) == ["Instruction", "InstructionConflict"]
    winner = next(result for result in results if isinstance(result, Instruction))
    stored = Instruction.objects.get()
    assert (stored.answer, stored.version) == (winner.answer, 2)
    assert Event.objects.filter(subject="instruction", action="answered").count() == 1


def test_a_close_and_an_answer_at_once_do_not_both_change_the_same_version():
    world = build_world()
    with clock.pinned(DAY):
        instruction = write_instruction(user=world.leader, project=world.project, text="请答复。", urgency="urgent")
    results = at_once([
        on(DAY, lambda: answer_instruction(user=world.officer, instruction=instruction, text="答复", version=1)),
        on(DAY, lambda: close_instruction(user=world.leader, instruction=instruction, note="会上已解决", version=1)),
    ])
    refused = [result for result in results if isinstance(result, (InstructionConflict, ValidationError))]
    assert len(refused) == 1, results
    stored = Instruction.objects.get()
    assert stored.version == 2 and stored.status in ("answered", "closed")
