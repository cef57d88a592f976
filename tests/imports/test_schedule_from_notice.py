"""The notice that comes with a table says when units report; the import sets the plan's schedule from it."""

import pytest
from django.utils.translation import gettext as _

from imports.services import apply_import, preview_import
from imports.shape.preamble import read_preamble, read_schedule
from projects.models import Plan
from tests.imports.seeds import seed_bytes, seed_path


@pytest.mark.parametrize(("notice", "schedule"), [
    ("各项目要明确 1 名信息员于每月 22 日前书面反馈项目进展情况至党政办汇总。", ("monthly", 22, "")),
    ("各单位每月25日前将进展情况报区督查室。", ("monthly", 25, "")),
    ("每月25日前", ("monthly", 25, "")),
    ("信息员每月 10 号前报送项目进展。", ("monthly", 10, "")),
    ("每月二十日前反馈进展情况。", ("monthly", 20, "")),
    ("牵头单位每季度末月20日前报送工作进展。", ("quarterly", 20, "")),
    ("每季度最后一个月的20日前将进展情况书面报送区政府督查室。", ("quarterly", 20, "")),
    ("各责任单位每季度报送一次工作进展情况。", ("quarterly", 22, "")),
    ("各单位于6月30日、12月20日前报送完成情况。", ("dates", 22, "6-28, 12-20")),
    ("分别于每年6月25日和12月25日前报送工作进展。", ("dates", 22, "6-25, 12-25")),
    ("牵头单位要建立工作进展情况反馈制度，分别于2022年6月25日、12月 25 日前将工作任务完成情况书面报送区分管领导。",
     ("dates", 22, "6-25, 12-25")),
])
def test_the_notice_says_when_units_report(notice, schedule):
    assert read_schedule(notice)[0] == schedule


@pytest.mark.parametrize("notice", [
    "各单位每半年报送一次工作进展情况。",  # no date given: nothing is guessed
    "确保项目12月底前完成。",  # when the work is due, not when a report is
    "各社区要在6月30日前完成改造并报送验收材料。",
    "每月10日前完成补贴发放。",
    "党政办、纪工委要加强跟踪督查，定期汇总通报。",
    "2021 年 12 月 30 日（此件主动公开）附件：2022 年度区《政府工作报告》目标任务责任分解表",
])
def test_a_notice_without_reporting_dates_gives_no_schedule(notice):
    assert read_schedule(notice) == (None, [])


def test_a_day_past_the_28th_is_taken_as_the_28th_and_said_so():
    schedule, warnings = read_schedule("各单位于每月31日前报送进展情况。")
    assert schedule == ("monthly", 28, "")
    assert warnings == [_("The reporting day %(day)s is taken as the 28th.") % {"day": 31}]


def test_a_date_broken_over_two_pages_is_read_whole():
    lines = ["牵头单位要建立工作进展情况反馈制度，分别于2022年6月25日、12", "", "",
             "月 25 日前将工作任务完成情况书面报送区分管领导、区政府督查室。",
             "2022 年度区《政府工作报告》目标任务责任分解表"]
    assert read_preamble(lines).report_schedule == ("dates", 22, "6-25, 12-25")


# --- importing ---------------------------------------------------------------------------


def load(number: str) -> Plan:
    # Read as the browser's preview reads it, even when the same bytes were imported before
    # (a script's import of unchanged bytes into an untouched plan is not read at all).
    preview = preview_import(file_name=seed_path(number).name, data=seed_bytes(number), reuse=False)
    assert preview.errors == []
    return apply_import(preview=preview).plan


def schedule_of(plan: Plan) -> tuple[str, int, str]:
    plan.refresh_from_db()
    return plan.report_frequency, plan.report_day, plan.report_dates


@pytest.mark.django_db
def test_units_of_xintang_report_by_the_22nd_of_every_month():
    preview = preview_import(file_name=seed_path("002").name, data=seed_bytes("002"))
    assert preview.summary()["plan"]["report_schedule"] == {"frequency": "monthly", "day": 22, "dates": ""}
    plan = apply_import(preview=preview).plan
    assert schedule_of(plan) == ("monthly", 22, "")


@pytest.mark.django_db
def test_licheng_work_report_tasks_are_reported_on_25_june_and_25_december():
    plan = load("004")
    assert schedule_of(plan) == ("dates", 22, "6-25, 12-25")
    assert [period.due.isoformat() for period in plan.schedule.periods(plan.year)] == ["2022-06-25", "2022-12-25"]


@pytest.mark.django_db
def test_a_notice_that_says_nothing_leaves_the_default_schedule():
    preview = preview_import(file_name=seed_path("000").name, data=seed_bytes("000"))
    assert preview.summary()["plan"]["report_schedule"] is None
    plan = apply_import(preview=preview).plan
    assert schedule_of(plan) == ("monthly", 22, "")


@pytest.mark.django_db
def test_importing_the_notice_again_puts_back_the_schedule_it_states():
    plan = load("002")
    Plan.objects.filter(pk=plan.pk).update(report_frequency="quarterly", report_day=15)
    # The notice is the document units are held to: importing it again says monthly by the
    # 22nd again, as it restores the title and the document number an administrator changed.
    assert schedule_of(load("002")) == ("monthly", 22, "")


@pytest.mark.django_db
def test_importing_a_table_whose_notice_says_nothing_keeps_the_administrators_schedule():
    plan = load("000")
    Plan.objects.filter(pk=plan.pk).update(report_frequency="quarterly", report_day=15)
    assert schedule_of(load("000")) == ("quarterly", 15, "")


@pytest.mark.django_db
def test_a_reporting_day_past_the_28th_is_a_warning_of_the_import():
    text = ("各项目信息员于每月31日前报送项目进展情况。\n\n鹿城区2023年为民办实事项目责任分解表\n\n"
            "序号\t项目名称\t主要内容\t责任科室\n1\t老旧小区改造\t完成老旧小区改造 20 个。\t区住建局\n")
    preview = preview_import(file_name="通知.txt", data=text.encode())
    assert preview.errors == []
    assert _("The reporting day %(day)s is taken as the 28th.") % {"day": 31} in [
        warning.message for warning in preview.draft.warnings]
    plan = apply_import(preview=preview).plan
    assert schedule_of(plan) == ("monthly", 28, "")


@pytest.mark.parametrize(("lines", "chain"), [
    (["关于印发《桐庐县2025年民生实事项目实施方案》的通知", "桐政办发〔2025〕12号"], ["桐庐县"]),
    (["《湖滨街道2025年为民办实事项目清单》"], ["湖滨街道"]),
    (["宁波市人民政府关于2025年市级民生实事项目的通知"], ["宁波市"]),
    (["关于2025年市级民生实事项目的通知"], None),
])
def test_the_place_of_a_notice_is_read_from_the_table_it_sends(lines, chain):
    assert read_preamble(lines).jurisdiction == chain
