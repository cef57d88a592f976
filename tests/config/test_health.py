"""/healthz answers 200 while the database answers and 503 when it does not (a real database that cannot
be reached, in a process of its own), to anyone, on plain HTTP, by any host name, saying nothing more."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.settings import cache_from_url, database_from_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
def test_healthz_answers_ok_without_signing_in_and_writes_nothing(client, settings, django_assert_num_queries):
    settings.SECURE_SSL_REDIRECT = True  # production: the balancer still asks over plain HTTP
    with django_assert_num_queries(1):  # SELECT 1, no session, no user
        response = client.get("/healthz", HTTP_HOST="10.0.0.5:8001")  # the machine's address, not a known host
    assert (response.status_code, response.content) == (200, b"ok\n")
    assert response["Content-Type"] == "text/plain; charset=utf-8" and response["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert not response.cookies


def healthz_in_a_process(database_url: str) -> tuple[int, str]:
    """/healthz asked of a server process whose database is at `database_url` (the WSGI stack, DEBUG off)."""
    code = ("import django; django.setup(); from django.test import Client; "
            "r = Client().get('/healthz', HTTP_HOST='10.0.0.5'); print(r.status_code); print(repr(r.content.decode()))")
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "config.settings",
           "SECURE_SSL_REDIRECT": "1", "LOG_LEVEL": "CRITICAL"}
    env.pop("DEBUG", None)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    status, body = done.stdout.splitlines()
    return int(status), ast.literal_eval(body)


def test_healthz_answers_503_when_the_database_cannot_be_reached():
    # A port nothing listens on: the connection is refused, as when PostgreSQL is down.
    status, body = healthz_in_a_process("postgres://postgres@127.0.0.1:9/shishi")
    # The word alone: not where the database is, nor what failed (that is in the server's log).
    assert (status, body) == (503, "unavailable\n")


def test_healthz_answers_503_when_the_sqlite_file_cannot_be_opened(tmp_path):
    status, body = healthz_in_a_process(f"sqlite:///{tmp_path}/no-such-folder/db.sqlite3")
    assert (status, body) == (503, "unavailable\n")


def test_postgresql_gives_up_connecting_after_seconds():
    assert database_from_url("postgres://u@db.example:5432/shishi")["OPTIONS"]["connect_timeout"] == 10
    assert database_from_url("postgres://u@db.example:5432/shishi?connect_timeout=3")["OPTIONS"]["connect_timeout"] == 3


def test_cache_url_chooses_the_cache():
    assert cache_from_url("")["BACKEND"].endswith("LocMemCache")
    assert cache_from_url("db://shishi_cache") == {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                                                   "LOCATION": "shishi_cache"}
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        cache_from_url("memcache://10.0.0.1")
