"""Issue 16's first "Done when": a real seed plan through the whole cycle, on a frozen clock, through the services.

Each test tells one part of the story of tests/supervision/seed_story.py (read its header for the calendar):
the month reported and closed, the late correction, the circular and its Word file, the instruction sheet and
the escalation, the leader's instruction, and a completion verified and counted as done everywhere."""

import csv
from collections import Counter
from datetime import date
from decimal import Decimal
from io import BytesIO, StringIO

import docx
import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from progress.models import ProjectStatus, Report, Verification
from projects import clock
from supervision import closing, sheets
from supervision.models import Escalation, Event, Instruction, InstructionSheet, PeriodClose, Snapshot
from supervision.selectors.closes import corrections
from supervision.selectors.instructions import instructions_to_answer
from supervision.tiers import refresh_tiers
from tests.supervision import seed_story
from tests.supervision.circular_figures import check_every_figure
from tests.supervision.seed_story import APR, FEB, MAR, MAY, YEAR

pytestmark = pytest.mark.django_db
Light, Standing, ReportState = ProjectStatus.Light, Snapshot.Standing, Snapshot.ReportState
# The snapshot's figures as the office closed them; nothing after the close may change one of them.
FROZEN = ["project_id", "position", "number", "name", "category", "lead_unit", "organization_id", "light", "reasons",
          "percent", "target", "standing", "milestone_status", "report_state", "report_id", "report_version",
          "submitted_at", "days_late", "progress", "annual_investment", "disbursed", "disbursed_total"]


@pytest.fixture
def story(settings, tmp_path) -> seed_story.Story:
    settings.MEDIA_ROOT = tmp_path
    return seed_story.begin()


def frozen(close: PeriodClose) -> list[dict]:
    return list(close.snapshots.order_by("position").values(*FROZEN))


def snapshot(close: PeriodClose, story, key: str) -> Snapshot:
    return close.snapshots.get(project=story.projects[key])


def test_a_month_reported_on_time_late_and_not_at_all_is_closed_and_frozen(story):
    february = seed_story.february(story)

    assert (february.period, february.due, february.as_of) == (FEB, date(YEAR, 2, 22), date(YEAR, 2, 25))
    # Every row of the seed table, in its order, named as the table names it.
    assert february.snapshots.count() == story.plan.projects.count() == 34
    assert list(february.snapshots.order_by("position").values_list("number", flat=True)) == [
        str(n) for n in range(1, 35)]
    a, b, c, d = (snapshot(february, story, key) for key in "ABCD")
    assert (a.report_state, a.percent, a.disbursed, a.disbursed_total) == (
        ReportState.ON_TIME, 15, {"区财政": "50.0000", "市财政配套": "10.0000"}, Decimal("60"))
    assert (a.name, a.lead_unit, a.light, a.standing) == ("老旧小区改造示范项目", "区住建局", Light.GREEN,
                                                          Standing.ON_SCHEDULE)
    assert (b.report_state, b.days_late, b.percent) == (ReportState.ON_TIME, 0, 30)  # on the due day is on time
    assert (c.report_state, c.days_late, c.percent, c.disbursed_total) == (ReportState.LATE, 2, 15, Decimal("100"))
    # D's unit reported neither January nor February: missing, three days after the due date, red.
    assert (d.report_state, d.days_late, d.percent, d.standing, d.light) == (
        ReportState.MISSING, 3, None, Standing.UNKNOWN, Light.RED)
    assert {"code": "no_report_two_periods", "periods": ["2026-01", "2026-02"]} in d.reasons
    assert Counter(february.snapshots.values_list("report_state", flat=True)) == {
        ReportState.ON_TIME: 2, ReportState.LATE: 1, ReportState.MISSING: 31}
    assert Event.objects.filter(subject=Event.Subject.CLOSE, subject_id=february.pk, action="closed",
                                author=story.coordinator).count() == 1

    # Pressed again, the close is refused in words and nothing is written.
    with clock.pinned(date(YEAR, 2, 26)), pytest.raises(ValidationError, match="已关账"):
        closing.close_period(user=story.coordinator, plan=story.plan, month=FEB)
    assert PeriodClose.objects.count() == 1


def test_a_correction_after_the_close_is_listed_beside_the_snapshot_and_changes_none_of_it(story):
    february = seed_story.february(story)
    before = frozen(february)

    corrected = seed_story.correct_c(story)

    assert (corrected.status, corrected.percent_complete) == (Report.Status.SUBMITTED, 16)
    assert frozen(february) == before
    [correction] = corrections(february)
    assert correction.snapshot == snapshot(february, story, "C")
    assert (correction.percent, correction.disbursed_total, correction.by, correction.counts) == (
        16, Decimal("120"), story.officers["C"], True)
    assert (correction.snapshot.percent, correction.snapshot.disbursed_total) == (15, Decimal("100"))


def word_file(client, story, circular) -> docx.document.Document:
    client.force_login(story.coordinator)
    response = client.get(reverse("supervision:circular_docx", args=[circular.pk]))
    assert response.status_code == 200
    return docx.Document(BytesIO(response.content))


def test_the_circular_is_drafted_reworded_published_and_its_word_file_says_what_the_snapshots_say(client, story):
    february = seed_story.february(story)
    seed_story.correct_c(story)  # after the close: the circular still says what was closed

    circular = seed_story.circular_of(story, FEB, drafted=date(YEAR, 3, 2), published=date(YEAR, 3, 3),
                                      opening=seed_story.EDITED_OPENING)

    assert (circular.number_text, circular.status, circular.version) == ("鲤督通〔2026〕1号", "published", 3)
    assert list(Event.objects.filter(subject=Event.Subject.CIRCULAR, subject_id=circular.pk)
                .order_by("at", "pk").values_list("action", flat=True)) == ["drafted", "edited", "published"]
    document = word_file(client, story, circular)
    paragraphs = [p.text for p in document.paragraphs if p.text]
    assert paragraphs[:2] == ["鲤督通〔2026〕1号", "关于2026年2月为民办实事项目进展情况的通报"]
    text = check_every_figure(document, february)
    assert seed_story.EDITED_OPENING in text and "今年，鲤城区共实施" not in text
    # The figures the office closed on, not the correction handed in since: 2 on time, C late with 15 %,
    # 170 万元 (A 60, B 10, C 100) disbursed, not C's corrected 120.
    assert "按时报送2份，逾期报送1份，未报送31份。" in text and "已拨付资金170万元。" in text
    rows = {row.cells[0].text: [cell.text for cell in row.cells] for row in document.tables[0].rows}
    assert rows["5"][4:7] == ["15", str(snapshot(february, story, "C").target), "逾期2天"]
    assert rows["10"][3:7] == ["红灯", "—", str(snapshot(february, story, "D").target), "未报送"]
    assert ("区民政局：未报送2个、逾期报送1个（社区居家养老服务中心（站）运营奖励项目（未报送）、"
            "购买居家养老信息化服务项目（未报送）、80周岁以上老年人高龄津贴项目（逾期2天））") in text
    assert "2026年3月3日" in paragraphs


def test_a_sheet_on_the_red_project_rises_in_tier_past_its_deadline_and_the_project_escalates_close_after_close(
        story):
    seed_story.february(story)
    sheet = seed_story.issue_sheet_on_d(story)
    assert (sheet.number_text, sheet.status, sheet.lead_unit.name, sheet.tier) == (
        "鲤督办〔2026〕1号", InstructionSheet.Status.SIGNED, "区城管局", "blue")

    tiers = {}
    for day in (16, 17, 26, 27, 28):  # the deadline is 16 March, the office's red days 10
        with clock.pinned(date(YEAR, 3, day)):
            refresh_tiers()
        tiers[day] = InstructionSheet.objects.get(pk=sheet.pk).tier
    assert tiers == {16: "blue", 17: "yellow", 26: "yellow", 27: "red", 28: "red"}
    assert list(Event.objects.filter(subject=Event.Subject.SHEET, subject_id=sheet.pk, action="tier")
                .order_by("at", "pk").values_list("changes", flat=True)) == [
        {"tier": ["blue", "yellow"]}, {"tier": ["yellow", "red"]}]

    march = seed_story.on_time_month(story, MAR, a=23, b=40, c=25)
    letter = Escalation.objects.get(project=story.projects["D"])
    assert (letter.step, letter.periods, letter.close, letter.year) == (Escalation.Step.LETTER, 2, march, YEAR)
    assert letter.reason == "连续 2 期亮黄灯或红灯（2026-02 至 2026-03）。"

    with clock.pinned(date(YEAR, 3, 30)):
        sheet = sheets.answer_sheet(user=story.officers["D"], sheet=sheet, version=sheet.version,
                                               text="已制定建设计划，4月起按月报送进展。")
    with clock.pinned(date(YEAR, 3, 31)):
        sheet = sheets.close_sheet(user=story.coordinator, sheet=sheet, version=sheet.version)
    assert (sheet.status, sheet.tier, sheet.closed_by) == (InstructionSheet.Status.CLOSED, "red", story.coordinator)
    assert list(Event.objects.filter(subject=Event.Subject.SHEET, subject_id=sheet.pk).exclude(action="tier")
                .order_by("at", "pk").values_list("action", flat=True)) == ["issued", "signed", "answered", "closed"]

    april = seed_story.on_time_month(story, APR, a=32, b=45, c=33)
    may = seed_story.on_time_month(story, MAY, a=40, b=50, c=40)
    escalations = Escalation.objects.filter(project=story.projects["D"]).order_by("close__period")
    # The product's summons after three red closes, and the office's own rule: listed after four, not five.
    assert [(e.step, e.periods, e.close) for e in escalations] == [
        (Escalation.Step.LETTER, 2, march), (Escalation.Step.SUMMON, 3, april), (Escalation.Step.LISTED, 4, may)]
    # A project reported on its target every month reaches no step.
    assert [snapshot(c, story, "A").light for c in story.closes.values()] == [Light.GREEN] * 4
    assert not Escalation.objects.filter(project=story.projects["A"]).exists()
    # Each step once a year: the closes after it add none.
    assert Escalation.objects.filter(project=story.projects["D"], close=may).count() == 1


def test_a_leaders_instruction_is_written_answered_and_closed(story):
    written, answered, closed = seed_story.leaders_instruction(story)

    assert (written.organization.name, written.due) == ("区住建局", date(YEAR, 4, 16))  # normal: 15 days
    assert (answered.status, answered.answered_by) == (Instruction.Status.ANSWERED, story.officers["A"])
    assert not instructions_to_answer(story.officers["A"]).exists()
    assert (closed.status, closed.closed_by, closed.closed_at.date()) == (
        Instruction.Status.CLOSED, story.leader, date(YEAR, 4, 6))
    assert list(Event.objects.filter(subject=Event.Subject.INSTRUCTION, subject_id=written.pk)
                .order_by("at", "pk").values_list("action", "author")) == [
        ("written", story.leader.pk), ("answered", story.officers["A"].pk), ("closed", story.leader.pk)]


def test_a_completion_claimed_returned_claimed_again_and_verified_counts_as_done_everywhere(client, story):
    seed_story.february(story)
    seed_story.on_time_month(story, MAR, a=23, b=40, c=25)
    seed_story.on_time_month(story, APR, a=32, b=45, c=33)

    returned, verified = seed_story.b_completes_in_may(story)
    b = story.projects["B"]
    assert (returned.outcome, verified.outcome) == (Verification.Outcome.RETURNED, Verification.Outcome.VERIFIED)
    assert Report.objects.get(project=b, period=MAY).status == Report.Status.ACCEPTED
    assert ProjectStatus.objects.get(project=b).light == Light.DONE

    may = seed_story.close(story, MAY)
    done = snapshot(may, story, "B")
    assert (done.light, done.standing, done.percent) == (Light.DONE, Standing.DONE, 100)
    assert snapshot(story.closes[APR], story, "B").standing != Standing.DONE  # April's close stays as it was

    circular = seed_story.circular_of(story, MAY, drafted=date(YEAR, 5, 26), published=date(YEAR, 5, 27))
    assert circular.number_text == "鲤督通〔2026〕1号"  # the first circular the office published this year
    text = check_every_figure(word_file(client, story, circular), may)
    assert "已完成1个" in text and "（一）已完成项目（1个）" in text
    assert "实施呵护母婴健康工程（区卫健局）" in text

    # The project list's export and the plan's progress table say so too.
    exported = client.get(reverse("projects:export_csv"), {"plan": story.plan.pk})
    rows = list(csv.reader(StringIO(exported.content.decode("utf-8-sig"))))
    header, row = rows[0], next(row for row in rows if row[4] == b.name)
    assert (row[header.index("完成进度")], row[header.index("亮灯状态")]) == ("100", "已核验完成")
    table = client.get(reverse("progress:export", args=[story.plan.pk]), {"period": "2026-05"})
    sheet = openpyxl.load_workbook(BytesIO(table.content)).active
    progress = next(sheet.cell(row=r, column=5).value for r in range(3, sheet.max_row + 1)
                    if sheet.cell(row=r, column=2).value == b.name)
    assert progress.endswith("已核验完成。")
