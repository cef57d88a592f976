"""An unexpected error is recorded with an id and shown as a message with that id, never a bare 500."""

import logging
import re

import pytest
from django.contrib.messages import ERROR, get_messages
from django.test import Client

from tests.factories import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.config.failing_urls")]

ERROR_ID = re.compile(r"\d{8}-[0-9a-f]{6}")


@pytest.fixture
def browser(settings) -> Client:
    settings.DEBUG = False
    # As a browser meets the page: the error is answered, not raised into the test.
    client = Client(raise_request_exception=False)
    client.force_login(make_user(username="officer"))
    return client


def logged_ids(caplog) -> list[str]:
    return [ERROR_ID.search(record.getMessage()).group(0) for record in caplog.records
            if record.name == "shishi.errors" and record.exc_info and ERROR_ID.search(record.getMessage())]


def test_a_page_that_fails_shows_a_chinese_page_with_the_error_id_that_is_in_the_log(browser, caplog):
    caplog.set_level(logging.ERROR)

    response = browser.get("/failing/")

    assert response.status_code == 500
    page = response.content.decode()
    assert "意外错误" in page and "请重试，或将此编号告知系统管理员" in page
    [shown] = ERROR_ID.findall(page)
    assert logged_ids(caplog) == [shown]
    [logged] = [record for record in caplog.records if record.name == "shishi.errors"]
    assert "a bug in a page" in str(logged.exc_info[1])
    assert "<style" not in page and "style=" not in page and "<script" not in page  # under the CSP


def test_a_form_that_fails_goes_back_to_its_page_with_a_message_giving_the_error_id(browser, caplog):
    caplog.set_level(logging.ERROR)

    response = browser.post("/failing/", {"text": "anything"}, HTTP_REFERER="http://testserver/projects/")

    assert response.status_code == 302 and response.url == "http://testserver/projects/"
    [message] = [str(m) for m in get_messages(response.wsgi_request) if m.level == ERROR]
    assert "发生意外错误" in message
    assert ERROR_ID.findall(message) == logged_ids(caplog) != []


def test_a_form_that_fails_with_a_foreign_referer_goes_home_not_there(browser):
    response = browser.post("/failing/", HTTP_REFERER="https://elsewhere.example/")

    assert response.status_code == 302 and response.url == "/"


def test_a_page_not_found_is_still_a_404_not_an_unexpected_error(browser, caplog):
    caplog.set_level(logging.ERROR)

    assert browser.post("/projects/999999/").status_code == 404
    assert logged_ids(caplog) == []
