"""The circular's life: drafted from a closed period, worded by the coordinator, published with the
office's next number, and never changed afterwards."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from progress.models import ProjectStatus
from projects import clock
from supervision.circular_text import reading
from supervision.circulars import (
    CircularConflict,
    draft_circular,
    edit_circular,
    publish_circular,
    regenerate_circular,
)
from supervision.figures import close_figures
from supervision.models import Circular, Event, Rules
from tests.supervision.circular_world import build_circular_world, instruct, open_request, text_of
from tests.supervision.factories import make_close

pytestmark = pytest.mark.django_db

PUBLISH_DAY = date(2026, 11, 3)


def drafted(world):
    with clock.pinned(date(2026, 10, 25)):
        return draft_circular(user=world.coordinator, close=world.close)


def test_a_draft_reads_every_figure_of_the_closed_period():
    world = build_circular_world()
    circular = drafted(world)
    text = text_of(reading(circular))
    assert circular.title == "关于2026年10月为民办实事项目进展情况的通报"
    assert "今年，鲤城区共实施为民办实事项目5个。" in circular.opening
    assert ("截至2026年10月22日，5个项目中，已完成1个；对照序时进度50%，超序时1个、按序时1个、慢序时1个，"
            "未报送完成进度1个。") in text
    assert "亮灯情况：绿灯2个、黄灯1个、红灯1个、已完成1个。" in text
    assert "已报送完成进度的4个项目平均完成62%。" in text  # (100 + 75 + 52 + 20) / 4
    assert "年度计划投资430.25万元，已拨付150.5万元，拨付率35%。" in text
    assert "本期应于2026年10月22日前报送月度进展5份，按时报送2份，逾期报送1份，未报送2份。" in text
    assert ("（四）慢序时进度项目（1个）\n"
            "老旧小区改造（承办单位：区住建局）：完成20%，序时进度50%，滞后30个百分点") in text
    assert "（二）超序时进度项目（1个）\n新建公办幼儿园（区教育局）：完成75%" in text
    assert "（三）按序时进度项目（1个）\n社区卫生服务站提升（区卫健局）：完成52%" in text
    assert "（一）已完成项目（1个）\n背街小巷整治（区住建局）" in text
    assert "（五）未报送完成进度的项目（1个）\n居家养老服务站（区民政局）" in text
    # The most missing first, then by name: the late unit last.
    assert ("区住建局：未报送1个、逾期报送0个（老旧小区改造（未报送））\n"
            "区民政局：未报送1个、逾期报送0个（居家养老服务站（未报送））\n"
            "区卫健局：未报送0个、逾期报送1个（社区卫生服务站提升（逾期3天））") in text


def test_the_annex_holds_every_snapshot_row_as_it_was_frozen():
    world = build_circular_world()
    rows = reading(drafted(world)).annex_rows
    snapshots = list(world.close.snapshots.all())
    assert [(r.number, r.name, r.lead_unit, r.light) for r in rows] == [
        (s.number, s.name, s.lead_unit, s.light) for s in snapshots]
    assert [(r.percent, r.target) for r in rows] == [("100", "50"), ("75", "50"), ("52", "50"), ("20", "50"),
                                                      ("—", "50")]
    assert [r.report for r in rows] == ["按时报送", "按时报送", "逾期3天", "未报送", "未报送"]
    assert [r.annual_investment for r in rows] == ["100", "80", "50.25", "200", "—"]
    assert [r.disbursed for r in rows] == ["100", "40.5", "10", "0", "—"]
    total = reading(world.close.circular).annex_total
    assert (total.annual_investment, total.disbursed, total.percent) == ("430.25", "150.5", "62")


def test_a_close_whose_projects_have_different_targets_says_so_instead_of_one_target():
    world = build_circular_world()
    world.close.snapshots.filter(project=world.projects["ahead"]).update(target=60)
    text = text_of(reading(drafted(world)))
    assert "对照各项目序时进度，超序时" in text


def test_the_mean_percent_counts_only_the_projects_that_reported_one():
    world = build_circular_world()
    # Verified complete without a percent: done, but not among those the mean is taken of.
    world.close.snapshots.filter(project=world.projects["done"]).update(percent=None)
    figures = close_figures(world.close)
    assert (figures.standings["done"], figures.reported, figures.mean_percent) == (1, 3, 49)  # (75 + 52 + 20) / 3
    assert "已报送完成进度的3个项目平均完成49%。" in text_of(reading(drafted(world), figures))


def test_a_second_draft_of_the_same_close_is_refused_and_writes_nothing():
    world = build_circular_world()
    drafted(world)
    with pytest.raises(ValidationError, match="本期已有通报"):
        draft_circular(user=world.admin, close=world.close)
    assert Circular.objects.count() == 1
    assert Event.objects.filter(subject="circular", action="drafted").count() == 1


def test_only_the_plans_coordinators_and_administrators_draft_its_circular():
    world, other = build_circular_world(), build_circular_world(jurisdiction_name="丰泽区")
    for user in (world.officer, world.leader, other.coordinator):
        with pytest.raises(PermissionDenied):
            draft_circular(user=user, close=world.close)
    assert draft_circular(user=world.admin, close=world.close).created_by == world.admin


def test_editing_the_wording_keeps_every_figure_and_records_what_changed():
    world = build_circular_world()
    circular = drafted(world)
    before = reading(circular)
    edited = edit_circular(user=world.coordinator, circular=circular, version=1, opening="今年区委区政府兴办5件实事。",
                           summary_remarks="", requirements="（一）加快推进。\n（二）按时报送。")
    after = reading(edited)
    assert edited.version == 2
    assert after.opening == ["今年区委区政府兴办5件实事。"]
    assert after.parts[0].paragraphs == before.parts[0].paragraphs[:-1]  # the remark went, the figures stayed
    assert after.parts[1:4] == before.parts[1:4] and after.annex_rows == before.annex_rows
    assert after.parts[4].paragraphs == ["（一）加快推进。", "（二）按时报送。"]
    event = Event.objects.get(subject="circular", subject_id=circular.pk, action="edited")
    assert event.author == world.coordinator
    assert set(event.changes) == {"opening", "summary_remarks", "requirements"}


def test_an_edit_made_on_an_older_version_is_refused_and_writes_nothing():
    world = build_circular_world()
    circular = drafted(world)
    edit_circular(user=world.coordinator, circular=circular, version=1, opening="甲的文字", summary_remarks="",
                  requirements="")
    with pytest.raises(CircularConflict) as refused:
        edit_circular(user=world.admin, circular=circular, version=1, opening="乙的文字", summary_remarks="",
                      requirements="")
    assert refused.value.circular.opening == "甲的文字"  # what the view shows next to the loser's text
    circular.refresh_from_db()
    assert (circular.opening, circular.version) == ("甲的文字", 2)


def test_publishing_numbers_the_offices_circulars_one_after_another_per_jurisdiction_and_year():
    world, fengze = build_circular_world(), build_circular_world(jurisdiction_name="丰泽区")
    Rules.objects.create(jurisdiction=world.plan.jurisdiction, circular_prefix="鲤督通")
    september = make_close(plan=world.plan, month=date(2026, 9, 1), rows=[(world.projects["ahead"], "green", 40)])
    november = make_close(plan=world.plan, month=date(2026, 11, 1), rows=[(world.projects["ahead"], "green", 80)])
    with clock.pinned(PUBLISH_DAY):
        first = publish_circular(user=world.coordinator, version=1,
                                 circular=draft_circular(user=world.coordinator, close=september))
        second = publish_circular(user=world.admin, version=1, circular=drafted(world))
        elsewhere = publish_circular(user=fengze.coordinator, version=1, circular=drafted(fengze))
    with clock.pinned(date(2027, 1, 6)):
        next_year = publish_circular(user=world.coordinator, version=1,
                                     circular=draft_circular(user=world.coordinator, close=november))
    assert [(c.number, c.number_text) for c in (first, second, elsewhere, next_year)] == [
        (1, "鲤督通〔2026〕1号"), (2, "鲤督通〔2026〕2号"), (1, "〔2026〕1号"), (1, "鲤督通〔2027〕1号")]
    stored = Circular.objects.get(pk=second.pk)
    assert (stored.status, stored.published_by, timezone.localdate(stored.published_at)) == (
        "published", world.admin, PUBLISH_DAY)
    assert reading(second).number_text == "鲤督通〔2026〕2号"
    assert reading(stored).dated == "2026年11月3日"
    assert Event.objects.get(subject="circular", subject_id=second.pk, action="published").note == "鲤督通〔2026〕2号"


def test_a_published_circular_is_never_changed_and_is_not_numbered_twice():
    world = build_circular_world()
    with clock.pinned(PUBLISH_DAY):
        published = publish_circular(user=world.coordinator, circular=drafted(world), version=1)
        for attempt in (
            lambda: edit_circular(user=world.coordinator, circular=published, version=published.version,
                                  opening="改写", summary_remarks="", requirements=""),
            lambda: regenerate_circular(user=world.coordinator, circular=published, version=published.version),
            lambda: publish_circular(user=world.coordinator, circular=published, version=published.version),
        ):
            with pytest.raises(ValidationError, match="已印发"):
                attempt()
    again = Circular.objects.get(pk=published.pk)
    assert (again.number, again.opening, again.version) == (1, published.opening, published.version)
    assert Event.objects.filter(action="published").count() == 1


def test_the_published_figures_do_not_move_when_projects_and_reports_change_afterwards():
    world = build_circular_world()
    open_request(world, "behind", "征迁协调困难", opened=date(2026, 9, 10))
    with clock.pinned(PUBLISH_DAY):
        published = publish_circular(user=world.coordinator, circular=drafted(world), version=1)
    before = reading(Circular.objects.get(pk=published.pk))
    behind = world.projects["behind"]
    behind.name, behind.annual_investment = "改名后的项目", Decimal("999")
    behind.save()
    ProjectStatus.objects.update_or_create(project=behind, defaults={
        "light": "green", "percent_complete": 90, "computed_at": clock.now()})
    behind.requests.update(closed_at=clock.now(), resolution="已解决")
    world.units["housing"].name = "区住房和城乡建设局"
    world.units["housing"].save()
    assert reading(Circular.objects.get(pk=published.pk)) == before
    assert "征迁协调困难" in text_of(before)


def test_the_draft_freezes_the_requests_and_instructions_open_at_the_close():
    world = build_circular_world()  # closed on 22 October 2026 at 18:00
    open_request(world, "behind", "征迁协调困难", opened=date(2026, 9, 10))
    open_request(world, "ahead", "已解决的问题", opened=date(2026, 8, 3), closed=date(2026, 8, 20))
    open_request(world, "on", "关账后提出的问题", opened=date(2026, 10, 24))
    instruct(world, "behind", "尽快完成征迁", written=date(2026, 9, 1), due=date(2026, 9, 16))
    instruct(world, "ahead", "注意安全", written=date(2026, 10, 12), due=date(2026, 10, 27))
    instruct(world, "on", "已答复的批示", written=date(2026, 9, 1), due=date(2026, 9, 16), answered=date(2026, 9, 12))
    circular = drafted(world)
    items = circular.open_items
    assert [(r.project_name, r.unit, r.text, r.days_open) for r in items.requests] == [
        ("老旧小区改造", "区住建局", "征迁协调困难", 42)]
    assert [(i.project_name, i.author, i.text, i.overdue) for i in items.instructions] == [
        ("老旧小区改造", "王伟", "尽快完成征迁", True), ("新建公办幼儿园", "王伟", "注意安全", False)]
    text = text_of(reading(circular))
    assert "老旧小区改造（区住建局，2026年9月10日提出，已42天）：征迁协调困难" in text
    assert ("（二）尚未答复的领导批示（2件，其中逾期1件）\n"
            "老旧小区改造（王伟于2026年9月1日批示，区住建局应于2026年9月16日前答复，已逾期）：尽快完成征迁") in text


def test_taking_the_lists_again_keeps_what_was_open_at_the_close_and_adds_what_was_entered_late():
    world = build_circular_world()
    request = open_request(world, "behind", "征迁协调困难", opened=date(2026, 9, 10))
    circular = drafted(world)
    request.closed_at = clock.now()  # settled after the close: it was open at the close all the same
    request.save()
    instruct(world, "ahead", "补录的批示", written=date(2026, 10, 20), due=date(2026, 11, 4))
    again = regenerate_circular(user=world.coordinator, circular=circular, version=1)
    assert [r.text for r in again.open_items.requests] == ["征迁协调困难"]
    assert [i.text for i in again.open_items.instructions] == ["补录的批示"]
    assert again.version == 2
    assert Event.objects.get(subject="circular", subject_id=circular.pk, action="regenerated").changes == {
        "instructions": ["0", "1"]}
    with pytest.raises(CircularConflict):
        regenerate_circular(user=world.coordinator, circular=circular, version=1)


def test_the_frozen_lists_read_back_as_they_were_written():
    world = build_circular_world()
    instruct(world, "behind", "尽快完成征迁", written=date(2026, 9, 1), due=date(2026, 9, 16))
    circular = drafted(world)
    assert Circular.objects.get(pk=circular.pk).open_items == circular.open_items
    assert circular.frozen["instructions"][0]["due"] == "2026-09-16"


def test_a_work_report_plan_gets_its_own_title():
    plan = build_circular_world().plan
    plan.kind = "work_report"
    plan.save()
    close = make_close(plan=plan, month=date(2026, 6, 1), rows=[])
    coordinator = plan.jurisdiction.users.get(username__startswith="duban")
    assert draft_circular(user=coordinator, close=close).title == "关于2026年6月政府工作报告目标任务进展情况的通报"


def test_amounts_read_exactly_as_the_snapshot_holds_them():
    world = build_circular_world(jurisdiction_name="洛江区")
    world.close.snapshots.filter(project=world.projects["ahead"]).update(disbursed_total=Decimal("0.0001"))
    assert reading(drafted(world)).annex_rows[1].disbursed == "0.0001"
