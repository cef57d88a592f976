"""The demo on the day the issue was reported, as its users see it: the officer's and the coordinator's tasks,
and money paid per funding source (tests/progress/test_demo_year.py: lights and states on several days)."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from progress.models import Disbursement
from projects import clock
from projects.models import Project

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 7)


@pytest.fixture
def demo():
    call_command("demo", "--today", TODAY.isoformat(), stdout=StringIO())
    with clock.pinned(TODAY):
        yield


def test_demo_money_is_paid_per_funding_source_as_the_officers_form_pays_it(client, demo):
    # Never "all sources together" for a project that has sources: one figure per source.
    assert Disbursement.objects.exists()
    assert not Disbursement.objects.filter(source__isnull=True, report__project__fundings__isnull=False).exists()
    client.force_login(User.objects.get(username="coordinator"))
    for project in Project.objects.filter(name="实施断头路改造项目", reports__status="accepted").distinct():
        page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
        funding = page[page.index("资金（万元）"):page.index("</table>", page.index("资金（万元）"))]
        assert "企业自筹" in funding and "全部来源" not in funding
        assert "<td>—</td>" not in funding.split("企业自筹")[1].split("</tr>")[0]


def test_the_demo_officer_sees_every_state_and_the_coordinator_what_waits(client, demo):
    client.force_login(User.objects.get(username="officer"))
    page = client.get(reverse("tasks")).content.decode()
    for shown in ("被退回待修改", "草稿", "已提交", "已审核", "已撤回", "已逾期"):
        assert shown in page, shown
    assert "已结束" not in page  # a past year's reports are chased no more
    client.force_login(User.objects.get(username="coordinator"))
    page = client.get(reverse("tasks")).content.decode()
    assert "已提交，待审核" in page and "各单位逾期未报" in page and "区住建局" in page
    # Each unit's late count opens the list of exactly those projects.
    late = client.get(reverse("tasks")).context["late_units"][0]
    listed = client.get(reverse("projects:list"), {"lead_unit": late["organization_id"], "late": 1})
    assert listed.context["table"].paginator.count == late["projects"]
    client.force_login(User.objects.get(username="leader"))
    mine = client.get(reverse("tasks")).context["mine"]
    assert {project.plan.year for project in mine} >= {TODAY.year, 2022}
