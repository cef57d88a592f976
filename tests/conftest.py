import shutil
import tempfile
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _empty_cache():
    # Rolled-back tests can give the next test the same ids, and so the same cache keys.
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _plain_http_in_chinese(settings):
    # Production redirects to HTTPS (tests/config checks that); the test client speaks plain HTTP.
    settings.SECURE_SSL_REDIRECT = False
    # The product speaks Chinese unless a test asks otherwise.
    settings.LANGUAGE_CODE = "zh-hans"
    # The hashed-name manifest exists only after collectstatic, which production runs.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Real hashing costs a third of a second per user; tests create hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    # SQLite's test database is a file, as in production: an in-memory one is shared between threads
    # through SQLite's shared cache, whose table locks answer "database table is locked" at once instead
    # of queueing writers on busy_timeout, so concurrent saves could not be tested as they really run.
    # In memory-backed /dev/shm where there is one: on disk every commit of the suite waits for it.
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        shm = Path("/dev/shm")
        folder = Path(tempfile.mkdtemp(dir=shm)) if shm.is_dir() else tmp_path_factory.mktemp("database")
        database.setdefault("TEST", {})["NAME"] = str(folder / "test.sqlite3")
        yield
        shutil.rmtree(folder, ignore_errors=True)
    else:
        yield
