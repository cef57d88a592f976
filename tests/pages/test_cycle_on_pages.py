"""The supervision cycle reaches people from the pages they start on: the header's 督办 links, each role's part of
the cycle on /tasks/ (bounded, worst first, "all N →" to the rest), the project page's verification, sheets,
instructions, closed periods and light history, the dashboard's instruction figures and closes, and the close
page's circular."""

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.roles import Role
from pages import tasks
from progress import verification
from progress.models import ProjectStatus
from projects import clock
from supervision import circulars
from supervision.models import Instruction, InstructionSheet, PeriodClose, Snapshot
from tests.factories import make_jurisdiction, make_user
from tests.pages.cycle_world import add_cycle, led_project
from tests.progress.world import build_world, report_form
from tests.supervision.factories import make_close

pytestmark = pytest.mark.django_db


def header(client) -> str:
    page = client.get(reverse("tasks")).content.decode()
    return page[page.index("<header"):page.index("</header>")]


def section(page: str, heading: str) -> str:
    """The <section> (or, for the office's folded kinds, the <details>) whose <h2> starts with `heading`."""
    start = page.index(heading)
    ends = [page.find(tag, start) for tag in ("</section>", "</details>")]
    return page[start:min(end for end in ends if end > 0)]


@pytest.mark.parametrize(("who", "shown", "hidden"), [
    ("officer", ["通报", "督办单", "批示"], ["关账", "催报"]),
    ("leader", ["关账", "通报", "督办单", "批示"], ["催报"]),
    ("coordinator", ["关账", "通报", "督办单", "批示", "催报"], []),
])
def test_the_header_links_each_role_to_the_cycles_pages_it_has_business_on(client, who, shown, hidden):
    world = build_world()
    client.force_login(getattr(world, who))
    links = header(client)
    assert all(f">{word}</a>" in links for word in shown), links
    assert not any(f">{word}</a>" in links for word in hidden), links


def test_a_user_without_a_role_is_offered_circulars_only(client):
    client.force_login(make_user(username="nobody"))
    links = header(client)
    assert ">通报</a>" in links and ">督办单</a>" not in links and ">批示</a>" not in links


def test_the_header_links_cost_no_query_once_the_page_read_the_roles(client):
    world = build_world()
    client.force_login(world.coordinator)
    # The project list reads the roles for visible_projects; the links add nothing to it.
    url = reverse("projects:list")
    with CaptureQueriesContext(connection) as captured:
        page = client.get(url).content.decode()
    assert ">催报</a>" in page
    assert sum('"auth_group"."name"' in q["sql"] for q in captured.captured_queries) == 1


def test_the_officer_sees_instructions_sheets_and_chases_of_the_unit(client):
    world = build_world()
    add_cycle(client, world, 2)
    client.force_login(world.officer)
    page = client.get(reverse("tasks")).content.decode()
    to_answer = section(page, "待答复的领导批示")
    assert to_answer.count('class="instruction-card"') == 2 and "请加快进度" in to_answer
    sheets = section(page, "交办本单位的督办单")
    # The unit's turn first: the sheets issued and not signed for before those answered and waiting on the office.
    states = re.findall(r'sheet-status status-(\w+)', sheets)
    assert states == ["issued", "issued", "answered", "answered"]
    # Every one of the unit's sheets links to its page (ids as the database gave them: PostgreSQL's run on).
    assert f"督办〔{clock.today().year}〕" in sheets
    assert all(reverse("supervision:sheet", args=[pk]) in sheets for pk in InstructionSheet.objects.values_list(
        "pk", flat=True))
    assert page.index("待答复的领导批示") < page.index("待报进展") < page.index("督查室催报")
    # Another unit's officer sees none of it.
    client.force_login(world.other_unit)
    other = client.get(reverse("tasks")).content.decode()
    assert "待答复的领导批示" not in other and "交办本单位的督办单" not in other and "督查室催报" not in other


def test_each_cycle_section_shows_ten_and_links_to_the_rest(client, settings):
    world = build_world()
    add_cycle(client, world, tasks.SHOWN + 1)
    client.force_login(world.officer)
    page = client.get(reverse("tasks")).content.decode()
    to_answer = section(page, "待答复的领导批示")
    assert to_answer.count('class="instruction-card"') == tasks.SHOWN
    assert f'href="{reverse("supervision:instructions")}">全部 {tasks.SHOWN + 1} 个 →</a>' in to_answer
    sheets = section(page, "交办本单位的督办单")
    assert f'?open=1">全部 {2 * (tasks.SHOWN + 1)} 个 →</a>' in sheets
    assert f"共 {tasks.SHOWN + 1} 条催报" in page

    client.force_login(world.coordinator)
    page = client.get(reverse("tasks")).content.decode()
    claims = section(page, "待核验的完成申报")
    assert claims.count("<li>") == tasks.SHOWN and "?light=awaiting\">全部 11 个 →" in claims
    office = section(page, "待督查室处理的督办单")
    assert office.count("<li>") == tasks.SHOWN and "全部 11 个 →" in office
    suggested = section(page, "建议督办")
    assert suggested.count("<li>") == tasks.SHOWN and "全部 11 个 →" in suggested
    instructions = section(page, "未办结的领导批示")
    assert instructions.count('class="instruction-card"') == tasks.SHOWN and "全部 22 个 →" in instructions

    client.force_login(world.leader)
    page = client.get(reverse("tasks")).content.decode()
    summons = section(page, "约谈和挂牌督办的项目")
    assert summons.count("<li>") == tasks.SHOWN and "全部 11 个 →" in summons


def test_the_office_sees_what_waits_on_it_after_the_late_units(client):
    world = build_world()
    add_cycle(client, world, 1)
    client.force_login(world.coordinator)
    page = client.get(reverse("tasks")).content.decode()
    main = page[page.index("<main"):]
    assert "{#" not in main and "{%" not in main  # no template comment shown as text
    # Chasing stays the coordinator's first job; the cycle follows what waits for acceptance.
    assert re.search(r"<h2>([^<]*)", main).group(1).startswith("各单位逾期未报")
    # Each kind is one folded line with its count: the page stays short (tests/browser/test_pages_lead.py).
    assert main.count('<details class="cycle-kind') == 6
    for heading in ("待核验的完成申报", "待督查室处理的督办单", "已到截止日尚未关账的报送期",
                    "尚未起草通报的已截止期次", "建议督办", "未办结的领导批示"):
        assert page.index("已提交，待审核") < page.index(heading), heading
    closable = section(page, "已到截止日尚未关账的报送期")
    # Every period due so far but the two the cycle world closed (January and February).
    due = world.plan.schedule.due_before(world.plan.year, clock.today())
    assert closable.count("<li>") == min(len(due) - 2, tasks.SHOWN) and reverse("supervision:closes") in closable
    circular = section(page, "尚未起草通报的已截止期次")
    assert circular.count(reverse("supervision:draft_circular", args=[PeriodClose.objects.first().pk])) == 1
    overdue = Instruction.objects.filter(status="open")
    overdue.update(due=clock.today() - timedelta(days=1))
    page = client.get(reverse("tasks")).content.decode()
    assert "1 件逾期" in section(page, "未办结的领导批示")


def test_the_leader_sees_answers_to_close_before_their_projects_and_their_open_instructions_after(client):
    world = build_world()
    add_cycle(client, world, 1)
    client.force_login(world.leader)
    page = client.get(reverse("tasks")).content.decode()
    assert (page.index("您的批示已有答复") < page.index("约谈和挂牌督办的项目") < page.index("我分管的项目")
            < page.index("您的批示，待单位答复"))
    assert "请报告资金" in section(page, "您的批示已有答复")
    assert "请加快进度" in section(page, "您的批示，待单位答复")


def test_awaiting_verification_ranks_after_yellow_and_before_green():
    assert tasks.LIGHT_RANK["yellow"] < tasks.LIGHT_RANK["awaiting"] < tasks.LIGHT_RANK["green"]


def test_the_project_page_shows_the_cycle_and_offers_its_actions_by_role(client):
    world = build_world()
    add_cycle(client, world, 1)
    project = world.plan.projects.filter(sheets__isnull=False).first()
    url = reverse("projects:detail", args=[project.pk])
    client.force_login(world.coordinator)
    page = client.get(url).content.decode()
    assert "完成核验" in page  # the unit's claim of 100 %, with the coordinator's forms
    assert reverse("progress:verify_completion", args=[project.pk]) in page
    assert "加快施工" in page and "补报资金" in page  # its two sheets
    assert "请加快进度" in page and "请报告资金" in page  # its two instructions
    assert reverse("supervision:issue_sheet", args=[project.pk]) in page
    assert reverse("supervision:write_instruction", args=[project.pk]) not in page  # coordinators do not write
    # The coordinator returns the claim: the decision and the light's change from awaiting are on the page.
    verification.return_completion(user=world.coordinator, project=project, reason="现场照片不清")
    page = client.get(url).content.decode()
    assert "现场照片不清" in page
    history = page[page.index("亮灯变化"):]
    assert 'class="light light-awaiting"' in history

    client.force_login(world.leader)
    page = client.get(url).content.decode()
    assert reverse("supervision:write_instruction", args=[project.pk]) in page
    assert reverse("supervision:issue_sheet", args=[project.pk]) not in page
    assert reverse("progress:verify_completion", args=[project.pk]) not in page

    client.force_login(world.officer)
    page = client.get(url).content.decode()
    assert "加快施工" in page and reverse("supervision:write_instruction", args=[project.pk]) not in page


def test_a_leader_may_instruct_on_each_open_coordination_request(client):
    world = build_world()
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, world.period.month]),
                report_form(world, problems="征迁受阻，需区里协调"))
    request = world.project.requests.get()
    client.force_login(world.leader)
    page = client.get(reverse("projects:detail", args=[world.project.pk])).content.decode()
    link = f'{reverse("supervision:write_instruction", args=[world.project.pk])}?request={request.pk}'
    assert link in page
    assert client.get(link).status_code == 200
    client.force_login(world.coordinator)
    assert link not in client.get(reverse("projects:detail", args=[world.project.pk])).content.decode()


def test_the_project_page_lists_each_closed_period_and_marks_a_correction_after_it(client):
    world = build_world()
    project, year = led_project(world), world.plan.year
    march = make_close(plan=world.plan, month=date(year, 3, 1), rows=[(project, ProjectStatus.Light.YELLOW, 30)])
    april = make_close(plan=world.plan, month=date(year, 4, 1), rows=[(project, ProjectStatus.Light.GREEN, 45)])
    # March's report handed in after March closed (its snapshot froze version 0, no report).
    client.force_login(world.officer)
    with clock.pinned(date(year, 4, 10)):
        client.post(reverse("progress:report", args=[project.pk, date(year, 3, 1)]), report_form(world))
    Snapshot.objects.filter(close=april).update(report_version=99)
    client.force_login(world.coordinator)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    table = page[page.index('class="grid figures project-closes"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.S)[1:]
    assert [re.search(r"\d{4}-\d\d", row).group(0) for row in rows] == [f"{year}-04", f"{year}-03"]
    assert "已更正" not in rows[0] and "已更正" in rows[1]
    assert reverse("supervision:close", args=[march.pk]) in rows[1] and "30%" in rows[1]
    # An officer reads the frozen figures but has no close page to open.
    client.force_login(world.officer)
    page = client.get(reverse("projects:detail", args=[project.pk])).content.decode()
    assert f"{year}-03" in page and reverse("supervision:close", args=[march.pk]) not in page


def test_the_dashboard_counts_awaiting_and_instructions_and_opens_a_close_compared(client):
    world = build_world()
    add_cycle(client, world, 2)
    client.force_login(world.coordinator)
    response = client.get(reverse("dashboard"))
    board, page = response.context["board"], response.content.decode()
    assert board.headline["awaiting"] == 2 and "待核验" in page
    assert "领导批示未办结" in page and "批示逾期未答复" in page
    headline = page[page.index('class="headline"'):]
    assert re.search(r'<strong>4</strong>领导批示未办结', headline)
    closes = list(PeriodClose.objects.order_by("-period"))
    assert len(closes) == 2 and all(f'<option value="{c.pk}">' in page for c in closes)
    opened = client.get(reverse("supervision:closes"), {"show": closes[0].pk, "compare": closes[1].pk})
    assert opened.status_code == 302
    assert opened.url == reverse("supervision:close", args=[closes[0].pk]) + f"?compare={closes[1].pk}"
    compared = client.get(opened.url)
    assert compared.status_code == 200 and compared.context["comparison"] is not None


def test_opening_a_close_the_user_may_not_see_is_404_and_a_bad_choice_is_404(client):
    world = build_world()
    add_cycle(client, world, 1)
    close = PeriodClose.objects.first()
    client.force_login(world.coordinator)
    assert client.get(reverse("supervision:closes"), {"show": "x"}).status_code == 404
    assert client.get(reverse("supervision:closes"), {"show": close.pk, "compare": "999999"}).status_code == 404
    stranger = make_user(username="far", role=Role.COORDINATOR, jurisdiction=make_jurisdiction(name="丰泽区"))
    client.force_login(stranger)
    assert client.get(reverse("supervision:closes"), {"show": close.pk}).status_code == 404
    client.force_login(world.officer)
    assert client.get(reverse("supervision:closes"), {"show": close.pk}).status_code == 403


def test_the_close_page_offers_the_draft_then_links_its_circular(client):
    world = build_world()
    add_cycle(client, world, 1)
    close = PeriodClose.objects.order_by("period").first()
    url = reverse("supervision:close", args=[close.pk])
    draft = reverse("supervision:draft_circular", args=[close.pk])
    client.force_login(world.leader)
    assert draft not in client.get(url).content.decode()  # leaders do not write circulars
    client.force_login(world.coordinator)
    assert draft in client.get(url).content.decode()
    circular = circulars.draft_circular(user=world.coordinator, close=close)
    page = client.get(url).content.decode()
    assert draft not in page and reverse("supervision:circular", args=[circular.pk]) in page and "本期通报" in page
    # A leader reads a circular once it is published: until then the close page does not link the draft.
    client.force_login(world.leader)
    assert reverse("supervision:circular", args=[circular.pk]) not in client.get(url).content.decode()


# The project page's queries, the same with one or five of each of the cycle's rows and with two or ten closes
# (tests/progress/test_query_counts.py checks the page as reports grow). Before the cycle, 21: auth (session,
# user, groups), the jurisdictions under the user's, the project, its units and leaders (2), reports, notes,
# requests, milestones, fundings, units with their organizations (2), leaders with their persons (2),
# sub-projects, the header's permissions (2) and jurisdiction, who to call.
# The cycle adds 7 (pages/cycle.py project_cycle): the verification decisions and the claim (2), the light's
# history, the sheets, the instructions, the closed periods' rows and the revisions after them (2); a leader's
# page 1 more: whether they may write an instruction (the project among theirs).
PROJECT_PAGE = {"coordinator": 28, "leader": 29}


@pytest.mark.parametrize("who", PROJECT_PAGE)
def test_the_project_pages_queries_are_pinned_with_the_cycle(client, django_assert_num_queries, who):
    world = build_world()
    for more in (1, 4):
        add_cycle(client, world, more)
        # A project red in every close since the first, summoned, and claimed complete in its latest report.
        project = world.plan.projects.filter(name="红灯项目").first()
        client.force_login(getattr(world, who))
        with django_assert_num_queries(PROJECT_PAGE[who]):
            assert client.get(reverse("projects:detail", args=[project.pk])).status_code == 200
