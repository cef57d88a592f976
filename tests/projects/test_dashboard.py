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
    link = f'{reverse("projects:list")}?jurisdiction={plan.jurisdiction_id}&amp;year=2022&amp;lead_unit={unit["organization_id"]}&amp;light=red'
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
