"""The progress pages keep their number of queries as projects, reports and history grow."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from projects.models import ProjectOrganization, ProjectPerson
from tests.factories import make_project
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db


def queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(client, world, n: int) -> None:
    """n more projects of the same units and leader, each reported, returned and corrected."""
    lead = world.project.unit_roles.get(role="lead").organization
    helper = world.project.unit_roles.get(role="assisting").organization
    leader = world.project.person_roles.get().person
    for _ in range(n):
        project = make_project(plan=world.plan)
        ProjectOrganization.objects.create(project=project, organization=lead, role="lead")
        ProjectOrganization.objects.create(project=project, organization=helper, role="assisting")
        ProjectPerson.objects.create(project=project, person=leader, role="leader")
        url = reverse("progress:report", args=[project.pk, world.period.month])
        client.force_login(world.officer)
        client.post(url, {**report_form(world), "problems": "需协调"})
        client.force_login(world.coordinator)
        client.post(reverse("progress:review", args=[project.reports.get().pk]),
                    {"version": 1, "comment": "请补充", "return": "1"})
    client.force_login(world.officer)
    url = reverse("progress:report", args=[world.project.pk, world.period.month])
    for version in range(n):
        client.post(url, {name: value for name, value in report_form(world, version=version).items()
                          if name != "submit"} | {"save": "1", "progress": f"第{version}稿"})


@pytest.mark.parametrize("who", ["officer", "assisting", "coordinator", "leader"])
def test_tasks_page(client, who):
    from tests.pages.cycle_world import add_cycle

    world = build_world()
    grow(client, world, 1)
    add_cycle(client, world, 1)  # chases, instructions, sheets, closes, suggestions, summons, claims
    client.force_login(getattr(world, who))
    few = queries(client, reverse("tasks"))
    grow(client, world, 4)
    add_cycle(client, world, 4)
    client.force_login(getattr(world, who))
    assert queries(client, reverse("tasks")) == few


@pytest.mark.parametrize("page", ["progress:report", "projects:detail"])
def test_project_and_report_pages(client, page):
    from tests.pages.cycle_world import add_cycle

    world = build_world()
    args = [world.project.pk, world.period.month] if page == "progress:report" else [world.project.pk]
    grow(client, world, 1)
    add_cycle(client, world, 1)
    client.force_login(world.coordinator)
    few = queries(client, reverse(page, args=args))
    grow(client, world, 4)
    add_cycle(client, world, 4)
    client.force_login(world.coordinator)
    assert queries(client, reverse(page, args=args)) == few
