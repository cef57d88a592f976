"""The list read a page at a time (pages/paging.py): every page, in the first half read forwards and in the
second from the end, is exactly that part of the whole list, in every order, with ties and empty values;
and each variant of the list keeps its number of queries as projects grow threefold."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from progress.models import ProjectStatus
from projects.models import Plan, ProjectOrganization, ProjectPerson
from tests.factories import make_jurisdiction, make_organization, make_person, make_plan, make_project, make_user

pytestmark = pytest.mark.django_db

LIGHTS = ["red", "green", "yellow", "awaiting", "done"]


def add_projects(plans: list[Plan], n: int, unit, leader) -> None:
    """n projects spread over the plans: investments with ties and gaps, names that repeat, lights and percents."""
    for i in range(n):
        plan = plans[i % len(plans)]
        project = make_project(plan=plan, name=f"{'口袋公园' if i % 7 == 0 else '背街小巷'}整治{i % 5}",
                               total_investment=None if i % 9 == 0 else Decimal(i % 4 * 100))
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
        ProjectPerson.objects.create(project=project, person=leader, role="leader")
        if i % 6:
            ProjectStatus.objects.create(project=project, light=LIGHTS[i % 5], percent_complete=i % 3 * 50,
                                         last_period=date(plan.year, 1 + i % 12, 1), computed_at="2026-01-01T00:00Z")


@pytest.fixture
def world(client):
    """Two districts of a city, a plan of each for 2024 and 2025, the city's coordinator signed in."""
    city = make_jurisdiction(name="泉州市")
    districts = [make_jurisdiction(name=name, parent=city) for name in ("鲤城区", "丰泽区")]
    plans = [make_plan(jurisdiction=district, year=year) for district in districts for year in (2024, 2025)]
    unit, leader = make_organization(jurisdiction=districts[0]), make_person(jurisdiction=districts[0])
    client.force_login(make_user(username="coordinator", role=Role.COORDINATOR, jurisdiction=city))
    return plans, unit, leader


def shown(client, **query) -> list[int]:
    response = client.get(reverse("projects:list"), query)
    assert response.status_code == 200
    return [row.record.pk for row in response.context["table"].paginated_rows]


@pytest.mark.parametrize("sort", ["", "number", "-number", "name", "-name", "total_investment", "-total_investment",
                                  "percent", "-percent", "light", "last_report", "-last_report"])
def test_every_page_is_its_part_of_the_whole_list(client, world, sort):
    add_projects(*world[:1], 53, *world[1:])
    query = {"sort": sort} if sort else {}
    whole = shown(client, per_page=200, **query)
    assert len(whole) == len(set(whole)) == 53
    pages = [shown(client, per_page=25, page=page, **query) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [25, 25, 3]
    assert sum(pages, []) == whole


def test_filtered_and_searched_pages_read_from_the_end_too(client, world):
    add_projects(*world[:1], 180, *world[1:])
    for query in ({"year": 2025}, {"q": "整治1"}, {"light": "red", "sort": "-total_investment"}):
        whole = shown(client, per_page=200, **query)
        assert len(whole) > 25, query
        pages = [shown(client, per_page=25, page=page, **query) for page in range(1, (len(whole) + 24) // 25 + 1)]
        assert sum(pages, []) == whole, query


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


LISTS = ["", "?year=2025&light=red", "?q=口袋公园", "?q=公园", "?sort=-total_investment", "?sort=number",
         "?page=2&per_page=25", "?page=99&per_page=25", "?sort=-percent&page=99"]


def test_each_list_keeps_its_number_of_queries_as_projects_grow_threefold(client, world):
    plans, unit, leader = world
    add_projects(plans, 60, unit, leader)
    few = {query: queries(client, reverse("projects:list") + query) for query in LISTS}
    add_projects(plans, 120, unit, leader)
    assert {query: queries(client, reverse("projects:list") + query) for query in LISTS} == few
