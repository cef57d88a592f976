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


@pytest.mark.django_db
def test_a_closes_figures_count_every_light_standing_and_late_unit_from_its_snapshots():
    from progress.models import ProjectStatus
    from supervision.figures import close_figures
    from supervision.models import Snapshot

    plan = make_plan(year=2026)
    a, b, c = (make_project(plan=plan) for _ in range(3))
    close = make_close(plan=plan, month=date(2026, 3, 1), rows=[(a, "red", 10), (b, "green", 50), (c, "done", 100)])
    Snapshot.objects.filter(close=close, project=a).update(report_state="missing", lead_unit="区住建局")
    Snapshot.objects.filter(close=close, project=b).update(report_state="late", lead_unit="区住建局", days_late=3)
    figures = close_figures(close)
    assert figures.projects == 3 and figures.target == 50 and figures.mean_percent == 53
    assert figures.lights == {light: {"red": 1, "green": 1, "done": 1}.get(light, 0)
                              for light in ProjectStatus.Light.values}
    assert (figures.standings["behind"], figures.standings["on_schedule"], figures.standings["done"]) == (1, 1, 1)
    assert [(u.name, len(u.late), len(u.missing)) for u in figures.late_units] == [("区住建局", 1, 1)]
