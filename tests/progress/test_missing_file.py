"""An upload whose row is there but whose bytes are not (a database restored without its media folder)
answers a 404 page that says so, for a report's attachment, a verification's site photo and a sheet's
answer alike, never a 500."""

from datetime import date

import pytest
from django.urls import reverse

from progress import services
from progress.models import Attachment, Verification
from projects import clock
from supervision.models import SheetAttachment
from tests.progress.world import build_world
from tests.supervision.sheet_world import YEAR, build_sheet_world, issue, photo
from tests.supervision.test_sheet_pages import sheet_url

pytestmark = pytest.mark.django_db


def gone(field) -> None:
    field.storage.delete(field.name)


def assert_missing_page(response, name: str) -> None:
    page = response.content.decode()
    assert response.status_code == 404
    assert "文件不存在" in page and f"系统中有文件“{name}”的记录" in page


def test_a_report_attachment_whose_file_is_gone_answers_a_404_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    services.save_report(user=world.officer, project=world.project, month=world.period.month, version=0,
                         submit=False, data=services.ReportInput(percent_complete=10), files=[photo("基坑.png")])
    attachment = Attachment.objects.get()
    client.force_login(world.officer)
    url = reverse("progress:attachment", args=[attachment.pk])
    assert client.get(url).status_code == 200
    gone(attachment.file)
    assert_missing_page(client.get(url), "基坑.png")


def test_a_verification_photo_whose_file_is_gone_answers_a_404_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    client.force_login(world.officer)
    services.save_report(user=world.officer, project=world.project, month=world.period.month, version=0,
                         submit=True, data=services.ReportInput(percent_complete=100))
    client.force_login(world.coordinator)
    client.post(reverse("progress:verify_completion", args=[world.project.pk]),
                {"note": "现场核验", "photo": photo("现场.png"), "version": 1})
    verified = Verification.objects.get()
    gone(verified.photo)
    assert_missing_page(client.get(reverse("progress:verification_photo", args=[verified.pk])), "现场.png")


def test_a_sheet_attachment_whose_file_is_gone_answers_a_404_page(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    world = build_sheet_world()
    sheet = issue(world)
    client.force_login(world.officer)
    with clock.pinned(date(YEAR, 3, 11)):
        client.post(sheet_url(sheet), {"action": "sign", "version": sheet.version})
        client.post(sheet_url(sheet), {"action": "answer", "version": sheet.version + 1, "text": "已完成。",
                                       "files": [photo("围挡.png")]})
    item = SheetAttachment.objects.get()
    gone(item.file)
    assert_missing_page(client.get(reverse("supervision:sheet_attachment", args=[item.pk])), "围挡.png")
