"""The trail as the people in it meet it: an officer saves a report, someone guesses a password, an account goes."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from audit.models import AuditEntry
from progress.models import Report
from tests.factories import make_user
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db

Action = AuditEntry.Action


def entries(**filters):
    return list(AuditEntry.objects.filter(**filters).order_by("id"))


def draft(world, **fields) -> dict:
    form = report_form(world, **fields)
    del form["submit"]
    return form


def test_an_officer_saving_a_report_leaves_an_entry_with_each_field_before_and_after(client):
    world = build_world()
    client.force_login(world.officer)
    url = reverse("progress:report", args=[world.project.pk, world.period.month])
    first = client.post(url, draft(world), REMOTE_ADDR="10.1.2.3")
    report = Report.objects.get(project=world.project)
    second = client.post(url, draft(world, version=report.version, progress="改完 20 个小区。"))
    # The money paid out is written in bulk: the first save says what changed in it in an entry of its own.
    created, money, changed = entries(object_type="progress.report", object_id=str(report.pk))
    assert money.changes == {"disbursed": ["", "上级补助: 20.5；区财政: 80"]}
    assert (created.action, changed.action) == (Action.CREATED, Action.CHANGED)
    assert changed.changes["progress"] == ["完成 12 个小区的管网改造。", "改完 20 个小区。"]
    assert changed.changes["version"] == ["1", "2"]
    assert "updated_at" not in changed.changes  # it changes by itself at every save
    # Who: a snapshot of the account, where from, in which request.
    assert (created.actor_id, created.actor_username, created.actor_roles, created.actor_unit,
            created.actor_jurisdiction) == (world.officer.pk, "zhang", Role.OFFICER.value, "区住建局", "鲤城区")
    assert (created.address, created.source) == ("10.1.2.3", f"POST {url}")
    assert created.request_id == first.headers["X-Request-ID"] != second.headers["X-Request-ID"]
    assert changed.request_id == second.headers["X-Request-ID"] and money.request_id == created.request_id


def test_a_page_that_writes_nothing_records_nothing_and_still_answers_its_request_id(client):
    world = build_world()
    client.force_login(world.officer)
    before = AuditEntry.objects.count()
    response = client.get(reverse("projects:detail", args=[world.project.pk]))
    assert response.status_code == 200 and len(response.headers["X-Request-ID"]) == 32
    assert AuditEntry.objects.count() == before


def test_a_request_id_sent_by_the_client_is_not_taken(client):
    response = client.get("/login/", HTTP_X_REQUEST_ID="forged")
    assert response.headers["X-Request-ID"] != "forged"


def test_signing_in_and_out_are_recorded(client):
    make_user(username="zhou", password="right-password-1", role=Role.COORDINATOR)
    client.post("/login/", {"username": "zhou", "password": "right-password-1"}, REMOTE_ADDR="10.0.0.7")
    client.post("/logout/", REMOTE_ADDR="10.0.0.7")
    signed_in, signed_out = entries(actor_username="zhou", action__in=[Action.SIGNED_IN, Action.SIGNED_OUT])
    assert (signed_in.action, signed_out.action) == (Action.SIGNED_IN, Action.SIGNED_OUT)
    assert signed_in.address == signed_out.address == "10.0.0.7"
    assert signed_in.actor_roles == Role.COORDINATOR.value


def test_failed_sign_ins_and_the_lockout_are_recorded_without_the_password(client, settings):
    make_user(username="admin", password="right-password-1")
    for _ in range(5):
        client.post("/login/", {"username": "admin", "password": "guess-123"}, REMOTE_ADDR="10.9.9.9")
    failed = entries(action=Action.SIGN_IN_FAILED, actor_username="admin")
    locked = entries(action=Action.LOCKED_OUT, actor_username="admin")
    assert len(failed) == 5 and len(locked) == 1
    assert {entry.outcome for entry in failed} == {AuditEntry.Outcome.FAILURE}
    assert (locked[0].outcome, locked[0].address) == (AuditEntry.Outcome.REFUSED, "10.9.9.9")
    assert "guess-123" not in str(AuditEntry.objects.values_list("changes", "detail", "object_repr"))
    # A name nobody has is recorded as tried.
    client.post("/login/", {"username": "nobody", "password": "x"}, REMOTE_ADDR="10.9.9.8")
    assert entries(action=Action.SIGN_IN_FAILED, actor_username="nobody", actor__isnull=True)


def test_deleting_an_account_keeps_its_entries_and_their_snapshot(client):
    world = build_world()
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, world.period.month]), report_form(world))
    account = world.officer.pk
    mine = entries(actor_id=account)
    assert mine
    world.officer.delete()
    kept = entries(actor_id=account)
    assert [(e.pk, e.actor_username, e.actor_unit, e.changes) for e in kept] == [
        (e.pk, "zhang", "区住建局", e.changes) for e in mine]
    # And the account's deletion is itself an entry.
    assert entries(action=Action.DELETED, object_type="accounts.user", object_id=str(account))


def test_no_entry_can_be_changed_or_deleted_by_any_path():
    from audit.protection import AppendOnlyError
    from audit.recording import record

    entry = record(Action.CHANGED, object_type="projects.plan", object_id=1, changes={"title": ["a", "b"]})
    entry.changes = {}
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(changes={})
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).changes == {"title": ["a", "b"]}


def test_a_password_is_never_stored_only_that_it_changed():
    user = make_user(username="sun", password="first-password-1")
    user.set_password("second-password-2")
    user.save()
    change = entries(action=Action.CHANGED, object_id=str(user.pk), object_type="accounts.user")[-1]
    assert change.changes["password"] == ["******", "******"]
    assert "first-password" not in str(entries()) and user.password not in str(
        AuditEntry.objects.values_list("changes", flat=True))


def test_a_command_writes_as_the_command(tmp_path):
    world = build_world()
    call_command("refresh_status", stdout=open(tmp_path / "out.txt", "w"))  # noqa: SIM115
    world.plan.title = "改名"
    from audit.context import command

    with command("rename_plan"):
        world.plan.save()
    entry = entries(object_type="projects.plan", object_id=str(world.plan.pk), action=Action.CHANGED)[-1]
    assert (entry.source, entry.actor_id, entry.changes["title"][1]) == ("command rename_plan", None, "改名")
