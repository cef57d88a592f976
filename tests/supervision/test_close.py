"""The office closes March: every project's figures frozen as they stood, the close refused before the
due date has passed and when it was closed already."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.roles import Role
from progress.models import ProjectStatus
from projects import clock
from supervision import closing
from supervision.figures import close_figures
from supervision.models import Event, PeriodClose, Snapshot
from tests.factories import make_jurisdiction, make_plan, make_project, make_user
from tests.supervision.close_world import MAR, build_seed, close_march, march

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    built = build_seed()
    march(built)
    return built


def rows(close: PeriodClose) -> list[tuple]:
    return [(s.number, s.light, s.percent, s.target, s.standing, s.report_state, s.days_late)
            for s in close.snapshots.all()]


def test_closing_march_freezes_every_projects_light_percent_standing_and_report_state(seed):
    close = close_march(seed)

    assert (close.period, close.due, close.as_of, close.closed_by) == (MAR, date(2026, 3, 22), date(2026, 3, 25),
                                                                       seed.coordinator)
    assert timezone.localdate(close.closed_at) == date(2026, 3, 25)
    # 25 March is 84 days into 2026: the target is 23 %, or 28 % for P1, whose first quarter aims at 30 %.
    assert rows(close) == [
        ("1", "green", 30, 28, "on_schedule", "on_time", 0),
        ("2", "red", 45, 23, "ahead", "on_time", 0),  # handed in on the due day itself: on time
        ("3", "green", 8, 23, "behind", "late", 2),
        ("4", "yellow", 5, 23, "behind", "missing", 3),  # February's 5 % is the latest it said
        ("5", "done", 100, 23, "done", "on_time", 0),
    ]


def test_each_snapshot_copies_names_reasons_progress_and_the_report_it_was_closed_on(seed):
    close = close_march(seed)
    first, second, third, fourth = list(close.snapshots.all())[:4]

    assert (first.name, first.category, first.lead_unit, first.organization.name) == (
        "老旧小区改造", "一、城市建设", "区住建局", "区住建局")
    assert (first.milestone_status, first.progress) == ("in_progress", "老旧小区改造03月进展")
    # Submitted (1) and accepted (2): the snapshot knows which version it froze.
    assert (first.report.period, first.report_version) == (MAR, 2)
    assert second.reasons[0]["code"] == "request_open" and second.reasons[0]["days"] == 33
    assert third.reasons == [{"code": "on_plan_late", "period": "2026-03", "days": 2}]
    assert timezone.localdate(third.submitted_at) == date(2026, 3, 24)
    # Nothing handed in for March: no report, no progress text, and no submission time.
    assert (fourth.report, fourth.report_version, fourth.progress, fourth.submitted_at) == (None, None, "", None)


def test_money_is_frozen_exactly_by_source_from_the_periods_report_or_the_latest_before_it(seed):
    close = close_march(seed)
    by_number = {s.number: s for s in close.snapshots.all()}

    assert by_number["1"].disbursed == {"区财政": "40.5000", "市财政配套": "10.0000"}
    assert by_number["1"].disbursed_total == Decimal("50.5000")
    assert (by_number["2"].disbursed, by_number["2"].disbursed_total) == ({}, None)  # March's report gave none
    assert (by_number["4"].disbursed, by_number["4"].disbursed_total) == ({"区财政": "2.0000"}, Decimal("2"))
    assert [s.annual_investment for s in close.snapshots.all()] == [Decimal(n) for n in ("150", "80", "60", "40", "20")]

    figures = close_figures(close)
    assert (figures.disbursed, figures.annual_investment, figures.disbursed_percent) == (
        Decimal("75.5"), Decimal("350"), 22)
    assert figures.report_states == {"on_time": 3, "late": 1, "missing": 1}
    assert [(unit.name, len(unit.missing), len(unit.late)) for unit in figures.late_units] == [
        ("区卫健局", 1, 0), ("区教育局", 0, 1)]


def test_the_close_recomputes_the_lights_as_of_its_day_first(seed):
    # The lights were last computed when P2's report came in (22 March, request open 30 days: not yet red).
    ProjectStatus.objects.filter(project=seed.projects[1]).update(light="green", reasons=[{"code": "on_plan"}])
    close = close_march(seed)
    assert close.snapshots.get(number="2").light == "red"
    assert ProjectStatus.objects.get(project=seed.projects[1]).light == "red"


def test_the_close_is_recorded_in_the_cycles_trail(seed):
    close = close_march(seed)
    event = Event.objects.get(subject="close", subject_id=close.pk)
    assert (event.action, event.author, timezone.localdate(event.at)) == ("closed", seed.coordinator,
                                                                         date(2026, 3, 25))


@pytest.mark.parametrize("day", [date(2026, 3, 21), date(2026, 3, 22)])
def test_a_period_cannot_be_closed_until_its_due_date_has_passed(seed, day):
    with clock.pinned(day), pytest.raises(ValidationError) as refused:
        closing.close_period(user=seed.coordinator, plan=seed.plan, month=MAR)
    assert refused.value.messages == ["本期（2026-03）报送截止日为 2026-03-22，截止后才能关账。"]
    assert not PeriodClose.objects.exists() and not Snapshot.objects.exists() and not Event.objects.exists()


def test_a_month_without_a_period_in_the_plans_schedule_is_refused(seed):
    seed.plan.report_frequency = "quarterly"
    seed.plan.save()
    with clock.pinned(date(2026, 3, 25)), pytest.raises(ValidationError) as refused:
        closing.close_period(user=seed.coordinator, plan=seed.plan, month=date(2026, 2, 1))
    assert "2026-02" in refused.value.messages[0]
    assert not PeriodClose.objects.exists()


def test_a_closed_period_is_not_closed_again_and_its_snapshots_stay(seed):
    close = close_march(seed)
    frozen = rows(close)
    with clock.pinned(date(2026, 4, 2)), pytest.raises(ValidationError) as refused:
        closing.close_period(user=seed.city, plan=seed.plan, month=MAR)
    assert refused.value.messages == ["2026年鲤城区为民办实事项目：2026-03 已关账，不能重复关账。"]
    assert PeriodClose.objects.get() == close and rows(close) == frozen
    assert Event.objects.count() == 1


def test_leaders_and_officers_may_not_close_and_another_district_may_not_close_ours(seed):
    elsewhere = make_user(username="fz", role=Role.COORDINATOR, password=None,
                          jurisdiction=make_jurisdiction(name="丰泽区", parent=seed.plan.jurisdiction.parent))
    for user in (seed.leader, seed.officers[0], elsewhere):
        with clock.pinned(date(2026, 3, 25)), pytest.raises(PermissionDenied):
            closing.close_period(user=user, plan=seed.plan, month=MAR)
    assert not PeriodClose.objects.exists()


def test_a_past_years_december_is_judged_on_its_last_day(seed):
    plan = make_plan(jurisdiction=seed.plan.jurisdiction, year=2025)
    project = make_project(plan=plan, annual_investment=Decimal("10"))
    with clock.pinned(date(2026, 3, 25)):
        close = closing.close_period(user=seed.coordinator, plan=plan, month=date(2025, 12, 1))
    snapshot = close.snapshots.get()
    # Nobody leads it, nothing was reported: missing for the 9 days from 22 to 31 December, target 100 %.
    assert (close.as_of, snapshot.project, snapshot.report_state, snapshot.days_late, snapshot.target) == (
        date(2025, 12, 31), project, "missing", 9, 100)
    assert (snapshot.standing, snapshot.lead_unit, snapshot.organization) == ("unknown", "", None)


def test_sub_projects_are_closed_as_rows_of_their_own_in_the_tables_order(seed):
    parent = seed.projects[0]
    make_project(plan=seed.plan, parent=parent, number="", key="seed1.1", position=10, name="金龙街道片区")
    close = close_march(seed)
    assert [s.name for s in close.snapshots.all()][-1] == "金龙街道片区"
    assert close.snapshots.count() == 6


def test_closing_a_month_across_the_district_closes_each_due_plan_once_and_reports_the_ones_closed_before(seed):
    work = make_plan(jurisdiction=seed.plan.jurisdiction, year=2026, kind="work_report", title="2026年政府工作报告任务")
    make_project(plan=work)
    quarterly = make_plan(jurisdiction=seed.plan.jurisdiction, year=2026, kind="progress_report",
                          title="2026年进展表", report_frequency="quarterly")
    make_project(plan=quarterly)
    town = make_jurisdiction(name="金龙街道", parent=seed.plan.jurisdiction)
    make_project(plan=make_plan(jurisdiction=town, year=2026, title="金龙街道实事"))
    close_march(seed)

    with clock.pinned(date(2026, 3, 26)):
        done = closing.close_jurisdiction(user=seed.coordinator, jurisdiction=seed.plan.jurisdiction, month=MAR)
    # The quarterly plan's March period is due on 22 March too; nothing was skipped but the one closed before.
    assert sorted(c.plan.title for c in done.closed) == ["2026年政府工作报告任务", "2026年进展表", "金龙街道实事"]
    assert [c.plan for c in done.skipped] == [seed.plan]
    assert PeriodClose.objects.filter(period=MAR).count() == 4
    assert Event.objects.filter(subject="close").count() == 4


def test_closing_a_month_across_the_district_before_any_plan_is_due_closes_nothing(seed):
    with clock.pinned(date(2026, 4, 20)), pytest.raises(ValidationError) as refused:
        closing.close_jurisdiction(user=seed.coordinator, jurisdiction=seed.plan.jurisdiction, month=date(2026, 4, 1))
    assert "2026-04" in refused.value.messages[0]
    assert not PeriodClose.objects.exists()

