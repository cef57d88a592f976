"""A project that stays yellow or red close after close climbs the ladder: a formal letter after two yellow-or-red
closes in a row, the unit's head summoned after three red, listed supervision after five; each step once a year,
each office with its own counts. And the office's suggestions: red long enough, and no sheet open."""

from datetime import date

import pytest
from django.urls import reverse

from projects import clock
from supervision import sheets
from supervision.escalation import escalate_after_close, suggested_sheets
from supervision.models import Escalation, Event, Rules, Snapshot
from supervision.sheet_selectors import escalations_for
from tests.factories import make_project
from tests.supervision.factories import make_close
from tests.supervision.sheet_world import YEAR, build_sheet_world, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_sheet_world()


def months(n: int) -> list[date]:
    return [date(YEAR, month, 1) for month in range(1, n + 1)]


def close_months(world, lights: list[str], project=None) -> list[list[str]]:
    """Close one month per light, escalating after each; the steps reached with each close."""
    project = project or world.project
    reached = []
    for month, light in zip(months(len(lights)), lights):
        close = make_close(plan=world.plan, month=month, rows=[(project, light, 30)], closed_by=world.coordinator)
        reached.append([escalation.step for escalation in escalate_after_close(close)])
    return reached


def test_two_yellow_closes_bring_a_formal_letter(world):
    assert close_months(world, ["yellow", "yellow"]) == [[], ["letter"]]
    letter = Escalation.objects.get()
    assert (letter.project, letter.year, letter.periods, letter.close.period) == (
        world.project, YEAR, 2, date(YEAR, 2, 1))
    event = Event.objects.get(subject="close", subject_id=letter.close_id, action="escalated")
    assert (event.author, event.changes["step"], event.changes["project"]) == (
        world.coordinator, ["", "letter"], ["", "老旧小区改造"])
    assert "2026-01" in letter.reason and "2026-02" in letter.reason


def test_three_reds_summon_the_head_and_five_list_the_project_each_once(world):
    reached = close_months(world, ["red"] * 7)
    assert reached == [[], ["letter"], ["summon"], [], ["listed"], [], []]
    assert Escalation.objects.filter(project=world.project).count() == 3


def test_a_green_close_starts_the_count_again(world):
    assert close_months(world, ["yellow", "green", "yellow", "red", "red"]) == [[], [], [], ["letter"], []]


def test_red_counts_for_the_letter_but_yellow_does_not_count_for_a_summons(world):
    assert close_months(world, ["red", "yellow", "red", "red"]) == [[], ["letter"], [], []]


def test_each_office_sets_its_own_counts(world):
    Rules.objects.create(jurisdiction=world.district.parent, letter_yellow_periods=3, summon_red_periods=2)
    Rules.objects.create(jurisdiction=world.district, listed_red_periods=3)
    assert close_months(world, ["red", "red", "red"]) == [[], ["summon"], ["letter", "listed"]]


def test_escalating_the_same_close_twice_adds_nothing(world):
    close_months(world, ["yellow", "yellow"])
    again = world.plan.closes.get(period=date(YEAR, 2, 1))
    assert escalate_after_close(again) == []
    assert Escalation.objects.count() == 1
    assert Event.objects.filter(action="escalated").count() == 1


def test_leaders_see_the_summonses_and_listings_of_their_jurisdiction(client, world):
    close_months(world, ["red"] * 5)
    assert [e.step for e in escalations_for(world.leader)] == ["listed", "summon", "letter"]
    assert list(escalations_for(world.neighbour)) == []
    client.force_login(world.leader)
    page = client.get(reverse("supervision:escalations")).content.decode()
    assert "挂牌督办" in page and "约谈" in page and "老旧小区改造" in page
    client.force_login(world.neighbour)
    assert "老旧小区改造" not in client.get(reverse("supervision:escalations")).content.decode()


def test_a_project_red_two_closes_running_is_suggested_until_a_sheet_is_open_on_it(world):
    with clock.pinned(date(YEAR, 3, 10)):
        close_months(world, ["red"])
        assert suggested_sheets(world.coordinator) == []
        make_close(plan=world.plan, month=date(YEAR, 2, 1), rows=[(world.project, "red", 20)])
        [suggestion] = suggested_sheets(world.coordinator)
        assert (suggestion.project, suggestion.periods, suggestion.since, suggestion.until) == (
            world.project, 2, date(YEAR, 1, 1), date(YEAR, 2, 1))
        assert suggested_sheets(world.officer) == [] and suggested_sheets(world.neighbour) == []
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 10)):
        assert suggested_sheets(world.coordinator) == []
        sheets.close_sheet(user=world.coordinator, sheet=sheet, note="另行处理")
        assert len(suggested_sheets(world.coordinator)) == 1


def test_an_office_asking_for_three_red_closes_is_not_bothered_after_two(world):
    Rules.objects.create(jurisdiction=world.district, suggest_sheet_periods=3)
    with clock.pinned(date(YEAR, 3, 10)):
        close_months(world, ["red", "red"])
        assert suggested_sheets(world.coordinator) == []
        close = make_close(plan=world.plan, month=date(YEAR, 3, 1), rows=[(world.project, "red", 20)])
        escalate_after_close(close)
        assert [s.periods for s in suggested_sheets(world.coordinator)] == [3]


def test_a_past_years_projects_are_suggested_no_more(world):
    close_months(world, ["red", "red"])
    with clock.pinned(date(YEAR + 1, 2, 1)):
        assert suggested_sheets(world.coordinator) == []


def test_the_sheets_list_offers_each_suggestion_with_a_prefilled_form(client, world):
    client.force_login(world.coordinator)
    with clock.pinned(date(YEAR, 3, 10)):
        close_months(world, ["red", "red"])
        page = client.get(reverse("supervision:sheets")).content.decode()
        link = reverse("supervision:issue_sheet", args=[world.project.pk]) + "?periods=2"
        assert link in page
        form = client.get(link).context["form"]
    assert "2" in str(form.initial["matter"])
    client.force_login(world.officer)
    with clock.pinned(date(YEAR, 3, 10)):
        assert link not in client.get(reverse("supervision:sheets")).content.decode()


def test_the_escalations_page_costs_the_same_queries_for_one_project_or_many(client, world, django_assert_num_queries):
    client.force_login(world.leader)
    others = [make_project(plan=world.plan) for _ in range(5)]
    close_months(world, ["red", "red"])
    # Session and user (2), the leader's groups (1), the jurisdictions under theirs (1), the escalations with their
    # projects and plans (1), the header's permission check (2, base.html).
    with django_assert_num_queries(7):
        client.get(reverse("supervision:escalations"))
    for close in world.plan.closes.all():
        Snapshot.objects.bulk_create([Snapshot(close=close, project=project, position=10 + n, name=project.name,
                                               light="red", target=50, standing="behind", report_state="on_time")
                                      for n, project in enumerate(others)])
    for close in world.plan.closes.order_by("period"):
        escalate_after_close(close)
    assert Escalation.objects.count() > 5
    with django_assert_num_queries(7):
        page = client.get(reverse("supervision:escalations"))
    assert all(project.name in page.content.decode() for project in others)
