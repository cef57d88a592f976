"""The circular as a Word file, laid out as offices lay out their documents (GB/T 9704 in spirit):
A4, the title in 小标宋 二号, the body in 仿宋 三号 on a fixed 28-point line, part headings in 黑体
and 楷体, the annex table on a landscape A4 page of its own.

Chinese font names must be set as the run's East Asian font (w:eastAsia), which python-docx's
`font.name` does not set: Word would otherwise fall back to its default for Chinese characters."""

from io import BytesIO

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph

from supervision.circular_text import AnnexRow, Part, Reading

# Font names as Chinese offices' machines have them; LibreOffice and WPS substitute where missing.
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
BODY_SIZE = Pt(16)  # 三号
TITLE_SIZE = Pt(22)  # 二号
TABLE_SIZE = Pt(10.5)  # 五号
LINE = Pt(28)
# The annex's columns on a landscape A4 page (257 mm between the margins): the project's name gets the room.
ANNEX_WIDTHS = [Mm(12), Mm(68), Mm(40), Mm(18), Mm(20), Mm(20), Mm(26), Mm(26), Mm(27)]
NUMERIC = {4, 5, 7, 8}  # columns of figures, aligned right as figures are
INDENT = Pt(32)  # two characters of 三号


def circular_docx(reading: Reading) -> bytes:
    """The .docx file's bytes."""
    document = Document()
    _page(document.sections[0], landscape=False)
    _fonts(document.styles["Normal"], BODY_FONT, BODY_SIZE)
    document.core_properties.title = reading.title
    document.core_properties.author = reading.office

    _line(document, reading.number_text or reading.dated, BODY_FONT, align=WD_ALIGN_PARAGRAPH.CENTER)
    _line(document, reading.title, TITLE_FONT, size=TITLE_SIZE, align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(36))
    _line(document, "", BODY_FONT)
    _line(document, reading.addressees, BODY_FONT)
    for text in reading.opening:
        _line(document, text, BODY_FONT, indent=True)
    for part in reading.parts:
        _part(document, part, HEADING_FONT)
    _line(document, reading.annex_line, BODY_FONT, indent=True)
    _line(document, "", BODY_FONT)
    _line(document, reading.office, BODY_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _line(document, reading.dated, BODY_FONT, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _annex(document, reading)
    output = BytesIO()
    document.save(output)
    return output.getvalue()


def _page(section, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    if landscape:
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin = section.right_margin = Mm(20)
    else:
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)


def _east_asian(element, font: str) -> None:
    element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)


def _fonts(style, font: str, size) -> None:
    style.font.name, style.font.size = font, size
    _east_asian(style.element, font)


def _run(paragraph: Paragraph, text: str, font: str, size=BODY_SIZE, bold: bool = False) -> None:
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.font.bold = font, size, bold
    _east_asian(run._element, font)


def _line(document, text: str, font: str, *, size=BODY_SIZE, align=None, indent: bool = False,
          line=LINE) -> Paragraph:
    paragraph = document.add_paragraph()
    layout = paragraph.paragraph_format
    layout.line_spacing_rule, layout.line_spacing = WD_LINE_SPACING.EXACTLY, line
    layout.space_before = layout.space_after = Pt(0)
    if align is not None:
        layout.alignment = align
    if indent:
        layout.first_line_indent = INDENT
    if text:
        _run(paragraph, text, font, size)
    return paragraph


def _part(document, part: Part, heading_font: str) -> None:
    _line(document, part.heading, heading_font, indent=True)
    for text in part.paragraphs:
        _line(document, text, BODY_FONT, indent=True)
    for number, text in enumerate(part.items, start=1):
        _line(document, f"{number}. {text}", BODY_FONT, indent=True)
    for inner in part.parts:
        _part(document, inner, SUBHEADING_FONT)


def _annex(document, reading: Reading) -> None:
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    _line(document, reading.annex_label, HEADING_FONT)
    _line(document, reading.annex_title, TITLE_FONT, size=Pt(18), align=WD_ALIGN_PARAGRAPH.CENTER, line=Pt(32))
    table = document.add_table(rows=1, cols=len(reading.annex_headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for cell, text in zip(table.rows[0].cells, reading.annex_headers):
        _cell(cell, text, HEADING_FONT, WD_ALIGN_PARAGRAPH.CENTER)
    _repeat_as_header(table.rows[0])
    for row in [*reading.annex_rows, reading.annex_total]:
        for column, (cell, text) in enumerate(zip(table.add_row().cells, _values(row))):
            _cell(cell, text, BODY_FONT, WD_ALIGN_PARAGRAPH.RIGHT if column in NUMERIC else None)
    # Word reads each cell's width, LibreOffice the table's grid: both are set.
    for column, width in zip(table.columns, ANNEX_WIDTHS):
        column.width = width
        for cell in column.cells:
            cell.width = width


def _values(row: AnnexRow) -> list[str]:
    return [row.number, row.name, row.lead_unit, row.light_label, row.percent, row.target, row.report,
            row.annual_investment, row.disbursed]


def _cell(cell, text: str, font: str, align=None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_before = paragraph.paragraph_format.space_after = Pt(0)
    if align is not None:
        paragraph.paragraph_format.alignment = align
    _run(paragraph, text, font, TABLE_SIZE)


def _repeat_as_header(row) -> None:
    """The header row is printed again at the top of every page the table runs on to."""
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(header)
