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


def test_an_officer_sees_only_the_sub_projects_they_may_open(client):
    from accounts.roles import Role
    from projects.models import ProjectOrganization
    from tests.factories import make_organization, make_plan, make_project, make_user

    plan = make_plan()
    road, school = make_organization(name="区住建局"), make_organization(name="区教育局")
    parent = make_project(plan=plan, name="学校周边道路提升工程")
    own = make_project(plan=plan, parent=parent, number="", name="道路提升（一期）")
    other = make_project(plan=plan, parent=parent, number="", name="校门口改造（教育局负责）")
    for project, unit in ((parent, road), (own, road), (other, school)):
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
    client.force_login(make_user(username="zjj", role=Role.OFFICER, organization=road))
    page = client.get(reverse("projects:detail", args=[parent.pk])).content.decode()
    assert "道路提升（一期）" in page
    assert "校门口改造" not in page
    assert "另有 1 个子项目由其他单位负责" in page
    assert client.get(reverse("projects:detail", args=[other.pk])).status_code == 404
