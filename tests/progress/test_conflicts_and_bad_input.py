"""Two people on one report lose no words; bad input is refused with a message and changes nothing."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from progress.models import Attachment, Report, Revision
from projects.models import ProjectOrganization
from tests.factories import make_plan, make_project
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c6360f8cf00000301010018dd8db40000000049454e44ae426082"
)


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_world()


def report_url(world, month=None) -> str:
    return reverse("progress:report", args=[world.project.pk, month or world.period.month])


def draft(world, **fields) -> dict:
    data = {name: value for name, value in report_form(world, **fields).items() if name != "submit"}
    return {**data, "save": "1"}


def test_the_second_of_two_saves_is_refused_with_the_other_change_shown_and_both_texts_kept(client, world):
    client.force_login(world.officer)
    client.post(report_url(world), draft(world, progress="初稿"))
    # 张 and 李 both open version 1.
    client.post(report_url(world), draft(world, version=1, progress="张：完成 8 个小区"))
    client.force_login(world.colleague)
    response = client.post(report_url(world), draft(world, version=1, progress="李：完成 9 个小区"))

    assert response.status_code == 409
    page = response.content.decode()
    assert "张：完成 8 个小区" in page and "李：完成 9 个小区" in page
    report = Report.objects.get()
    assert (report.progress, report.version) == ("张：完成 8 个小区", 2)
    # Saving again now starts from 张's version and is kept; both texts are in the history.
    assert response.context["form"].data["version"] == 2
    client.post(report_url(world), draft(world, version=2, progress="李：完成 9 个小区"))
    changes = [r.changes.get("progress") for r in Revision.objects.filter(report=report).order_by("version")]
    assert changes == [["", "初稿"], ["初稿", "张：完成 8 个小区"], ["张：完成 8 个小区", "李：完成 9 个小区"]]
    history = client.get(report_url(world)).content.decode()
    assert history.count("张：完成 8 个小区") >= 2


def assert_refused(response, message: str) -> None:
    assert response.status_code in (400, 403, 404)
    assert message in response.content.decode()
    assert not Report.objects.exists() and not Attachment.objects.exists()


def test_percent_over_100_is_refused(client, world):
    client.force_login(world.officer)
    assert_refused(client.post(report_url(world), report_form(world, percent_complete=120)), "确保该值小于或等于100")


def test_negative_money_is_refused(client, world):
    client.force_login(world.officer)
    source = world.project.fundings.first().source_id
    assert_refused(client.post(report_url(world), report_form(world, **{f"disbursed_{source}": "-5"})),
                   "确保该值大于或等于0")


def test_a_period_in_the_future_is_refused(client, world):
    # Next year's plan is out already; none of its periods has begun.
    next_plan = make_plan(jurisdiction=world.plan.jurisdiction, year=world.plan.year + 1)
    project = make_project(plan=next_plan)
    ProjectOrganization.objects.create(project=project, organization=world.officer.organization, role="lead")
    client.force_login(world.officer)
    url = reverse("progress:report", args=[project.pk, date(next_plan.year, 3, 1)])
    assert_refused(client.post(url, report_form(world)), "报送期尚未开始")
    assert_refused(client.get(url), "报送期尚未开始")
    # A month the plan's schedule has no report for.
    world.plan.report_frequency = "quarterly"
    world.plan.save()
    assert_refused(client.post(report_url(world, date(world.plan.year, 2, 1)), report_form(world)), "无需报送进展")


def test_a_50_mb_photo_is_refused(client, world):
    client.force_login(world.officer)
    big = SimpleUploadedFile("photo.jpg", b"\xff\xd8\xff\xe0" + b"\0" * (50 * 1024 * 1024), content_type="image/jpeg")
    assert_refused(client.post(report_url(world), {**report_form(world), "files": [big]}), "大于 15 MB")


def test_a_program_renamed_jpg_is_refused(client, world):
    client.force_login(world.officer)
    exe = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00" + b"\0" * 4000, content_type="image/jpeg")
    assert_refused(client.post(report_url(world), {**report_form(world), "photo": exe}), "不是照片")


def test_a_report_on_a_project_of_another_unit_is_refused(client, world):
    client.force_login(world.other_unit)
    assert client.post(report_url(world), report_form(world)).status_code == 404
    client.force_login(world.assisting)
    assert_refused(client.post(report_url(world), report_form(world)), "牵头单位")


def test_a_real_photo_is_kept_and_served_only_to_those_who_see_the_project(client, world):
    client.force_login(world.officer)
    photo = SimpleUploadedFile("现场.png", PNG, content_type="image/png")
    assert client.post(report_url(world), {**report_form(world), "photo": photo}).status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.content_type, attachment.name) == ("image/png", "现场.png")
    url = reverse("progress:attachment", args=[attachment.pk])
    assert b"".join(client.get(url).streaming_content) == PNG
    client.force_login(world.other_unit)
    assert client.get(url).status_code == 404
