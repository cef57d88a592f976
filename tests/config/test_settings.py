"""Settings come from the environment; bad values stop the start instead of being guessed."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from config.env import env_bool, env_int, env_list
from config.settings import database_from_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(("raw", "expected"), [("1", True), ("true", True), ("Yes", True), ("on", True),
                                                ("0", False), ("false", False), ("no", False), ("", False)])
def test_yes_no_switches(monkeypatch, raw, expected):
    monkeypatch.setenv("SWITCH", raw)
    assert env_bool("SWITCH", not expected) is expected


def test_a_missing_switch_takes_its_default(monkeypatch):
    monkeypatch.delenv("SWITCH", raising=False)
    assert env_bool("SWITCH", True) is True


def test_a_garbled_switch_is_an_error(monkeypatch):
    monkeypatch.setenv("SWITCH", "perhaps")
    with pytest.raises(ValueError, match="SWITCH"):
        env_bool("SWITCH", False)


def test_lists_drop_blanks(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.gov.cn, b.gov.cn,,")
    assert env_list("HOSTS", []) == ["a.gov.cn", "b.gov.cn"]


def test_numbers(monkeypatch):
    monkeypatch.setenv("N", "42")
    assert env_int("N", 1) == 42
    monkeypatch.setenv("N", "")
    assert env_int("N", 1) == 1


def test_sqlite_url_is_tuned_for_several_writers():
    config = database_from_url("sqlite:////tmp/x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert "busy_timeout" in config["OPTIONS"]["init_command"]


def test_postgres_url_uses_psycopg():
    config = database_from_url("postgres://postgres@127.0.0.1:5432/test")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"], config["USER"]) == ("127.0.0.1", 5432, "test", "postgres")


def test_postgres_connections_are_kept_and_checked(monkeypatch):
    monkeypatch.delenv("CONN_MAX_AGE", raising=False)
    monkeypatch.delenv("CONN_HEALTH_CHECKS", raising=False)
    config = database_from_url("postgres://postgres@127.0.0.1:5432/test")
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (60, True)
    monkeypatch.setenv("CONN_MAX_AGE", "0")
    monkeypatch.setenv("CONN_HEALTH_CHECKS", "0")
    config = database_from_url("postgres://postgres@127.0.0.1:5432/test")
    assert (config["CONN_MAX_AGE"], config["CONN_HEALTH_CHECKS"]) == (0, False)


@pytest.mark.django_db
def test_the_running_database_is_the_one_configured():
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
        else:
            assert connection.vendor == "postgresql" and connection.pg_version >= 130000


def settings_in_subprocess(env: dict, expression: str) -> str:
    clean = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "ALLOWED_HOSTS", "SECRET_KEY"}}
    code = (f"import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','config.settings'); django.setup(); "
            f"from django.conf import settings as s; print({expression})")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={**clean, **env},
                            capture_output=True, text=True, check=True)
    return result.stdout.strip()


def test_debug_is_off_unless_asked():
    assert settings_in_subprocess({}, "s.DEBUG, s.SECURE_SSL_REDIRECT, s.ALLOWED_HOSTS") == "False True []"
    assert settings_in_subprocess({"DEBUG": "1"}, "s.DEBUG, s.SECURE_SSL_REDIRECT") == "True False"


def test_language_and_time_zone():
    assert settings_in_subprocess({}, "s.LANGUAGE_CODE, s.TIME_ZONE, s.USE_TZ") == "zh-hans Asia/Shanghai True"


def test_hosts_and_key_come_from_the_environment():
    out = settings_in_subprocess({"ALLOWED_HOSTS": "shishi.example.gov.cn", "SECRET_KEY": "k" * 60},
                                 "s.ALLOWED_HOSTS, s.SECRET_KEY == 'k' * 60")
    assert out == "['shishi.example.gov.cn'] True"


def test_check_deploy_is_clean_with_production_environment(tmp_path):
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}, "DEBUG": "0",
           "SECRET_KEY": "x7#" * 20 + "production-key-long-enough",
           "ALLOWED_HOSTS": "shishi.example.gov.cn", "STATIC_ROOT": str(tmp_path)}
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    result = subprocess.run([sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_suite_runs_on_the_database_ci_asked_for():
    # .ci/run sets this for its PostgreSQL pass, so a mis-set DATABASE_URL cannot pass as SQLite.
    from django.db import connection

    wanted = os.environ.get("REQUIRE_DATABASE_VENDOR")
    assert connection.vendor == (wanted or connection.vendor)
