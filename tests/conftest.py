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
