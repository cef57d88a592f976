"""Every account changes its own password from the header's 修改密码: the current one, the new one twice."""

import pytest
from django.test import Client

from accounts.roles import Role
from tests.factories import make_user

pytestmark = pytest.mark.django_db

OLD, NEW = "xinxi-2026-lc", "Qiuzhi-huayuan-2026"


def sign_in(client, password: str):
    return client.post("/login/", {"username": "zhang", "password": password})


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def officer():
    return make_user(username="zhang", password=OLD, role=Role.OFFICER)


def change(client, old: str, new: str, again: str | None = None):
    return client.post("/password/", {"old_password": old, "new_password1": new, "new_password2": again or new})


def test_an_officer_changes_their_password_and_signs_in_with_the_new_one(client, officer):
    sign_in(client, OLD)
    tasks = client.get("/tasks/").content.decode()
    header = tasks[tasks.index("<header"):tasks.index("</header>")]
    assert '<a href="/password/">修改密码</a>' in header

    form = client.get("/password/").content.decode()
    assert "<h1>修改密码</h1>" in form and 'name="old_password"' in form and "新密码确认" in form

    response = change(client, OLD, NEW)
    assert response.status_code == 302 and response["Location"] == "/password/done/"
    done = client.get("/password/done/").content.decode()
    assert "密码已修改" in done
    assert signed_in(client)  # this browser stays signed in

    client.post("/logout/")
    assert sign_in(client, OLD).status_code == 200 and not signed_in(client)  # the form again, with its error
    assert sign_in(client, NEW).status_code == 302 and signed_in(client)


def test_a_wrong_current_password_changes_nothing(client, officer):
    client.force_login(officer)
    response = change(client, "not-my-password", NEW)
    assert response.status_code == 200
    assert "你的旧密码不正确" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(OLD)


@pytest.mark.parametrize(("new", "again", "says"), [
    (NEW, NEW + "x", "输入的两个密码不一致"),
    ("12345678", "12345678", "这个密码太常见了"),
    ("short", "short", "密码长度太短"),
])
def test_a_bad_new_password_is_refused_with_the_reason(client, officer, new, again, says):
    client.force_login(officer)
    response = change(client, OLD, new, again)
    assert response.status_code == 200 and says in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(OLD)


def test_the_old_password_no_longer_opens_other_sessions(client, officer):
    # A browser left signed in elsewhere (another office's PC) is signed out by the change.
    elsewhere = Client()
    elsewhere.force_login(officer)
    assert elsewhere.get("/tasks/").status_code == 200
    client.force_login(officer)
    change(client, OLD, NEW)
    assert elsewhere.get("/tasks/")["Location"] == "/login/?next=/tasks/"


def test_signing_in_comes_first(client):
    assert client.get("/password/")["Location"] == "/login/?next=/password/"
