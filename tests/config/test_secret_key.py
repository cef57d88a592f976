"""The signing key: a server with DEBUG off refuses to start without SECRET_KEY, and every process
started with the same SECRET_KEY signs the same way, so a session made by one gunicorn worker is
valid in all of them (with a key drawn per process, 23 of 30 requests bounced back to /login/)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# What an office server's environment looks like before anyone has set the key.
UNSET = {"DEBUG", "SECRET_KEY", "DJANGO_SETTINGS_MODULE", "ALLOWED_HOSTS"}


def python(code: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Run code in a fresh interpreter on config.settings, with only the given settings set."""
    clean = {name: value for name, value in os.environ.items() if name not in UNSET}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=ROOT, capture_output=True, text=True,
                          env={**clean, "DJANGO_SETTINGS_MODULE": "config.settings", **env})


SETUP = "import django; django.setup(); print('started')"


def test_a_server_without_secret_key_refuses_to_start_and_says_why():
    result = python(SETUP)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_a_server_with_secret_key_starts():
    result = python(SETUP, SECRET_KEY="k" * 60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "started"


def test_a_developer_machine_starts_without_a_key():
    # DEBUG=1 is dev.py demo's laptop: no key to set up first.
    result = python(SETUP, DEBUG="1")
    assert result.returncode == 0, result.stderr


def test_a_session_written_by_one_worker_is_read_by_another():
    # Two processes, as two gunicorn workers: one writes the signed-in session, the other reads it.
    write = ("import django; django.setup(); from django.contrib.sessions.backends.db import SessionStore; "
             "print(SessionStore().encode({'_auth_user_id': '7'}))")
    read = ("import django, sys; django.setup(); from django.contrib.sessions.backends.db import SessionStore; "
            "print(SessionStore().decode(sys.argv[1]).get('_auth_user_id'))")
    key = "s3cret-" * 9
    written = python(write, SECRET_KEY=key)
    assert written.returncode == 0, written.stderr
    session = written.stdout.strip()

    def read_in_another_process(secret_key: str) -> str:
        result = python(read, session, SECRET_KEY=secret_key)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert read_in_another_process(key) == "7"
    # The check is real: a worker signing with another key does not know the session.
    assert read_in_another_process("another-" * 8) == "None"
