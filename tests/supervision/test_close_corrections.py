"""After the close: reports still corrected through the progress services, shown as corrections while the
snapshot keeps the figures the office closed on; and two closes compared."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from progress import services
from progress.models import Report
from projects import clock
from supervision.compare import compare
from supervision.selectors.closes import corrections
from tests.factories import make_plan, make_project
from tests.supervision.close_world import (
    MAR,
    build_seed,
    close_february,
    close_march,
    march,
    report,
    return_and_correct,
)
from tests.supervision.factories import make_close

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed():
    built = build_seed()
    march(built)
    return built


def test_a_report_corrected_after_the_close_is_a_correction_and_the_snapshot_keeps_the_old_figures(seed):
    close = close_march(seed)
    corrected = return_and_correct(seed, 3, percent=12)

    frozen = close.snapshots.get(number="3")
    assert (frozen.percent, frozen.report_state, frozen.days_late, frozen.disbursed) == (
        8, "late", 2, {"区财政": "3.0000"})
    assert frozen.report_version < corrected.version
    [correction] = corrections(close)
    assert correction.snapshot == frozen and correction.report == corrected
    assert (correction.percent, str(correction.disbursed_total)) == (12, "6.0000")
    # Who and when as the report's history has them: the revision that handed it in again.
    handed_in = corrected.revisions.get(version=corrected.version)
    assert (handed_in.action, correction.by, correction.at, correction.counts) == (
        "submitted", seed.officers[2], handed_in.at, True)


def test_a_report_handed_in_after_the_close_where_the_snapshot_says_missing_is_a_correction(seed):
    close = close_march(seed)
    report(seed, 4, MAR, date(2026, 3, 28), percent=15)

    [correction] = corrections(close)
    frozen = correction.snapshot
    assert (frozen.number, frozen.report_state, frozen.percent) == ("4", "missing", 5)
    assert (correction.percent, correction.by) == (15, seed.officers[3])


def test_accepting_a_report_after_the_close_changes_no_figure_and_is_no_correction(seed):
    close = close_march(seed)
    sent = Report.objects.get(project=seed.projects[2], period=MAR)
    with clock.pinned(date(2026, 3, 26)):
        services.review_report(user=seed.coordinator, report=sent, version=sent.version, accept=True)
    assert corrections(close) == []


def test_a_returned_report_not_yet_handed_in_again_is_no_correction_yet(seed):
    close = close_march(seed)
    sent = Report.objects.get(project=seed.projects[2], period=MAR)
    with clock.pinned(date(2026, 3, 26)):
        services.review_report(user=seed.coordinator, report=sent, version=sent.version, accept=False, comment="请核实")
    assert corrections(close) == []


def test_corrections_of_another_period_do_not_show_on_this_close(seed):
    february = close_february(seed)
    close_march(seed)
    return_and_correct(seed, 3, percent=12)
    assert corrections(february) == []


def test_comparing_february_with_march_names_who_turned_red_improved_worsened_completed_and_went_missing():
    seed = build_seed()
    february = close_february(seed)
    march(seed)
    later = close_march(seed)

    result = compare(february, later)
    names = {kind: [change.after.number for change in getattr(result, kind)]
             for kind in ("turned_red", "improved", "worsened", "completed", "newly_awaiting")}
    # P1 yellow (behind its first quarter's 30 %) -> green; P2 green -> red (its request open 33 days);
    # P4 green -> yellow (March missing); P5 green -> done.
    assert names == {"turned_red": ["2"], "improved": ["1"], "worsened": ["2", "4"], "completed": ["5"],
                     "newly_awaiting": ["4"]}
    assert result.counts == {"turned_red": 1, "improved": 1, "worsened": 2, "completed": 1, "newly_awaiting": 1,
                             "added": 0}
    assert [change.percent_change for change in result.improved] == [10]


def test_only_closes_of_the_same_plan_are_compared(seed):
    close = close_march(seed)
    other_plan = make_plan(jurisdiction=seed.plan.jurisdiction, year=2026, kind="work_report")
    other = make_close(plan=other_plan, month=MAR, rows=[(make_project(plan=other_plan), "green", 30)])
    with pytest.raises(ValidationError) as refused:
        compare(other, close)
    assert refused.value.messages == ["只能比较同一计划的两次关账。"]


def test_a_project_added_to_the_plan_between_two_closes_is_listed_as_added(seed):
    earlier = make_close(plan=seed.plan, month=date(2026, 1, 1), rows=[(p, "green", 10) for p in seed.projects[:4]])
    later = close_march(seed)
    result = compare(earlier, later)
    assert [s.number for s in result.added] == ["5"]
