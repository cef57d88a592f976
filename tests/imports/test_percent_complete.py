"""A 完成率 column (完成进度, 完成比例, 进度（%）) of a progress table is each report's percent complete."""

from datetime import date

import pytest

from imports.foundation.cells.percent import parse_percent
from imports.foundation.layouts import Role, classify
from imports.services import apply_import, preview_import
from progress.models import Report, Revision
from tests.imports.files import xlsx_bytes

TITLE = "合肥市蜀山区2024年为民办实事项目6月进展表"


def progress_table(percent_header: str, percents: tuple[str, str]) -> bytes:
    return xlsx_bytes([
        (TITLE,),
        ("序号", "项目名称", "牵头单位", "进展情况", percent_header),
        ("1", "新建公办幼儿园", "区教育局", "主体工程已封顶", percents[0]),
        ("2", "改造农村校舍", "区教育局", "完成招标", percents[1]),
    ])


@pytest.mark.parametrize("header", ["完成率", "完成进度", "完成比例", "进度（%）", "完成进度(%)", "完成率（%）"])
def test_the_headers_tables_use_name_the_percent_column(header):
    assert classify(header)[0] == Role.PERCENT


@pytest.mark.parametrize("header", ["进展情况", "完成情况", "形象进度", "进度计划", "完成时限"])
def test_progress_words_and_plans_are_not_a_percent(header):
    assert classify(header)[0] != Role.PERCENT


@pytest.mark.parametrize(("text", "percent"), [
    ("85%", 85), ("85", 85), ("８５％", 85), ("85.5%", 86), ("0.85", 85), ("0", 0), ("100", 100),
    ("已完成100%", 100), ("完成年度任务的60%", 60), ("已完成", 100), ("1", 1),
])  # fmt: skip
def test_a_percent_cell_is_a_whole_percent(text, percent):
    assert parse_percent(text) == percent


@pytest.mark.parametrize("text", ["序时推进", "120%", "八成"])
def test_a_cell_that_is_no_percent_from_0_to_100_gives_none(text):
    assert parse_percent(text) is None


@pytest.mark.django_db
def test_the_percent_is_stored_on_the_periods_report_and_a_change_is_a_revision():
    preview = preview_import(file_name="进展表.xlsx", data=progress_table("完成率", ("85%", "0.3")))
    assert preview.errors == [] and preview.draft.progress_month == date(2024, 6, 1)
    assert preview.summary()["counts"]["progress_reports"] == 2
    apply_import(preview=preview)

    reports = Report.objects.order_by("project__position")
    assert [(r.progress, r.percent_complete, r.status) for r in reports] == [
        ("主体工程已封顶", 85, "accepted"), ("完成招标", 30, "accepted")]

    again = preview_import(file_name="进展表.xlsx", data=progress_table("完成率", ("90%", "0.3")))
    apply_import(preview=again)

    assert list(reports.values_list("percent_complete", flat=True)) == [90, 30]
    assert Revision.objects.filter(report__project__number="1").latest("version").changes == {
        "percent_complete": [85, 90]}


@pytest.mark.django_db
def test_a_percent_cell_that_is_none_is_a_warning_and_the_row_still_imports():
    preview = preview_import(file_name="进展表.xlsx", data=progress_table("完成率", ("序时推进", "30%")))

    assert preview.errors == []
    assert [w.message for w in preview.draft.warnings] == ["“序时推进”不是 0 到 100 之间的百分比。"]
    assert [p.percent_complete for p in preview.draft.projects] == [None, 30]
