"""An instruction sheet as the office prints, stamps and sends it: an A4 .docx with the title 督办单, its
number, and a bordered form of the matter, the units, the deadline and the contact, with room for the
unit's signature (签收人, 签收时间) and its answer (办理情况).

The form's words are the document's format, like the progress table's header words (progress/export.py):
they stay Chinese in every language."""

from io import BytesIO

from django.utils import timezone
from docx import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from supervision.models import InstructionSheet

TITLE = "督办单"
LABELS = {
    "matter": "督办事项", "project": "所属项目", "leader": "交办领导", "content": "督办内容",
    "lead_unit": "牵头单位", "responsible": "责任领导", "assisting": "配合单位", "deadline": "办理时限",
    "feedback": "反馈方式", "contact": "联系人", "phone": "联系电话", "signer": "签收人", "signed_at": "签收时间",
    "answer": "办理情况",
}
TIER_WORDS = {"blue": "蓝色", "yellow": "黄色", "red": "红色"}
TIER_LABEL, ISSUED_LABEL = "督办等级", "签发日期"
FEEDBACK_ONCE = "办理时限前书面反馈办理结果"
FEEDBACK_EVERY = "每%s天书面反馈一次进展，办结后反馈结果"
BY_DEADLINE = "%s前"
NOTE = "注：请牵头单位收到本单后即时签收，会同配合单位按时限办理，并按反馈方式将办理情况报送督查室。"
LIST_SEPARATOR = "、"
# GB/T 9704 (党政机关公文格式): A4, 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; 仿宋 body, 小标宋 title.
BODY_FONT, TITLE_FONT = "仿宋_GB2312", "方正小标宋简体"
RED = RGBColor(0xC0, 0x00, 0x00)
# Label, value, label, value: 15.6 cm, the width of the A4 page's type area.
WIDTHS = (Cm(2.6), Cm(5.4), Cm(2.6), Cm(5.0))


def chinese_date(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def chinese_time(moment) -> str:
    local = timezone.localtime(moment)
    return f"{chinese_date(local)} {local:%H:%M}"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name, run.font.size, run.font.bold = name, Pt(size), bold
    # Word picks the East Asian font from its own attribute; without it Chinese falls back to the theme's.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(container, text: str, *, size: float = 14, bold: bool = False, font: str = BODY_FONT,
               align=WD_ALIGN_PARAGRAPH.LEFT, color: RGBColor | None = None):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(text)
    _font(run, font, size, bold)
    if color is not None:
        run.font.color.rgb = color
    return paragraph


def _cell(cell, text: str, *, label: bool = False) -> None:
    cell.text = ""
    lines = (text or "").split("\n")
    paragraph = cell.paragraphs[0]
    for index, line in enumerate(lines):
        if index:
            paragraph = cell.add_paragraph()
        if label:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(line), BODY_FONT, 12, bold=label)


def _row(table, label: str, value: str, label2: str | None = None, value2: str = "", height: float | None = None):
    row = table.add_row()
    for cell, width in zip(row.cells, WIDTHS):  # before merging: a merged cell's width is the sum of its parts
        cell.width = width
    _cell(row.cells[0], label, label=True)
    if label2 is None:
        merged = row.cells[1].merge(row.cells[3])
        _cell(merged, value)
    else:
        _cell(row.cells[1], value)
        _cell(row.cells[2], label2, label=True)
        _cell(row.cells[3], value2)
    # Room to write by hand on the printed form: every row at least a line and a half, the long ones more.
    row.height, row.height_rule = Cm(height or 0.9), WD_ROW_HEIGHT_RULE.AT_LEAST
    for cell in row.cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP if height else WD_CELL_VERTICAL_ALIGNMENT.CENTER
    return row


def feedback_text(sheet: InstructionSheet) -> str:
    if sheet.feedback == InstructionSheet.Feedback.PERIODIC and sheet.feedback_days:
        return FEEDBACK_EVERY % sheet.feedback_days
    return FEEDBACK_ONCE


def _person(user) -> str:
    # A Chinese name as it is signed: family name first, no space (Django's get_full_name puts it last).
    return (f"{user.last_name}{user.first_name}".strip() or user.username) if user else ""


def sheet_docx(sheet: InstructionSheet) -> bytes:
    """The sheet as a .docx (its units and leaders loaded: supervision.sheet_selectors.sheet_record)."""
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _paragraph(document, TITLE, size=26, font=TITLE_FONT, align=WD_ALIGN_PARAGRAPH.CENTER, color=RED)
    _paragraph(document, sheet.number_text, size=14, align=WD_ALIGN_PARAGRAPH.CENTER)
    issued = chinese_date(timezone.localtime(sheet.issued_at))
    _paragraph(document, f"{TIER_LABEL}：{TIER_WORDS[sheet.tier]}　　{ISSUED_LABEL}：{issued}", size=12,
               align=WD_ALIGN_PARAGRAPH.RIGHT)

    table = document.add_table(rows=0, cols=4)
    table.style = "Table Grid"  # every cell bordered, as the printed form
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    units = LIST_SEPARATOR.join(unit.name for unit in sheet.assisting_units.all())
    leaders = LIST_SEPARATOR.join(person.name for person in sheet.responsible_leaders.all())
    _row(table, LABELS["matter"], sheet.matter)
    _row(table, LABELS["project"], str(sheet.project))
    _row(table, LABELS["leader"], sheet.leader_name)
    _row(table, LABELS["content"], sheet.content, height=4)
    _row(table, LABELS["lead_unit"], sheet.lead_unit.name, LABELS["responsible"], leaders)
    _row(table, LABELS["assisting"], units)
    _row(table, LABELS["deadline"], BY_DEADLINE % chinese_date(sheet.deadline), LABELS["feedback"],
         feedback_text(sheet))
    _row(table, LABELS["contact"], sheet.contact_name, LABELS["phone"], sheet.contact_phone)
    _row(table, LABELS["signer"], _person(sheet.signed_by), LABELS["signed_at"],
         chinese_time(sheet.signed_at) if sheet.signed_at else "")
    _row(table, LABELS["answer"], sheet.answer, height=5)
    _paragraph(document, NOTE, size=12)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
