"""A leader's instruction (批示) from first word to closing, in the browser: the leader writes it at the office
(1366 px), choosing its urgency and typing it; the lead unit's officer answers it on a phone (375 px); the
leader finds it answered among the instructions and closes it. Every page fits its screen and its screenshot
shows something (var/screens/)."""

from urllib.parse import urlsplit

import pytest

from supervision.models import Instruction
from tests.browser.cycle import OFFICE, PHONE, looked_at, sign_in
from tests.browser.test_report_on_phone import check_fits_the_phone
from tests.progress.world import build_world

pytestmark = pytest.mark.django_db(transaction=True)
WRITTEN = "请倾听居民意见，雨季前完成管网改造。"
ANSWER = "已召开居民议事会3场，管网改造5月底前完成。"


def test_a_leader_writes_an_instruction_the_unit_answers_it_from_a_phone_and_the_leader_closes_it(page):
    world = build_world()  # wang leads 老旧小区改造; zhang is an officer of its lead unit, 区住建局

    page.set_viewport_size(OFFICE)
    sign_in(page, "wang")
    # No link on the project page yet (the "wiring" branch adds it): the leader goes by the address.
    page.goto(f"{page.base}/supervision/projects/{world.project.pk}/instructions/new/")
    # Each choice says its limit: 紧急 is answered within the office's 5 days.
    urgent = page.locator("select[name=urgency] option", has_text="紧急").inner_text()
    assert "5" in urgent
    page.select_option("select[name=urgency]", label=urgent)
    page.locator("textarea[name=text]").press_sequentially(WRITTEN)
    looked_at(page, "cycle-instruction-form")
    with page.expect_navigation():
        page.locator("form.instruction-form button[type=submit]", has_text="发出批示").click()
    instruction = Instruction.objects.get()
    assert (instruction.urgency, instruction.text, instruction.author) == ("urgent", WRITTEN, world.leader)
    assert urlsplit(page.url).path == f"/supervision/instructions/{instruction.pk}/"

    page.set_viewport_size(PHONE)
    sign_in(page, "zhang")
    page.goto(page.base + "/supervision/instructions/")
    card = page.locator(".instruction-card", has_text=WRITTEN)
    with page.expect_navigation():
        card.locator("a.task-name").click()
    check_fits_the_phone(page)
    page.locator("textarea[name=text]").press_sequentially(ANSWER)
    looked_at(page, "cycle-instruction-to-answer")
    with page.expect_navigation():
        page.click("button[name=answer]")
    assert "答复已报送领导" in page.inner_text("ul.messages")
    check_fits_the_phone(page)
    looked_at(page, "cycle-instruction-answered")
    assert Instruction.objects.get().status == Instruction.Status.ANSWERED

    page.set_viewport_size(OFFICE)
    sign_in(page, "wang")
    page.goto(page.base + "/supervision/instructions/")
    # Among the answered ones waiting for the leader to close them (and again among the jurisdiction's open ones).
    waiting = page.locator("section", has=page.locator("h2", has_text="已答复，待您办结"))
    card = waiting.locator(".instruction-card", has_text=WRITTEN)
    assert "已答复" in card.inner_text()
    looked_at(page, "cycle-instructions-leader")
    with page.expect_navigation():
        card.locator("a.task-name").click()
    assert ANSWER in page.inner_text("main")
    with page.expect_navigation():
        page.locator("button[name=close]", has_text="办结批示").click()
    closed = Instruction.objects.get()
    assert (closed.status, closed.closed_by) == (Instruction.Status.CLOSED, world.leader)
    assert "批示已办结" in page.inner_text("ul.messages")
    looked_at(page, "cycle-instruction-closed")
