"""The sheet as the office prints it: opened with python-docx, every field in its place on an A4 page."""

from datetime import date
from io import BytesIO
from urllib.parse import quote

import pytest
from django.urls import reverse
from docx import Document

from projects import clock
from supervision import sheets
from supervision.models import Rules
from tests.factories import make_organization
from tests.supervision.office import as_pdf, needs_soffice, pdf_text
from tests.supervision.sheet_world import YEAR, build_sheet_world, issue

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_sheet_world()


def download(client, sheet) -> Document:
    response = client.get(reverse("supervision:sheet_docx", args=[sheet.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    # Named by its number, as the office files it: 鲤督办〔2026〕1号.docx
    assert response["Content-Disposition"].endswith("''" + quote(f"{sheet.number_text}.docx", safe=""))
    return Document(BytesIO(response.content))


def form(document: Document) -> dict[str, str]:
    """The form's labels and what stands beside each (a merged value cell read once)."""
    fields = {}
    for row in document.tables[0].rows:
        cells = []
        for cell in row.cells:
            if not cells or cell._tc is not cells[-1]._tc:
                cells.append(cell)
        for label, value in zip(cells[::2], cells[1::2]):
            fields[label.text] = value.text
    return fields


def test_every_field_of_a_signed_and_answered_sheet_is_printed(client, world):
    Rules.objects.create(jurisdiction=world.district, sheet_prefix="鲤督办")
    helper = make_organization(name="区城投", jurisdiction=world.district)
    world.project.unit_roles.create(organization=helper, role="assisting", position=1)
    sheet = issue(world, matter="加快老旧小区改造进度", content="一、完成管网改造；\n二、书面报告进展。",
                  instructing_leader=world.leader_person, assisting_units=[world.assisting_unit, helper],
                  feedback="periodic", feedback_days=7, contact_name="督查员", contact_phone="0595-22222222")
    with clock.pinned(date(YEAR, 3, 11)):
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        sheets.answer_sheet(user=world.officer, sheet=sheet, text="已完成 5 个小区。")
    client.force_login(world.coordinator)
    document = download(client, sheet)

    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == ["督办单", "鲤督办〔2026〕1号"]
    assert paragraphs[2] == "督办等级：蓝色　　签发日期：2026年3月10日"
    assert form(document) == {
        "督办事项": "加快老旧小区改造进度",
        "所属项目": str(world.project),
        "交办领导": "王伟",
        "督办内容": "一、完成管网改造；\n二、书面报告进展。",
        "牵头单位": "区住建局", "责任领导": "王伟",
        "配合单位": "区城投、区财政局",
        "办理时限": "2026年3月31日前", "反馈方式": "每7天书面反馈一次进展，办结后反馈结果",
        "联系人": "督查员", "联系电话": "0595-22222222",
        "签收人": "张三", "签收时间": form(document)["签收时间"],
        "办理情况": "已完成 5 个小区。",
    }
    assert form(document)["签收时间"].startswith("2026年3月11日 ")
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)  # A4, stored in twips
    assert document.tables[0].style.name == "Table Grid"  # bordered


def test_a_sheet_just_issued_leaves_room_for_the_signature_and_the_answer(client, world):
    sheet = issue(world)
    client.force_login(world.officer)
    fields = form(download(client, sheet))
    assert (fields["签收人"], fields["签收时间"], fields["办理情况"]) == ("", "", "")
    assert fields["反馈方式"] == "办理时限前书面反馈办理结果"
    assert fields["交办领导"] == ""


def test_the_docx_answers_404_to_an_officer_of_another_unit(client, world):
    sheet = issue(world)
    client.force_login(world.other_officer)
    assert client.get(reverse("supervision:sheet_docx", args=[sheet.pk])).status_code == 404


@needs_soffice
def test_libreoffice_opens_the_sheet_and_its_pdf_holds_the_number_matter_unit_and_deadline(client, world, tmp_path):
    Rules.objects.create(jurisdiction=world.district, sheet_prefix="鲤督办")
    sheet = issue(world, matter="加快老旧小区改造进度", deadline=date(YEAR, 4, 15))
    client.force_login(world.coordinator)
    response = client.get(reverse("supervision:sheet_docx", args=[sheet.pk]))
    folder = tmp_path / "pdf"
    folder.mkdir()
    text = pdf_text(as_pdf(response.content, folder, "sheet"))
    for printed in ("督办单", "鲤督办〔2026〕1号", "督办事项", "加快老旧小区改造进度", "牵头单位", "区住建局",
                    "办理时限", "2026年4月15日前"):
        assert printed in text, printed
