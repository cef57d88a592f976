"""A number typed as ① or ² (digits to str.isdigit(), not to int()) is read as no number, never a server error.

Found by the fuzz tests in the report form; the same test was in the list, the dashboard and the supervision pages."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from projects.categories import numbering
from tests.factories import make_full_project, make_jurisdiction, make_plan, make_user


@pytest.mark.django_db
def test_the_list_and_the_dashboard_take_a_circled_digit_as_no_choice(client):
    district = make_jurisdiction()
    project = make_full_project(plan=make_plan(jurisdiction=district, year=2026), n=1)
    coordinator = make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district)
    client.force_login(coordinator)
    for url in (reverse("projects:list") + "?per_page=①", reverse("dashboard") + "?year=²",
                reverse("supervision:issue_sheet", args=[project.pk]) + "?periods=③"):
        assert client.get(url).status_code == 200, url


def test_a_category_numbered_with_a_circled_digit_has_no_number():
    assert numbering("①、交通") is None and numbering("2. 卫生") == 2 and numbering("（三）教育") == 3
