"""The project page holds everything the table says and everything the reports have said since."""

import pytest
from django.urls import reverse

from projects.models import Project

pytestmark = pytest.mark.django_db


def test_the_project_page_tells_the_whole_story(client, year_2022):
    plan, coordinator = year_2022
    eight = Project.objects.get(plan=plan, number="8")
    client.force_login(coordinator)
    response = client.get(reverse("projects:detail", args=[eight.pk]))
    page = response.content.decode()
    for shown in ("西郊新村（保利天汇）道路工程", "区住建局", "江南街道党工委、办事处", "王伟", "企业自筹",
                  "征迁受阻", "第 4 季度节点未完成。", "未完成", "zjj (区住建局)"):
        assert shown in page, shown
    funding = response.context["funding"]
    assert [(row["source"], row["disbursed"]) for row in funding] == [("企业自筹", None), ("", 450)]
    milestones = response.context["milestones"]
    assert [m.status for m in milestones] == ["", "", "", "missed"]
    assert response.context["curve"] == [(300.0, 50.0, 50)]
    assert '<circle cx="300.0" cy="50.0"' in page
