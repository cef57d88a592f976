"""Chasing (催报): one message per late unit listing exactly its missing reports, by e-mail and the group robot;
nothing for a complete unit; a robot that fails is recorded and the chase still stands."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied

from projects import clock
from projects.models import Project
from supervision.chasing import chase_units, mark_chase_read, missing_by_unit
from supervision.models import Chase, Event, Rules
from supervision.selectors.chases import chase_counts, chases_for
from tests.supervision.chase_world import TODAY, YEAR, build_chase_world
from tests.supervision.robot import closed_port_url, robot

pytestmark = pytest.mark.django_db

# What the late unit owes on 25 March: (project, period, days late).
OWED = [("老旧小区改造", f"{YEAR}-03", 3), ("口袋公园建设", f"{YEAR}-01", 62),
        ("口袋公园建设", f"{YEAR}-02", 31), ("口袋公园建设", f"{YEAR}-03", 3)]


@pytest.fixture
def world():
    return build_chase_world()


def owed(items) -> list[tuple]:
    return [(item.project.name, item.period.key, item.days_late) for item in items]


def stored(chase: Chase) -> list[tuple]:
    return [(item.project.name, f"{item.period:%Y-%m}", item.days_late) for item in chase.items.all()]


def test_each_lead_unit_owes_exactly_its_missing_reports_and_a_complete_or_past_unit_owes_nothing(world):
    missing = missing_by_unit(projects=Project.objects.all(), today=TODAY)
    assert list(missing) == [world.late]
    assert owed(missing[world.late]) == OWED


def test_projects_read_a_batch_at_a_time_owe_the_same_in_the_same_order(world, monkeypatch):
    # The nightly run reads a province's year 1,000 projects at a time, by id; here one at a time, and the
    # park moved first in its plan: the unit's list still follows the plan, each project's periods in order.
    monkeypatch.setattr("supervision.chasing.BATCH", 1)
    Project.objects.filter(name="口袋公园建设").update(position=0)
    missing = missing_by_unit(projects=Project.objects.all(), today=TODAY)
    assert list(missing) == [world.late] and owed(missing[world.late]) == OWED[1:] + OWED[:1]


def test_before_the_first_due_date_nothing_is_missing(world):
    assert missing_by_unit(projects=Project.objects.all(), today=date(YEAR, 1, 22)) == {}


def test_a_chase_stores_one_chase_per_late_unit_with_exactly_its_reports_and_e_mails_its_officers(world):
    with clock.pinned(TODAY):
        (chase,) = chase_units(user=world.coordinator)
    assert (chase.organization, chase.sent_by, chase.email_count) == (world.late, world.coordinator, 1)
    assert stored(chase) == OWED
    assert chase.webhook_status == Chase.Webhook.NONE  # the office set no robot
    # One e-mail, to the active officer with an address; none to the complete unit.
    (message,) = mail.outbox
    assert message.to == ["zhang@example.gov.cn"]
    assert message.subject == "催报：4 项进展逾期未报送"
    assert message.body.splitlines() == [
        "区住建局：以下进展已过报送期限，请尽快报送。",
        f"【{YEAR}年为民办实事项目责任分解表】",
        f"· {world.p1}：{YEAR}-03 进展应于 {YEAR}-03-22 前报送，已逾期 3 天。",
        f"· {world.p2}：{YEAR}-01 进展应于 {YEAR}-01-22 前报送，已逾期 62 天。",
        f"· {world.p2}：{YEAR}-02 进展应于 {YEAR}-02-22 前报送，已逾期 31 天。",
        f"· {world.p2}：{YEAR}-03 进展应于 {YEAR}-03-22 前报送，已逾期 3 天。",
    ]
    assert Event.objects.filter(subject="chase", subject_id=chase.pk, action="sent", author=world.coordinator).exists()


def test_the_officers_see_the_chase_on_their_task_page_and_the_complete_unit_sees_none(world):
    with clock.pinned(TODAY):
        (chase,) = chase_units(user=world.coordinator)
    assert list(chases_for(world.officer)) == [chase]
    assert list(chases_for(world.no_address)) == [chase]  # no e-mail, but the task page shows it
    assert list(chases_for(world.complete_officer)) == []
    assert list(chases_for(world.coordinator)) == []


def test_the_group_robot_receives_the_same_message_as_json(world):
    with robot() as wecom:
        Rules.objects.create(jurisdiction=world.district, webhook_kind="wecom", webhook_url=wecom.url)
        with clock.pinned(TODAY):
            (chase,) = chase_units(user=world.coordinator)
    (body,) = wecom.bodies
    assert body == {"msgtype": "text", "text": {"content": f"{mail.outbox[0].subject}\n{mail.outbox[0].body}"}}
    assert f"{world.p2}：{YEAR}-01 进展应于 {YEAR}-01-22 前报送，已逾期 62 天。" in body["text"]["content"]
    assert wecom.content_types == ["application/json; charset=utf-8"]
    chase.refresh_from_db()
    assert (chase.webhook_status, chase.webhook_error) == ("sent", "")


def test_a_robot_set_by_the_city_serves_its_districts_in_dingtalks_format(world):
    with robot() as dingtalk:
        Rules.objects.create(jurisdiction=world.district.parent, webhook_kind="dingtalk", webhook_url=dingtalk.url)
        with clock.pinned(TODAY):
            chase_units(user=world.coordinator)
    assert [body["msgtype"] for body in dingtalk.bodies] == ["text"]


@pytest.mark.parametrize(("answer", "error"), [
    ({"status": 500}, "HTTP 500"),
    # WeCom answers 200 and says no in its body: over twenty messages a minute.
    ({"reply": b'{"errcode":45009,"errmsg":"api freq out of limit"}'}, "errcode 45009: api freq out of limit"),
])
def test_a_robot_that_refuses_is_recorded_and_the_chase_still_stands(world, answer, error):
    with robot(**answer) as wecom:
        Rules.objects.create(jurisdiction=world.district, webhook_kind="wecom", webhook_url=wecom.url)
        with clock.pinned(TODAY):
            (chase,) = chase_units(user=world.coordinator)
    chase = Chase.objects.get()
    assert chase.webhook_status == "failed" and chase.webhook_error.startswith(error)
    assert stored(chase) == OWED and len(mail.outbox) == 1


def test_a_robot_nobody_answers_at_is_recorded_and_asked_once_in_a_round(world):
    second = make_second_late_unit(world)
    Rules.objects.create(jurisdiction=world.district, webhook_kind="wecom", webhook_url=closed_port_url())
    with clock.pinned(TODAY):
        chases = chase_units(user=world.coordinator)
    assert {chase.organization for chase in chases} == {world.late, second}
    first, then = sorted(Chase.objects.all(), key=lambda chase: chase.organization.name)
    assert [first.webhook_status, then.webhook_status] == ["failed", "failed"]
    assert "Connection refused" in (first.webhook_error + then.webhook_error)
    assert "群机器人在本轮中已推送失败" in (first.webhook_error + then.webhook_error)


def test_only_http_addresses_are_posted_to(world):
    Rules.objects.create(jurisdiction=world.district, webhook_kind="wecom", webhook_url="file:///etc/passwd")
    with clock.pinned(TODAY):
        (chase,) = chase_units(user=world.coordinator)
    chase.refresh_from_db()
    assert chase.webhook_status == "failed" and "http" in chase.webhook_error


def make_second_late_unit(world):
    from tests.factories import make_organization
    from tests.supervision.chase_world import led

    unit = make_organization(name="区城管局", jurisdiction=world.district)
    led(world.p1.plan, unit, "背街小巷整治")
    return unit


def test_a_unit_with_nothing_missing_is_sent_nothing_even_when_named(world):
    with clock.pinned(TODAY):
        assert chase_units(user=world.coordinator, organizations=[world.complete.pk, world.past.pk]) == []
    assert Chase.objects.count() == 0 and mail.outbox == []


def test_a_unit_chased_minutes_ago_is_not_chased_again(world):
    with clock.pinned(TODAY):
        assert len(chase_units(user=world.coordinator)) == 1
        assert chase_units(user=world.coordinator) == []
    assert Chase.objects.count() == 1 and len(mail.outbox) == 1


def test_chases_are_counted_per_unit(world):
    for day in (TODAY, TODAY + timedelta(days=1)):
        with clock.pinned(day):
            chase_units(user=world.coordinator)
    counts = chase_counts([world.late, world.complete])
    assert (counts[world.late.pk].count, counts[world.complete.pk].count) == (2, 0)
    assert counts[world.late.pk].last_at == Chase.objects.order_by("-sent_at").first().sent_at
    assert chase_counts([world.late], since=date(YEAR + 1, 1, 1))[world.late.pk].count == 0


def test_only_coordinators_and_administrators_chase(world):
    for user in (world.officer, world.leader):
        with pytest.raises(PermissionDenied):
            chase_units(user=user)
    assert Chase.objects.count() == 0


def test_an_officer_marks_a_chase_read_and_unread_ones_come_first(world):
    with clock.pinned(TODAY):
        first = chase_units(user=world.coordinator)[0]
    with clock.pinned(TODAY + timedelta(days=1)):
        second = chase_units(user=world.coordinator)[0]
    assert list(chases_for(world.officer)) == [second, first]  # both unread: the newest first
    mark_chase_read(user=world.officer, chase=second)
    assert list(chases_for(world.officer)) == [first, second]
    second.refresh_from_db()
    assert second.read_by == world.officer and second.read_at is not None
    with pytest.raises(PermissionDenied):
        mark_chase_read(user=world.complete_officer, chase=first)


def test_the_message_is_in_the_sites_language_whoever_presses_the_button(world):
    from django.utils import translation

    with translation.override("en"), clock.pinned(TODAY):
        chase_units(user=world.coordinator)
    assert mail.outbox[0].subject == "催报：4 项进展逾期未报送"
    assert "已逾期 62 天" in mail.outbox[0].body


def test_a_long_list_is_cut_to_fit_the_wecom_robot_and_says_where_the_rest_is(world):
    from supervision.chase_messages import post_to_robot

    lines = "\n".join(f"· 第{n}个项目：{YEAR}-01 进展应于 {YEAR}-01-22 前报送，已逾期 62 天。" for n in range(100))
    with robot() as wecom:
        assert post_to_robot(url=wecom.url, kind="wecom", text=f"催报\n{lines}") == ""
    content = wecom.bodies[0]["text"]["content"]
    assert len(content.encode()) <= 2048
    assert content.startswith("催报\n· 第0个项目") and content.endswith("……（完整清单请登录系统查看）")
