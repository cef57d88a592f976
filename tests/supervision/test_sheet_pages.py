"""The sheet's story in the browser's words: the office fills in the form the project prefilled, the officer signs
and answers from a phone, the office returns and closes; refusals come back as messages, never as errors."""

from datetime import date

import pytest
from django.urls import reverse

from projects import clock
from supervision import sheets
from supervision.models import InstructionSheet, SheetAttachment
from tests.supervision.sheet_world import YEAR, build_sheet_world, issue, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_sheet_world()


def sheet_url(sheet) -> str:
    return reverse("supervision:sheet", args=[sheet.pk])


def texts(response) -> list[str]:
    return [str(message) for message in response.context["messages"]] if response.context else []


def test_the_issue_form_is_prefilled_from_the_project(client, world):
    client.force_login(world.coordinator)
    with clock.pinned(date(YEAR, 3, 10)):
        page = client.get(reverse("supervision:issue_sheet", args=[world.project.pk]))
    form = page.context["form"]
    assert form.initial["lead_unit"] == world.lead_unit
    assert form.initial["assisting_units"] == [world.assisting_unit]
    assert form.initial["responsible_leaders"] == [world.leader_person]
    assert form.initial["instructing_leader"] == world.leader_person
    assert form.initial["deadline"] == date(YEAR, 3, 25)
    html = page.content.decode()
    # Selects of the project's own units and the jurisdiction's leaders, the project's chosen.
    assert '<option value="%s" selected>区住建局</option>' % world.lead_unit.pk in html
    assert "区教育局" not in html  # not on the project: an officer of it could not even see the sheet
    assert 'type="date"' in html and 'value="2026-03-25"' in html


def test_the_whole_story_through_the_pages(client, world):
    client.force_login(world.coordinator)
    with clock.pinned(date(YEAR, 3, 10)):
        response = client.post(reverse("supervision:issue_sheet", args=[world.project.pk]), {
            "matter": "加快老旧小区改造进度", "content": "请于月底前完成剩余小区管网改造。",
            "instructing_leader": world.leader_person.pk, "lead_unit": world.lead_unit.pk,
            "assisting_units": [world.assisting_unit.pk], "responsible_leaders": [world.leader_person.pk],
            "deadline": "2026-03-31", "feedback": "periodic", "feedback_days": "7", "contact_name": "督查员",
            "contact_phone": "0595-22222222"})
    sheet = InstructionSheet.objects.get()
    assert response.status_code == 302 and response["Location"] == sheet_url(sheet)
    assert (sheet.number_text, sheet.feedback_days, sheet.leader_name) == ("督办〔2026〕1号", 7, "王伟")

    client.force_login(world.officer)
    with clock.pinned(date(YEAR, 3, 11)):
        page = client.get(sheet_url(sheet)).content.decode()
        assert 'value="sign"' in page and 'value="answer"' not in page
        client.post(sheet_url(sheet), {"action": "sign", "version": sheet.version})
        page = client.get(sheet_url(sheet)).content.decode()
        assert 'value="answer"' in page and 'capture="environment"' in page and 'accept="image/*' in page
        response = client.post(sheet_url(sheet), {"action": "answer", "version": sheet.version + 1,
                                                  "text": "已完成 5 个小区。", "files": [photo()]})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.signed_by, sheet.answer) == ("answered", world.officer, "已完成 5 个小区。")

    client.force_login(world.coordinator)
    with clock.pinned(date(YEAR, 3, 12)):
        page = client.get(sheet_url(sheet)).content.decode()
        assert 'value="return"' in page and 'value="close"' in page
        assert reverse("supervision:sheet_attachment", args=[SheetAttachment.objects.get().pk]) in page
        client.post(sheet_url(sheet), {"action": "return", "version": sheet.version, "reason": "请补充完工照片"})
    sheet.refresh_from_db()
    assert (sheet.status, sheet.tier) == ("returned", "yellow")

    client.force_login(world.officer)
    with clock.pinned(date(YEAR, 3, 13)):
        page = client.get(sheet_url(sheet)).content.decode()
        assert "请补充完工照片" in page
        client.post(sheet_url(sheet), {"action": "answer", "version": sheet.version, "text": "照片见附件。",
                                       "photo": photo("camera.png", 30)})
    client.force_login(world.coordinator)
    with clock.pinned(date(YEAR, 3, 14)):
        response = client.post(sheet_url(sheet), {"action": "close", "version": sheet.version + 1, "reason": "办结"},
                               follow=True)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.closing_note, SheetAttachment.objects.count()) == ("closed", "办结", 2)
    history = response.content.decode()
    for said in ("已完成 5 个小区。", "照片见附件。", "请补充完工照片"):
        assert said in history


def test_a_second_signature_is_refused_with_a_message(client, world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        client.force_login(world.colleague)
        response = client.post(sheet_url(sheet), {"action": "sign", "version": sheet.version}, follow=True)
    assert response.status_code == 200
    assert texts(response) == ["该督办单不能签收：当前状态为“已签收”。"]
    sheet.refresh_from_db()
    assert sheet.signed_by == world.officer


def test_a_refused_answer_keeps_the_officers_text_beside_the_reason(client, world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        client.force_login(world.officer)
        from django.core.files.uploadedfile import SimpleUploadedFile
        fake = SimpleUploadedFile("photo.jpg", b"MZ" + b"\0" * 200, content_type="image/jpeg")
        response = client.post(sheet_url(sheet), {"action": "answer", "version": sheet.version + 1,
                                                  "text": "已办结，详见附件。", "files": [fake]})
    assert response.status_code == 400
    page = response.content.decode()
    assert "已办结，详见附件。" in page and "photo.jpg" in page
    sheet.refresh_from_db()
    assert sheet.status == "signed"


def test_a_disputed_sheet_is_reworded_on_its_page(client, world):
    sheet = issue(world)
    client.force_login(world.officer)
    with clock.pinned(date(YEAR, 3, 11)):
        client.post(sheet_url(sheet), {"action": "dispute", "version": sheet.version, "reason": "不属我局职责"})
        client.force_login(world.coordinator)
        page = client.get(sheet_url(sheet)).content.decode()
        assert "不属我局职责" in page and 'value="reword"' in page
        response = client.post(sheet_url(sheet), {
            "action": "reword", "version": sheet.version + 1, "matter": "配合完成管网改造", "content": "请配合区城投。",
            "lead_unit": world.lead_unit.pk, "deadline": "2026-04-10", "feedback": "once"})
    assert response.status_code == 302
    sheet.refresh_from_db()
    assert (sheet.status, sheet.matter, sheet.deadline) == ("issued", "配合完成管网改造", date(YEAR, 4, 10))


def test_an_officer_of_another_unit_gets_404_and_an_assisting_one_may_read_but_not_sign(client, world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        client.force_login(world.other_officer)
        assert client.get(sheet_url(sheet)).status_code == 404
        assert client.get(reverse("supervision:sheet_docx", args=[sheet.pk])).status_code == 404
        assert client.post(sheet_url(sheet), {"action": "sign", "version": sheet.version}).status_code == 404
        client.force_login(world.assisting)
        page = client.get(sheet_url(sheet))
        assert page.status_code == 200 and 'value="sign"' not in page.content.decode()
        assert client.post(sheet_url(sheet), {"action": "sign", "version": sheet.version}).status_code == 403
    sheet.refresh_from_db()
    assert sheet.status == "issued"


def test_a_malformed_post_is_a_message_not_a_server_error(client, world):
    sheet = issue(world)
    client.force_login(world.officer)
    with clock.pinned(date(YEAR, 3, 11)):
        for data in ({"action": "sign"}, {"action": "sign", "version": "x"}, {"action": "fly"}, {}):
            response = client.post(sheet_url(sheet), data)
            assert response.status_code == 302, data
    sheet.refresh_from_db()
    assert sheet.status == "issued"
