"""Warnings in the reader's language, impossible dates in a title, and hand edits in the admin seen by a re-import."""

import pytest
from django.urls import reverse
from django.utils.translation import override

from imports.services import apply_import, preview_import
from projects.models import Funding, Project, QuarterlyMilestone
from tests.factories import make_user
from tests.imports.seeds import seed_path
from tests.projects.conftest import load

pytestmark = pytest.mark.django_db

HEADER = "序号\t项目名称\t主要内容\t总投资 (万元)\t责任领导\t责任科室"


def table(*lines: str, title: str = "新塘街道 2023 年度为民办实事项目责任分解表", row: str = "") -> bytes:
    row = row or "1\t关爱女孩行动\t建设内容\t10\t张剑辉\t区卫健局"
    return "\n".join([title, *lines, HEADER, row]).encode()


def messages(data: bytes) -> list[str]:
    preview = preview_import(file_name="table.txt", data=data, reuse=False)
    assert preview.errors == []
    return [warning.message for warning in preview.draft.warnings]


# --- 1. warnings of the unit and people cells follow the language of each preview ---------


@pytest.mark.parametrize("row, english, chinese", [
    ("1\t关爱女孩行动\t建设内容\t10\t张剑辉\t区住建局 区古城保护",
     "Unit name may be incomplete: 区古城保护", "单位名称可能不完整：区古城保护"),
    ("1\t关爱女孩行动\t建设内容\t10\t曾朝阳王伟 庄垂生\t区卫健局",
     "Could not tell the names apart: 曾朝阳王伟", "无法分辨人名：曾朝阳王伟"),
], ids=["unit", "people"])
def test_a_cell_warning_is_in_the_language_of_each_preview(row, english, chinese):
    data = table(row=row)
    with override("en"):
        assert english in messages(data)
    with override("zh-hans"):
        assert chinese in messages(data)
    with override("en"):
        assert english in messages(data)


# --- 2. a date that does not exist is left out with a warning --------------------------


def test_an_issue_date_that_does_not_exist_is_not_used_and_is_reported():
    data = table("泉州市鲤城区新塘街道办事处", "2023年2月30日")
    preview = preview_import(file_name="table.txt", data=data, reuse=False)

    assert preview.errors == []
    assert preview.draft.issued_on is None
    assert "日期 2023年2月30日 不存在，未采用。" in [w.message for w in preview.draft.warnings]


def test_a_possible_issue_date_is_still_read():
    preview = preview_import(file_name="table.txt", data=table("2023年2月28日"), reuse=False)

    assert str(preview.draft.issued_on) == "2023-02-28"
    assert not any("does not exist" in w.message for w in preview.draft.warnings)


def test_a_progress_month_13_in_the_title_is_not_used_and_is_reported():
    data = table(title="新塘街道2023年为民办实事项目13月进展表")
    preview = preview_import(file_name="table.txt", data=data, reuse=False)

    assert preview.errors == []
    assert preview.draft.kind == "progress_report"
    assert preview.draft.progress_month is None
    assert "日期 13月 不存在，未采用。" in [w.message for w in preview.draft.warnings]


# --- 3. an edit in the admin of a project's own row makes the next import update it ----


@pytest.fixture
def admin_client(client):
    client.force_login(make_user(username="root", is_superuser=True, is_staff=True))
    return client


def reimport() -> tuple[dict[str, str], object]:
    path = seed_path("000")
    preview = preview_import(file_name=path.name, data=path.read_bytes(), reuse=False)
    assert preview.errors == []
    return preview.outcome, preview


def test_a_milestone_edited_in_its_admin_page_is_written_back_by_the_next_import(admin_client):
    load("000")
    milestone = QuarterlyMilestone.objects.select_related("project").order_by("pk").first()
    project, written = milestone.project, milestone.planned
    response = admin_client.post(
        reverse("admin:projects_quarterlymilestone_change", args=[milestone.pk]),
        {"project": project.pk, "quarter": milestone.quarter, "planned": "改过的节点",
         "target_percent": milestone.target_percent or ""},
    )
    assert response.status_code == 302
    assert QuarterlyMilestone.objects.get(pk=milestone.pk).planned == "改过的节点"

    outcome, preview = reimport()
    assert outcome[project.key] == "updated"
    assert [key for key, word in outcome.items() if word == "updated"] == [project.key]

    apply_import(preview=preview)
    assert QuarterlyMilestone.objects.get(project=project, quarter=milestone.quarter).planned == written


def test_a_funding_line_deleted_in_its_admin_page_makes_its_project_updated(admin_client):
    load("000")
    funding = Funding.objects.select_related("project").order_by("pk").first()
    response = admin_client.post(reverse("admin:projects_funding_delete", args=[funding.pk]), {"post": "yes"})
    assert response.status_code == 302

    outcome, _preview = reimport()
    assert outcome[funding.project.key] == "updated"


def test_unit_roles_deleted_from_the_admin_list_make_their_projects_updated(admin_client):
    load("000")
    project = Project.objects.order_by("pk").first()
    roles = list(project.unit_roles.values_list("pk", flat=True))
    response = admin_client.post(reverse("admin:projects_projectorganization_changelist"), {
        "action": "delete_selected", "_selected_action": roles, "post": "yes"})
    assert response.status_code == 302

    outcome, _preview = reimport()
    assert outcome[project.key] == "updated"


def test_a_funding_line_moved_to_another_project_makes_both_projects_updated(admin_client):
    load("000")
    funding = Funding.objects.select_related("project").order_by("pk").first()
    before = funding.project
    after = Project.objects.filter(plan=before.plan).exclude(fundings__source=funding.source).order_by("pk").first()
    response = admin_client.post(reverse("admin:projects_funding_change", args=[funding.pk]), {
        "project": after.pk, "source": funding.source_id, "amount": funding.amount, "note": funding.note})
    assert response.status_code == 302

    outcome, _preview = reimport()
    assert (outcome[before.key], outcome[after.key]) == ("updated", "updated")
