"""Numbering that starts again, repeats or mixes styles is a warning: every row is imported.

An admin imports a table any person reads without trouble — numbers starting again under each
category, a category numbered 一 beside items numbered （一）, a 序号 printed twice, 1 2 beside
（1）（2）. Nothing stops the import: every row is kept with a number of its own, the preview says
which rows were renumbered and why, and importing the same file again finds every row unchanged.
"""

import io

import openpyxl
import pytest
from docx import Document

from imports.services import apply_import, preview_import
from projects.models import Project

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list], merges: list[str]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for cells in rows:
        sheet.append(cells)
    for span in merges:
        sheet.merge_cells(span)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def restarting_xlsx() -> bytes:
    """Numbers start again under each category; the first run stands above any category row."""
    return _xlsx([
        ["石门县2024年为民办实事项目清单", None, None, None],
        ["序号", "项目名称", "建设内容", "责任单位"],
        [1, "城东幼儿园", "新建幼儿园1所，新增学位360个", "县教育局"],
        [2, "学校食堂改造", "改造农村学校食堂12所", "县教育局"],
        ["二、医疗卫生类", None, None, None],
        [1, "胸痛中心", "建成县人民医院胸痛中心", "县卫健局"],
        [2, "老年人体检", "为65岁以上老人免费体检2万人次", "县卫健局"],
        ["三、城乡建设类", None, None, None],
        [1, "老旧小区改造", "改造老旧小区8个", "县住建局"],
        [2, "农村公路", "新改建农村公路40公里", "县交通运输局"],
        [3, "供水管网", "改造供水管网15公里", "县水利局"],
    ], ["A1:D1", "A5:D5", "A8:D8"])


def subtotal_categories_xlsx() -> bytes:
    """Category rows numbered 一、二 that also carry a subtotal, so they read as rows: items 1 2 twice."""
    return _xlsx([
        ["石门县2024年为民办实事项目清单", None, None, None, None],
        ["序号", "项目名称", "建设内容", "投资（万元）", "责任单位"],
        ["一", "教育类（2项）", None, 300, None],
        [1, "城东幼儿园", "新建幼儿园1所", 100, "县教育局"],
        [2, "学校食堂改造", "改造农村学校食堂12所", 200, "县教育局"],
        ["二", "卫生类（2项）", None, 50, None],
        [1, "胸痛中心", "建成胸痛中心", 20, "县卫健局"],
        [2, "老年人体检", "为老人免费体检2万人次", 30, "县卫健局"],
    ], ["A1:E1"])


CATEGORY_LIST = """石门县2024年为民办实事项目
一、教育
（一）新建城东幼儿园，新增学位360个。（牵头单位：县教育局）
（二）改造农村学校食堂12所。（牵头单位：县教育局）
二、医疗卫生
（一）建成县人民医院胸痛中心。（牵头单位：县卫健局）
（二）为65岁以上老人免费体检2万人次。（牵头单位：县卫健局）
（三）新建村卫生室10个。（牵头单位：县卫健局）
"""

REPEATED = "\n".join([
    "石门县2024年为民办实事项目责任分解表",
    "序号\t项目名称\t建设内容\t牵头单位",
    "1\t城东幼儿园\t新建幼儿园1所\t县教育局",
    "2\t学校食堂改造\t改造农村学校食堂12所\t县教育局",
    "3\t胸痛中心\t建成胸痛中心\t县卫健局",
    "3\t老年人体检\t为老人免费体检2万人次\t县卫健局",
    "4\t老旧小区改造\t改造老旧小区8个\t县住建局",
])


def mixed_docx() -> bytes:
    """A Word table numbered 1 2 and then （1）（2）: two styles, the same numbers once brackets are gone."""
    rows = [
        ["序号", "项目名称", "建设内容", "责任单位"],
        ["1", "城东幼儿园", "新建幼儿园1所", "县教育局"],
        ["2", "学校食堂改造", "改造农村学校食堂12所", "县教育局"],
        ["（1）", "胸痛中心", "建成胸痛中心", "县卫健局"],
        ["（2）", "老年人体检", "为老人免费体检2万人次", "县卫健局"],
    ]
    document = Document()
    document.add_paragraph("石门县2024年为民办实事项目责任分解表")
    table = document.add_table(rows=len(rows), cols=4)
    for line, cells in enumerate(rows):
        for column, text in enumerate(cells):
            table.cell(line, column).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# (file name, bytes, numbers as stored in row order, how many warnings name a renumbered row)
TABLES = {
    "restarting": ("清单.xlsx", restarting_xlsx, ["1", "2", "1.1", "1.2", "2.1", "2.2", "2.3"], 0),
    "subtotals": ("清单.xlsx", subtotal_categories_xlsx, ["一", "1", "2", "二", "1-2", "2-2"], 2),
    "category_list": ("清单.txt", lambda: CATEGORY_LIST.encode(), ["1.一", "1.二", "2.一", "2.二", "2.三"], 0),
    "repeated": ("表.txt", lambda: REPEATED.encode(), ["1", "2", "3", "3-2", "4"], 1),
    "mixed": ("表.docx", mixed_docx, ["1", "2", "1-2", "2-2"], 2),
}


@pytest.mark.parametrize("shape", TABLES)
def test_numbering_that_restarts_repeats_or_mixes_styles_imports_every_row(shape):
    name, build, numbers, renumbered = TABLES[shape]
    data = build()

    preview = preview_import(file_name=name, data=data, reuse=False)

    assert preview.errors == []
    summary = preview.summary()
    assert summary["created"] == len(numbers)
    # The preview says what was done: a restart by category, or each later row of a repeated number.
    messages = [warning["message"] for warning in summary["warnings"]]
    repeats = [message for message in messages if "此前已在" in message]
    assert len(repeats) == renumbered, messages
    if not renumbered:
        assert any("重新从1开始" in message for message in messages), messages
    apply_import(preview=preview)
    assert list(Project.objects.order_by("position").values_list("number", flat=True)) == numbers

    # The same file again: the same keys, so every row is found unchanged and nothing is added.
    again = preview_import(file_name=name, data=data, reuse=False)
    assert again.errors == []
    assert (again.summary()["created"], again.summary()["updated"], again.summary()["unchanged"]) == (
        0, 0, len(numbers))
    apply_import(preview=again)
    assert Project.objects.count() == len(numbers)


def test_the_warning_names_the_row_printed_first_and_the_row_renumbered():
    preview = preview_import(file_name="表.txt", data=REPEATED.encode(), reuse=False)
    [warning] = [w for w in preview.summary()["warnings"] if "此前已在" in w["message"]]
    # The title is line 1 and the header line 2: the first 3 is on line 5, the second on line 6.
    assert warning["line"] == 6
    assert "第5行" in warning["message"] and "3-2" in warning["message"]
