"""The light rules as offices publish them: how far behind the time-proportional target (序时进度) a project may
be before it turns yellow or red, each jurisdiction's own points, and a project back from red that turns green
only once a later reporting period finds it still on target, every change kept in its history."""

from datetime import date, datetime, time

import pytest
from django.template.loader import render_to_string
from django.utils.timezone import get_current_timezone, localtime
from django.utils.translation import override

from progress import lights, services
from progress.light_limits import Limits
from progress.models import LightChange, ProjectStatus, Report
from progress.status_selectors import light_history
from projects import clock
from projects.models import Plan, Project, ProjectOrganization, QuarterlyMilestone
from projects.schedule import time_target
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db
YEAR = 2025
# 2 July: every monthly report up to June's (due 22 June) is due, and half the year (183 of 365 days) has gone by.
MID_YEAR = date(YEAR, 7, 2)


@pytest.fixture
def district():
    return make_jurisdiction(name="鲤城区")


def handed_in_on(day: date) -> datetime:
    return datetime.combine(day, time(12), tzinfo=get_current_timezone())


def reported_project(district, *, year: int = YEAR, months: int = 6, percent: int | None,
                     targets: dict[int, int] | None = None, last_on: date | None = None) -> Project:
    """A project whose lead unit handed in every report from January to `months`, the last saying `percent`
    (handed in on `last_on`, if given: the percent is held against the target of that day)."""
    plan = Plan.objects.filter(jurisdiction=district, year=year).first() or make_plan(jurisdiction=district, year=year)
    project = make_project(plan=plan)
    unit = make_organization(name=f"单位{project.pk}", jurisdiction=district)
    ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    for quarter, target in (targets or {}).items():
        QuarterlyMilestone.objects.create(project=project, quarter=quarter, planned="节点", target_percent=target)
    for month in range(1, months + 1):
        last = month == months
        Report.objects.create(project=project, organization=unit, period=date(year, month, 1), status="accepted",
                              percent_complete=percent if last else None,
                              submitted_at=handed_in_on(last_on) if last and last_on else None)
    return project


def light_on(project: Project, day: date) -> ProjectStatus:
    with clock.pinned(day):
        lights.refresh(Project.objects.filter(pk=project.pk))
    return ProjectStatus.objects.get(project=project)


# Gap = target − percent, in points: up to the yellow points green, above them yellow, above the red points red.
EDGES = [(10, "green"), (11, "yellow"), (30, "yellow"), (31, "red")]


@pytest.mark.parametrize(("gap", "light"), EDGES)
def test_without_quarter_targets_the_target_is_the_share_of_the_year_gone_by(district, gap, light):
    assert time_target(YEAR, MID_YEAR) == 50
    status = light_on(reported_project(district, percent=50 - gap, last_on=MID_YEAR), MID_YEAR)
    assert status.light == light
    if light != "green":
        assert status.reasons == [{"code": "behind_target", "percent": 50 - gap, "target": 50, "gap": gap}]


@pytest.mark.parametrize(("gap", "light"), EDGES)
def test_with_quarter_targets_the_target_follows_the_quarterly_plan(district, gap, light):
    targets = {1: 20, 2: 70, 3: 85, 4: 100}
    end_of_june = date(YEAR, 6, 30)
    assert time_target(YEAR, end_of_june, targets) == 70  # not the year's share (50)
    status = light_on(reported_project(district, percent=70 - gap, targets=targets, last_on=end_of_june),
                      end_of_june)
    assert status.light == light
    if light != "green":
        assert status.reasons[0] == {"code": "behind_target", "percent": 70 - gap, "target": 70, "gap": gap}


@pytest.mark.parametrize(("gap", "light"), EDGES)
def test_a_past_year_is_judged_as_on_31_december_against_a_target_of_100(district, gap, light):
    project = reported_project(district, year=YEAR - 1, months=12, percent=100 - gap)
    status = light_on(project, date(YEAR + 1, 3, 1))
    assert status.light == light
    if light != "green":
        assert {"code": "behind_target", "percent": 100 - gap, "target": 100, "gap": gap} in status.reasons


def test_a_plan_reporting_on_listed_dates_is_judged_on_its_latest_due_date_not_every_day_after(district):
    # The plan reports on 25 June and 25 December. June's 48 % was on target on 25 June (48 %); in October
    # the year's share is 78 %, but no report has been due since: June's figure is still judged against June.
    make_plan(jurisdiction=district, year=YEAR, report_frequency=Plan.ReportFrequency.DATES,
              report_dates="6-25,12-25")
    project = reported_project(district, months=0, percent=None)
    unit = project.unit_roles.get().organization
    Report.objects.create(project=project, organization=unit, period=date(YEAR, 6, 1), status="accepted",
                          percent_complete=48, submitted_at=handed_in_on(date(YEAR, 6, 24)))
    october = date(YEAR, 10, 12)
    assert time_target(YEAR, october) == 78 and time_target(YEAR, date(YEAR, 6, 25)) == 48
    assert light_on(project, october).light == "green"
    # Once 25 December has passed without a new figure, June's 48 % is held against December's target.
    after_due = light_on(project, date(YEAR, 12, 27))
    assert after_due.light == "red" and after_due.reasons[0]["target"] == time_target(YEAR, date(YEAR, 12, 25))


def test_a_report_handed_in_late_is_judged_against_the_target_of_the_day_it_came(district):
    # June's report is due on 22 June, when the target is 47 %. 38 % handed in on time is 9 points behind: green;
    # the same 38 % handed in on 2 July is held against that day's 50 %: 12 points behind, yellow.
    assert (time_target(YEAR, date(YEAR, 6, 22)), time_target(YEAR, MID_YEAR)) == (47, 50)
    on_time = reported_project(district, percent=38, last_on=date(YEAR, 6, 20))
    late = reported_project(district, percent=38, last_on=MID_YEAR)
    assert light_on(on_time, date(YEAR, 7, 10)).light == "green"
    assert light_on(late, date(YEAR, 7, 10)).reasons == [
        {"code": "behind_target", "percent": 38, "target": 50, "gap": 12}]


def test_no_percent_reported_means_no_gap_rule(district):
    # Six reports in, none with a percent: half the year gone and 0 % would be red, were the gap counted.
    assert light_on(reported_project(district, percent=None), MID_YEAR).light == "green"


def test_a_jurisdiction_sets_its_own_points_and_those_under_it_inherit_them(district):
    city = district.parent
    city.yellow_points, city.red_points = 5, 15
    city.save()
    district.red_points = 20
    district.save()
    assert lights.limits_for(district.pk) == Limits(late_days=7, request_days=30, yellow_points=5, red_points=20)
    assert lights.limits_for(city.pk) == Limits(yellow_points=5, red_points=15)
    assert [light_on(reported_project(district, percent=50 - gap, last_on=MID_YEAR), MID_YEAR).light
            for gap in (5, 6, 20, 21)] == [
        "green", "yellow", "yellow", "red"]


def test_red_points_below_the_yellow_ones_are_refused_in_words(district):
    from django.core.exceptions import ValidationError

    district.yellow_points, district.red_points = 20, 10
    with pytest.raises(ValidationError) as refused, override("zh-hans"):
        district.full_clean()
    assert "亮红灯的落后百分点不能小于亮黄灯的。" in refused.value.messages


# ---------------------------------------------------------------------------------------------
# Back from red: yellow first, green in a later period still on target.


def test_a_red_project_that_catches_up_is_yellow_until_a_later_period_still_finds_it_on_target(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    plan, project = world.plan, world.project
    plan.year = YEAR
    plan.save()
    for month in range(1, 6):
        Report.objects.create(project=project, organization=world.officer.organization, period=date(YEAR, month, 1),
                              status="accepted", percent_complete=5 if month == 5 else None,
                              submitted_at=handed_in_on(date(YEAR, 6, 10)) if month == 5 else None)

    # 10 June: 44 % of the year gone, 5 % done: 39 points behind, red. A first light has no history.
    first = light_on(project, date(YEAR, 6, 10))
    assert first.light == "red" and first.reasons == [
        {"code": "behind_target", "percent": 5, "target": 44, "gap": 39}]
    assert not LightChange.objects.exists()

    # 12 June: the unit reports 45 % for June. On target, but back from red: yellow, recovering since June.
    with clock.pinned(date(YEAR, 6, 12)):
        services.save_report(user=world.officer, project=project, month=date(YEAR, 6, 1), version=0, submit=True,
                             data=services.ReportInput(percent_complete=45, progress="追上进度。"))
    recovering = ProjectStatus.objects.get(project=project)
    assert (recovering.light, recovering.reasons) == ("yellow", [{"code": "recovering", "period": f"{YEAR}-06"}])
    assert recovering.since_period == date(YEAR, 6, 1)

    # 20 June, still June's period and still on target: still yellow, nothing new in the history.
    assert light_on(project, date(YEAR, 6, 20)).light == "yellow"
    assert LightChange.objects.count() == 1

    # 23 June: July's period has begun, the project is still on target (45 against 48): green.
    assert light_on(project, date(YEAR, 6, 23)).light == "green"

    changes = list(LightChange.objects.filter(project=project).order_by("at", "id")
                   .values_list("period", "before", "after", "reasons"))
    assert changes == [
        (date(YEAR, 6, 1), "red", "yellow", [{"code": "recovering", "period": f"{YEAR}-06"}]),
        (date(YEAR, 7, 1), "yellow", "green", [{"code": "on_plan"}]),
    ]
    steps = light_history(project)
    assert [(step.before, step.after) for step in steps] == [("yellow", "green"), ("red", "yellow")]  # newest first
    with override("zh-hans"):
        shown = render_to_string("progress/_light_history.html", {"light_steps": light_history(project)})
    assert shown.index('<span class="light light-yellow">黄灯</span> → <span class="light light-green">绿灯</span>') \
        < shown.index('<span class="light light-red">红灯</span> → <span class="light light-yellow">黄灯</span>')
    assert f"亮红灯后已于 {YEAR}-06 追上序时进度；下一报送期仍达序时进度即转为绿灯。" in shown
    assert "按计划推进：报告已报送，节点无滞后。" in shown
    assert f"{YEAR}-06-12" in shown and f"{YEAR}-06-23" in shown


def test_falling_behind_again_while_recovering_is_red_again(district):
    project = reported_project(district, months=5, percent=5, last_on=date(YEAR, 6, 10))
    assert light_on(project, date(YEAR, 6, 10)).light == "red"
    Report.objects.filter(project=project, period=date(YEAR, 5, 1)).update(percent_complete=44)
    assert light_on(project, date(YEAR, 6, 10)).reasons == [{"code": "recovering", "period": f"{YEAR}-06"}]
    Report.objects.filter(project=project, period=date(YEAR, 5, 1)).update(percent_complete=10)
    assert light_on(project, date(YEAR, 6, 11)).light == "red"
    assert list(LightChange.objects.order_by("id").values_list("before", "after")) == [
        ("red", "yellow"), ("yellow", "red")]


def test_an_import_keeps_the_light_a_project_had_and_records_its_change(district):
    # refresh_many is the import's path: projects with no reports go by plain values (COPY), and must
    # still know the light they had. Here a red (two reports missing) project with no reports at all.
    project = make_project(plan=make_plan(jurisdiction=district, year=YEAR))
    ProjectOrganization.objects.create(project=project, role="lead",
                                       organization=make_organization(name="区城管局", jurisdiction=district))
    with clock.pinned(date(YEAR, 3, 25)):
        lights.refresh_many(Project.objects.all())
    assert ProjectStatus.objects.get().light == "red" and not LightChange.objects.exists()  # a first light
    # The table is imported again without the lead unit: yellow (no lead unit), recorded once.
    ProjectOrganization.objects.all().delete()
    with clock.pinned(date(YEAR, 3, 26)):
        lights.refresh_many(Project.objects.all())
        lights.refresh_many(Project.objects.all())
    status = ProjectStatus.objects.get()
    assert (status.light, status.reasons, localtime(status.since).date()) == ("yellow", [{"code": "no_lead_unit"}],
                                                                              date(YEAR, 3, 26))
    assert list(LightChange.objects.values_list("before", "after", "period")) == [("red", "yellow", date(YEAR, 4, 1))]
