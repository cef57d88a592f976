"""How the year is going: the leader's and the coordinator's one screen, each number a link to its list."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from projects.models import Person, Plan
from tests.factories import make_user
from tests.projects.conftest import load

pytestmark = pytest.mark.django_db


def test_the_coordinator_sees_the_year_in_figures_that_link_to_their_lists(client, year_2022):
    plan, coordinator = year_2022
    client.force_login(coordinator)
    response = client.get(reverse("dashboard"))
    board = response.context["board"]
    assert (board.jurisdiction, board.year) == (plan.jurisdiction, 2022)
    headline = board.headline
    assert (headline["projects"], headline["done"], headline["red"]) == (34, 1, 33)
    assert headline["percent"] == 75  # 50 and 100
    assert sum(row["projects"] for row in board.by_category) == 34
    unit = next(row for row in board.by_unit if row["label"] == "区住建局")
    assert (unit["projects"], unit["done"], unit["red"]) == (3, 1, 2)
    page = response.content.decode()
    # Every number links to the list behind it, and the list shows exactly that many.
    link = (f'{reverse("projects:list")}?jurisdiction={plan.jurisdiction_id}&amp;year=2022&amp;'
            f'lead_unit={unit["organization_id"]}&amp;light=red')
    assert link in page
    listed = client.get(link.replace("&amp;", "&")).context["table"].paginator.count
    assert listed == 2
    assert [item.text for item in board.requests] == ["征迁受阻"]
    assert [report.project.number for report in board.missed] == ["8"]
    # Ten units at most, the most missing first; 区住建局 (13 has not reported) is in the list behind "all N".
    assert len(board.missing) == 10 and board.totals["missing_units"] > 10
    counts = [row["projects"] for row in board.missing]
    assert counts == sorted(counts, reverse=True)
    missing = client.get(reverse("projects:list"), {"lead_unit": unit["organization_id"], "missing": 1})
    assert [row.record.number for row in missing.context["table"].page.object_list] == ["13"]
    money = {row["source"]: row for row in board.money}
    assert money[None]["disbursed"] == 550


def test_a_leader_lands_on_the_projects_they_supervise(client, year_2022):
    plan, _coordinator = year_2022
    wang = Person.objects.get(name="王伟")
    client.force_login(make_user(username="wang", role=Role.LEADER, person=wang))
    board = client.get(reverse("dashboard")).context["board"]
    assert board.person == wang and board.headline["projects"] == 9
    assert client.get(reverse("dashboard"), {"mine": 0}).context["board"].headline["projects"] == 34


def test_another_jurisdictions_coordinator_sees_none_of_it(client, year_2022):
    load("002")
    other = Plan.objects.get(year=2023).jurisdiction
    client.force_login(make_user(username="xt", role=Role.COORDINATOR, jurisdiction=other))
    plan, _coordinator = year_2022
    response = client.get(reverse("dashboard"), {"jurisdiction": plan.jurisdiction_id, "year": 2022})
    board = response.context["board"]
    assert board.jurisdiction == other and board.headline["projects"] == 12
    assert "征迁受阻" not in response.content.decode()


def test_the_dashboard_keeps_its_number_of_queries_as_plans_grow(client, year_2022):
    _plan, coordinator = year_2022
    client.force_login(coordinator)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("dashboard")).status_code == 200
        return len(queries)

    few = count()
    load("004")  # 98 more tasks of 鲤城区 2022, with their own units and leaders
    assert count() == few


# Queries of the dashboard, whatever the number of plans, projects, units and leaders. Session, user, groups,
# permissions (2); jurisdictions under the user's (2: the choices and the scope), the jurisdiction choices, the
# years; headline, money planned and disbursed (2), categories, units, leaders; this period's missing reports
# (plans, units, count); open requests (count, ten); missed milestones (ten, count); reports by period (plans,
# projects owing, reports handed in); leaders' instructions not closed and overdue (2 counts) and the closes of
# the plans in view (pages/cycle.py). A leader's view adds their person.
@pytest.mark.parametrize("who, pinned", [("coordinator", 28), ("leader", 29)])
def test_the_dashboards_queries_are_pinned_and_do_not_grow(client, year_2022, django_assert_num_queries, who, pinned):
    plan, coordinator = year_2022
    user = coordinator if who == "coordinator" else make_user(
        username="wang", role=Role.LEADER, person=Person.objects.get(name="王伟"), jurisdiction=plan.jurisdiction)
    client.force_login(user)
    with django_assert_num_queries(pinned):
        assert client.get(reverse("dashboard")).status_code == 200
    load("004")  # 98 more tasks of 鲤城区 2022, with their own units and leaders
    with django_assert_num_queries(pinned):
        assert client.get(reverse("dashboard")).status_code == 200


def test_the_dashboard_opens_with_charts_of_lights_periods_and_completion_against_time(client, year_2022):
    plan, coordinator = year_2022
    client.force_login(coordinator)
    response = client.get(reverse("dashboard"))
    board = response.context["board"]
    # Lights by category: each bar is its category's projects, red first.
    for bar in board.category_bars:
        assert sum(segment.count for segment in bar["segments"]) == bar["projects"]
        worst_first = ["red", "yellow", "awaiting", "green", "done", "none"]
        assert [segment.kind for segment in bar["segments"]] == sorted(
            (segment.kind for segment in bar["segments"]), key=worst_first.index)
    # Reports by period: twelve monthly periods of 2022; both reports of 2022-12 were handed in years late, and
    # every other project with a lead unit owes that report still. The year is over, so nothing is still to come.
    assert [bar.month.month for bar in board.periods] == list(range(1, 13))
    december = board.periods[-1]
    assert (december.on_time, december.late, december.not_due) == (0, 2, 0)
    assert december.missing == december.owed - 2
    # 2022 is over: the time-proportional target is 100 %; 75 % on average is 25 points behind.
    assert board.target == 100
    assert board.completion[0] == {"label": None, "percent": 75, "query": "", "behind": True, "gap": 25}
    page = response.content.decode()
    for heading in ("各类别亮灯情况", "各报送期报送情况", "完成进度与序时进度", "落后 25 个百分点"):
        assert heading in page
    assert "style=" not in page[page.index('<div class="charts">'):]  # drawn without style attributes (CSP)


@pytest.mark.parametrize("today, share", [("2026-01-01", 0), ("2026-07-02", 50), ("2026-12-31", 100),
                                          ("2027-03-01", 100), ("2025-12-31", 0)])
def test_the_time_proportional_target_is_the_share_of_the_year_gone_by(today, share):
    from datetime import date

    from pages.charts import time_share
    assert time_share(2026, date.fromisoformat(today)) == share
