"""A corrected table that drops a project the supervision office follows keeps the project, and says so:
a leader's instruction on it, or on one of its sub-projects, is part of the year's record."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import override

from imports.models import ImportRecord
from imports.services import apply_import, preview_import
from projects.models import Project
from supervision.models import Instruction
from tests.factories import make_user
from tests.imports.test_deletions import TWO, missing_names, without
from tests.projects.conftest import load

pytestmark = pytest.mark.django_db


def instruct(project: Project) -> Instruction:
    return Instruction.objects.create(project=project, text="加快推进。", written_at=timezone.now(),
                                      due=date(2022, 12, 31))


def test_a_project_with_a_leaders_instruction_is_kept_when_the_table_drops_it():
    plan = load("000")
    instruct(Project.objects.get(plan=plan, number="2"))
    preview = preview_import(file_name="000.txt", data=without("2"))
    assert missing_names(preview.summary()) == [("2", TWO, True)]
    assert (preview.summary()["deleted"], preview.summary()["kept"]) == (0, 1)
    record = apply_import(preview=preview, delete_missing=True)  # the admin chose to delete: it stays all the same
    assert record.status == "applied"
    assert Project.objects.filter(plan=plan, number="2").exists()


def test_a_project_whose_sub_project_is_instructed_is_kept_too():
    plan = load("000")
    two = Project.objects.get(plan=plan, number="2")
    sub = Project.objects.create(plan=plan, parent=two, key="2.1", number="", name="子项目", position=9999)
    instruct(sub)
    preview = preview_import(file_name="000.txt", data=without("2"))
    apply_import(preview=preview, delete_missing=True)
    assert Project.objects.filter(pk__in=[two.pk, sub.pk]).count() == 2


def test_the_preview_page_says_why_it_keeps_the_project(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    plan = load("000")
    instruct(Project.objects.get(plan=plan, number="2"))
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("000.txt", without("2"))})
    record = ImportRecord.objects.get(status="previewed")
    with override("zh-hans"):
        page = client.get(reverse("imports:preview", args=[record.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert TWO in page.content.decode() and "保留：已有报送或督办记录" in page.content.decode()
