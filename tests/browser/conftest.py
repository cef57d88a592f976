"""A real browser: Debian's chromium, driven by Playwright (dev.py installs both)."""

import shutil

import pytest

CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


@pytest.fixture
def server_url(transactional_db, settings):
    """A live server started for this test, after the test's settings (plain HTTP) are in place.

    pytest-django's live_server starts once per session, before any test's settings apply, and
    its security middleware would then send the browser to HTTPS."""
    from django.contrib.staticfiles.handlers import StaticFilesHandler
    from django.db import connections
    from django.test.testcases import LiveServerThread

    settings.ALLOWED_HOSTS = ["localhost"]
    shared = {conn.alias: conn for conn in connections.all()
              if conn.vendor == "sqlite" and conn.is_in_memory_db()}
    for conn in shared.values():
        conn.inc_thread_sharing()
    thread = LiveServerThread("localhost", StaticFilesHandler, connections_override=shared)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://localhost:{thread.port}"
    thread.terminate()
    for conn in shared.values():
        conn.dec_thread_sharing()


@pytest.fixture
def page(server_url, monkeypatch):
    """A chromium page on the live server; Playwright runs only while the test does, because its
    event loop would make Django refuse the database work around the test (flushing tables)."""
    from django.db import connections
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "chromium is not installed: `python3 dev.py test` installs it (apt-get install chromium)"
    # The test's own ORM calls run beside Playwright's loop; they are plain synchronous calls.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        page = browser.new_context(locale="zh-CN").new_page()
        page.set_default_timeout(20_000)
        page.base = server_url
        yield page
        # Inside Playwright's loop Django hands the test other connection objects than outside
        # it; close them here, or PostgreSQL keeps a session open on the test database.
        connections.close_all()
        browser.close()
