"""The factory that other stories start from."""

from datetime import date

import pytest

from tests.factories import make_plan, make_project
from tests.supervision.factories import make_close


@pytest.mark.django_db
def test_a_close_made_for_a_story_holds_its_snapshots_in_order():
    plan = make_plan(year=2026)
    first, second = make_project(plan=plan), make_project(plan=plan)
    close = make_close(plan=plan, month=date(2026, 3, 1), rows=[(first, "red", 5), (second, "green", 70)])
    assert [(s.name, s.standing) for s in close.snapshots.all()] == [
        (first.name, "behind"), (second.name, "ahead")]
