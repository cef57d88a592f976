"""On day one the demo shows every light colour and every state of a report, written through the services."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from progress.models import ProjectStatus, Report, Revision
from projects.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    call_command("demo")


def test_every_colour_and_every_state_is_there_and_the_half_year_table_is_accepted(demo):
    assert set(ProjectStatus.objects.values_list("light", flat=True)) == {"green", "yellow", "red", "done"}
    assert set(Report.objects.values_list("status", flat=True)) >= {"draft", "submitted", "returned", "accepted"}
    assert ProjectStatus.objects.filter(late_period__isnull=False).exists()
    # Written through the services: every report has its history.
    assert not Report.objects.filter(revisions__isnull=True).exists()
    plan = Plan.objects.get(kind="progress_report")
    reports = Report.objects.filter(project__plan=plan)
    assert reports.count() == 29
    assert set(reports.values_list("status", "period")) == {("accepted", date(2023, 6, 1))}
    assert Revision.objects.filter(report__in=reports, action="imported").count() == 29


def test_the_demo_officer_sees_every_state_and_the_coordinator_what_waits(client, demo):
    client.force_login(User.objects.get(username="officer"))
    page = client.get(reverse("progress:tasks")).content.decode()
    for shown in ("被退回待修改", "草稿", "已提交", "已审核", "已逾期"):
        assert shown in page, shown
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get(reverse("progress:tasks")).content.decode()
    assert "已提交，待审核" in page and "各单位逾期未报" in page and "区住建局" in page
    # Each unit's late count opens the list of exactly those projects.
    late = client.get(reverse("progress:tasks")).context["late_units"][0]
    listed = client.get(reverse("projects:list"), {"lead_unit": late["organization_id"], "late": 1})
    assert listed.context["table"].paginator.count == late["projects"]
