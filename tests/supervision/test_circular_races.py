"""Two people acting on the same circular at the same moment: one wins, the other is told, and the
database never holds two circulars of one close or two numbers for one circular."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from projects import clock
from supervision.circulars import CircularConflict, draft_circular, edit_circular, publish_circular
from supervision.models import Circular, Sequence
from tests.concurrency import at_once
from tests.supervision.circular_world import build_circular_world

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_coordinators_drafting_the_same_close_at_once_make_one_circular():
    world = build_circular_world()
    results = at_once([lambda: draft_circular(user=world.coordinator, close=world.close),
                       lambda: draft_circular(user=world.admin, close=world.close)])
    assert sorted(type(result).__name__ for result in results) == ["Circular", "ValidationError"], results
    assert Circular.objects.filter(close=world.close).count() == 1


def test_two_clicks_on_publish_at_once_number_the_circular_once():
    world = build_circular_world()
    circular = draft_circular(user=world.coordinator, close=world.close)

    def publish(user):
        with clock.pinned(date(2026, 11, 3)):
            return publish_circular(user=user, circular=circular, version=1)

    results = at_once([lambda: publish(world.coordinator), lambda: publish(world.admin)])
    published = [result for result in results if isinstance(result, Circular)]
    refused = [result for result in results if isinstance(result, ValidationError)]
    assert (len(published), len(refused)) == (1, 1), results
    assert Circular.objects.get(pk=circular.pk).number_text == "〔2026〕1号"
    # The loser waited for the lock, found the circular published and took no number.
    assert Sequence.objects.get(kind="circular", year=2026).last == 1


def test_two_edits_made_on_the_same_version_at_once_keep_one_and_refuse_the_other():
    world = build_circular_world()
    circular = draft_circular(user=world.coordinator, close=world.close)

    def edit(user, opening):
        return edit_circular(user=user, circular=circular, version=1, opening=opening, summary_remarks="",
                             requirements="")

    results = at_once([lambda: edit(world.coordinator, "甲"), lambda: edit(world.admin, "乙")])
    assert sorted(type(result).__name__ for result in results) == ["Circular", "CircularConflict"], results
    winner = next(result for result in results if isinstance(result, Circular))
    loser = next(result for result in results if isinstance(result, CircularConflict))
    stored = Circular.objects.get(pk=circular.pk)
    assert (stored.opening, stored.version) == (winner.opening, 2)
    assert loser.circular.opening == winner.opening  # what the loser is shown next to their own text
