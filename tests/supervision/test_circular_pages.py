"""The circular's pages: who reads which circular, the page that prints as the document, the
wording form and the buttons that draft and publish."""

from datetime import date

import pytest
from django.conf import settings
from django.urls import reverse

from projects import clock
from supervision.circulars import draft_circular, publish_circular
from supervision.models import Circular
from tests.supervision.circular_world import build_circular_world
from tests.supervision.factories import make_close

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


def publish(world, close=None):
    with clock.pinned(date(2026, 11, 3)):
        return publish_circular(user=world.coordinator, version=1,
                                circular=draft_circular(user=world.coordinator, close=close or world.close))


def test_an_officer_reads_the_published_circulars_that_name_their_unit_and_no_other(client):
    world = build_circular_world()
    circular = publish(world)
    page = reverse("supervision:circular", args=[circular.pk])
    response = as_user(client, world.officer).get(reverse("supervision:circulars"))
    assert circular.title in response.content.decode()
    assert as_user(client, world.officer).get(page).status_code == 200
    # 区财政局 leads no project of the close and is not late: the circular does not name it.
    assert as_user(client, world.stranger).get(page).status_code == 404
    assert circular.title not in as_user(client, world.stranger).get(reverse("supervision:circulars")).content.decode()


def test_a_unit_named_only_as_late_reads_the_circular(client):
    world = build_circular_world()
    world.close.snapshots.filter(project=world.projects["on"]).update(organization=world.stranger.organization,
                                                                     lead_unit="区财政局")
    circular = publish(world)
    assert "区财政局：未报送0个、逾期报送1个" in as_user(client, world.stranger).get(
        reverse("supervision:circular", args=[circular.pk])).content.decode()


def test_drafts_are_the_offices_own_until_published(client):
    world = build_circular_world()
    circular = draft_circular(user=world.coordinator, close=world.close)
    page = reverse("supervision:circular", args=[circular.pk])
    for user in (world.officer, world.leader):
        assert as_user(client, user).get(page).status_code == 404
    for user in (world.coordinator, world.admin):
        assert as_user(client, user).get(page).status_code == 200
    publish_circular(user=world.coordinator, circular=circular, version=1)
    assert as_user(client, world.leader).get(page).status_code == 200


def test_another_districts_coordinator_does_not_see_the_circular(client):
    world, other = build_circular_world(), build_circular_world(jurisdiction_name="丰泽区")
    circular = publish(world)
    assert as_user(client, other.coordinator).get(
        reverse("supervision:circular", args=[circular.pk])).status_code == 404


def test_the_circular_page_reads_as_the_document_and_prints_on_a4(client):
    world = build_circular_world()
    circular = publish(world)
    response = as_user(client, world.leader).get(reverse("supervision:circular", args=[circular.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("〔2026〕1号", "关于2026年10月为民办实事项目进展情况的通报", "一、总体情况", "拨付率35%",
                 "老旧小区改造（承办单位：区住建局）：完成20%，序时进度50%，滞后30个百分点", "项目进展情况表",
                 "鲤城区督查室", "2026年11月3日"):
        assert text in html, text
    assert 'data-print' in html and "js/print.js" in html
    assert 'class="circular"' in html and "style=" not in html and "<script>" not in html
    assert reverse("supervision:circular_docx", args=[circular.pk]) in html
    assert reverse("supervision:publish_circular", args=[circular.pk]) not in html  # published: no actions
    css = (settings.BASE_DIR / "static" / "css" / "app.css").read_text()
    assert "@page circular { size: A4;" in css and ".circular-annex { break-before: page;" in css


def test_the_list_of_circulars_costs_the_same_queries_however_many_there_are(client, django_assert_num_queries):
    world = build_circular_world()
    for month in (7, 8, 9):
        close = make_close(plan=world.plan, month=date(2026, month, 1), rows=[(world.projects["ahead"], "green", 40)])
        publish(world, close)
    make_close(plan=world.plan, month=date(2026, 6, 1), rows=[])  # awaiting its circular
    as_user(client, world.coordinator)
    # session, user, the user's groups, the jurisdictions under theirs, the header's two permission reads,
    # the closes awaiting a circular, the circulars with their plans and jurisdictions
    with django_assert_num_queries(8):
        response = client.get(reverse("supervision:circulars"))
    html = response.content.decode()
    pks = list(Circular.objects.values_list("pk", flat=True))
    assert len(pks) == 3 and all(reverse("supervision:circular", args=[pk]) in html for pk in pks)
    assert reverse("supervision:draft_circular", args=[world.close.pk]) in html  # October has none yet


def test_the_coordinator_drafts_from_the_close_and_a_second_click_lands_on_the_same_draft(client):
    world = build_circular_world()
    url = reverse("supervision:draft_circular", args=[world.close.pk])
    first = as_user(client, world.coordinator).post(url)
    circular = Circular.objects.get(close=world.close)
    assert first.headers["Location"] == reverse("supervision:circular", args=[circular.pk])
    second = client.post(url, follow=True)
    assert second.redirect_chain[-1][0] == reverse("supervision:circular", args=[circular.pk])
    assert "本期已有通报。" in second.content.decode()
    assert Circular.objects.count() == 1


def test_the_wording_form_saves_and_a_stale_save_shows_both_texts_and_keeps_the_writers(client):
    world = build_circular_world()
    circular = draft_circular(user=world.coordinator, close=world.close)
    url = reverse("supervision:edit_circular", args=[circular.pk])
    assert "今年，鲤城区共实施为民办实事项目5个。" in as_user(client, world.coordinator).get(url).content.decode()
    saved = client.post(url, {"version": 1, "opening": "甲的开头", "summary_remarks": "", "requirements": "要求"})
    assert saved.headers["Location"] == reverse("supervision:circular", args=[circular.pk])
    stale = as_user(client, world.admin).post(url, {"version": 1, "opening": "乙的开头", "summary_remarks": "",
                                                    "requirements": ""})
    html = stale.content.decode()
    assert stale.status_code == 409
    assert "甲的开头" in html and "乙的开头" in html and 'name="version" value="2"' in html
    assert Circular.objects.get(pk=circular.pk).opening == "甲的开头"


def test_a_published_circulars_wording_form_is_refused(client):
    world = build_circular_world()
    circular = publish(world)
    url = reverse("supervision:edit_circular", args=[circular.pk])
    assert as_user(client, world.coordinator).get(url).status_code == 403
    assert client.post(url, {"version": circular.version, "opening": "改写"}).status_code == 403
    assert Circular.objects.get(pk=circular.pk).opening == circular.opening


def test_publishing_from_the_page_numbers_it_once_and_a_second_click_is_told_so(client):
    world = build_circular_world()
    circular = draft_circular(user=world.coordinator, close=world.close)
    url = reverse("supervision:publish_circular", args=[circular.pk])
    with clock.pinned(date(2026, 11, 3)):
        as_user(client, world.coordinator).post(url, {"version": 1})
        again = client.post(url, {"version": 1}, follow=True)
    assert "已印发（〔2026〕1号）" in again.content.decode()
    assert Circular.objects.get(pk=circular.pk).number == 1


def test_a_leader_may_read_but_not_publish(client):
    world = build_circular_world()
    circular = publish(world)
    response = as_user(client, world.leader).post(reverse("supervision:publish_circular", args=[circular.pk]),
                                                  {"version": circular.version})
    assert response.status_code == 403
