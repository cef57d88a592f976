"""Reports the importer wrote (seed 003's half-year table) open for a coordinator and say where they came from."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.services import apply_import, preview_import
from progress.models import Report
from projects.models import Plan
from tests.factories import make_user
from tests.imports.seeds import seed_bytes, seed_path
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported_plan() -> Plan:
    preview = preview_import(file_name=seed_path("003").name, data=seed_bytes("003"))
    assert preview.errors == []
    return apply_import(preview=preview).plan


def test_every_imported_report_page_opens_and_says_it_came_from_the_import(client, imported_plan):
    coordinator = make_user(username="duban", role=Role.COORDINATOR, jurisdiction=imported_plan.jurisdiction)
    client.force_login(coordinator)
    reports = Report.objects.filter(project__plan=imported_plan).select_related("project")
    assert reports.count() == 29
    for report in reports:
        response = client.get(reverse("progress:report", args=[report.project_id, report.period]))
        assert response.status_code == 200, report
        page = response.content.decode()
        assert report.progress.split("\n")[0][:20] in page
        # The record and its history both name the import as the writer, in Chinese.
        assert page.count("表格导入") == 2


def test_the_project_page_of_an_imported_report_opens(client, imported_plan):
    coordinator = make_user(username="duban", role=Role.COORDINATOR, jurisdiction=imported_plan.jurisdiction)
    client.force_login(coordinator)
    report = Report.objects.filter(project__plan=imported_plan).first()
    assert client.get(reverse("projects:detail", args=[report.project_id])).status_code == 200


def test_a_report_whose_officer_account_was_deleted_opens_and_does_not_claim_the_import(client):
    world = build_world()
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, world.period.month]), report_form(world))
    world.officer.delete()
    client.force_login(world.coordinator)
    response = client.get(reverse("progress:report", args=[world.project.pk, world.period.month]))
    assert response.status_code == 200
    page = response.content.decode()
    # The name the account had is kept with the report's history (the revision's author_name).
    assert page.count("zhang（账号已删除）") == 2 and "表格导入" not in page
