"""read_file: the reader is chosen by the bytes, and unreadable files are refused with a reason."""

import io
import os
import zipfile

import openpyxl
import pytest
from django.utils import translation
from docx import Document

from imports.read import RawRow, RawTable, ReadError, read_file

MAX_BYTES = 1024 * 1024
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def workbook_bytes() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "项目名称"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def document_bytes() -> bytes:
    document = Document()
    document.add_paragraph("附件")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def refusal(name: str, data: bytes, max_bytes: int = MAX_BYTES) -> str:
    with translation.override("en"), pytest.raises(ReadError) as raised:
        read_file(name, data, max_bytes=max_bytes)
    return str(raised.value)


def test_a_workbook_is_read_as_excel_whatever_its_name():
    assert read_file("名单.csv", workbook_bytes(), max_bytes=MAX_BYTES) == [
        RawTable(name="Sheet", rows=(RawRow(sheet="Sheet", line=1, cells=("序号", "项目名称")),))
    ]


def test_a_document_is_read_as_word_even_when_named_xlsx():
    assert read_file("名单.xlsx", document_bytes(), max_bytes=MAX_BYTES) == [
        RawTable(name="名单.xlsx", rows=(RawRow(sheet="正文", line=1, cells=("附件",)),))
    ]


def test_text_is_read_as_csv_when_commas_agree_and_as_pasted_text_otherwise():
    [csv_table] = read_file("名单.txt", "序号,项目名称\n1,关爱女孩行动\n".encode(), max_bytes=MAX_BYTES)
    [text_table] = read_file("名单.csv", "序号\t项目名称\n1\t关爱女孩行动\n".encode(), max_bytes=MAX_BYTES)

    assert csv_table.rows[1] == RawRow(sheet="名单.txt", line=2, cells=("1", "关爱女孩行动"))
    assert text_table.rows[1] == RawRow(sheet="文本", line=2, cells=("1", "关爱女孩行动"))


def test_an_empty_file_is_refused():
    assert refusal("名单.xlsx", b"") == "The file is empty."


def test_a_file_over_the_limit_is_refused_before_it_is_parsed():
    assert refusal("名单.xlsx", b"PK\x03\x04" + bytes(2000), max_bytes=1000) == (
        "The file is 2.0\xa0KB, more than the 1000\xa0bytes allowed."
    )


def test_an_ole2_signature_with_no_container_behind_it_is_a_damaged_workbook():
    # A real .xls is read (test_readers_xls.py); this one has nothing after its header.
    assert refusal("名单.xlsx", OLE2) == "The workbook is damaged and cannot be read."
    assert refusal("名单.xls", OLE2) == "The workbook is damaged and cannot be read."


def test_an_ole2_file_named_doc_is_refused_as_an_old_or_protected_document():
    assert refusal("名单.doc", OLE2) == "The file is a password-protected or old .doc document: save it as .docx."


def test_random_bytes_named_xlsx_are_not_an_excel_workbook():
    message = refusal("名单.xlsx", os.urandom(4096))

    assert message == "The file is not an Excel workbook: it is damaged or another kind of file renamed."


def test_text_named_docx_is_not_a_word_document():
    message = refusal("名单.docx", "序号,项目名称\n".encode())

    assert message == "The file is not a Word document: it is damaged or another kind of file renamed."


def test_random_bytes_without_an_office_name_are_not_text():
    assert refusal("名单.txt", bytes(range(256)) * 8) == "The file is not text in a known encoding (UTF-8 or GB18030)."


def test_a_pdf_is_refused_with_advice_to_paste_its_text():
    message = refusal("名单.pdf", b"%PDF-1.7\n" + bytes(range(256)))

    assert message == "PDF files cannot be read: copy the table from the PDF and paste it as text."


def test_a_web_page_saved_as_xls_is_refused_with_advice():
    message = refusal("名单.xls", "<html><body><table><tr><td>序号</td></tr></table></body></html>".encode())

    assert message == "The file is a web page or XML file: open it in Excel and save it as .xlsx."


def test_a_zip_that_is_neither_workbook_nor_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("名单.txt", "序号")

    assert refusal("名单.zip", buffer.getvalue()) == (
        "The file is a zip archive, neither an Excel workbook nor a Word document."
    )


def test_a_binary_xlsb_workbook_is_refused_with_advice():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.bin", b"\x00")

    assert refusal("名单.xlsb", buffer.getvalue()) == "Binary .xlsb workbooks cannot be read: save it as .xlsx."


def test_a_damaged_zip_is_refused():
    assert refusal("名单.zip", b"PK\x03\x04" + bytes(100)) == "The file is a damaged zip archive."


def test_a_damaged_workbook_is_called_a_workbook():
    assert refusal("名单.xlsx", b"PK\x03\x04" + bytes(100)) == "The workbook is damaged and cannot be read."
