"""The nightly refresh_status (moved from progress): lights, late reports per unit, and its reminders and chases
in the same words as the office's 催报 button (supervision/chase_messages.py compose)."""

from datetime import date

import pytest
from django.core.management import call_command

from accounts.roles import Role
from progress.models import ProjectStatus
from projects.models import Project
from supervision.chase_messages import Kind, compose
from supervision.chasing import due_soon_by_unit, missing_by_unit
from supervision.models import Chase, Rules
from tests.factories import make_organization, make_user
from tests.supervision.chase_world import TODAY, YEAR, build_chase_world, report
from tests.supervision.robot import robot

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_chase_world()


def test_refresh_status_recomputes_and_prints_late_reports_per_unit(world, capsys):
    call_command("refresh_status", "--date", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "4 projects: green 1, red 2, yellow 1" in out
    assert "区住建局: 2 late" in out and f"{YEAR}-03, 3 d" in out
    assert ProjectStatus.objects.get(project=world.p3).light == "green"


def test_reminders_go_to_the_lead_units_officers_in_the_chasing_words(world, capsys, mailoutbox):
    # 20 March: March's reports fall due on the 22nd; the complete unit has handed its in.
    call_command("refresh_status", "--date", f"{YEAR}-03-20", "--remind", "3")
    assert "区住建局: 2 due within 3 d" in capsys.readouterr().out
    (mail,) = mailoutbox
    assert mail.to == ["zhang@example.gov.cn"] and mail.subject == "2 项进展即将到期"
    waiting = due_soon_by_unit(projects=Project.objects.all(), days=3, today=date(YEAR, 3, 20))
    expected = compose(unit=world.late, items=waiting[world.late], kind=Kind.DUE_SOON)
    assert (mail.subject, mail.body) == (expected.subject, expected.body)
    assert mail.body.splitlines()[0] == "区住建局：以下进展即将到期，请按时报送。"
    assert f"· {world.p1}：{YEAR}-03 进展请于 {YEAR}-03-22 前报送。" in mail.body
    assert Chase.objects.count() == 0  # a reminder is not a chase


def test_a_report_handed_in_is_not_reminded(world, mailoutbox):
    report(world.p1, 3, "submitted")
    report(world.p2, 3, "submitted")
    call_command("refresh_status", "--date", f"{YEAR}-03-20", "--remind", "3")
    assert mailoutbox == []


def test_the_command_chases_every_late_unit_as_the_button_does(world, capsys, mailoutbox):
    with robot() as wecom:
        Rules.objects.create(jurisdiction=world.district, webhook_kind="wecom", webhook_url=wecom.url)
        call_command("refresh_status", "--date", TODAY.isoformat(), "--chase")
    (chase,) = Chase.objects.all()
    assert (chase.organization, chase.sent_by, chase.webhook_status) == (world.late, None, "sent")
    expected = compose(unit=world.late, items=missing_by_unit(projects=Project.objects.all(), today=TODAY)[world.late],
                       kind=Kind.LATE)
    (mail,) = mailoutbox
    assert (mail.subject, mail.body) == (expected.subject, expected.body)
    assert wecom.bodies == [{"msgtype": "text", "text": {"content": expected.text}}]
    assert "chased 区住建局: 1 e-mail recipients, robot sent" in capsys.readouterr().out


def test_refresh_status_lists_no_late_report_and_sends_no_reminder_for_a_past_plan(capsys, mailoutbox):
    from tests.factories import make_jurisdiction, make_plan
    from tests.supervision.chase_world import led

    district = make_jurisdiction(name="鲤城区")
    unit = make_organization(name="区城管局", jurisdiction=district)
    led(make_plan(jurisdiction=district, year=2025), unit, "口袋公园")
    make_user(username="xxy", role=Role.OFFICER, organization=unit, email="xxy@example.gov.cn")
    call_command("refresh_status", "--date", "2026-01-20", "--remind", "5", "--chase")
    out = capsys.readouterr().out
    assert "1 projects: red 1" in out
    assert "late" not in out and "due within" not in out and mailoutbox == []
    assert "units chased: 0" in out and Chase.objects.count() == 0
