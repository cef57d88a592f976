"""No role deletes an audit entry, an applied import or a revision: not in the admin (superusers included), not
through the models, not through a cascade; only the prune of entries older than the retention removes any."""

from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from audit.models import AuditEntry
from audit.protection import UndeletableError
from audit.recording import record
from imports.models import ImportRecord
from progress.models import AssistingNote, Report, Revision
from tests.factories import make_user
from tests.progress.world import build_world, report_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def kept(client, settings, tmp_path):
    """An audit entry, an applied import, a revision; the district's administrator and a superuser."""
    settings.MEDIA_ROOT = tmp_path
    world = build_world()
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, world.period.month]), report_form(world))
    report = Report.objects.get()
    applied = ImportRecord.objects.create(file_name="甲.xlsx", checksum="0" * 64, status="applied", plan=world.plan)
    entry = AuditEntry.objects.filter(object_type="progress.report").first()
    assert entry.actor_jurisdiction == "鲤城区"  # the officer's: the district's administrator reads it
    people = {
        "admin": make_user(username="gly", role=Role.ADMIN, is_staff=True, jurisdiction=world.plan.jurisdiction),
        "root": make_user(username="root", is_staff=True, is_superuser=True),
    }
    return {"entry": entry, "import": applied, "revision": report.revisions.get(), "report": report, **people}


ADMIN_PAGES = {"entry": "audit_auditentry", "import": "imports_importrecord"}


@pytest.mark.parametrize("who", ["admin", "root"])
@pytest.mark.parametrize("what", ["entry", "import"])
def test_no_one_deletes_an_entry_or_an_applied_import_in_the_admin(client, kept, who, what):
    client.force_login(kept[who])
    obj, names = kept[what], f"admin:{ADMIN_PAGES[what]}"
    assert client.get(reverse(f"{names}_change", args=[obj.pk])).status_code == 200  # it can be read
    assert client.post(reverse(f"{names}_delete", args=[obj.pk]), {"post": "yes"}).status_code == 403
    client.post(reverse(f"{names}_changelist"), {"action": "delete_selected", "_selected_action": [obj.pk],
                                                 "post": "yes"})
    assert type(obj).objects.filter(pk=obj.pk).exists()
    if what == "entry":  # nor changed, nor added
        assert client.post(reverse(f"{names}_change", args=[obj.pk]), {"action": "deleted"}).status_code == 403
        assert client.get(reverse(f"{names}_add")).status_code == 403
        assert AuditEntry.objects.get(pk=obj.pk).action == obj.action


@pytest.mark.parametrize("who", ["admin", "root"])
def test_no_one_deletes_a_revision_in_the_admin(client, kept, who):
    client.force_login(kept[who])
    # Revisions are shown on their report's page only, never deleted there; the report is never deleted.
    page = client.get(reverse("admin:progress_report_change", args=[kept["report"].pk]))
    assert page.status_code == 200 and "DELETE" not in page.content.decode()
    assert client.post(reverse("admin:progress_report_delete", args=[kept["report"].pk]),
                       {"post": "yes"}).status_code == 403
    assert Revision.objects.filter(pk=kept["revision"].pk).exists()


def test_the_models_refuse_too_and_a_cascade_cannot_reach_a_revision(kept):
    with pytest.raises(UndeletableError):
        kept["import"].delete()
    with pytest.raises(UndeletableError):
        ImportRecord.objects.filter(pk=kept["import"].pk).delete()
    with pytest.raises(UndeletableError):
        kept["revision"].delete()
    with pytest.raises(UndeletableError):
        Revision.objects.all().delete()
    with pytest.raises(ProtectedError):
        Report.objects.filter(pk=kept["report"].pk).delete()
    assert Revision.objects.filter(pk=kept["revision"].pk).exists()
    # An import that was only previewed, or failed, may go (cleanup_imports, after the retention).
    ImportRecord.objects.create(file_name="乙.xlsx", checksum="1" * 64, status="failed").delete()


def test_only_entries_older_than_the_retention_are_pruned_and_the_prune_is_recorded(settings, capsys):
    old = record(AuditEntry.Action.CHANGED, object_type="projects.plan", object_id=1)
    young = record(AuditEntry.Action.CHANGED, object_type="projects.plan", object_id=2)
    # An entry's time is set once; a year ago is made in SQL, as a row from last year would be.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET at = %s WHERE id = %s",
                       [timezone.now() - timedelta(days=400), old.pk])
    call_command("prune_audit", "--dry-run")
    assert AuditEntry.objects.filter(pk=old.pk).exists()
    call_command("prune_audit")
    assert not AuditEntry.objects.filter(pk=old.pk).exists() and AuditEntry.objects.filter(pk=young.pk).exists()
    pruned = AuditEntry.objects.get(action=AuditEntry.Action.PRUNED)
    assert (pruned.detail["count"], pruned.source) == (1, "command prune_audit")
    settings.AUDIT_RETENTION_DAYS = 90  # changed at run time: refused all the same
    with pytest.raises(ImproperlyConfigured):
        call_command("prune_audit")


def test_an_assisting_units_note_keeps_its_earlier_texts_on_the_page(client):
    world = build_world()
    client.force_login(world.assisting)
    url = reverse("progress:note", args=[world.project.pk, world.period.month])
    client.post(url, {"text": "配合完成管线迁改。"})
    client.post(url, {"text": "管线迁改已完成，正在复核。"})
    note = AssistingNote.objects.get()
    assert note.text == "管线迁改已完成，正在复核。"
    assert [(earlier["text"], earlier["by"]) for earlier in note.history] == [("配合完成管线迁改。", "chen")]
    client.force_login(world.officer)
    page = client.get(reverse("progress:report", args=[world.project.pk, world.period.month])).content.decode()
    assert "管线迁改已完成，正在复核。" in page and "配合完成管线迁改。" in page and "此前的 1 个版本" in page
    changes = [e.changes for e in AuditEntry.objects.filter(object_type="progress.assistingnote").order_by("id")]
    assert changes[-1]["text"] == ["配合完成管线迁改。", "管线迁改已完成，正在复核。"]


def test_a_revision_keeps_its_authors_name_when_the_account_goes(client):
    world = build_world()
    client.force_login(world.officer)
    client.post(reverse("progress:report", args=[world.project.pk, world.period.month]), report_form(world))
    world.officer.delete()
    revision = Revision.objects.get()
    assert (revision.author, revision.author_name) == (None, "zhang")
