"""The year-round cycle in the browser's words: the unit writes, the office returns, the unit corrects,
the office accepts."""

import pytest
from django.urls import reverse

from progress.models import CoordinationRequest, Disbursement, ProjectStatus, Report, Revision
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def report_url(world) -> str:
    return reverse("progress:report", args=[world.project.pk, world.period.month])


def test_officer_writes_office_returns_officer_corrects_office_accepts(client, world):
    client.force_login(world.officer)
    tasks = client.get(reverse("tasks")).content.decode()
    assert "老旧小区改造" in tasks and report_url(world) in tasks

    response = client.post(report_url(world), report_form(
        world, milestone_status="missed", milestone_note="雨季停工", problems="管线迁改需区供电公司配合"))
    assert response.status_code == 302
    report = Report.objects.get(project=world.project, period=world.period.month)
    assert (report.status, report.percent_complete, report.version) == ("submitted", 40, 1)
    assert {(d.source.name, str(d.amount)) for d in Disbursement.objects.filter(report=report)} == {
        ("区财政", "80.0000"), ("上级补助", "20.5000")}
    # The problem surfaces as a coordination request, and the missed milestone turns the light red.
    assert CoordinationRequest.objects.get(report=report).text == "管线迁改需区供电公司配合"
    status = ProjectStatus.objects.get(project=world.project)
    assert status.light == "red" and {"code": "milestone_missed", "quarter": world.period.quarter} in status.reasons

    client.force_login(world.coordinator)
    waiting = client.get(reverse("tasks")).content.decode()
    assert "老旧小区改造" in waiting
    client.post(reverse("progress:review", args=[report.pk]),
                {"version": 1, "comment": "请补充已改造小区名单", "return": "1"})
    report.refresh_from_db()
    assert (report.status, report.review_comment) == ("returned", "请补充已改造小区名单")

    client.force_login(world.officer)
    assert "请补充已改造小区名单" in client.get(reverse("tasks")).content.decode()
    page = client.get(report_url(world)).content.decode()
    assert page.index("请补充已改造小区名单") < page.index('class="report-form"')
    response = client.post(report_url(world), report_form(
        world, version=2, percent_complete=100, progress="12 个小区（名单附后）全部完工。", milestone_status="met"))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.status, report.version) == ("submitted", 3)
    # The problem is no longer raised, so its request is closed.
    assert CoordinationRequest.objects.get(report=report).closed_at is not None

    client.force_login(world.coordinator)
    client.post(reverse("progress:review", args=[report.pk]), {"version": 3, "comment": "", "accept": "1"})
    report.refresh_from_db()
    assert report.status == "accepted"
    assert ProjectStatus.objects.get(project=world.project).light == "done"

    actions = list(Revision.objects.filter(report=report).order_by("version").values_list("action", flat=True))
    assert actions == ["submitted", "returned", "submitted", "accepted"]
    history = client.get(report_url(world)).content.decode()
    assert "12 个小区（名单附后）全部完工。" in history and "完成 12 个小区的管网改造。" in history


def test_a_draft_is_not_handed_in_and_the_unit_can_withdraw_a_submitted_report(client, world):
    client.force_login(world.officer)
    draft = {name: value for name, value in report_form(world).items() if name != "submit"}
    client.post(report_url(world), {**draft, "save": "1"})
    report = Report.objects.get(project=world.project)
    assert report.status == "draft" and not report.counts
    client.post(report_url(world), report_form(world, version=1))
    client.post(reverse("progress:withdraw", args=[report.pk]), {"version": 2})
    report.refresh_from_db()
    assert report.status == "withdrawn"
    assert Report.objects.filter(pk=report.pk).exists()
    # Withdrawn is written again, not lost.
    assert client.post(report_url(world), report_form(world, version=3)).status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted"


def test_the_next_period_starts_from_last_periods_figures(client, world):
    periods = world.plan.schedule.periods(world.plan.year)
    if periods.index(world.period) == 0:
        pytest.skip("in January there is no earlier period of this year's plan")
    earlier = periods[periods.index(world.period) - 1]
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, earlier.month]),
                report_form(world, percent_complete=55, next_plan="十二月完成验收"))
    form = client.get(report_url(world)).context["form"]
    assert form.initial["percent_complete"] == 55
    assert form.initial["next_plan"] == "十二月完成验收"
    assert "progress" not in form.initial


def test_assisting_unit_reads_the_report_and_adds_its_own_note(client, world):
    client.force_login(world.officer)
    client.post(report_url(world), report_form(world))
    client.force_login(world.assisting)
    page = client.get(report_url(world))
    assert page.context["form"] is None and "完成 12 个小区的管网改造。" in page.content.decode()
    client.post(reverse("progress:note", args=[world.project.pk, world.period.month]), {"text": "资金已拨付 80 万元"})
    assert "资金已拨付 80 万元" in client.get(report_url(world)).content.decode()


def test_a_leader_sees_their_own_projects_and_closes_a_coordination_request(client, world):
    client.force_login(world.officer)
    client.post(report_url(world), report_form(world, problems="需协调征迁"))
    request = CoordinationRequest.objects.get()
    client.force_login(world.leader)
    tasks = client.get(reverse("tasks")).content.decode()
    assert "老旧小区改造" in tasks and "需协调征迁" in tasks
    client.post(reverse("progress:close_request", args=[request.pk]), {"resolution": "已召开专题会议解决"})
    request.refresh_from_db()
    assert request.closed_at is not None and request.closed_by == world.leader
