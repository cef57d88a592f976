"""The admin site speaks the product's language: in Chinese, no page of it shows an English word but data,
whether a superuser opens it or a district's administrator, and it carries the product's name and look."""

import re

import lxml.html
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils.timezone import now

from accounts.models import User
from accounts.roles import Role
from projects.models import FundingSource, Jurisdiction, Project
from tests.factories import make_user
from tests.projects.test_admin import grow

pytestmark = pytest.mark.django_db

# Words that are data or names, not messages: user names and file names of the world below, protocol and key
# names Django's own Chinese keeps (按住 Control 键或 Mac 上的 Command 键, LDAP), a role as stored in a layout.
DATA = {"root", "gly", "officer", "xlsx", "Mozilla", "GET", "POST", "HTTP", "IP", "sha", "login", "Control",
        "Command", "Mac", "LDAP", "lead", "unknown", "SHA"}
WORD = re.compile(r"[A-Za-z][A-Za-z]+")
# English that comes from code no catalogue reaches, each said where it comes from:
BEYOND_TRANSLATION = re.compile("|".join([
    r"\w+_\w+ object \(\d+\)",  # Django names the rows of an auto-created many-to-many table so (a delete page),
    r"[A-Za-z]+-[A-Za-z]+(?=关系)",  # and the table after its two models' class names
    r"Attempted Access: [^|›\n]*",  # django-axes' __str__ of its three models, English f-strings
    r"Access Log for \S+ @ [\d\-:. +]+",
    r"Failed access: user \S+ on [\d\-:. +]+ from [\d.]+",
]))
# What a person reads besides the text between tags (Django's own icons' alt texts are English in its
# templates, "True"/"False" on a boolean's icon, and are left aside).
READ_ATTRIBUTES = ("title", "placeholder", "aria-label")


def english_words(html: bytes) -> set[str]:
    document = lxml.html.fromstring(html.decode())
    # Scripts, styles and icons are not read; <bdi> holds values (a password hash's salt).
    for hidden in document.xpath("//script | //style | //svg | //bdi"):
        hidden.drop_tree()
    text = list(document.itertext())  # each cell's text apart, as the eye reads a table
    text += [value for name in READ_ATTRIBUTES for value in document.xpath(f"//@{name}")]
    text += document.xpath("//input[@type='submit']/@value | //img[not(contains(@src, '/admin/img/'))]/@alt")
    return {word for word in WORD.findall(BEYOND_TRANSLATION.sub(" ", " ".join(text))) if word not in DATA}


def admin_pages(user: User) -> list[str]:
    """The index and, for every model the user may open, its list, add, change, history and delete pages."""
    urls = [reverse("admin:index"), reverse("admin:password_change")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        urls.append(reverse("admin:app_list", args=[model._meta.app_label]))
        obj = admin.site._registry[model].get_queryset(type("R", (), {"user": user})()).order_by("pk").first()
        if obj is not None:
            for page in ("change", "history", "delete"):
                try:
                    urls.append(reverse(f"{prefix}_{page}", args=[obj.pk]))
                except NoReverseMatch:
                    pass
    return sorted(set(urls))


@pytest.fixture
def world():
    grow(1)
    FundingSource.objects.get_or_create(name="区财政")
    request = {"ip_address": "10.0.0.1", "user_agent": "Mozilla", "username": "gly", "path_info": "/login/"}
    AccessAttempt.objects.create(**request, failures_since_start=1, get_data="", post_data="", http_accept="*/*")
    AccessLog.objects.create(**request, http_accept="*/*", attempt_time=now())
    AccessFailureLog.objects.create(**request, http_accept="*/*", attempt_time=now(), locked_out=False)
    return Jurisdiction.objects.get(name="第1区")


def english_by_page(client, user) -> dict[str, set[str]]:
    client.force_login(user)
    found = {}
    for url in admin_pages(user):
        response = client.get(url)
        if response.status_code == 200 and (words := english_words(response.content)):
            found[url] = words
    return found


def test_no_admin_page_shows_english_to_a_superuser(client, world):
    assert english_by_page(client, make_user(username="root", is_staff=True, is_superuser=True)) == {}


def test_no_admin_page_shows_english_to_a_district_administrator(client, world):
    district_admin = make_user(username="gly", role=Role.ADMIN, is_staff=True, jurisdiction=world)
    assert english_by_page(client, district_admin) == {}


def test_the_admin_carries_the_products_name_and_colours(client):
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:index")).content.decode()
    assert "<title>后台管理 | 为民办实事项目</title>" in page
    assert 'href="/static/css/admin.css"' in page and "cdn" not in page.lower()
    assert 'id="site-name"' in page and "为民办实事项目" in page


def test_a_long_project_name_is_cut_on_the_list_with_the_whole_name_on_hover(client):
    grow(1)
    project = Project.objects.order_by("pk").first()
    project.name = "城区老旧小区改造提升工程" * 6
    project.save()
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    page = lxml.html.fromstring(client.get(reverse("admin:projects_project_changelist")).content.decode())
    headers = [th.get("class") for th in page.xpath("//table[@id='result_list']/thead/tr/th")]
    assert [re.search(r"column-\w+", header).group() for header in headers[1:4]] == [
        "column-number", "column-project_name", "column-lead_units"]
    cell = page.xpath("//td[contains(@class, 'field-project_name')]//span[@title]")
    assert [span.get("title") for span in cell][:1] == [project.name]
