"""A plan's year ends on 31 December: after it, its projects keep the state they had that day.

Days late stop at the year's end, nobody is chased for its reports any more, and its pages say it
is a past year. Within the year nothing changes (tests/progress/test_lights.py)."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.services import apply_import, preview_import
from pages.tasks import late_by_unit, officer_tasks
from progress import lights
from progress.models import ProjectStatus, Report
from projects import clock
from projects.models import Plan, Project, ProjectOrganization, ProjectPerson
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user
from tests.imports.seeds import seed_bytes

pytestmark = pytest.mark.django_db
VIEWED_ON = date(2026, 12, 7)  # the day the issue was reported, 1,446 days after 2022-12-22


@pytest.fixture
def district():
    return make_jurisdiction(name="鲤城区")


def led_project(plan: Plan, unit, name: str) -> Project:
    project = make_project(plan=plan, name=name)
    ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    return project


def report(project: Project, month: date, status: str = "accepted", **fields) -> Report:
    return Report.objects.create(project=project, organization=project.organizations.get(), period=month,
                                 status=status, **fields)


def test_a_missing_december_report_of_2023_is_late_only_until_the_years_end(district):
    unit = make_organization(name="区城管局", jurisdiction=district)
    project = led_project(make_plan(jurisdiction=district, year=2023), unit, "口袋公园")
    for month in range(1, 12):
        report(project, date(2023, month, 1))

    lights.refresh(Project.objects.filter(pk=project.pk), VIEWED_ON)

    status = ProjectStatus.objects.get(project=project)
    # As on 31 December 2023: nine days after the 22nd, more than seven, so the last light is red.
    assert status.light == "red"
    assert status.reasons == [{"code": "late", "period": "2023-12", "days": 9, "year_over": True}]
    assert lights.describe(status.reasons[0]) == "年度结束时，2023-12 的进展已逾期 9 天未报送。"
    # Nobody is chased for it any more.
    assert (status.late_period, status.late_days) == (None, 0)


def test_a_past_plan_without_any_report_ends_red_with_its_last_two_periods_missing(district):
    unit = make_organization(name="区城管局", jurisdiction=district)
    project = led_project(make_plan(jurisdiction=district, year=2023), unit, "口袋公园")
    lights.refresh(Project.objects.filter(pk=project.pk), VIEWED_ON)
    status = ProjectStatus.objects.get(project=project)
    assert status.light == "red" and status.late_period is None
    assert {"code": "no_report_two_periods", "periods": ["2023-11", "2023-12"]} in status.reasons
    assert max(reason.get("days", 0) for reason in status.reasons) <= (date(2023, 12, 31) - date(2023, 12, 22)).days


def test_a_past_plans_reports_are_not_on_the_officers_task_list_nor_in_late_reports_by_unit(district):
    unit = make_organization(name="区住建局", jurisdiction=district)
    past = led_project(make_plan(jurisdiction=district, year=2023), unit, "去年的老旧小区改造")
    report(past, date(2023, 12, 1), status="returned", review_comment="请补充名单")
    this_year = led_project(make_plan(jurisdiction=district, year=2026), unit, "今年的口袋公园")
    report(this_year, date(2026, 10, 1))
    lights.refresh(Project.objects.all(), VIEWED_ON)
    officer = make_user(username="zhang", role=Role.OFFICER, organization=unit)
    coordinator = make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district)

    tasks = officer_tasks(officer, VIEWED_ON)

    # This year's project: November's report is missing (late), December's is due on the 22nd.
    assert [(item.project.name, item.period.key, item.state) for item in tasks["due"]] == [
        ("今年的口袋公园", "2026-11", "missing"), ("今年的口袋公园", "2026-12", "missing")]
    assert tasks["due"][0].days_late == 15
    assert tasks["returned"] == []
    assert [row["projects"] for row in late_by_unit(coordinator)] == [1]


def test_the_2023_plan_viewed_on_7_december_2026_is_a_past_year_not_1446_days_late(client, district):
    preview = preview_import(file_name="002.txt", data=seed_bytes("002"))
    apply_import(preview=preview)
    plan = Plan.objects.get(year=2023)
    project = plan.projects.filter(unit_roles__role="lead").order_by("position").first()
    unit = project.unit_roles.get(role="lead", position=0).organization
    leader = project.person_roles.filter(role=ProjectPerson.Role.LEADER).first()
    with clock.pinned(VIEWED_ON):
        lights.refresh(Project.objects.all())
        worst = max(reason.get("days", 0) for status in ProjectStatus.objects.all() for reason in status.reasons)
        # Due 22 December 2023; counted to 31 December 2023 at most.
        assert worst <= (date(2023, 12, 31) - date(2023, 12, 22)).days
        client.force_login(make_user(username="duban", role=Role.COORDINATOR, jurisdiction=plan.jurisdiction))
        page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
        assert "2023年度 · 已结束" in page and "2023-12-31" in page
        assert "1446" not in page
        listed = client.get(reverse("projects:list"), {"plan": plan.pk}).content.decode()
        assert listed.count("2023年度 · 已结束") == plan.projects.count()
        tasks = client.get(reverse("tasks")).content.decode()
        assert "各单位逾期未报" in tasks and "没有逾期未报的进展。" in tasks
        client.force_login(make_user(username="officer", role=Role.OFFICER, organization=unit))
        tasks = client.get(reverse("tasks")).content.decode()
        assert "已逾期" not in tasks and project.name not in tasks.split("本单位协办的项目")[0]
        if leader:
            client.force_login(make_user(username="leader", role=Role.LEADER, person=leader.person))
            tasks = client.get(reverse("tasks")).content.decode()
            assert "2023年度 · 已结束" in tasks
