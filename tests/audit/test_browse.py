"""Administrators browse the trail by person, unit, object and date, and export what they filtered."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from tests.factories import make_jurisdiction, make_user
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db

LIST = reverse("admin:audit_auditentry_changelist")
EXPORT = reverse("admin:audit_auditentry_export")


@pytest.fixture
def trail(client):
    """A report written in 鲤城区 and a sign-in in 丰泽区; the two districts' administrators."""
    world = build_world()
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, world.period.month]), report_form(world))
    fengze = make_jurisdiction(name="丰泽区", parent=world.plan.jurisdiction.parent)
    client.force_login(make_user(username="fz-officer", role=Role.COORDINATOR, jurisdiction=fengze))
    return {
        "licheng": make_user(username="lc-admin", role=Role.ADMIN, is_staff=True, jurisdiction=world.plan.jurisdiction),
        "fengze": make_user(username="fz-admin", role=Role.ADMIN, is_staff=True, jurisdiction=fengze),
        "root": make_user(username="root", is_staff=True, is_superuser=True),
    }


def exported(client, query: str = "") -> list[list[str]]:
    response = client.get(EXPORT + query)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_an_administrator_browses_the_entries_of_the_people_of_their_district(client, trail):
    client.force_login(trail["licheng"])
    page = client.get(LIST).content.decode()
    assert "zhang" in page and "fz-officer" not in page
    client.force_login(trail["fengze"])
    page = client.get(LIST).content.decode()
    assert "fz-officer" in page and "zhang" not in page


def test_filters_by_person_unit_object_and_date_and_the_export_follows_them(client, trail):
    client.force_login(trail["root"])
    assert "区住建局" in client.get(LIST + "?q=区住建局").content.decode()
    report_only = client.get(LIST + "?object_type=progress.report&action=created").content.decode()
    assert "zhang" in report_only and "fz-officer" not in report_only
    rows = exported(client, "?q=zhang&object_type=progress.report")
    header, *entries = rows
    assert header[:3] == ["时间", "用户名", "名称"]
    assert entries and {row[1] for row in entries} == {"zhang"}
    assert {row[8] for row in entries} == {"progress.report"}
    # By date (the date hierarchy's links), in local time: today's are all of this test's.
    today = timezone.localdate()
    rows = exported(client, f"?at__year={today.year}&at__month={today.month}&at__day={today.day}")
    assert len(rows) - 1 == AuditEntry.objects.filter(at__date=today).count() > 0


def test_the_export_is_bounded_and_defuses_formulas(client, trail, settings):
    from audit.recording import record

    record(AuditEntry.Action.CHANGED, object_type="projects.plan", object_id=1, object_repr="=HYPERLINK(\"x\")")
    settings.AUDIT_EXPORT_MAX_ROWS = 3
    client.force_login(trail["root"])
    rows = exported(client)
    assert len(rows) == 1 + 3 + 1 and "3" in rows[-1][0]
    assert "'=HYPERLINK(\"x\")" in [row[10] for row in rows[1:-1]]


def test_an_officer_or_coordinator_never_reaches_the_trail(client, trail):
    client.force_login(make_user(username="officer", role=Role.OFFICER, is_staff=True))
    assert client.get(LIST).status_code == 302 and client.get(EXPORT).status_code == 302
