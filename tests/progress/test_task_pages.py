"""Task pages lead with what matters: ten rows of each kind, the worst first, the rest one click away;
a leader's projects by plan, red first."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from progress import lights
from projects.models import Person, Project
from tests.factories import make_user
from tests.projects.conftest import load, report_on_2022

pytestmark = pytest.mark.django_db

LIGHT_ORDER = {"红灯": 0, "黄灯": 1, "待核验": 2, "绿灯": 3, "已核验完成": 4}


@pytest.fixture
def two_plans_of_2022(settings, tmp_path):
    """Seed 000 with 区住建局's 9 done and 8 red (tests/projects/conftest.py), and seed 004 (98 tasks) beside it."""
    settings.MEDIA_ROOT = tmp_path
    plan, coordinator = report_on_2022()
    return plan, load("004"), coordinator


def test_the_coordinator_sees_the_ten_latest_units_first_and_the_rest_in_the_list(client, two_plans_of_2022):
    _plan, _tasks, coordinator = two_plans_of_2022
    # As the lights stood on the last day of 2022: once the year is over nothing of it is chased as late.
    lights.refresh(Project.objects.all(), today=date(2022, 12, 31))
    client.force_login(coordinator)
    response = client.get(reverse("tasks"))
    page = response.content.decode()
    rows = response.context["late_units"]
    assert len(rows) == 10 and response.context["late_unit_total"] > 10
    assert [row["projects"] for row in rows] == sorted((row["projects"] for row in rows), reverse=True)
    # The late units come before what waits for acceptance: chasing is the coordinator's first job.
    assert page.index("各单位逾期未报") < page.index("已提交，待审核")
    total = response.context["late_total"]
    assert f'<a href="/projects/?late=1">全部 {total} 个迟报项目 →</a>' in page
    assert client.get("/projects/?late=1").context["table"].paginator.count == total


def test_a_leaders_projects_are_grouped_by_plan_red_first_and_done_last(client, two_plans_of_2022):
    plan, tasks, _coordinator = two_plans_of_2022
    wang = Person.objects.get(name="王伟")
    client.force_login(make_user(username="wang", role=Role.LEADER, person=wang))
    page = client.get(reverse("tasks")).content.decode()
    section = page[page.index("我分管的项目"):]
    headings = re.findall(r'<h3 class="plan-heading">(.*?) <span', section)
    assert sorted(headings) == sorted([plan.title, tasks.title])
    for part in re.split(r'<h3 class="plan-heading">', section)[1:]:
        cards = part[:part.index("</ul>")]
        lights = [LIGHT_ORDER[name] for name in re.findall(r'class="light light-\w+"[^>]*>([^<]+)<', cards)]
        assert lights == sorted(lights) and lights
    # In seed 000 王伟 supervises 9, the done one (project 9) after every red one, in one list of its own plan.
    ours = section[section.index(plan.title):]
    ours = ours[:ours.index("</ul>")]
    assert "9. " in ours and ours.rindex("light-red") < ours.index("light-done")
    # 23 of seed 004: ten shown, the rest one click away in the list filtered by plan and leader.
    assert f'href="/projects/?plan={tasks.pk}&amp;leader={wang.pk}">全部 23 个 →</a>' in section


# Queries of /tasks/ per role, the same with 1 or 5 projects of each kind and 1 or 5 of each of the cycle's rows
# (tests/progress/test_query_counts.py and tests/pages/cycle_world.py grow them). Every page: session, user,
# groups (once, shared by the page, its selectors and the header's 督办 links), permissions (2: the user's and
# their groups', for the header's links), the user's jurisdiction and its parent (the page's header).
PAGE = 7
# Each of the cycle's bounded lists is one query: its first rows and, as a window count, how many in all.
CYCLE = {
    # Chases of the unit with their missing reports (2), instructions to answer, the unit's open sheets.
    "officer": 4,
    # The same, but an assisting unit is chased for nothing: no missing reports to read.
    "assisting": 3,
    # Claims to verify (the oldest ten, and the lights awaiting verification counted apart: a window count sorted
    # a province's hundred thousand claims), sheets waiting for the office, periods to close (plans, their
    # closes), closes without a circular, suggested sheets (closes, the jurisdictions and every office's rules
    # (2), red snapshots, open sheets on those projects, the projects), instructions not closed, overdue ones.
    "coordinator": 14,
    # Answers waiting for them to close, their own instructions waiting for an answer, summons and listings.
    "leader": 3,
}
PINNED = {
    # + lead projects, their lead units and leaders (2 prefetches), their reports, assisting projects, the unit.
    "officer": PAGE + 6 + CYCLE["officer"],
    # + lead projects (none), assisting projects with their lead units and leaders, the unit.
    "assisting": PAGE + 5 + CYCLE["assisting"],
    # + jurisdictions under theirs, reports waiting (count, ten), late units, late projects (count),
    #   open requests (ten, count), plans for the progress tables.
    "coordinator": PAGE + 8 + CYCLE["coordinator"],
    # + jurisdictions under theirs, plans for the progress tables, supervised projects with lead units and
    #   leaders (3), open requests (ten, count), the leader's person.
    "leader": PAGE + 8 + CYCLE["leader"],
}


@pytest.mark.parametrize("who", PINNED)
def test_the_task_pages_queries_are_pinned_and_do_not_grow(client, django_assert_num_queries, who):
    from tests.pages.cycle_world import add_cycle
    from tests.progress.test_query_counts import grow
    from tests.progress.world import build_world

    world = build_world()
    for more in (1, 4):
        grow(client, world, more)
        add_cycle(client, world, more)
        client.force_login(getattr(world, who))
        with django_assert_num_queries(PINNED[who]):
            assert client.get(reverse("tasks")).status_code == 200
