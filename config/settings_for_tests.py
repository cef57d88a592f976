"""The settings of a test run: config.settings, with a signing key drawn for this run.

config.settings refuses to start without SECRET_KEY when DEBUG is off, as tests run. pytest-django
imports this module (DJANGO_SETTINGS_MODULE in pyproject.toml) before anything of Django loads, so
the key is in the environment in time, and the processes a test starts (manage.py, a second
"worker") inherit the same key, as a server's processes do."""

import os
import secrets

os.environ.setdefault("SECRET_KEY", "tests-only-" + secrets.token_urlsafe(50))

from config.settings import *  # noqa: E402, F403
