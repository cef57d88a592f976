"""One header on every page, with what the signed-in role can reach; the admin wears the product's name."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import make_jurisdiction, make_user

pytestmark = pytest.mark.django_db


def header(client) -> str:
    page = client.get(reverse("tasks")).content.decode()
    return page[page.index("<header"):page.index("</header>")]


@pytest.mark.parametrize(("role", "staff", "shown", "hidden"), [
    (Role.OFFICER, False, ["我的任务", "项目", "总览"], ["导入", "管理"]),
    (Role.LEADER, False, ["我的任务", "项目", "总览"], ["导入", "管理"]),
    (Role.COORDINATOR, False, ["我的任务", "项目", "总览"], ["导入", "管理"]),
    (Role.ADMIN, True, ["我的任务", "项目", "总览", "导入", "管理"], []),
])
def test_each_role_sees_what_it_can_reach(client, role, staff, shown, hidden):
    client.force_login(make_user(username="u", role=role, is_staff=staff, jurisdiction=make_jurisdiction()))
    links = header(client)
    assert all(word in links for word in shown)
    assert not any(f">{word}<" in links for word in hidden)


def test_the_admin_speaks_as_the_product(client):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "为民办实事项目" in page and "Django" not in page.split("<body", 1)[1]


def test_not_found_and_not_allowed_are_the_products_pages(client):
    client.force_login(make_user(username="u", role=Role.OFFICER))
    missing = client.get("/projects/999999/")
    assert (missing.status_code == 404 and "未找到" in missing.content.decode()
            and "返回我的任务" in missing.content.decode())
    refused = client.get(reverse("imports:upload"))
    assert refused.status_code == 403 and "无权操作" in refused.content.decode()
