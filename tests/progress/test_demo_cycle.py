"""The demo shows the supervision office's cycle (issue 16, item 8): `manage.py demo` leaves, in this year's
public-service plan, its due months closed with the latest one's circular published, instruction sheets at every
stage and colour, leaders' instructions open, answered and closed, finished projects verified and one awaiting
verification, all written through the services (pages/demo/cycle.py, follow_up.py). Each role opens its pages."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from pages.demo.cycle import CLOSE_AFTER, REQUIREMENTS
from progress.models import ProjectStatus, Verification
from progress.status_selectors import awaiting_verification
from projects import clock
from projects.models import Plan
from supervision.models import Chase, Circular, Event, Instruction, InstructionSheet, PeriodClose

pytestmark = pytest.mark.django_db
Subject = Event.Subject


def demo(today: date) -> str:
    out = StringIO()
    call_command("demo", "--today", today.isoformat(), stdout=out)
    return out.getvalue()


def trail(subject: str, rows) -> set[tuple[int, str]]:
    return set(Event.objects.filter(subject=subject, subject_id__in=[row.pk for row in rows])
               .values_list("subject_id", "action"))


@pytest.mark.parametrize("today", [date(2026, 12, 7), date(2027, 3, 15), date(2026, 12, 31)], ids=str)
def test_the_demo_leaves_this_years_cycle_written_through_the_services(client, today):
    out = demo(today)
    plan = Plan.objects.get(year=today.year, kind=Plan.Kind.PUBLIC_SERVICE)
    live = Plan.objects.filter(year=today.year)

    # Every month of the public-service plan whose reports were due is closed, in order, a few days after it was
    # due: its snapshots are as of that day. The work-report tasks are not closed monthly.
    due = [period for period in plan.schedule.periods(plan.year) if period.due < today]
    closes = list(PeriodClose.objects.filter(plan__in=live).order_by("period"))
    assert [close.period for close in closes] == [period.month for period in due]
    assert [close.as_of for close in closes] == [min(p.due + timedelta(days=CLOSE_AFTER), today) for p in due]
    assert all(close.snapshots.count() == plan.projects.count() for close in closes)
    assert trail(Subject.CLOSE, closes) >= {(close.pk, "closed") for close in closes}

    # The latest close's circular is published as the office's first of the year, with the coordinator's words;
    # the one before is left a draft.
    published = Circular.objects.get(status=Circular.Status.PUBLISHED)
    assert published.close == closes[-1] and published.number == 1
    assert published.number_text.endswith(f"〔{today.year}〕1号") and published.requirements == REQUIREMENTS
    assert Circular.objects.get(status=Circular.Status.DRAFT).close == closes[-2]
    assert {action for _pk, action in trail(Subject.CIRCULAR, [published])} == {"drafted", "edited", "published"}

    # Sheets at every stage and colour, numbered in the order they were issued; the officer's unit has those it
    # must act on: sign (one of them reworded after the unit disputed it), answer, answer again.
    sheets = list(InstructionSheet.objects.filter(project__plan__in=live).order_by("number"))
    assert {sheet.status for sheet in sheets} == {"issued", "signed", "answered", "returned", "closed"}
    assert {sheet.tier for sheet in sheets} == {"blue", "yellow", "red"}
    assert [sheet.number for sheet in sheets] == list(range(1, len(sheets) + 1)) and len(sheets) == 8
    assert sorted(sheet.issued_at for sheet in sheets) == [sheet.issued_at for sheet in sheets]
    officer = User.objects.get(username="officer")
    theirs = {sheet.status for sheet in sheets if sheet.lead_unit_id == officer.organization_id}
    assert theirs == {"issued", "signed", "answered", "returned"}
    actions = trail(Subject.SHEET, sheets)
    assert {(sheet.pk, "issued") for sheet in sheets} <= actions
    assert {action for _pk, action in actions} >= {"signed", "disputed", "reworded", "answered", "returned", "closed",
                                                   "tier"}
    red = next(sheet for sheet in sheets if sheet.tier == "red")
    assert red.status == "issued" and red.red_from <= today

    # The leader's instructions: one open on a red project, one on a coordination request answered by the officer's
    # unit and waiting for the leader, one closed.
    instructions = {item.status: item for item in Instruction.objects.filter(project__plan__in=live)}
    assert set(instructions) == {"open", "answered", "closed"}
    assert instructions["open"].project.status.light == ProjectStatus.Light.RED
    assert instructions["answered"].request is not None
    assert instructions["answered"].organization_id == officer.organization_id
    leader, coordinator = User.objects.get(username="leader"), User.objects.get(username="coordinator")
    assert {item.author for item in instructions.values()} == {leader}
    assert {action for _pk, action in trail(Subject.INSTRUCTION, instructions.values())} == {
        "written", "answered", "closed"}

    # Finished projects: verified on site, one after its claim was returned and handed in again; the officer's
    # unit's still awaits verification.
    statuses = ProjectStatus.objects.filter(project__plan__in=live)
    awaiting = statuses.get(light=ProjectStatus.Light.AWAITING)
    # Past years' finished projects were verified as their year ended: the coordinator's queue holds this one.
    with clock.pinned(today):
        assert [report.project for report in awaiting_verification(coordinator)] == [awaiting.project]
    assert awaiting.project.unit_roles.filter(role="lead", organization_id=officer.organization_id).exists()
    verified = Verification.objects.filter(project__plan__in=live, outcome="verified")
    assert verified.count() == statuses.filter(light=ProjectStatus.Light.DONE).count() > 1
    assert {item.note for item in verified} == {"现场核验，已完工"}
    returned = Verification.objects.get(project__plan__in=live, outcome="returned")
    assert verified.filter(project=returned.project, at__gte=returned.at).exists()

    # One chase of the late units, on the latest close's day; nothing of the cycle is dated after today.
    chases = Chase.objects.all()
    assert chases and {timezone.localdate(chase.sent_at) for chase in chases} == {closes[-1].as_of}
    assert trail(Subject.CHASE, chases) == {(chase.pk, "sent") for chase in chases}
    assert max(timezone.localdate(at) for at in Event.objects.values_list("at", flat=True)) <= today
    assert f"cycle: closes {closes[0].period:%Y-%m}…{closes[-1].period:%Y-%m} ({len(closes)})" in out

    with clock.pinned(today):
        walk_every_role(client, sheets, list(instructions.values()), published, closes[-1])


def walk_every_role(client, sheets, instructions, published, close) -> None:
    """Each role's pages of the cycle answer 200: the office's everything, the leader's all but the chase and the
    drafts, the officer's the lists and what concerns their unit."""
    lists = [reverse(name) for name in ("tasks", "dashboard", "supervision:circulars", "supervision:instructions",
                                        "supervision:sheets", "supervision:escalations")]
    office = [reverse("supervision:closes"), reverse("supervision:close", args=[close.pk])]
    circular = [reverse("supervision:circular", args=[published.pk])]
    details = {item: reverse("supervision:sheet", args=[item.pk]) for item in sheets} | {
        item: reverse("supervision:instruction", args=[item.pk]) for item in instructions}
    officer = User.objects.get(username="officer")
    mine = [url for item, url in details.items()
            if getattr(item, "lead_unit_id", None) == officer.organization_id
            or getattr(item, "organization_id", None) == officer.organization_id]
    pages = {
        "admin": [*lists, *office, reverse("supervision:chase"), *circular, *details.values()],
        "coordinator": [*lists, *office, reverse("supervision:chase"), *circular, *details.values()],
        "leader": [*lists, *office, *circular, *details.values()],
        "officer": [*lists, *circular, *mine],
    }
    assert len(mine) == 7  # six sheets (issued, signed, reworded, answered, returned, yellow) and one instruction
    for username, urls in pages.items():
        client.force_login(User.objects.get(username=username))
        for url in urls:
            assert client.get(url).status_code == 200, (username, url)


def test_early_in_january_nothing_is_closed_and_the_demo_says_so():
    out = demo(date(2027, 1, 3))
    assert "no period of the public-service plan due yet: nothing closed, no circular, no chase" in out
    assert not PeriodClose.objects.exists() and not Circular.objects.exists() and not Chase.objects.exists()
    # What the calendar allows is there all the same: sheets under way, instructions, verification. No deadline of
    # the year has passed yet, so no sheet is coloured by the calendar (the returned one is raised by its return).
    sheets = InstructionSheet.objects.all()
    assert set(sheets.values_list("status", flat=True)) == {"issued", "signed", "answered", "returned", "closed"}
    assert set(sheets.values_list("tier", flat=True)) == {"blue", "yellow"}
    assert not Event.objects.filter(subject=Subject.SHEET, action="tier").exists()
    assert set(Instruction.objects.values_list("status", flat=True)) == {"open", "answered", "closed"}
    live = ProjectStatus.objects.filter(project__plan__year=2027)
    assert live.filter(light=ProjectStatus.Light.AWAITING).count() == 1
    assert live.filter(light=ProjectStatus.Light.DONE).count() > 1
