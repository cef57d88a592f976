"""Signing in, and what each role is told it may do."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from accounts.roles import Role
from accounts.services import DEMO_ACCOUNTS
from tests.factories import make_organization, make_person, make_user

pytestmark = pytest.mark.django_db


def codenames(role: Role) -> set[str]:
    return set(Group.objects.get(name=role.value).permissions.values_list("codename", flat=True))


def test_the_migration_makes_one_group_per_role():
    assert set(Group.objects.values_list("name", flat=True)) >= {"管理员", "督查协调员", "单位信息员", "领导"}


def test_admins_manage_plans_and_others_only_look():
    assert {"add_project", "delete_project", "change_organization", "add_plan"} <= codenames(Role.ADMIN)
    for role in (Role.COORDINATOR, Role.OFFICER, Role.LEADER):
        perms = codenames(role)
        assert "view_project" in perms
        assert not perms & {"add_project", "change_project", "delete_project", "delete_plan"}


def test_officer_permissions_in_a_group_reach_the_user():
    user = make_user(role=Role.OFFICER)
    assert user.has_perm("projects.view_project")
    assert not user.has_perm("projects.change_project")


def test_login_page_is_in_chinese(client):
    page = client.get(reverse("login")).content.decode()
    assert "登录" in page and "密码" in page


def test_anonymous_visitors_are_sent_to_login(client):
    response = client.get(reverse("tasks"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_wrong_password_is_refused_with_a_chinese_message(client):
    make_user(username="officer", password="right-password-1")
    response = client.post(reverse("login"), {"username": "officer", "password": "wrong"})
    assert response.status_code == 200
    assert "用户名或密码不正确" in response.content.decode()


def test_officer_signs_in_and_is_told_their_unit_and_what_to_do(client):
    unit = make_organization(name="区住建局")
    make_user(username="officer", password="right-password-1", role=Role.OFFICER, organization=unit)
    response = client.post(reverse("login"), {"username": "officer", "password": "right-password-1"}, follow=True)
    page = response.content.decode()
    assert "单位信息员" in page and "区住建局" in page
    assert "填报本单位牵头项目的进展" in page


def test_leader_is_told_who_they_are_in_the_tables(client):
    client.force_login(make_user(username="leader", role=Role.LEADER, person=make_person(name="王伟")))
    page = client.get(reverse("tasks")).content.decode()
    assert "领导" in page and "王伟" in page and "分管的项目" in page


def test_user_without_role_is_told_to_ask_for_one(client):
    client.force_login(make_user(username="nobody"))
    assert "还没有角色" in client.get(reverse("tasks")).content.decode()


def test_home_speaks_chinese_even_to_an_english_browser(client):
    client.force_login(make_user(username="c", role=Role.COORDINATOR))
    page = client.get(reverse("tasks"), headers={"accept-language": "en-US,en"}).content.decode()
    assert "督办逾期填报" in page


def test_home_speaks_english_when_chosen(client):
    client.force_login(make_user(username="c", role=Role.COORDINATOR))
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("tasks")).content.decode()
    assert "chase late reports" in page and 'lang="en"' in page
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "督办逾期填报" in client.get(reverse("tasks")).content.decode()


def test_sign_out_ends_the_session(client):
    client.force_login(make_user(username="c", role=Role.COORDINATOR))
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("tasks")).status_code == 302


def test_demo_command_creates_one_account_per_role_that_can_sign_in(client, capsys):
    call_command("demo")
    printed = capsys.readouterr().out
    for username, password, role in DEMO_ACCOUNTS:
        assert username in printed and password in printed
        response = client.post(reverse("login"), {"username": username, "password": password})
        assert response.status_code == 302 and "_auth_user_id" in client.session
        client.logout()
        assert User.objects.get(username=username).roles() == [role]
    assert User.objects.get(username="officer").organization.name == "区住建局"
    call_command("demo")  # running it again resets, it does not duplicate
    assert User.objects.filter(username__in=[a[0] for a in DEMO_ACCOUNTS]).count() == 4
