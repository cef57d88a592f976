"""When reports are due: monthly by a day, quarterly, or on listed dates."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from projects.models import Plan
from projects.schedule import Schedule, parse_dates, time_target


def test_monthly_by_the_22nd():
    periods = Schedule().periods(2023)
    assert [p.due for p in periods[:2]] == [date(2023, 1, 22), date(2023, 2, 22)]
    assert periods[1].opens == date(2023, 1, 23) and periods[1].key == "2023-02"


def test_quarterly_reports_are_due_in_the_quarters_last_month():
    periods = Schedule(frequency="quarterly", day=20).periods(2023)
    assert [p.due for p in periods] == [date(2023, 3, 20), date(2023, 6, 20), date(2023, 9, 20), date(2023, 12, 20)]
    assert [p.quarter for p in periods] == [1, 2, 3, 4]


def test_half_yearly_on_listed_dates_as_the_notice_says():
    schedule = Schedule(frequency="dates", dates="12-25, 6-25")
    assert [p.due for p in schedule.periods(2022)] == [date(2022, 6, 25), date(2022, 12, 25)]
    assert schedule.period(2022, date(2022, 6, 1)).due == date(2022, 6, 25)
    assert schedule.period(2022, date(2022, 7, 1)) is None


@pytest.mark.parametrize(("today", "expected"), [
    (date(2022, 12, 31), None),            # the year before the plan
    (date(2023, 1, 1), date(2023, 1, 1)),
    (date(2023, 1, 22), date(2023, 1, 1)),  # due today: still this period
    (date(2023, 1, 23), date(2023, 2, 1)),
    (date(2024, 3, 1), date(2023, 12, 1)),  # after the year: its last period
])
def test_the_current_period(today, expected):
    current = Schedule().current(2023, today)
    assert (current.month if current else None) == expected


def test_due_before_lists_the_periods_whose_day_has_passed():
    assert [p.key for p in Schedule().due_before(2023, date(2023, 3, 23))] == ["2023-01", "2023-02", "2023-03"]


@pytest.mark.parametrize("text", ["6-31", "13-1", "6/25", "六月", "6-25, 6-28", ""])
def test_bad_dates_are_refused(text):
    with pytest.raises(ValueError):
        if not parse_dates(text):
            raise ValueError(text)


def test_a_plan_on_listed_dates_needs_valid_dates_and_keeps_them_tidy():
    plan = Plan(report_frequency="dates", report_dates="12-25，6-25")
    plan.clean()
    assert plan.report_dates == "6-25, 12-25"
    with pytest.raises(ValidationError) as refused:
        Plan(report_frequency="dates", report_dates="6月25日").clean()
    assert "report_dates" in refused.value.message_dict


# 序时进度: the percent a project should show on a day.
@pytest.mark.parametrize(("today", "targets", "expected"), [
    ("2026-01-01", None, 0),
    ("2026-07-02", None, 50),
    ("2026-03-31", {1: 30, 2: 60}, 30),      # a quarter's end reaches its target
    ("2026-02-14", {1: 30, 2: 60}, 15),      # half way through the first quarter
    ("2026-06-30", {1: 30, 2: 60}, 60),
    ("2026-09-30", {1: 30, 2: 60}, 80),      # after the last target given, on towards 100 at the year's end
    ("2026-12-31", {1: 30}, 100),
    ("2026-06-30", {1: 50, 2: 40}, 50),      # a lower later target never lowers it
    ("2027-01-05", {1: 10}, 100),            # a past year's target is 100
])
def test_the_time_proportional_target_follows_the_quarterly_plan(today, targets, expected):
    assert time_target(2026, date.fromisoformat(today), targets) == expected
