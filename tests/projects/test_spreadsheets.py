"""Every .xlsx the product sends works in a spreadsheet: amounts and percentages are numbers Excel can add, text
that looks like a formula stays text, columns are as wide as what they hold, the header stays in view and on every
printed page of A4, and the file arrives under its Chinese name.

The coordinator of tests/projects/conftest.py downloads seed 000 (鲤城区 2022) as the project list, as its
responsibility table and as the progress table of its last period."""

import csv
import io
from decimal import Decimal
from urllib.parse import quote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from projects.models import Project
from projects.xlsx import MAX_WIDTH, display_width

pytestmark = pytest.mark.django_db


def opened(response):
    return openpyxl.load_workbook(io.BytesIO(response.content)).active


def named(response, chinese: str, ascii_name: str) -> None:
    assert response["Content-Disposition"] == (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(chinese, safe='')}")


def column(sheet, title: str, header_row: int = 1) -> list:
    """The cells under `title`, named on the header row or (a column without a group heading) the row above."""
    titles = [lower.value or upper.value for upper, lower in zip(sheet[max(header_row - 1, 1)], sheet[header_row])]
    index = titles.index(title)
    return [row[index] for row in sheet.iter_rows(min_row=header_row + 1)]


def test_the_list_export_holds_numbers_and_text_as_they_are(client, year_2022):
    plan, coordinator = year_2022
    client.force_login(coordinator)
    ten = Project.objects.get(plan=plan, number="10")
    ten.name = "=HYPERLINK(\"http://x\")"
    ten.save()
    response = client.get(reverse("projects:export_xlsx"), {"plan": plan.pk, "sort": "-total_investment"})
    today = timezone.localdate()
    sheet = opened(response)
    number = [cell.value for cell in column(sheet, "序号")]
    eight = number.index("8")

    money = column(sheet, "总投资（万元）")
    assert (money[eight].value, money[eight].data_type, money[eight].number_format) == (900, "n", "0")
    assert all(cell.data_type == "n" for cell in money if cell.value is not None)
    assert sum(Decimal(str(cell.value)) for cell in money if cell.value is not None) == sum(
        p.total_investment for p in Project.objects.filter(plan=plan) if p.total_investment is not None)
    decimals = next(cell for cell in money if isinstance(cell.value, float))
    assert decimals.number_format == "0." + "0" * len(str(decimals.value).partition(".")[2])

    percent = column(sheet, "完成进度")
    assert (percent[eight].value, percent[eight].data_type, percent[eight].number_format) == (0.5, "n", "0%")
    years = column(sheet, "年度")
    assert {(cell.value, cell.data_type, cell.number_format) for cell in years} == {(2022, "n", "0")}

    # Text stays text: 序号 (0034 is not 34), names, and a name that looks like a formula, also once edited.
    assert all(cell.data_type == "s" for cell in column(sheet, "序号"))
    formula = column(sheet, "名称")[number.index("10")]
    assert (formula.value, formula.data_type, formula.quotePrefix) == ("=HYPERLINK(\"http://x\")", "s", True)

    assert sheet.freeze_panes == "A2"
    assert sheet.print_title_rows == "$1:$1"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4 and sheet.page_setup.orientation == "landscape"
    # 名称 is as wide as its longest name (a Chinese character two digits wide), the plan's long title at the most
    # the sheet allows, wrapped.
    names = [cell.value for cell in column(sheet, "名称")]
    letter = {cell.value: cell.column_letter for cell in sheet[1]}
    assert sheet.column_dimensions[letter["名称"]].width == min(max(map(display_width, names)) + 2, MAX_WIDTH)
    assert display_width(plan.title) + 2 > MAX_WIDTH
    assert sheet.column_dimensions[letter["计划"]].width == MAX_WIDTH
    assert column(sheet, "计划")[0].alignment.wrap_text
    assert sheet.column_dimensions[letter["年度"]].width == 6
    named(response, f"项目清单-{today:%Y%m%d}.xlsx", f"projects-{today:%Y%m%d}.xlsx")


def test_the_list_csv_still_says_the_same(client, year_2022):
    plan, coordinator = year_2022
    client.force_login(coordinator)
    response = client.get(reverse("projects:export_csv"), {"plan": plan.pk, "number": "8"})
    today = timezone.localdate()
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    eight = next(row for row in rows if row[3] == "8")
    assert eight[1] == "2022" and eight[8] == "900" and eight[9] == "50" and eight[10] == "红灯"
    named(response, f"项目清单-{today:%Y%m%d}.csv", f"projects-{today:%Y%m%d}.csv")


def test_the_responsibility_table_has_its_amounts_as_numbers_and_its_chinese_name(client, year_2022):
    plan, coordinator = year_2022
    client.force_login(coordinator)
    response = client.get(reverse("plan_table", args=[plan.pk]))
    sheet = opened(response)
    header_row = next(cell.row for cell in sheet["A"] if cell.value == "序号") + 1  # under 项目总投资及资金来源
    totals = column(sheet, "总投资", header_row)
    assert totals[-1].data_type == "n"
    amounts = [cell for cell in totals[:-1] if cell.value is not None]
    assert amounts and all(cell.data_type == "n" for cell in amounts)
    assert Decimal(str(totals[-1].value)) == sum(Decimal(str(cell.value)) for cell in amounts)
    assert all(cell.data_type == "s" for cell in column(sheet, "承办单位", header_row) if cell.value is not None)
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.print_title_rows == f"${header_row - 1}:${header_row}"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    letter = {cell.value: cell.column_letter for row in (header_row - 1, header_row) for cell in sheet[row]
              if cell.value}
    leaders = [cell.value or "" for cell in column(sheet, "分管领导", header_row)]
    assert sheet.column_dimensions[letter["分管领导"]].width == max(map(display_width, ["分管领导", *leaders])) + 2
    assert sheet.column_dimensions[letter["项目简况"]].width == MAX_WIDTH
    named(response, "鲤城区2022年责任分解表.xlsx", f"responsibility-table-2022-{plan.pk}.xlsx")


def test_the_progress_table_arrives_under_its_chinese_name(client, year_2022):
    plan, coordinator = year_2022
    client.force_login(coordinator)
    month = plan.schedule.periods(2022)[-1].month
    response = client.get(reverse("progress:export", args=[plan.pk]), {"period": f"{month:%Y-%m}"})
    sheet = opened(response)
    assert sheet.freeze_panes == "A3" and sheet.print_title_rows == "$2:$2"
    assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4
    named(response, f"鲤城区2022年进展表-{month:%Y-%m}.xlsx", f"progress-2022-{plan.pk}-{month:%Y-%m}.xlsx")
