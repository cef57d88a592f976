"""A sheet's life through the services: issued and numbered, signed for, answered, returned, answered again,
closed; disputed and reworded; bad input and stale moves refused without writing anything."""

from datetime import date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.roles import Role
from projects import clock
from projects.models import ProjectOrganization
from supervision import sheets
from supervision.models import Event, InstructionSheet, Rules, SheetAttachment
from supervision.sheet_selectors import open_sheets_for_unit, sheets_awaiting_office, sheets_for
from tests.factories import make_organization, make_person, make_plan, make_project, make_user
from tests.supervision.sheet_world import DEADLINE, ISSUED_ON, YEAR, build_sheet_world, issue, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_sheet_world()


def trail(sheet) -> list[str]:
    return list(Event.objects.filter(subject="sheet", subject_id=sheet.pk).order_by("at", "id")
                .values_list("action", flat=True))


def test_sheets_are_numbered_in_the_offices_own_sequence_per_jurisdiction_and_year(world):
    Rules.objects.create(jurisdiction=world.district, sheet_prefix="鲤督办")
    first, second = issue(world), issue(world, matter="第二件事")
    assert [(s.number, s.number_text) for s in (first, second)] == [(1, "鲤督办〔2026〕1号"), (2, "鲤督办〔2026〕2号")]
    # The next year starts again at 1; another office keeps its own count (and, without a prefix, the plain word).
    next_year = issue(world, on=date(YEAR + 1, 1, 5), deadline=date(YEAR + 1, 1, 20))
    assert (next_year.year, next_year.number, next_year.number_text) == (YEAR + 1, 1, "鲤督办〔2027〕1号")
    fengze = world.neighbour.jurisdiction
    theirs = make_project(plan=make_plan(jurisdiction=fengze, year=YEAR))
    ProjectOrganization.objects.create(project=theirs, organization=make_organization(jurisdiction=fengze), role="lead")
    with clock.pinned(ISSUED_ON):
        other = sheets.issue_sheet(user=world.neighbour, project=theirs, matter="事项", content="内容",
                                   deadline=DEADLINE)
    assert (other.number, other.number_text) == (1, "督办〔2026〕1号")
    assert trail(first) == ["issued"]


def test_a_citys_office_issues_under_its_own_number_and_the_districts_office_may_not_close_its_sheet(world):
    Rules.objects.create(jurisdiction=world.district.parent, sheet_prefix="泉督办")
    city = make_user(username="city", password=None, role=Role.COORDINATOR, jurisdiction=world.district.parent)
    issue(world)  # the district's own first sheet
    with clock.pinned(ISSUED_ON):
        sheet = sheets.issue_sheet(user=city, project=world.project, matter="市级督办", content="内容",
                                   deadline=DEADLINE)
    assert (sheet.jurisdiction, sheet.number_text) == (world.district.parent, "泉督办〔2026〕1号")
    assert sheet in sheets_for(world.coordinator) and sheet in sheets_for(world.officer)
    with clock.pinned(ISSUED_ON), pytest.raises(PermissionDenied):
        sheets.close_sheet(user=world.coordinator, sheet=sheet, note="撤销")
    with clock.pinned(ISSUED_ON):
        assert sheets.close_sheet(user=city, sheet=sheet, note="撤销").status == "closed"


def test_units_and_leaders_come_from_the_project_unless_the_office_names_others(world):
    sheet = issue(world)
    assert sheet.lead_unit == world.lead_unit
    assert list(sheet.assisting_units.all()) == [world.assisting_unit]
    assert list(sheet.responsible_leaders.all()) == [world.leader_person]
    assert (sheet.status, sheet.tier, sheet.issued_by, sheet.jurisdiction) == (
        "issued", "blue", world.coordinator, world.district)
    assert sheet.issued_at.date() == ISSUED_ON
    named = issue(world, instructing_leader=world.leader_person, lead_unit=world.assisting_unit, assisting_units=[],
                  feedback="periodic", feedback_days=7, contact_name="李四", contact_phone="0595-22222222")
    assert (named.lead_unit, named.leader_name, named.feedback_days) == (world.assisting_unit, "王伟", 7)
    assert list(named.assisting_units.all()) == []


@pytest.mark.parametrize(("fields", "message"), [
    ({"deadline": date(YEAR, 3, 9)}, "The deadline must be today or later."),
    ({"matter": "  "}, "Say what the matter is."),
    ({"content": ""}, "Say what must be done."),
    ({"feedback": "periodic"}, "Say every how many days (1 to 90) the unit gives feedback."),
    ({"lead_unit": "other"}, "A sheet may name only the project's own units."),
])
def test_bad_input_is_refused_with_its_reason_and_nothing_is_written(world, fields, message, settings):
    settings.LANGUAGE_CODE = "en"
    if fields.get("lead_unit") == "other":
        fields["lead_unit"] = world.other_unit
    with pytest.raises(ValidationError) as refused:
        issue(world, **fields)
    assert message in refused.value.messages
    assert not InstructionSheet.objects.exists() and not Event.objects.exists()
    # Nor was a number taken: the next sheet is still number 1.
    assert issue(world).number == 1


def test_only_the_office_issues_and_only_on_a_project_it_sees(world):
    for user in (world.officer, world.leader, world.neighbour):
        with clock.pinned(ISSUED_ON), pytest.raises(PermissionDenied):
            sheets.issue_sheet(user=user, project=world.project, matter="事项", content="内容", deadline=DEADLINE)
    assert not InstructionSheet.objects.exists()


def test_signed_answered_returned_answered_again_and_closed(world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        sheet = sheets.sign_sheet(user=world.officer, sheet=sheet, version=sheet.version)
    assert (sheet.status, sheet.signed_by) == ("signed", world.officer)
    assert timezone.localtime(sheet.signed_at).date() == date(YEAR, 3, 11)

    with clock.pinned(date(YEAR, 3, 20)):
        sheet = sheets.answer_sheet(user=world.colleague, sheet=sheet, text="已完成 5 个小区。", files=[photo()])
    assert (sheet.status, sheet.answered_by, sheet.answer) == ("answered", world.colleague, "已完成 5 个小区。")
    assert SheetAttachment.objects.get(sheet=sheet).content_type == "image/png"

    with clock.pinned(date(YEAR, 3, 21)):
        sheet = sheets.return_answer(user=world.coordinator, sheet=sheet, reason="请说明剩余 3 个小区的完成时间")
    assert (sheet.status, sheet.tier, sheet.returned_count) == ("returned", "yellow", 1)

    with clock.pinned(date(YEAR, 3, 25)):
        sheet = sheets.answer_sheet(user=world.officer, sheet=sheet, text="剩余 3 个小区 4 月 10 日前完工。",
                                    files=[photo("second.png", 90)])
        sheet = sheets.close_sheet(user=world.coordinator, sheet=sheet, note="")
    assert (sheet.status, sheet.closed_by, sheet.tier) == ("closed", world.coordinator, "yellow")
    assert list(sheet.attachments.values_list("answer_round", flat=True)) == [0, 1]
    assert trail(sheet) == ["issued", "signed", "answered", "returned", "answered", "closed"]
    returned = Event.objects.get(subject="sheet", subject_id=sheet.pk, action="returned")
    assert (returned.author, returned.note, returned.changes) == (
        world.coordinator, "请说明剩余 3 个小区的完成时间", {"tier": ["blue", "yellow"]})


def test_each_return_raises_the_tier_one_step_and_red_stays_red(world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        sheet = sheets.sign_sheet(user=world.officer, sheet=sheet)
        tiers = []
        for _round in range(3):
            sheet = sheets.answer_sheet(user=world.officer, sheet=sheet, text="办理中")
            sheet = sheets.return_answer(user=world.coordinator, sheet=sheet, reason="不够具体")
            tiers.append(sheet.tier)
    assert tiers == ["yellow", "red", "red"] and sheet.returned_count == 3


def test_a_disputed_sheet_is_reworded_and_issued_again_under_its_number(world):
    sheet = issue(world, instructing_leader=world.leader_person)
    with clock.pinned(date(YEAR, 3, 11)):
        with pytest.raises(ValidationError):
            sheets.dispute_sheet(user=world.officer, sheet=sheet, reason=" ")
        sheet = sheets.dispute_sheet(user=world.officer, sheet=sheet, reason="管网改造由区城投负责，不是我局")
        assert (sheet.status, sheet.dispute_reason) == ("disputed", "管网改造由区城投负责，不是我局")
        assert sheet in sheets_awaiting_office(world.coordinator)
        # The unit cannot sign a sheet it disputes; the office rewords it.
        with pytest.raises(ValidationError):
            sheets.sign_sheet(user=world.officer, sheet=sheet)
        deputy = make_person(name="李明", jurisdiction=world.district)
        sheet = sheets.reword_sheet(user=world.coordinator, sheet=sheet, version=sheet.version,
                                    content="请配合区城投完成管网改造，并报告进展。", deadline=date(YEAR, 4, 15),
                                    instructing_leader=deputy)
    assert (sheet.status, sheet.number, sheet.deadline) == ("issued", 1, date(YEAR, 4, 15))
    assert (sheet.instructing_leader, sheet.leader_name) == (deputy, "李明")  # printed by the new leader's name
    reworded = Event.objects.get(subject="sheet", subject_id=sheet.pk, action="reworded")
    assert reworded.changes["deadline"] == ["2026-03-31", "2026-04-15"]
    assert reworded.changes["content"][1] == "请配合区城投完成管网改造，并报告进展。"
    with clock.pinned(date(YEAR, 3, 12)):
        assert sheets.sign_sheet(user=world.officer, sheet=sheet).status == "signed"
    assert trail(sheet) == ["issued", "disputed", "reworded", "signed"]


def test_a_disputed_sheet_may_be_closed_instead_saying_why(world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        sheet = sheets.dispute_sheet(user=world.officer, sheet=sheet, reason="已另行交办")
        with pytest.raises(ValidationError):
            sheets.close_sheet(user=world.coordinator, sheet=sheet, note="")
        sheet = sheets.close_sheet(user=world.coordinator, sheet=sheet, note="撤销，改由区城投办理")
    assert (sheet.status, sheet.closing_note) == ("closed", "撤销，改由区城投办理")


def test_a_repeated_or_stale_move_is_refused_with_a_message_and_changes_nothing(world):
    sheet = issue(world)
    opened = sheet.version
    with clock.pinned(date(YEAR, 3, 11)):
        sheets.sign_sheet(user=world.officer, sheet=sheet, version=opened)
        with pytest.raises(ValidationError, match="不能签收：当前状态为“已签收”"):
            sheets.sign_sheet(user=world.colleague, sheet=sheet, version=opened)
        answered = sheets.answer_sheet(user=world.officer, sheet=sheet, text="已办", version=opened + 1)
        # A second officer answering from the page they opened before: the sheet has moved on.
        with pytest.raises(ValidationError):
            sheets.answer_sheet(user=world.colleague, sheet=sheet, text="另一个答复", version=opened + 1)
        # A coordinator's close on a page opened before a colleague returned the answer is refused.
        sheets.return_answer(user=world.coordinator, sheet=answered, reason="补充照片", version=answered.version)
        with pytest.raises(ValidationError, match="已被他人改动"):
            sheets.close_sheet(user=world.coordinator, sheet=answered, note="办结", version=answered.version)
    sheet.refresh_from_db()
    assert (sheet.status, sheet.signed_by, sheet.answer) == ("returned", world.officer, "已办")
    assert trail(sheet) == ["issued", "signed", "answered", "returned"]


def test_only_the_lead_units_officers_sign_and_answer_and_only_the_office_returns_and_closes(world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        for user in (world.assisting, world.other_officer, world.leader, world.coordinator):
            with pytest.raises(PermissionDenied):
                sheets.sign_sheet(user=user, sheet=sheet)
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        sheets.answer_sheet(user=world.officer, sheet=sheet, text="已办")
        for user in (world.officer, world.leader, world.neighbour):
            with pytest.raises(PermissionDenied):
                sheets.close_sheet(user=user, sheet=sheet, note="办结")
            with pytest.raises(PermissionDenied):
                sheets.return_answer(user=user, sheet=sheet, reason="不行")
    sheet.refresh_from_db()
    assert sheet.status == "answered"


def test_a_file_that_is_not_a_photo_or_document_is_refused_and_nothing_is_answered(world):
    sheet = issue(world)
    script = SimpleUploadedFile("photo.jpg", b"#!/bin/sh\necho owned\n" * 10, content_type="image/jpeg")
    with clock.pinned(date(YEAR, 3, 11)):
        sheets.sign_sheet(user=world.officer, sheet=sheet)
        with pytest.raises(ValidationError):
            sheets.answer_sheet(user=world.officer, sheet=sheet, text="见附件", files=[script])
    sheet.refresh_from_db()
    assert (sheet.status, sheet.answer, SheetAttachment.objects.count()) == ("signed", "", 0)


def test_who_sees_which_sheets(world):
    sheet = issue(world)
    elsewhere = issue(world, instructing_leader=None, responsible_leaders=[], assisting_units=[])
    assert set(sheets_for(world.coordinator)) == {sheet, elsewhere}
    assert set(sheets_for(world.officer)) == {sheet, elsewhere}
    assert set(sheets_for(world.assisting)) == {sheet}  # named as assisting on the first only
    assert set(sheets_for(world.other_officer)) == set() and set(sheets_for(world.neighbour)) == set()
    # A leader sees the jurisdiction's sheets, and on request those naming them.
    assert set(sheets_for(world.leader)) == {sheet, elsewhere}
    assert set(sheets_for(world.leader, mine=True)) == {sheet}


def test_the_units_open_sheets_put_what_waits_on_it_first(world):
    answered, waiting, closed = issue(world), issue(world), issue(world)
    with clock.pinned(date(YEAR, 3, 11)):
        for sheet in (answered, closed):
            sheets.sign_sheet(user=world.officer, sheet=sheet)
            sheets.answer_sheet(user=world.officer, sheet=sheet, text="已办")
        sheets.close_sheet(user=world.coordinator, sheet=closed, note="")
    assert list(open_sheets_for_unit(world.lead_unit)) == [waiting, answered]
    assert list(open_sheets_for_unit(world.assisting_unit)) == []


def test_the_times_recorded_are_the_clocks(world):
    sheet = issue(world)
    with clock.pinned(date(YEAR, 3, 12)):
        sheet = sheets.sign_sheet(user=world.officer, sheet=sheet)
    event = Event.objects.get(subject="sheet", subject_id=sheet.pk, action="signed")
    assert timezone.localtime(event.at).date() == date(YEAR, 3, 12) == timezone.localtime(sheet.signed_at).date()
    assert isinstance(sheet.signed_at, datetime)
