"""The chase page: the late units with exactly what each owes and how often it was chased, a 催报 button per unit
and 全部催报; the officers' "seen" on their task page's chases."""

import pytest
from django.contrib.messages import get_messages
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from projects import clock
from projects.models import ProjectOrganization
from supervision.models import Chase, Rules
from supervision.selectors.chases import chases_for
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user
from tests.supervision.chase_world import TODAY, YEAR, build_chase_world
from tests.supervision.robot import closed_port_url

pytestmark = pytest.mark.django_db
URL = "/supervision/chase/"


@pytest.fixture
def world():
    return build_chase_world()


@pytest.fixture(autouse=True)
def _on_the_day():
    with clock.pinned(TODAY):
        yield


def told(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_page_lists_each_late_unit_with_exactly_its_missing_reports(client, world):
    assert reverse("supervision:chase") == URL
    client.force_login(world.coordinator)
    body = client.get(URL).content.decode()
    assert "区住建局" in body and "缺报 4 项" in body and "本年尚未催报" in body
    assert f'{YEAR}-01</a> <span class="late-days">逾期 62 天</span>' in body
    assert f'{YEAR}-03</a> <span class="late-days">逾期 3 天</span>' in body
    assert "区教育局" not in body and "区文旅局" not in body  # complete; past year
    assert f'name="unit" value="{world.late.pk}"' in body and "全部催报（1 个单位）" in body


def test_the_page_reads_a_constant_number_of_queries(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    client.get(URL)
    # session, user, roles (3); jurisdictions under the user's (1); projects, lead units, counted reports (3);
    # chase counts (1); officers' addresses (1); the header's permissions (2)
    with django_assert_num_queries(11):
        client.get(URL)
    second = make_organization(name="区城管局", jurisdiction=world.district)
    for n in range(3):
        project = make_project(plan=world.p1.plan, name=f"新项目{n}")
        ProjectOrganization.objects.create(project=project, organization=second, role="lead")
    with django_assert_num_queries(11):
        assert "区城管局" in client.get(URL).content.decode()


def test_the_button_chases_one_unit_and_says_so(client, world, mailoutbox):
    client.force_login(world.coordinator)
    response = client.post(URL, {"unit": world.late.pk, "units": [world.late.pk]})
    assert response.status_code == 302 and response["Location"] == URL
    assert told(response) == ["已向 1 个单位发出催报"]
    assert Chase.objects.get().organization == world.late and len(mailoutbox) == 1
    assert "本年已催报 1 次" in client.get(URL).content.decode()


def test_chasing_all_skips_those_that_owe_nothing_and_tells_the_robots_failure(client, world, mailoutbox):
    Rules.objects.create(jurisdiction=world.district, webhook_kind="wecom", webhook_url=closed_port_url())
    nobody = make_organization(name="区城管局", jurisdiction=world.district)  # owes, but no officer has an address
    project = make_project(plan=world.p1.plan, name="背街小巷整治")
    ProjectOrganization.objects.create(project=project, organization=nobody, role="lead")
    client.force_login(world.coordinator)
    response = client.post(URL, {"all": "", "units": [world.late.pk, nobody.pk, world.complete.pk]})
    messages = told(response)
    assert messages[0] == "已向 2 个单位发出催报"
    assert messages[1].startswith("1 个单位未催报")
    assert messages[2].startswith("群机器人推送失败（") and "Connection refused" in messages[2]
    assert messages[3].startswith("区城管局 未收到邮件")
    assert Chase.objects.count() == 2 and len(mailoutbox) == 1


def test_a_unit_of_another_district_is_not_found_and_a_bad_form_is_told(client, world):
    other = make_organization(name="区住建局", jurisdiction=make_jurisdiction(name="丰泽区"))
    make_project(plan=make_plan(jurisdiction=other.jurisdiction, year=YEAR))
    client.force_login(world.coordinator)
    assert client.post(URL, {"unit": other.pk}).status_code == 404
    response = client.post(URL, {"unit": "x"})
    assert response.status_code == 302 and told(response) == ["请选择要催报的单位。"]
    assert Chase.objects.count() == 0


def test_officers_and_leaders_may_not_chase(client, world):
    for user in (world.officer, world.leader):
        client.force_login(user)
        assert client.get(URL).status_code == 403
        assert client.post(URL, {"unit": world.late.pk}).status_code == 403
    assert Chase.objects.count() == 0


def test_the_officer_sees_the_chase_on_the_task_partial_and_marks_it_seen(client, world):
    client.force_login(world.coordinator)
    client.post(URL, {"unit": world.late.pk})
    chase = Chase.objects.get()
    officer = User.objects.get(pk=world.officer.pk)
    html = render_to_string("supervision/_chases.html", {"chases": chases_for(officer)[:5]})
    assert "口袋公园建设" in html and "逾期 62 天" in html and 'name="csrfmiddlewaretoken"' not in html
    assert reverse("supervision:chase_read", args=[chase.pk]) in html
    client.force_login(world.officer)
    response = client.post(reverse("supervision:chase_read", args=[chase.pk]))
    assert response.status_code == 302 and response["Location"] == "/"
    chase.refresh_from_db()
    assert chase.read_by == world.officer
    again = client.post(reverse("supervision:chase_read", args=[chase.pk]))
    assert told(again)[-1] == "zhang 已将此催报标记为已阅。"
    html = render_to_string("supervision/_chases.html", {"chases": chases_for(officer)})
    assert "zhang 已于" in html


def test_only_the_chased_units_officers_mark_it_seen(client, world):
    client.force_login(world.coordinator)
    client.post(URL, {"unit": world.late.pk})
    chase = Chase.objects.get()
    url = reverse("supervision:chase_read", args=[chase.pk])
    fz = make_user(username="fz", role=Role.COORDINATOR, jurisdiction=make_jurisdiction(name="丰泽区"))
    for user, status in ((world.coordinator, 403), (world.complete_officer, 404), (world.leader, 404), (fz, 404)):
        client.force_login(user)
        assert client.post(url).status_code == status
    assert client.get(url).status_code == 405
    chase.refresh_from_db()
    assert chase.read_at is None
