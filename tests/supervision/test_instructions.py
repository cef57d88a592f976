"""Leaders' instructions (批示): written by a leader, due by urgency, answered by the lead unit, then closed."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.models import User
from accounts.roles import Role
from progress import services as reports
from progress.models import CoordinationRequest
from projects import clock
from projects.models import ProjectOrganization
from supervision.instructions import (
    InstructionConflict,
    answer_instruction,
    close_instruction,
    write_instruction,
)
from supervision.models import Event, Instruction, Rules
from supervision.selectors.instructions import (
    instructions_answered_for,
    instructions_open_at,
    instructions_to_answer,
    open_instructions,
    overdue_instructions,
)
from tests.factories import make_project, make_user
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db
DAY = date(2026, 4, 1)


@pytest.fixture
def world():
    with clock.pinned(DAY):
        return build_world()


def write(world, urgency: str = "normal", **fields) -> Instruction:
    with clock.pinned(DAY):
        return write_instruction(user=world.leader, project=world.project, text="加快进度，月底前完成管网改造。",
                                 urgency=urgency, **fields)


def actions(instruction: Instruction) -> list[str]:
    return list(Event.objects.filter(subject="instruction", subject_id=instruction.pk).values_list("action", flat=True))


@pytest.mark.parametrize(("urgency", "days"), [("urgent", 5), ("normal", 15), ("difficult", 30)])
def test_a_leader_writes_an_instruction_due_by_its_urgency_to_the_lead_unit(world, urgency, days):
    instruction = write(world, urgency)
    assert instruction.due == DAY + timedelta(days=days)
    assert (instruction.author, instruction.status, instruction.version) == (world.leader, "open", 1)
    assert instruction.organization == world.officer.organization
    assert actions(instruction) == ["written"]


def test_each_office_sets_its_own_limits_inherited_from_its_city(world):
    district = world.plan.jurisdiction
    Rules.objects.create(jurisdiction=district.parent, normal_days=10, urgent_days=2)
    Rules.objects.create(jurisdiction=district, urgent_days=3)
    assert write(world, "urgent").due == DAY + timedelta(days=3)
    assert write(world, "normal").due == DAY + timedelta(days=10)
    assert write(world, "difficult").due == DAY + timedelta(days=30)


def test_the_instruction_waits_for_the_lead_units_officers_only(world):
    instruction = write(world)
    assert list(instructions_to_answer(world.officer)) == [instruction]
    assert list(instructions_to_answer(world.colleague)) == [instruction]
    for user in (world.assisting, world.other_unit, world.coordinator, world.leader):
        assert list(instructions_to_answer(user)) == []


def test_answered_it_goes_back_to_the_leader_and_closed_it_leaves_every_list(world):
    instruction = write(world)
    answer_instruction(user=world.officer, instruction=instruction, text="已完成 80%，月底完工。", version=1)
    instruction.refresh_from_db()
    assert (instruction.status, instruction.answered_by, instruction.version) == ("answered", world.officer, 2)
    assert list(instructions_to_answer(world.officer)) == []
    assert list(instructions_answered_for(world.leader)) == [instruction]
    assert list(open_instructions(world.coordinator)) == [instruction]
    close_instruction(user=world.leader, instruction=instruction, note="")
    instruction.refresh_from_db()
    assert (instruction.status, instruction.closed_by) == ("closed", world.leader)
    assert list(instructions_answered_for(world.leader)) == [] and list(open_instructions(world.coordinator)) == []
    assert actions(instruction) == ["written", "answered", "closed"]


def test_the_unit_improves_its_answer_until_the_instruction_is_closed(world):
    instruction = write(world)
    answer_instruction(user=world.officer, instruction=instruction, text="初稿", version=1)
    answer_instruction(user=world.colleague, instruction=instruction, text="补充：已完工。", version=2)
    instruction.refresh_from_db()
    assert (instruction.answer, instruction.answered_by, instruction.version) == ("补充：已完工。", world.colleague, 3)
    close_instruction(user=world.coordinator, instruction=instruction, note="已核实。")
    with pytest.raises(ValidationError, match="已办结"):
        answer_instruction(user=world.officer, instruction=instruction, text="再补充", version=4)


def test_an_answer_made_on_an_older_version_is_refused_and_the_first_stands(world):
    instruction = write(world)
    answer_instruction(user=world.officer, instruction=instruction, text="张的答复", version=1)
    with pytest.raises(InstructionConflict) as refused:
        answer_instruction(user=world.colleague, instruction=instruction, text="李的答复", version=1)
    assert refused.value.instruction.answer == "张的答复"
    instruction.refresh_from_db()
    assert (instruction.answer, instruction.version) == ("张的答复", 2)


def test_a_close_made_on_a_page_read_before_the_answer_changed_is_refused(world):
    instruction = write(world)
    answer_instruction(user=world.officer, instruction=instruction, text="初稿", version=1)
    answer_instruction(user=world.officer, instruction=instruction, text="改稿", version=2)
    with pytest.raises(InstructionConflict):
        close_instruction(user=world.leader, instruction=instruction, note="", version=2)
    assert Instruction.objects.get().status == "answered"


def test_an_unanswered_instruction_is_closed_only_with_a_reason(world):
    instruction = write(world)
    with pytest.raises(ValidationError, match="说明办结理由"):
        close_instruction(user=world.leader, instruction=instruction, note="  ")
    close_instruction(user=world.leader, instruction=instruction, note="已在现场会上解决。")
    assert Instruction.objects.get().closing_note == "已在现场会上解决。"
    with pytest.raises(ValidationError, match="已办结"):
        close_instruction(user=world.coordinator, instruction=instruction, note="again")


def test_only_the_right_people_write_answer_and_close(world):
    for user in (world.coordinator, world.officer):
        with pytest.raises(PermissionDenied):
            write_instruction(user=user, project=world.project, text="x", urgency="normal")
    # A leader who does not see the project (another district's, or one without a jurisdiction).
    with pytest.raises(PermissionDenied):
        write_instruction(user=make_user(username="nobody", role=Role.LEADER), project=world.project, text="x",
                          urgency="normal")
    instruction = write(world)
    for user in (world.assisting, world.other_unit, world.leader, world.coordinator):
        with pytest.raises(PermissionDenied):
            answer_instruction(user=user, instruction=instruction, text="x", version=1)
    second_leader = make_user(username="zhou", role=Role.LEADER, jurisdiction=world.plan.jurisdiction)
    for user in (world.officer, second_leader):
        with pytest.raises(PermissionDenied):
            close_instruction(user=user, instruction=instruction, note="x")
    assert Instruction.objects.get().status == "open"


def test_bad_input_is_refused_with_a_message_and_nothing_is_written(world):
    with pytest.raises(ValidationError, match="请先填写批示内容"):
        write_instruction(user=world.leader, project=world.project, text="  ", urgency="normal")
    with pytest.raises(ValidationError, match="缓急程度"):
        write_instruction(user=world.leader, project=world.project, text="x", urgency="whenever")
    bare = make_project(plan=world.plan, name="没有承办单位")
    with pytest.raises(ValidationError, match="没有承办单位"):
        write_instruction(user=world.leader, project=bare, text="x", urgency="normal")
    assert Instruction.objects.count() == 0 and Event.objects.count() == 0


def test_an_unanswered_instruction_is_overdue_the_day_after_its_due_date(world):
    instruction = write(world)  # due 16 April
    with clock.pinned(date(2026, 4, 16)):
        assert list(overdue_instructions(world.coordinator)) == [] and not instruction.is_overdue
    with clock.pinned(date(2026, 4, 17)):
        assert list(overdue_instructions(world.coordinator)) == [instruction]
        assert list(overdue_instructions(world.leader)) == [instruction]
        assert instruction.is_overdue and instruction.days_overdue == 1
        answer_instruction(user=world.officer, instruction=instruction, text="迟到的答复", version=1)
        assert list(overdue_instructions(world.coordinator)) == []  # answered: waiting for the leader, not late


def test_the_officer_sees_the_most_overdue_first(world):
    normal, urgent = write(world, "normal"), write(world, "urgent")
    assert list(instructions_to_answer(world.officer)) == [urgent, normal]


def test_a_leader_instructs_on_an_open_coordination_request_of_the_project(world):
    with clock.pinned(DAY):
        month = world.plan.schedule.current(world.plan.year, DAY).month
        reports.save_report(user=world.officer, project=world.project, month=month, version=0, submit=True,
                            data=reports.ReportInput(percent_complete=30, problems="征地未完成，需区里协调。"))
    request = CoordinationRequest.objects.get()
    instruction = write(world, request=request)
    assert instruction.request == request
    # Another project's request, or a closed one, is refused.
    other = make_project(plan=world.plan, name="另一个项目")
    ProjectOrganization.objects.create(project=other, organization=world.officer.organization, role="lead")
    with pytest.raises(ValidationError, match="其他项目"), clock.pinned(DAY):
        write_instruction(user=world.leader, project=other, text="x", urgency="normal", request=request)
    reports.close_request(user=world.coordinator, request=request, resolution="已协调。")
    with pytest.raises(ValidationError, match="协调事项已办结"):
        write(world, request=request)
    assert Instruction.objects.count() == 1


def test_the_instructions_open_at_a_close_are_those_written_before_it_and_not_yet_closed(world):
    def at(day: int) -> datetime:
        return timezone.make_aware(datetime.combine(date(2026, 4, day), time(12)))

    early, late = write(world, "urgent"), write(world, "normal")  # due 6 and 16 April
    with clock.pinned(date(2026, 4, 3)):
        answer_instruction(user=world.officer, instruction=early, text="已办", version=1)
    with clock.pinned(date(2026, 4, 20)):
        close_instruction(user=world.leader, instruction=early, note="")
    rows = {row.instruction: row for row in instructions_open_at(world.plan, at(10))}
    assert set(rows) == {early, late}
    assert (rows[early].answered, rows[early].overdue) == (True, False)
    assert (rows[late].answered, rows[late].overdue) == (False, False)
    rows = {row.instruction: row for row in instructions_open_at(world.plan, at(25))}
    assert set(rows) == {late} and rows[late].overdue  # early was closed on the 20th
    assert instructions_open_at(world.plan, timezone.make_aware(datetime(2026, 3, 31, 12))) == []


def test_the_lists_take_a_constant_number_of_queries(world, django_assert_num_queries):
    for _n in range(3):
        write(world)
    answer_instruction(user=world.officer, instruction=Instruction.objects.first(), text="答复", version=1)
    officer = User.objects.get(pk=world.officer.pk)  # as a request loads them: roles not read yet
    # The officer's roles (1), then the list with all a row shows (1), however many there are.
    with django_assert_num_queries(2):
        assert len([(i.project.plan.year, i.organization.name, i.author.username, i.request) for i in
                    instructions_to_answer(officer)]) == 2
    with django_assert_num_queries(1):  # the leader's answered ones: authored by them, nothing else to read
        assert [(i.project.name, i.answered_by.username) for i in instructions_answered_for(world.leader)]
