"""The administrator reads reports, notes and lights in the admin site, where every row is named by what it is
(its project, unit, period, source), not "Disbursement object (7)"."""

import pytest
from django.urls import reverse

from progress.models import AssistingNote, Disbursement, ProjectStatus, Report, Revision
from tests.factories import make_user
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db


def test_rows_of_a_report_are_named_by_project_period_source_and_version(client):
    world = build_world()
    month = world.period.month
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, month]), report_form(world))
    client.force_login(world.assisting)
    client.post(reverse("progress:note", args=[world.project.pk, month]), {"text": "已配合完成管网迁改。"})
    report = Report.objects.get(project=world.project)
    project = f"{world.project.number}. 老旧小区改造"  # the factory numbers projects in sequence
    named = f"{project} · {month:%Y-%m}"

    assert {str(d) for d in Disbursement.objects.all()} == {"区财政: 80.0000", "上级补助: 20.5000"}
    assert str(Disbursement(report=report, amount=5)) == "全部来源: 5"
    assert str(Revision.objects.get()) == f"{named} · 版本 1 · 已提交"
    assert str(AssistingNote.objects.get()) == f"{project} · 区财政局 · {month:%Y-%m}"
    assert str(ProjectStatus.objects.get()) == f"{project} · {ProjectStatus.objects.get().get_light_display()}"

    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:progress_report_change", args=[report.pk])).content.decode()
    assert "区财政: 80.0000" in page and f"{named} · 版本 1 · 已提交" in page and "object (" not in page
