"""Each light colour from the data that causes it, explained in words, with thresholds per jurisdiction."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from progress import lights
from progress.models import CoordinationRequest, ProjectStatus, Report
from projects.models import Project, ProjectOrganization, QuarterlyMilestone
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture
def project():
    district = make_jurisdiction(name="鲤城区")
    project = make_project(plan=make_plan(jurisdiction=district, year=YEAR), name="口袋公园")
    ProjectOrganization.objects.create(project=project, role="lead",
                                       organization=make_organization(name="区城管局", jurisdiction=district))
    return project


def report(project, month: int, status: str = "accepted", **fields) -> Report:
    return Report.objects.create(project=project, organization=project.organizations.get(), period=date(YEAR, month, 1),
                                 status=status, **fields)


def light_on(project, today: date) -> ProjectStatus:
    lights.refresh(Project.objects.filter(pk=project.pk), today)
    return ProjectStatus.objects.get(project=project)


def test_reports_in_on_time_are_green(project):
    report(project, 1, percent_complete=10)
    report(project, 2, percent_complete=20)
    status = light_on(project, date(YEAR, 3, 10))
    assert status.light == "green" and status.reasons == [{"code": "on_plan"}]
    assert (status.percent_complete, status.last_period) == (20, date(YEAR, 2, 1))


def test_a_report_a_few_days_late_is_yellow_and_more_than_the_threshold_is_red(project):
    report(project, 1)
    report(project, 2)
    assert light_on(project, date(YEAR, 3, 25)).reasons == [{"code": "late", "period": f"{YEAR}-03", "days": 3}]
    assert light_on(project, date(YEAR, 3, 25)).light == "yellow"
    assert light_on(project, date(YEAR, 3, 30)).light == "red"  # 8 days > 7


def test_a_draft_or_returned_report_is_still_late(project):
    report(project, 1)
    report(project, 2, status="returned")
    assert light_on(project, date(YEAR, 2, 24)).light == "yellow"


def test_no_report_for_two_periods_is_red(project):
    report(project, 1)
    status = light_on(project, date(YEAR, 3, 23))
    assert status.light == "red"
    assert {"code": "no_report_two_periods", "periods": [f"{YEAR}-02", f"{YEAR}-03"]} in status.reasons


def test_a_missed_milestone_is_red_and_one_not_started_this_quarter_is_yellow(project):
    report(project, 1, milestone_quarter=1, milestone_status="not_started")
    assert light_on(project, date(YEAR, 2, 1)).reasons == [{"code": "behind_milestone", "quarter": 1}]
    report(project, 2, milestone_quarter=1, milestone_status="missed")
    status = light_on(project, date(YEAR, 3, 1))
    assert status.light == "red" and status.reasons == [{"code": "milestone_missed", "quarter": 1}]


def test_percent_far_below_the_quarters_target_is_yellow(project):
    # The gap behind the time-proportional target, point by point: tests/progress/test_light_rules.py.
    QuarterlyMilestone.objects.create(project=project, quarter=1, planned="完成设计", target_percent=30)
    report(project, 1, percent_complete=5)
    report(project, 2, percent_complete=5)
    # February's 5 % is held against the target of its due date: 0 on 31 December → 30 % on 31 March, 18 % by
    # 22 February (not 27 %, the target of the day it is looked at).
    assert light_on(project, date(YEAR, 3, 21)).reasons == [
        {"code": "behind_target", "percent": 5, "target": 18, "gap": 13}]
    report(project, 3, percent_complete=30)
    assert light_on(project, date(YEAR, 3, 23)).light == "green"


def test_a_coordination_request_open_too_long_is_red_and_thresholds_follow_the_jurisdiction(project):
    first = report(project, 1, problems="缺地")
    report(project, 2)
    CoordinationRequest.objects.create(project=project, report=first, text="缺地",
                                       opened_at=timezone.make_aware(datetime(YEAR, 1, 20)))
    today = date(YEAR, 3, 1)  # open 40 days
    assert light_on(project, today).light == "red"
    # The city allows 60 days; the district says nothing, so the city's rule applies.
    city = project.plan.jurisdiction.parent
    city.request_days = 60
    city.save()
    # The red reason is gone; back from red, the light is yellow until a later period is still on plan.
    assert light_on(project, today).reasons == [{"code": "recovering", "period": f"{YEAR}-03"}]


def test_a_late_threshold_set_for_the_district_wins_over_the_default(project):
    report(project, 1)
    report(project, 2)
    district = project.plan.jurisdiction
    district.late_days = 10
    district.save()
    assert light_on(project, date(YEAR, 3, 30)).light == "yellow"


def test_100_percent_awaits_verification_whether_submitted_or_accepted(project):
    # Done only once the office verified it: tests/progress/test_verification.py.
    report(project, 1, percent_complete=100, status="submitted")
    status = light_on(project, date(YEAR, 2, 1))
    assert status.light == "awaiting" and status.reasons == [{"code": "awaiting_verification", "period": f"{YEAR}-01"}]
    Report.objects.update(status="accepted")
    status = light_on(project, date(YEAR, 2, 1))
    assert status.light == "awaiting"
    assert lights.describe(status.reasons[0]) == f"{YEAR}-01 的进展报告称项目已完成，待督查室核验。"


def test_a_project_without_a_lead_unit_is_yellow(project):
    ProjectOrganization.objects.all().delete()
    assert light_on(project, date(YEAR, 5, 1)).reasons == [{"code": "no_lead_unit"}]


def test_once_the_year_is_over_its_last_quarter_counts_and_days_late_stop_at_its_end(project):
    for month in range(1, 12):
        report(project, month, milestone_quarter=4 if month > 9 else None,
               milestone_status="not_started" if month > 9 else "")
    status = light_on(project, date(YEAR + 1, 1, 2))
    # Judged as on 31 December: nine days late is more than seven, so red first; nobody chases it any more.
    assert status.light == "red" and status.late_period is None
    assert status.reasons == [{"code": "late", "period": f"{YEAR}-12", "days": 9, "year_over": True},
                              {"code": "behind_milestone", "quarter": 4}]
    assert light_on(project, date(YEAR + 3, 6, 1)).reasons == status.reasons
    report(project, 12, milestone_quarter=4, milestone_status="met")
    assert light_on(project, date(YEAR + 3, 6, 1)).light == "green"


def test_half_yearly_reporting_follows_the_plans_dates(project):
    plan = project.plan
    plan.report_frequency, plan.report_dates = "dates", "6-25, 12-25"
    plan.save()
    assert light_on(project, date(YEAR, 6, 1)).light == "green"  # nothing due yet
    assert light_on(project, date(YEAR, 6, 30)).reasons == [{"code": "late", "period": f"{YEAR}-06", "days": 5}]


def test_reasons_are_told_in_chinese(project):
    assert lights.describe({"code": "late", "period": "2025-03", "days": 3}) == "2025-03 的进展已逾期 3 天未报送。"
    assert lights.describe({"code": "milestone_missed", "quarter": 2}) == "第 2 季度节点未完成。"


def test_the_lights_of_many_projects_at_once_are_those_of_one_at_a_time(project):
    # An import stores thousands of lights through refresh_many(); each must be what refresh() gives.
    plan = project.plan
    unit = project.organizations.first()
    behind = make_project(plan=plan, name="落后于季度目标")
    ProjectOrganization.objects.create(project=behind, organization=unit, role="lead")
    QuarterlyMilestone.objects.create(project=behind, quarter=2, planned="完成一半", target_percent=50)
    make_project(plan=plan, name="没有牵头单位")
    reported = make_project(plan=plan, name="已报送")
    ProjectOrganization.objects.create(project=reported, organization=unit, role="lead")
    report(reported, 7)
    today = date(YEAR, 8, 30)

    def stored() -> list[tuple]:
        return list(ProjectStatus.objects.order_by("project_id").values_list(
            "project_id", "light", "reasons", "percent_complete", "last_period", "late_period", "late_days"))

    lights.refresh(Project.objects.all(), today)
    one_at_a_time = stored()
    ProjectStatus.objects.all().delete()
    lights.refresh_many(Project.objects.all(), today)

    assert stored() == one_at_a_time
    assert {light for _pk, light, *_rest in one_at_a_time} >= {"yellow", "red"}


def test_every_project_is_refreshed_a_batch_at_a_time_each_stored_before_the_next_is_read(project):
    # refresh_status walks a province this way: memory holds one batch of projects with their reports.
    for _ in range(4):
        make_project(plan=project.plan)
    stored_when_yielded = [(len(batch), ProjectStatus.objects.count())
                           for batch in lights.refresh_in_batches(Project.objects.all(), date(YEAR, 3, 10), batch=2)]
    assert stored_when_yielded == [(2, 2), (2, 4), (1, 5)]
    assert [project.pk for project, _found in lights.refresh(Project.objects.all(), date(YEAR, 3, 10))] == sorted(
        Project.objects.values_list("pk", flat=True))
