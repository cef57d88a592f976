"""A signed-in session ends after SESSION_IDLE_MINUTES (30) without a request; each request renews it.

An office PC left signed in over lunch must not leave a report open for the next person."""

import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import override_settings

from accounts.idle import LAST_ACTIVITY
from accounts.roles import Role
from tests.config.test_settings import settings_in_subprocess
from tests.factories import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer_client(client):
    client.force_login(make_user(username="officer", role=Role.OFFICER))
    return client


def last_used(client, minutes_ago: float) -> None:
    """Make the signed-in session look as if its last request was that many minutes ago."""
    session = client.session
    session[LAST_ACTIVITY] = int(time.time() - minutes_ago * 60)
    session.save()


def test_a_session_unused_for_31_minutes_is_sent_to_sign_in(officer_client):
    last_used(officer_client, 31)
    old_key = officer_client.session.session_key
    response = officer_client.get("/tasks/")
    assert response.status_code == 302 and response["Location"] == "/login/?next=/tasks/"
    # The session is gone from the server, not only forgotten by this request.
    assert not Session.objects.filter(session_key=old_key).exists()
    assert "_auth_user_id" not in officer_client.session
    page = officer_client.get(response["Location"]).content.decode()
    assert "30 分钟无操作，已退出登录" in page


def test_a_session_used_29_minutes_ago_goes_on_and_is_renewed(officer_client):
    last_used(officer_client, 29)
    assert officer_client.get("/tasks/").status_code == 200
    # The request counts as activity: the next 30 minutes start now.
    assert time.time() - officer_client.session[LAST_ACTIVITY] < 5
    last_used_again = officer_client.session[LAST_ACTIVITY]
    assert officer_client.get("/projects/").status_code == 200
    assert officer_client.session[LAST_ACTIVITY] == last_used_again  # renewed at most once a minute


def test_signing_in_starts_the_clock(client):
    make_user(username="officer", password="right-password-1", role=Role.OFFICER)
    client.post("/login/", {"username": "officer", "password": "right-password-1"})
    assert time.time() - client.session[LAST_ACTIVITY] < 5


@override_settings(SESSION_IDLE_MINUTES=60)
def test_the_limit_is_a_setting(officer_client):
    last_used(officer_client, 45)
    assert officer_client.get("/tasks/").status_code == 200
    last_used(officer_client, 61)
    assert officer_client.get("/tasks/").status_code == 302


def test_the_admin_site_times_out_too(client):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    last_used(client, 31)
    response = client.get("/admin/")
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_the_limit_comes_from_the_environment():
    assert settings_in_subprocess({}, "s.SESSION_IDLE_MINUTES") == "30"
    out = settings_in_subprocess({"SESSION_IDLE_MINUTES": "45"}, "s.SESSION_IDLE_MINUTES, s.SESSION_COOKIE_AGE")
    # The cookie and the stored session outlive the limit by the minute renewals are spaced by,
    # so it is the limit that ends a session, with its message.
    assert out == "45 2760"


def test_the_cookie_lasts_as_long_as_the_limit_allows():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_IDLE_MINUTES * 60 + 60
