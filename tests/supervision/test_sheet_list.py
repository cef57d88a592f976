"""The sheets list: open and reddest first, each row's project, unit, tier and status read in the same few
queries whether there is one sheet or fifty."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from projects import clock
from supervision import sheets
from tests.supervision.sheet_world import DEADLINE, YEAR, build_sheet_world, issue

pytestmark = pytest.mark.django_db

DAY = date(YEAR, 4, 2)  # two days past DEADLINE: sheets not answered are yellow


@pytest.fixture
def world():
    return build_sheet_world()


def add_sheets(world, n: int) -> None:
    for index in range(n):
        issue(world, matter=f"事项{index}", deadline=DEADLINE + timedelta(days=index % 3 * 10),
              assisting_units=[world.assisting_unit] if index % 2 else [])


def get_list(client):
    with clock.pinned(DAY):
        return client.get(reverse("supervision:sheets"))


# Session and user (2), the tier refresh's look for sheets due to change colour (1), the user's groups (1), the
# jurisdictions under the coordinator's (1: the district has none), the count and the page of sheets (2), the
# suggestions' closes (1), the header's permission check (2, base.html).
COORDINATOR_QUERIES = 10
# The same without the jurisdiction walk and the suggestions.
OFFICER_QUERIES = 8


@pytest.mark.parametrize(("who", "queries"), [("coordinator", COORDINATOR_QUERIES), ("officer", OFFICER_QUERIES)])
def test_the_list_costs_the_same_queries_for_one_sheet_or_thirty(client, world, django_assert_num_queries, who,
                                                                  queries):
    client.force_login(getattr(world, who))
    add_sheets(world, 1)
    get_list(client)  # the first load colours the overdue sheet; the counts below are for loads with nothing to do
    with django_assert_num_queries(queries):
        assert get_list(client).status_code == 200
    add_sheets(world, 29)
    get_list(client)
    with django_assert_num_queries(queries):
        page = get_list(client)
    assert page.content.decode().count('class="tier-row-') == 30


def test_open_sheets_come_first_the_reddest_first_then_the_nearest_deadline(client, world):
    late = issue(world, matter="最早到期", deadline=date(YEAR, 3, 10))
    soon, later = issue(world, matter="三月底"), issue(world, matter="四月中", deadline=date(YEAR, 4, 15))
    done = issue(world, matter="已办结")
    with clock.pinned(date(YEAR, 3, 10)):
        sheets.close_sheet(user=world.coordinator, sheet=done, note="撤销")
    client.force_login(world.coordinator)
    with clock.pinned(date(YEAR, 3, 25)):  # 15 days past its deadline: red
        rows = list(client.get(reverse("supervision:sheets")).context["page"].object_list)
    assert [row.matter for row in rows] == [late.matter, soon.matter, later.matter, done.matter]
    assert rows[0].tier == "red"
    with clock.pinned(date(YEAR, 3, 25)):
        rows = list(client.get(reverse("supervision:sheets") + "?open=1").context["page"].object_list)
    assert done.matter not in [row.matter for row in rows]


def test_a_leader_may_narrow_the_list_to_the_sheets_naming_them(client, world):
    mine = issue(world, matter="点名的")
    issue(world, matter="没点名的", responsible_leaders=[], instructing_leader=None)
    client.force_login(world.leader)
    with clock.pinned(date(YEAR, 3, 11)):
        everything = client.get(reverse("supervision:sheets")).content.decode()
        named = client.get(reverse("supervision:sheets") + "?mine=1").content.decode()
    assert "点名的" in everything and "没点名的" in everything
    assert mine.matter in named and "没点名的" not in named
