"""The circular as a Word file: what the office sends out, checked figure by figure against the
closed period's snapshots, and opened by LibreOffice as a recipient's office suite would."""

from datetime import date
from io import BytesIO
from urllib.parse import unquote

import docx
import pytest
from django.urls import reverse
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from projects import clock
from projects.amounts import plain
from supervision.circulars import draft_circular, publish_circular
from supervision.models import Rules
from tests.supervision.circular_world import build_circular_world, instruct, open_request
from tests.supervision.office import as_pdf, needs_soffice, pdf_text

pytestmark = pytest.mark.django_db


def published(world):
    Rules.objects.create(jurisdiction=world.plan.jurisdiction, circular_prefix="鲤督通")
    open_request(world, "behind", "征迁协调困难", opened=date(2026, 9, 10))
    instruct(world, "behind", "尽快完成征迁", written=date(2026, 9, 1), due=date(2026, 9, 16))
    with clock.pinned(date(2026, 11, 3)):
        return publish_circular(user=world.coordinator, version=1,
                                circular=draft_circular(user=world.coordinator, close=world.close))


def download(client, user, circular):
    client.force_login(user)
    response = client.get(reverse("supervision:circular_docx", args=[circular.pk]))
    assert response.status_code == 200
    return response


def test_the_word_file_holds_the_title_the_number_and_every_figure_of_the_close(client):
    world = build_circular_world()
    circular = published(world)
    response = download(client, world.officer, circular)  # an officer of a named unit downloads it too
    assert "鲤督通〔2026〕1号" in unquote(response["Content-Disposition"])
    document = docx.Document(BytesIO(response.content))
    paragraphs = [p for p in document.paragraphs if p.text]
    number, title = paragraphs[0], paragraphs[1]
    assert (number.text, title.text) == ("鲤督通〔2026〕1号", "关于2026年10月为民办实事项目进展情况的通报")
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    fonts = title.runs[0]._element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "方正小标宋简体"
    opening, heading = paragraphs[3], paragraphs[4]
    assert opening.text.startswith("今年，鲤城区共实施为民办实事项目5个。")
    assert opening.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert (heading.text, heading.runs[0]._element.rPr.rFonts.get(qn("w:eastAsia"))) == ("一、总体情况", "黑体")
    text = "\n".join(p.text for p in paragraphs)
    for figure in ("5个项目中，已完成1个；对照序时进度50%，超序时1个、按序时1个、慢序时1个，未报送完成进度1个。",
                   "亮灯情况：绿灯2个、黄灯1个、红灯1个、已完成1个。", "平均完成62%",
                   "年度计划投资430.25万元，已拨付150.5万元，拨付率35%。",
                   "按时报送2份，逾期报送1份，未报送2份。",
                   "1. 老旧小区改造（承办单位：区住建局）：完成20%，序时进度50%，滞后30个百分点",
                   "区卫健局：未报送0个、逾期报送1个（社区卫生服务站提升（逾期3天））",
                   "老旧小区改造（区住建局，2026年9月10日提出，已42天）：征迁协调困难",
                   "区住建局应于2026年9月16日前答复，已逾期）：尽快完成征迁",
                   "五、下一步工作要求", "附件：项目进展情况表", "鲤城区督查室", "2026年11月3日"):
        assert figure in text, figure

    body_page, annex_page = document.sections
    # A4, in whole millimetres (Word stores twentieths of a point).
    assert (round(body_page.page_width.mm), round(body_page.page_height.mm)) == (210, 297)
    assert (annex_page.orientation, round(annex_page.page_width.mm), round(annex_page.page_height.mm)) == (
        WD_ORIENT.LANDSCAPE, 297, 210)
    [table] = document.tables
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["序号", "项目名称", "承办单位", "亮灯状态", "完成进度（%）", "序时进度（%）", "月度进展报送",
                        "年度投资（万元）", "累计拨付（万元）"]
    snapshots = list(world.close.snapshots.all())
    assert len(cells) == 1 + len(snapshots) + 1
    for row, snapshot in zip(cells[1:], snapshots):
        assert row[:3] == [snapshot.number, snapshot.name, snapshot.lead_unit]
        assert row[3] == snapshot.get_light_display()
        assert row[4] == ("—" if snapshot.percent is None else str(snapshot.percent))
        assert row[5] == str(snapshot.target)
        assert row[7] == ("—" if snapshot.annual_investment is None else plain(snapshot.annual_investment))
        assert row[8] == ("—" if snapshot.disbursed_total is None else plain(snapshot.disbursed_total))
    assert [row[6] for row in cells[1:-1]] == ["按时报送", "按时报送", "逾期3天", "未报送", "未报送"]
    assert cells[-1][1] == "合计（5个项目）" and cells[-1][7:] == ["430.25", "150.5"]


def test_a_draft_downloads_under_its_title_marked_as_a_draft(client):
    world = build_circular_world()
    circular = draft_circular(user=world.coordinator, close=world.close)
    response = download(client, world.coordinator, circular)
    assert unquote(response["Content-Disposition"]).endswith("关于2026年10月为民办实事项目进展情况的通报（草稿）.docx")
    first = next(p.text for p in docx.Document(BytesIO(response.content)).paragraphs if p.text)
    assert first == "（草稿，尚未印发）"


@needs_soffice
def test_libreoffice_opens_the_published_circular_and_its_pdf_holds_the_figures(client, tmp_path):
    world = build_circular_world()
    pdf = as_pdf(download(client, world.coordinator, published(world)).content, tmp_path, "circular")
    text = pdf_text(pdf)
    for figure in ("鲤督通〔2026〕1号", "关于2026年10月为民办实事项目进展情况的通报", "430.25", "150.5", "拨付率35%",
                   "滞后30个百分点", "征迁协调困难", "项目进展情况表", "合计（5个项目）"):
        assert figure in text, figure
    for snapshot in world.close.snapshots.all():
        assert snapshot.name in text
