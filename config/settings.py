"""The one settings module. Every value that differs between a laptop and an office server
comes from the environment; the defaults are those of the embedded SQLite demo."""

import importlib.util
import ipaddress
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp import constants as csp
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEBUG = env_bool("DEBUG", False)
# Signed-in sessions are checked against SECRET_KEY. A key drawn at start would differ
# in every gunicorn worker (each would reject the others' sessions and send people back to /login/)
# and at every restart, so a server refuses to start without one. A developer's machine (DEBUG)
# may draw one; test runs get theirs from config/settings_for_tests.py.
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment to one long random value shared by every "
            "process of this server (web workers, cron), e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`; or set DEBUG=1 on a developer's machine."
        )
    SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "projects.admin_app.ProductAdminConfig",  # django.contrib.admin, with the site of projects/admin_site.py
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_tables2",
    "django_filters",
    "projects.admin_app.SignInRecordsConfig",  # django-axes, named in the admin's language
    "accounts",
    "audit",  # the trail of every write and sign-in, on the ground floor beside accounts (README: Audit trail)
    "projects",
    "progress",
    "supervision",
    "imports",
    "pages",  # the top floor: the pages that combine the apps listed before it, and the demo (README: Layout)
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # A request id of ours (X-Request-ID), the source address and the user, for what the request writes.
    "audit.context.RequestContextMiddleware",
    "csp.middleware.CSPMiddleware",
    # /healthz answered here, before the host check, sessions and sign-in (config/health.py).
    "config.health.HealthCheckMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.idle.IdleTimeoutMiddleware",
    # A form that meets an unexpected error goes back to its page with a message and the error id.
    "config.errors.UnexpectedErrorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the sign-in view's answer and turns a locked-out one into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # The header's 督办 links (pages/cycle.py), from the roles the page read already.
                "pages.cycle.navigation",
            ],
        },
    },
]


def database_from_url(url: str) -> dict:
    """DATABASES['default'] for a URL; SQLite is tuned for a web server with several writers."""
    # Each gunicorn thread keeps its connection for CONN_MAX_AGE seconds (opening one costs a few ms per
    # page), and checks at the start of a request that it still works, so that after a database restart
    # the next page reconnects instead of failing (README "## Load").
    config = dj_database_url.parse(url, conn_max_age=env_int("CONN_MAX_AGE", 60),
                                   conn_health_checks=env_bool("CONN_HEALTH_CHECKS", True))
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            # IMMEDIATE takes the write lock when a transaction starts, so two writers queue
            # on busy_timeout instead of one failing with "database is locked" mid-way.
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=20000;"
                "PRAGMA foreign_keys=ON;"
            ),
        }
    elif config["ENGINE"].startswith("django.db.backends.postgresql"):
        # A database that does not answer makes a request (and /healthz) fail in seconds, not hang
        # for the system's TCP timeout; `?connect_timeout=N` in the URL sets another.
        config.setdefault("OPTIONS", {}).setdefault("connect_timeout", 10)
    return config


def cache_from_url(url: str) -> dict:
    """CACHES['default'] for CACHE_URL: locmem:// (each process its own, the default), redis://host:port/db
    (Django's RedisCache, which needs the `redis` package installed) or db://table (run `createcachetable`).

    The only thing cached is the project list's choice lists, which are right in a per-process cache
    too (README: Production): a shared one only saves each process computing them once."""
    scheme, _, rest = url.partition("://")
    if scheme in ("", "locmem"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": rest or "shishi"}
    if scheme in ("redis", "rediss"):
        if importlib.util.find_spec("redis") is None:
            raise ImproperlyConfigured("CACHE_URL is a redis:// URL, but the `redis` package is not installed.")
        return {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": url}
    if scheme == "db" and rest:
        return {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": rest}
    raise ImproperlyConfigured(f"CACHE_URL={url!r}: use locmem://, redis://host:6379/0 or db://table_name.")


DATABASES = {
    "default": database_from_url(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'db.sqlite3'}"
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL", ""))}

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A session ends after this many minutes without a request (accounts/idle.py): an office PC left
# signed in must not stay open to the next person. The cookie and the stored session outlive the
# limit by the minute between renewals, so that it is the limit that ends them, with its message.
SESSION_IDLE_MINUTES = env_int("SESSION_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = SESSION_IDLE_MINUTES * 60 + 60
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "tasks"
LOGOUT_REDIRECT_URL = "login"

# Failed sign-ins are throttled (django-axes): axes' backend comes first and refuses a locked-out
# account or address before any password is checked, so even the right password does not get in.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
# A flat list: each entry is counted on its own, so guessing one account's password from many
# addresses is stopped, and so is one address trying many accounts.
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
# The pause runs from the failure that reached the limit, as the lockout page says; attempts made
# while paused are refused without being counted (otherwise a paused address trying other
# accounts would keep adding failures against those accounts).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# AXES_RESET_ON_SUCCESS stays off (axes' default): with the address as a criterion, a success
# would delete that address's failures against every account, so anyone with an account could
# guess another account's password four times, sign in as themselves, and start again.
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"  # answered with status 429
# Every failed sign-in kept as a row of its own (axes' attempt row is replaced after the cool-off); the audit
# trail records them too, with lockouts, sign-ins and sign-outs.
AXES_ENABLE_ACCESS_FAILURE_LOG = True


def client_address_behind_proxy(request) -> str | None:
    """The sign-in's address behind our one reverse proxy: the last X-Forwarded-For entry.

    The proxy appends the address it was connected from; entries before it are whatever the
    client sent and could be forged to dodge the per-address count or to lock out someone else."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")[-1].strip()
    try:
        return str(ipaddress.ip_address(forwarded))
    except ValueError:  # no header, or not an address (it is stored in an IP address column)
        return request.META.get("REMOTE_ADDR")


# Without BEHIND_PROXY the address is REMOTE_ADDR only (axes' fallback). Behind a proxy
# REMOTE_ADDR is the proxy itself, and five failures by anyone would lock out everyone.
# (axes' AXES_IPWARE_* settings would need the optional django-ipware, which we do not install.)
AXES_CLIENT_IP_CALLABLE = client_address_behind_proxy if env_bool("BEHIND_PROXY", False) else None

# How long the audit trail, and the import records it refers to, are kept. The Cybersecurity Law (art. 21)
# asks for network logs to be kept at least six months, so a shorter value stops the start.
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)
if AUDIT_RETENTION_DAYS < 180:
    raise ImproperlyConfigured(f"AUDIT_RETENTION_DAYS={AUDIT_RETENTION_DAYS}: the audit trail must be kept "
                               "at least 180 days.")
# An export of the trail streams at most this many rows (a narrower filter gets the rest).
AUDIT_EXPORT_MAX_ROWS = env_int("AUDIT_EXPORT_MAX_ROWS", 200_000)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads (report photos and documents, site photos, staged import files). Several machines serving one
# database must share this folder (README: Production), e.g. an NFS mount; a backup carries all of it.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or VAR_DIR / "media")


# Behind HTTPS (what a production office server is), cookies and redirects are secure.
# An intranet server on plain HTTP can turn these off explicitly.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # a load balancer probes the worker itself over plain HTTP
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not DEBUG)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY", False) else None
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp 4): scripts, styles, images and fonts come only from this
# application, so a value that slipped through escaping cannot run as a script or restyle the page.
# Templates therefore hold no inline <script> code, no <style> and no style="…" or on…="…" attributes:
# behaviour lives in static/js/, data for it goes through json_script (tests/config/test_csp.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [csp.SELF],
        "script-src": [csp.SELF],
        "style-src": [csp.SELF],
        "object-src": [csp.NONE],
        "base-uri": [csp.SELF],
        "frame-ancestors": [csp.NONE],  # as X_FRAME_OPTIONS, for browsers that read only this
        "form-action": [csp.SELF],
    },
}

# Uploads larger than this are refused before parsing (responsibility tables are small).
MAX_UPLOAD_MB = env_int("MAX_UPLOAD_MB", 20)
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
# Pasted tables arrive as form text, so the form limit is the upload limit too.
DATA_UPLOAD_MAX_MEMORY_SIZE = MAX_UPLOAD_BYTES
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A sheet or table larger than this is refused before its cells are laid out in memory: a small
# file can declare a cell at XFD1048576 and ask for hundreds of GB. Real tables have a few
# hundred rows and at most a few dozen columns.
IMPORT_MAX_ROWS = env_int("IMPORT_MAX_ROWS", 20_000)
IMPORT_MAX_COLUMNS = env_int("IMPORT_MAX_COLUMNS", 200)
IMPORT_MAX_CELLS = env_int("IMPORT_MAX_CELLS", 1_000_000)
# Excel itself holds at most 32,767 characters in a cell: a longer one is not a table's cell.
IMPORT_MAX_CELL_CHARS = env_int("IMPORT_MAX_CELL_CHARS", 32_767)
# What an import record keeps of its preview (projects, warnings, names), in KB of JSON: the import
# pages read it whole. A longer preview keeps its first rows and says how many more there are.
IMPORT_PREVIEW_MAX_KB = env_int("IMPORT_PREVIEW_MAX_KB", 2048)
# Photos and documents attached to reports: each file at most this large (a phone photo is 2–8 MB).
ATTACHMENT_MAX_MB = env_int("ATTACHMENT_MAX_MB", 15)

# Reminders (refresh_status --remind). Without EMAIL_HOST they are printed, not sent.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "shishi@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
