"""The instruction pages: the leader writes on a project, the unit answers on the instruction's page, the leader
closes it there, and each role's list shows what is theirs."""

from datetime import date

import pytest
from django.urls import reverse

from progress import services as reports
from progress.models import CoordinationRequest
from projects import clock
from supervision.instructions import answer_instruction, write_instruction
from supervision.models import Instruction
from tests.factories import make_jurisdiction, make_plan, make_project
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db
DAY = date(2026, 4, 1)


@pytest.fixture
def world():
    with clock.pinned(DAY):
        return build_world()


@pytest.fixture(autouse=True)
def _on_the_day():
    with clock.pinned(DAY):
        yield


def written(world, **fields) -> Instruction:
    return write_instruction(user=world.leader, project=world.project, text="月底前完成管网改造。", urgency="normal",
                             **fields)


def page(instruction: Instruction) -> str:
    return reverse("supervision:instruction", args=[instruction.pk])


def test_the_leader_writes_an_instruction_choosing_its_urgency_with_the_limit_shown(client, world):
    client.force_login(world.leader)
    url = reverse("supervision:write_instruction", args=[world.project.pk])
    form = client.get(url)
    assert form.status_code == 200
    body = form.content.decode()
    assert "紧急：5 天内答复" in body and "一般：15 天内答复" in body and "疑难：30 天内答复" in body
    response = client.post(url, {"text": "请于月底前完成。", "urgency": "urgent"})
    instruction = Instruction.objects.get()
    assert response.status_code == 302 and response["Location"] == page(instruction)
    shown = client.get(page(instruction)).content.decode()
    assert "请于月底前完成。" in shown and "2026-04-06" in shown and "区住建局" in shown and "待答复" in shown


def test_an_empty_instruction_is_refused_on_the_form(client, world):
    client.force_login(world.leader)
    response = client.post(reverse("supervision:write_instruction", args=[world.project.pk]),
                           {"text": " ", "urgency": "normal"})
    assert response.status_code == 400 and Instruction.objects.count() == 0


def test_an_instruction_on_a_coordination_request_names_it(client, world):
    month = world.plan.schedule.current(world.plan.year, DAY).month
    reports.save_report(user=world.officer, project=world.project, month=month, version=0, submit=True,
                        data=reports.ReportInput(percent_complete=30, problems="征地未完成，需区里协调。"))
    request = CoordinationRequest.objects.get()
    client.force_login(world.leader)
    url = reverse("supervision:write_instruction", args=[world.project.pk]) + f"?request={request.pk}"
    assert "征地未完成" in client.get(url).content.decode()
    client.post(url, {"text": "请自然资源局配合。", "urgency": "difficult"})
    assert Instruction.objects.get().request == request
    other = make_project(plan=world.plan, name="另一个项目")
    wrong = reverse("supervision:write_instruction", args=[other.pk]) + f"?request={request.pk}"
    assert client.get(wrong).status_code == 404


def test_who_may_open_the_form(client, world):
    url = reverse("supervision:write_instruction", args=[world.project.pk])
    for user, status in ((world.officer, 403), (world.coordinator, 403), (world.other_unit, 404)):
        client.force_login(user)
        assert client.get(url).status_code == status
        assert client.post(url, {"text": "x", "urgency": "normal"}).status_code == status
    assert Instruction.objects.count() == 0


def test_the_unit_answers_on_the_instruction_page_and_the_leader_closes_it_there(client, world):
    instruction = written(world)
    client.force_login(world.officer)
    shown = client.get(page(instruction)).content.decode()
    assert 'name="answer"' in shown and "本单位答复：" in shown
    response = client.post(page(instruction), {"answer": "", "version": 1, "text": "已完成 80%。"})
    assert response.status_code == 302
    client.force_login(world.leader)
    shown = client.get(page(instruction)).content.decode()
    assert "已完成 80%。" in shown and 'name="close"' in shown and 'name="answer"' not in shown
    client.post(page(instruction), {"close": "", "version": 2, "note": "同意。"})
    instruction.refresh_from_db()
    assert (instruction.status, instruction.closing_note) == ("closed", "同意。")
    shown = client.get(page(instruction)).content.decode()
    assert "已批示" in shown and "已答复" in shown and "已办结" in shown  # the trail
    assert 'name="close"' not in shown


def test_a_stale_answer_is_refused_with_409_and_the_words_typed_are_kept(client, world):
    instruction = written(world)
    answer_instruction(user=world.colleague, instruction=instruction, text="李先答了。", version=1)
    client.force_login(world.officer)
    response = client.post(page(instruction), {"answer": "", "version": 1, "text": "张的答复"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "李先答了。" in body and "张的答复" in body and 'value="2"' in body
    assert Instruction.objects.get().answer == "李先答了。"


def test_answering_a_closed_instruction_says_so(client, world):
    instruction = written(world)
    answer_instruction(user=world.officer, instruction=instruction, text="答", version=1)
    client.force_login(world.leader)
    client.post(page(instruction), {"close": "", "version": 2, "note": ""})
    client.force_login(world.officer)
    response = client.post(page(instruction), {"answer": "", "version": 3, "text": "再答"}, follow=True)
    assert "此批示已办结" in response.content.decode()
    assert Instruction.objects.get().answer == "答"


def test_who_may_see_answer_and_close(client, world):
    instruction = written(world)
    fz = make_jurisdiction(name="丰泽区", parent=world.plan.jurisdiction.parent)
    stranger_plan = make_plan(jurisdiction=fz, year=DAY.year)
    make_project(plan=stranger_plan)
    from accounts.roles import Role
    from tests.factories import make_user

    fz_coordinator = make_user(username="fz", role=Role.COORDINATOR, jurisdiction=fz)
    answer, close = {"answer": "", "version": 1, "text": "x"}, {"close": "", "version": 1, "note": "x"}
    for user, seen, answering, closing in (
            (world.assisting, 200, 403, 403), (world.other_unit, 404, 404, 404), (fz_coordinator, 404, 404, 404),
            (world.coordinator, 200, 403, None)):
        client.force_login(user)
        assert client.get(page(instruction)).status_code == seen
        assert client.post(page(instruction), answer).status_code == answering
        if closing is not None:
            assert client.post(page(instruction), close).status_code == closing
    assert Instruction.objects.get().status == "open"


def test_each_role_lists_its_own_instructions(client, world):
    instruction = written(world)
    client.force_login(world.officer)
    assert "月底前完成管网改造" in client.get(reverse("supervision:instructions")).content.decode()
    client.force_login(world.other_unit)
    assert "月底前完成管网改造" not in client.get(reverse("supervision:instructions")).content.decode()
    answer_instruction(user=world.officer, instruction=instruction, text="答复", version=1)
    client.force_login(world.leader)
    body = client.get(reverse("supervision:instructions")).content.decode()
    assert "已答复，待您办结" in body and "月底前完成管网改造" in body


def test_the_list_takes_the_same_queries_for_one_instruction_or_many(client, world, django_assert_num_queries):
    client.force_login(world.coordinator)
    url = reverse("supervision:instructions")
    for count in (1, 4):
        while Instruction.objects.count() < count:
            written(world)
        # session and user (2), roles (1), the jurisdictions under the user's (1), the open list (1),
        # the header's permissions (2)
        with django_assert_num_queries(7):
            response = client.get(url)
        assert response.content.decode().count("instruction-card") == count
