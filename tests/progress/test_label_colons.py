"""Every form labels its fields with the reader's colon: "：" on Chinese pages, ":" on English ones."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.roles import Role
from progress.models import CoordinationRequest
from tests.factories import make_user
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db

LABEL = re.compile(r"<label\b[^>]*>(.*?)</label>", re.S)
TAG = re.compile(r"<[^>]+>")


def labels(page: str) -> list[str]:
    """Each label's own words, without the inputs some labels wrap."""
    return [TAG.sub(" ", inner).split("  ")[0].strip() for inner in LABEL.findall(page)]


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def pages(client, world) -> dict[str, str]:
    """The page of each form, opened by the person who uses it."""
    month = world.period.month
    report_url = reverse("progress:report", args=[world.project.pk, month])
    shown = {}
    client.force_login(world.officer)
    shown["report form"] = client.get(report_url).content.decode()
    client.post(report_url, report_form(world, problems="需区财政局协调资金。"))
    client.force_login(world.coordinator)
    shown["review"] = client.get(report_url).content.decode()
    client.force_login(world.assisting)
    shown["note"] = client.get(report_url).content.decode()
    client.force_login(world.leader)
    assert CoordinationRequest.objects.filter(closed_at=None).exists()
    shown["close request"] = client.get(reverse("projects:detail", args=[world.project.pk])).content.decode()
    shown["project list filter"] = client.get(reverse("projects:list")).content.decode()
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=world.plan.jurisdiction))
    shown["import upload"] = client.get(reverse("imports:upload")).content.decode()
    client.logout()
    shown["login"] = client.get(reverse("login")).content.decode()
    return shown


# The forms whose every label has a colon; the filter bars' labels name their field without one.
WITH_COLONS = {"report form", "review", "note", "close request", "import upload", "login"}


def test_no_label_of_any_form_ends_in_an_ascii_colon_on_chinese_pages(client, world):
    for name, page in pages(client, world).items():
        found = labels(page)
        assert found, name
        assert not [label for label in found if label.endswith(":")], name
        if name in WITH_COLONS:
            assert all(label.endswith("：") for label in found), (name, found)


def test_labels_end_in_an_ascii_colon_on_english_pages(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.officer)
    page = client.get(reverse("progress:report", args=[world.project.pk, world.period.month])).content.decode()
    assert "Percent complete:" in labels(page)
    client.logout()  # which forgets the language cookie too
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert labels(client.get(reverse("login")).content.decode()) == ["User name:", "Password:"]
