"""Guessing passwords: five failed sign-ins for one account, or from one address, pause sign-in."""

import pytest
from django.core.management import call_command

from config.settings import client_address_behind_proxy
from tests.config.test_settings import settings_in_subprocess
from tests.factories import make_user

pytestmark = pytest.mark.django_db

LOCKED = "登录失败次数过多"


def sign_in(client, username, password, address="127.0.0.1", **meta):
    return client.post("/login/", {"username": username, "password": password}, REMOTE_ADDR=address, **meta)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


@pytest.fixture
def admin():
    return make_user(username="admin", password="right-password-1")


def test_five_wrong_passwords_then_even_the_right_one_is_refused(client, admin):
    for _ in range(4):
        assert sign_in(client, "admin", "wrong").status_code == 200
    assert sign_in(client, "admin", "wrong").status_code == 429  # the fifth failure pauses sign-in
    response = sign_in(client, "admin", "right-password-1")
    assert response.status_code == 429
    page = response.content.decode()
    assert LOCKED in page and "5 次" in page and "15 分钟" in page
    assert not signed_in(client)
    assert client.get("/").status_code == 302


def test_the_lockout_page_speaks_english_when_chosen(client, admin):
    client.cookies["django_language"] = "en"
    for _ in range(5):
        sign_in(client, "admin", "wrong")
    page = sign_in(client, "admin", "right-password-1").content.decode()
    assert "Too many failed sign-ins" in page and "for 15 minutes after 5 failed attempts" in page


def test_guessing_one_account_from_many_addresses_locks_that_account_everywhere(client, admin):
    make_user(username="officer", password="right-password-2")
    for n in range(1, 6):
        sign_in(client, "admin", "wrong", address=f"10.0.0.{n}")
    response = sign_in(client, "admin", "right-password-1", address="10.0.0.99")
    assert response.status_code == 429 and not signed_in(client)
    # Each of those addresses failed once only: others still sign in from them.
    assert sign_in(client, "officer", "right-password-2", address="10.0.0.1").status_code == 302


def test_one_address_trying_many_accounts_is_locked_for_every_account(client, admin):
    make_user(username="officer", password="right-password-2")
    for name in ("a", "b", "c", "d", "e"):
        sign_in(client, name, "wrong", address="10.0.0.1")
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.1").status_code == 429
    assert sign_in(client, "officer", "right-password-2", address="10.0.0.1").status_code == 429
    assert not signed_in(client)
    # The accounts themselves are not locked: from another address they sign in.
    assert sign_in(client, "officer", "right-password-2", address="10.0.0.2").status_code == 302
    assert signed_in(client)


def test_a_paused_address_cannot_keep_counting_failures_against_other_accounts(client, admin):
    for name in ("a", "b", "c", "d", "e"):
        sign_in(client, name, "wrong", address="10.0.0.1")
    for _ in range(5):
        assert sign_in(client, "admin", "wrong", address="10.0.0.1").status_code == 429
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.2").status_code == 302


def test_a_few_typos_then_the_right_password_signs_in(client, admin):
    for _ in range(4):
        sign_in(client, "admin", "wrong")
    response = sign_in(client, "admin", "right-password-1")
    assert response.status_code == 302 and response.url == "/tasks/"
    assert signed_in(client)


def test_signing_in_as_oneself_does_not_wipe_failures_against_another_account(client, admin):
    make_user(username="mallory", password="right-password-3")
    for _ in range(4):
        sign_in(client, "admin", "wrong", address="10.0.0.1")
    assert sign_in(client, "mallory", "right-password-3", address="10.0.0.1").status_code == 302
    client.logout()
    sign_in(client, "admin", "wrong", address="10.0.0.2")
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.3").status_code == 429


def test_an_administrator_lifts_the_lock_on_an_account(client, admin, capsys):
    for n in range(1, 6):
        sign_in(client, "admin", "wrong", address=f"10.0.0.{n}")
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.9").status_code == 429
    call_command("axes_reset_username", "admin")
    assert "removed" in capsys.readouterr().out
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.9").status_code == 302
    assert signed_in(client)


def test_an_administrator_lifts_the_lock_on_an_address(client, admin):
    for name in ("a", "b", "c", "d", "e"):
        sign_in(client, name, "wrong", address="10.0.0.1")
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.1").status_code == 429
    call_command("axes_reset_ip", "10.0.0.1")
    assert sign_in(client, "admin", "right-password-1", address="10.0.0.1").status_code == 302


def test_the_limit_and_the_proxy_come_from_the_environment():
    shown = "s.AXES_FAILURE_LIMIT, s.AXES_CLIENT_IP_CALLABLE and s.AXES_CLIENT_IP_CALLABLE.__name__"
    assert settings_in_subprocess({"AXES_FAILURE_LIMIT": "", "BEHIND_PROXY": "0"}, shown) == "5 None"
    assert settings_in_subprocess({"AXES_FAILURE_LIMIT": "10", "BEHIND_PROXY": "1"}, shown) == (
        "10 client_address_behind_proxy"
    )


def test_behind_a_proxy_the_address_is_the_one_the_proxy_saw(client, admin, settings):
    settings.AXES_CLIENT_IP_CALLABLE = client_address_behind_proxy
    proxy = "127.0.0.1"
    # Five failures from one client, each time claiming another address in front of the real one.
    for n in range(1, 6):
        sign_in(client, f"user{n}", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=f"1.1.1.{n}, 203.0.113.7")
    assert sign_in(client, "admin", "right-password-1", address=proxy,
                   HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 429
    # Others behind the same proxy are not caught by it.
    response = sign_in(client, "admin", "right-password-1", address=proxy, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert response.status_code == 302


def test_without_a_usable_forwarded_address_the_proxys_own_is_used(rf):
    request = rf.post("/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="unknown")
    assert client_address_behind_proxy(request) == "127.0.0.1"
    request = rf.post("/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.2.3, 2001:db8::1")
    assert client_address_behind_proxy(request) == "2001:db8::1"
