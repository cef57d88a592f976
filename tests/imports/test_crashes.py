"""An import stopped by an unexpected error leaves a failed record with a message and an error id.

The id is in the log with the traceback, the person sees the message with the id (never a 500), and
the command exits 1 saying the same. No real input makes the readers fail unexpectedly any more, so
the errors while reading and interpreting are injected: a reader or the interpreter replaced by one
that raises RuntimeError. The lost connection is real: on PostgreSQL, the import's server process is
ended from another connection while its write waits on a lock the test holds."""

import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import psycopg
import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from imports import preview
from imports.models import ImportRecord
from projects.models import Jurisdiction, Plan, Project
from tests.factories import make_user
from tests.imports.seeds import seed_bytes, seed_path

ROOT = Path(__file__).resolve().parents[2]
ERROR_ID = re.compile(r"\d{8}-[0-9a-f]{6}")
CRASHED = "导入因意外错误中止"
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_terminate_backend is PostgreSQL's")


@pytest.fixture
def jinjiang_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The administrator of 晋江市 uploads seed 002 (晋江市 › 新塘街道).
    city = Jurisdiction.objects.create(name="晋江市", level="city")
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=city))
    return client


def a_reader_that_fails(*args, **kwargs):
    raise RuntimeError("a bug in a reader")


def an_interpreter_that_fails(*args, **kwargs):
    raise RuntimeError("a bug in the interpreter")


def upload_002(client):
    with seed_path("002").open("rb") as file:
        return client.post(reverse("imports:upload"), {"file": file})


def errors_shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request) if message.level == ERROR]


def logged_ids(caplog) -> list[str]:
    return [match.group(0) for record in caplog.records if record.name == "shishi.errors" and record.exc_info
            for match in [ERROR_ID.search(record.getMessage())] if match]


def assert_crash_recorded(record: ImportRecord, caplog, shown: str) -> None:
    """Failed, its message with the id that the log holds with the traceback, and the same message shown."""
    assert record.status == "failed" and record.plan is None
    [error] = record.result["errors"]
    assert CRASHED in error["message"] and record.error_id in error["message"]
    assert logged_ids(caplog) == [record.error_id]
    assert shown == error["message"]


@pytest.mark.django_db
@pytest.mark.parametrize(("where", "failing"), [
    ("read_file", a_reader_that_fails), ("draft_plan", an_interpreter_that_fails),
], ids=["reading", "interpreting"])
def test_an_upload_that_fails_unexpectedly_is_recorded_and_explained(jinjiang_client, monkeypatch, caplog, where,
                                                                     failing):
    caplog.set_level(logging.ERROR)
    monkeypatch.setattr(preview, where, failing)

    response = upload_002(jinjiang_client)

    record = ImportRecord.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:preview", args=[record.pk])
    [shown] = errors_shown(response)
    assert_crash_recorded(record, caplog, shown)
    page = jinjiang_client.get(response.url)
    assert page.status_code == 200 and record.error_id in page.content.decode()


@pytest.mark.django_db
def test_a_confirmation_that_fails_unexpectedly_is_recorded_and_explained(jinjiang_client, monkeypatch, caplog):
    upload_002(jinjiang_client)
    record = ImportRecord.objects.get()
    assert record.status == "previewed"
    caplog.set_level(logging.ERROR)
    monkeypatch.setattr(preview, "read_file", a_reader_that_fails)

    response = jinjiang_client.post(reverse("imports:confirm", args=[record.pk]))

    assert response.status_code == 302 and response.url == reverse("imports:preview", args=[record.pk])
    record.refresh_from_db()
    [shown] = errors_shown(response)
    assert_crash_recorded(record, caplog, shown)
    assert record.result["plan"]["jurisdiction"] == "晋江市 › 新塘街道"  # the page still says which table failed
    assert not Plan.objects.exists()


@pytest.mark.django_db
def test_the_command_that_fails_unexpectedly_records_it_and_says_the_same(monkeypatch, caplog):
    caplog.set_level(logging.ERROR)
    monkeypatch.setattr(preview, "read_file", a_reader_that_fails)

    with pytest.raises(CommandError) as failed:  # run from a shell: "CommandError: …" and exit status 1
        call_command("import_table", str(seed_path("002")))

    record = ImportRecord.objects.get()
    assert_crash_recorded(record, caplog, str(failed.value))
    assert record.file_name == seed_path("002").name and record.user is None


# --- a lost connection, for real: PostgreSQL ends the import's server process -------------------------


class KillWhenBlocked(threading.Thread):
    """Holds a lock on the projects table until the import waits on it, then ends the import's connection."""

    def __init__(self):
        super().__init__(daemon=True)
        self.locked, self.killed = threading.Event(), []

    def run(self):
        settings = connection.settings_dict
        with psycopg.connect(dbname=settings["NAME"], host=settings["HOST"], port=settings["PORT"] or 5432,
                             user=settings["USER"], autocommit=False) as locker:
            # SHARE blocks every write to the table, not the preview's reads of it.
            locker.execute("LOCK TABLE projects_project IN SHARE MODE")
            self.locked.set()
            for _attempt in range(2400):  # up to four minutes on a slow machine
                # Inside a transaction pg_stat_activity is read once and kept, unless the snapshot is cleared.
                locker.execute("SELECT pg_stat_clear_snapshot()")
                waiting = locker.execute(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() "
                    "AND wait_event_type = 'Lock'").fetchall()
                if waiting:
                    [(pid,)] = waiting
                    locker.execute("SELECT pg_terminate_backend(%s)", [pid])
                    self.killed.append(pid)
                    break
                threading.Event().wait(0.1)
            locker.rollback()


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_confirmation_whose_connection_is_lost_while_writing_is_recorded_and_explained(jinjiang_client, caplog):
    upload_002(jinjiang_client)
    record = ImportRecord.objects.get()
    caplog.set_level(logging.ERROR)
    killer = KillWhenBlocked()
    killer.start()
    killer.locked.wait(30)

    response = jinjiang_client.post(reverse("imports:confirm", args=[record.pk]))

    killer.join(300)
    assert killer.killed, "the import never waited on the lock"
    record.refresh_from_db()
    [shown] = errors_shown(response)
    assert_crash_recorded(record, caplog, shown)
    [logged] = [entry for entry in caplog.records if entry.name == "shishi.errors"]
    assert "terminating connection" in str(logged.exc_info[1])
    assert not Plan.objects.exists() and not Project.objects.exists()  # rolled back


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_the_command_whose_connection_is_lost_while_writing_exits_1_and_records_it(tmp_path):
    settings = connection.settings_dict
    url = (f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT'] or 5432}/{settings['NAME']}")
    path = tmp_path / "新塘街道.txt"
    path.write_bytes(seed_bytes("002"))
    killer = KillWhenBlocked()
    killer.start()
    killer.locked.wait(30)

    result = subprocess.run([sys.executable, "manage.py", "import_table", str(path)], cwd=ROOT,
                            env={**os.environ, "DATABASE_URL": url}, capture_output=True, text=True, timeout=300)

    killer.join(300)
    assert killer.killed, f"the import never waited on the lock: {result.stderr[-2000:]}"
    assert result.returncode == 1
    record = ImportRecord.objects.get()
    assert record.status == "failed" and record.error_id
    [error] = record.result["errors"]
    assert CRASHED in error["message"] and error["message"] in result.stderr
    assert not Plan.objects.exists() and not Project.objects.exists()
