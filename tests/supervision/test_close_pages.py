"""The closes pages as each role uses them: the office closes March from the list and reads the close;
a leader reads; an officer is turned away; a late correction and a comparison show on the close page."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from projects import clock
from supervision.models import PeriodClose, Snapshot
from tests.factories import make_jurisdiction, make_user
from tests.supervision.close_world import (
    MAR,
    MAR_CLOSED_ON,
    build_seed,
    close_february,
    close_march,
    march,
    plan_of,
    return_and_correct,
)

pytestmark = pytest.mark.django_db

CLOSES = "/supervision/closes/"


@pytest.fixture
def seed():
    built = build_seed()
    march(built)
    return built


def text(response) -> str:
    return response.content.decode()


def selected(page: str, name: str) -> str:
    """The value of the selected option of the select called `name`."""
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.search(r'<option value="([^"]+)"[^>]*selected', select).group(1)


def test_the_office_closes_march_from_the_list_and_lands_on_its_frozen_figures(client, seed):
    client.force_login(seed.coordinator)
    with clock.pinned(MAR_CLOSED_ON):
        page = text(client.get(CLOSES))
        # January, February and March are due; March, due most recently, is the one offered first.
        assert (selected(page, "plan"), selected(page, "period")) == (str(seed.plan.pk), "2026-03")
        assert re.findall(r'<option value="(2026-\d\d)" data-plan', page) == ["2026-03", "2026-02", "2026-01"]
        response = client.post(CLOSES, {"plan": seed.plan.pk, "period": "2026-03"}, follow=True)

    close = PeriodClose.objects.get()
    assert response.redirect_chain == [(reverse("supervision:close", args=[close.pk]), 302)]
    page = text(response)
    assert "2026年鲤城区为民办实事项目：2026-03 已关账，以下数据已固定。" in page
    assert close.closed_by == seed.coordinator and close.snapshots.count() == 5
    with clock.pinned(MAR_CLOSED_ON):
        listed = text(client.get(CLOSES))
    assert reverse("supervision:close", args=[close.pk]) in listed
    assert re.findall(r'<option value="(2026-\d\d)" data-plan', listed) == ["2026-02", "2026-01"]


@pytest.mark.parametrize(("day", "period", "message"), [
    (date(2026, 3, 22), "2026-03", "本期（2026-03）报送截止日为 2026-03-22，截止后才能关账。"),
    (date(2026, 3, 25), "2026-13", "请选择报送期。"),
    (date(2026, 3, 25), "", "请选择报送期。"),
])
def test_a_close_refused_says_why_on_the_list_and_writes_nothing(client, seed, day, period, message):
    client.force_login(seed.coordinator)
    with clock.pinned(day):
        response = client.post(CLOSES, {"plan": seed.plan.pk, "period": period}, follow=True)
    assert response.redirect_chain == [(CLOSES, 302)]
    assert message in text(response)
    assert not PeriodClose.objects.exists() and not Snapshot.objects.exists()


def test_closing_march_twice_from_the_page_is_refused_with_a_message(client, seed):
    close_march(seed)
    client.force_login(seed.city)
    with clock.pinned(date(2026, 3, 30)):
        response = client.post(CLOSES, {"plan": seed.plan.pk, "period": "2026-03"}, follow=True)
    assert "2026年鲤城区为民办实事项目：2026-03 已关账，不能重复关账。" in text(response)
    assert PeriodClose.objects.count() == 1


def test_a_leader_reads_the_closes_but_has_no_form_and_may_not_close(client, seed):
    close = close_march(seed)
    client.force_login(seed.leader)
    with clock.pinned(MAR_CLOSED_ON):
        page = text(client.get(CLOSES))
        assert reverse("supervision:close", args=[close.pk]) in page and 'name="plan"' not in page
        assert client.get(reverse("supervision:close", args=[close.pk])).status_code == 200
        assert client.post(CLOSES, {"plan": seed.plan.pk, "period": "2026-02"}).status_code == 403
    assert PeriodClose.objects.count() == 1


def test_an_officer_has_no_business_on_the_closes_pages(client, seed):
    close = close_march(seed)
    client.force_login(seed.officers[0])
    assert client.get(CLOSES).status_code == 403
    assert client.get(reverse("supervision:close", args=[close.pk])).status_code == 403
    assert client.post(CLOSES, {"plan": seed.plan.pk, "period": "2026-02"}).status_code == 403


def test_another_districts_coordinator_cannot_find_our_close_nor_close_our_plan(client, seed):
    close = close_march(seed)
    fengze = make_jurisdiction(name="丰泽区", parent=seed.plan.jurisdiction.parent)
    client.force_login(make_user(username="fz", role=Role.COORDINATOR, jurisdiction=fengze, password=None))
    assert client.get(reverse("supervision:close", args=[close.pk])).status_code == 404
    assert "老旧小区改造" not in text(client.get(CLOSES))
    with clock.pinned(MAR_CLOSED_ON):
        assert client.post(CLOSES, {"plan": seed.plan.pk, "period": "2026-02"}).status_code == 404
    assert PeriodClose.objects.count() == 1


def test_the_close_page_groups_the_rows_by_standing_and_lists_the_late_and_missing_units(client, seed):
    close = close_march(seed)
    client.force_login(seed.coordinator)
    page = text(client.get(reverse("supervision:close", args=[close.pk])))

    headings = [f"<h2>{h} " for h in ("落后于序时进度", "符合序时进度", "超前于序时进度", "已完成")]
    assert [page.index(h) for h in headings] == sorted(page.index(h) for h in headings)
    assert "<h2>未报完成比例" not in page  # every project gave a percent: no empty group is shown
    behind = page[page.index("<h2>落后于序时进度"):page.index("<h2>符合序时进度")]
    assert "中小学食堂改造" in behind and "社区卫生服务站" in behind and "老旧小区改造" not in behind
    assert "逾期报送 · 2 天" in behind and "未报送 · 3 天" in behind
    units = page[page.index("逾期或未报送的单位"):]
    assert units.index("区卫健局") < units.index("区教育局")  # the most missing first
    assert "已拨付（年度投资 350 万元）" in page and "<strong>75.5</strong>" in page


def test_a_correction_after_the_close_is_marked_and_shown_beside_the_frozen_figure(client, seed):
    close = close_march(seed)
    return_and_correct(seed, 3, percent=12)
    client.force_login(seed.coordinator)
    page = text(client.get(reverse("supervision:close", args=[close.pk])))

    row = re.search(r'<tr class="corrected">(.*?)</tr>', page, re.S).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    assert "中小学食堂改造" in cells[1]
    assert cells[4] == "8%"  # the figure stays the one closed on
    assert "已更正（关账后）" in cells[8] and "更正为 12%" in cells[8] and "已拨付 6" in cells[8]
    assert page.count('class="corrected"') == 1
    assert "关账后有 1 份报告被更正" in page
    assert close.snapshots.get(number="3").percent == 8


def test_comparing_march_with_february_on_the_close_page(client):
    seed = build_seed()
    february = close_february(seed)
    march(seed)
    later = close_march(seed)
    client.force_login(seed.leader)
    page = text(client.get(reverse("supervision:close", args=[later.pk]), {"compare": february.pk}))

    comparison = page[page.index("从 2026-02 到 2026-03"):]
    assert "<strong>1</strong>转为红灯" in comparison and "<strong>1</strong>变差" in comparison
    turned_red = comparison[comparison.index("<h3>转为红灯"):comparison.index("<h3>变差")]
    assert "背街小巷整治" in turned_red
    # A close of another plan (or one that does not exist) is not compared: the page shows no comparison.
    assert "从 2026-02" not in text(client.get(reverse("supervision:close", args=[later.pk]), {"compare": 99999}))


def test_closing_the_month_for_every_plan_of_the_district_from_the_page(client, seed):
    close_march(seed)
    client.force_login(seed.coordinator)
    with clock.pinned(MAR_CLOSED_ON):
        response = client.post(CLOSES, {"period": "2026-02"}, follow=True)
    assert "2026-02 已关账：2026年鲤城区为民办实事项目。" in text(response)
    assert PeriodClose.objects.filter(plan=seed.plan, period=date(2026, 2, 1)).exists()
    with clock.pinned(MAR_CLOSED_ON):
        again = text(client.post(CLOSES, {"period": "2026-03"}, follow=True))
    assert "此前已关账，未作改动：2026年鲤城区为民办实事项目。" in again


# Auth (session, user), roles, jurisdictions, the close, its snapshots, corrections, the plan's other closes,
# and the header's two permission reads (the imports link); its circular (none yet), and whether the user may
# draft one (the plan among theirs).
CLOSE_PAGE_QUERIES = 12
# Auth (2), roles, jurisdictions, the plans that may be closed and their closes, the closes with their counts,
# the user's jurisdiction (for closing a month across it), the header's permissions (2).
LIST_QUERIES = 10


@pytest.mark.parametrize("size", [3, 30])
def test_the_close_page_and_the_list_cost_the_same_queries_for_3_projects_as_for_30(
        client, django_assert_num_queries, size):
    plan, coordinator = plan_of(size)
    with clock.pinned(date(2026, 3, 25)):
        from supervision import closing

        close = closing.close_period(user=coordinator, plan=plan, month=MAR)
    client.force_login(coordinator)
    with django_assert_num_queries(CLOSE_PAGE_QUERIES):
        assert client.get(reverse("supervision:close", args=[close.pk])).status_code == 200
    with clock.pinned(date(2026, 3, 25)), django_assert_num_queries(LIST_QUERIES):
        assert client.get(CLOSES).status_code == 200
