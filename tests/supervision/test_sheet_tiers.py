"""A sheet's colour on a frozen calendar: blue up to its deadline, yellow the day after if unanswered, red
`sheet_red_days` later; never lighter again; answered, disputed and closed sheets left as they are."""

from datetime import date, timedelta

import pytest

from projects import clock
from supervision import sheets
from supervision.models import Event, InstructionSheet, Rules
from supervision.tiers import refresh_tiers
from tests.factories import make_plan, make_project
from tests.supervision.sheet_world import DEADLINE, YEAR, build_sheet_world, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_sheet_world()


def tier_on(sheet: InstructionSheet, day: date) -> str:
    with clock.pinned(day):
        refresh_tiers()
    sheet.refresh_from_db()
    return sheet.tier


def tier_events(sheet: InstructionSheet) -> list:
    return list(Event.objects.filter(subject="sheet", subject_id=sheet.pk, action="tier")
                .order_by("id").values_list("changes", flat=True))


def test_blue_until_the_deadline_yellow_after_it_red_ten_days_later(world):
    sheet = issue(world)
    assert tier_on(sheet, DEADLINE - timedelta(days=1)) == "blue"
    assert tier_on(sheet, DEADLINE) == "blue"  # the deadline day is still in time
    assert tier_on(sheet, DEADLINE + timedelta(days=1)) == "yellow"
    assert tier_on(sheet, DEADLINE + timedelta(days=10)) == "yellow"
    assert tier_on(sheet, DEADLINE + timedelta(days=11)) == "red"
    assert tier_events(sheet) == [{"tier": ["blue", "yellow"]}, {"tier": ["yellow", "red"]}]
    # Refreshing again changes and records nothing.
    assert tier_on(sheet, DEADLINE + timedelta(days=12)) == "red" and len(tier_events(sheet)) == 2


def test_a_sheet_found_long_overdue_goes_straight_to_red_and_never_back(world):
    sheet = issue(world)
    assert tier_on(sheet, DEADLINE + timedelta(days=30)) == "red"
    assert tier_events(sheet) == [{"tier": ["blue", "red"]}]
    assert tier_on(sheet, DEADLINE - timedelta(days=5)) == "red"  # an earlier day (a demo, a test) lowers nothing


def test_the_office_sets_its_own_red_days_and_a_district_inherits_its_citys(world):
    Rules.objects.create(jurisdiction=world.district.parent, sheet_red_days=3)
    sheet = issue(world)
    assert tier_on(sheet, DEADLINE + timedelta(days=3)) == "yellow"
    assert tier_on(sheet, DEADLINE + timedelta(days=4)) == "red"


def test_answered_disputed_and_closed_sheets_wait_on_the_office_and_keep_their_tier(world):
    answered, disputed, closed, returned = issue(world), issue(world), issue(world), issue(world)
    with clock.pinned(DEADLINE - timedelta(days=2)):
        for sheet in (answered, closed, returned):
            sheets.sign_sheet(user=world.officer, sheet=sheet)
            sheets.answer_sheet(user=world.officer, sheet=sheet, text="已办")
        sheets.dispute_sheet(user=world.officer, sheet=disputed, reason="不属我局")
        sheets.close_sheet(user=world.coordinator, sheet=closed, note="")
        sheets.return_answer(user=world.coordinator, sheet=returned, reason="不够具体")  # blue -> yellow
    with clock.pinned(DEADLINE + timedelta(days=20)):
        assert refresh_tiers() == 1
    tiers = {s.pk: s.tier for s in InstructionSheet.objects.all()}
    assert (tiers[answered.pk], tiers[disputed.pk], tiers[closed.pk], tiers[returned.pk]) == (
        "blue", "blue", "blue", "red")


def test_an_answer_after_the_deadline_keeps_the_colour_it_earned(world):
    sheet = issue(world)
    assert tier_on(sheet, DEADLINE + timedelta(days=2)) == "yellow"
    with clock.pinned(DEADLINE + timedelta(days=2)):
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        sheets.answer_sheet(user=world.officer, sheet=sheet, text="已办")
    assert tier_on(sheet, DEADLINE + timedelta(days=40)) == "yellow"


def test_one_update_per_tier_however_many_sheets_change(world, django_assert_num_queries):
    other = make_project(plan=make_plan(jurisdiction=world.neighbour.jurisdiction, year=YEAR))
    other.unit_roles.create(organization=world.lead_unit.__class__.objects.create(
        name="区住建局", jurisdiction=world.neighbour.jurisdiction), role="lead")
    for n in range(4):
        issue(world, matter=f"事项{n}")
        issue(world, matter=f"早到期{n}", deadline=DEADLINE - timedelta(days=15))
    with clock.pinned(date(YEAR, 3, 10)):
        sheets.issue_sheet(user=world.neighbour, project=other, matter="丰泽", content="内容", deadline=DEADLINE)
    # exists, savepoint, locked read, UPDATE yellow, UPDATE red, INSERT the events, INSERT the audit trail's one
    # entry, release: no office's rules read (each sheet carries its red day), nothing per sheet
    with clock.pinned(DEADLINE + timedelta(days=1)), django_assert_num_queries(8):
        assert refresh_tiers() == 9
    assert InstructionSheet.objects.filter(tier="red").count() == 4
    assert InstructionSheet.objects.filter(tier="yellow").count() == 5


def test_nothing_to_change_costs_one_query_and_no_lock(world, django_assert_num_queries):
    issue(world)
    with clock.pinned(DEADLINE), django_assert_num_queries(1):
        assert refresh_tiers() == 0


def test_the_pages_colour_the_sheets_as_they_load(client, world):
    sheet = issue(world)
    client.force_login(world.officer)
    with clock.pinned(DEADLINE + timedelta(days=1)):
        page = client.get("/supervision/sheets/").content.decode()
    assert "tier-yellow" in page
    sheet.refresh_from_db()
    assert sheet.tier == "yellow"
