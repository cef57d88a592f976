"""What the cycle's browser stories share: signing in, and a page checked the way a person would notice it —
no sideways scrolling at its width, and a screenshot that shows something (kept in var/screens/ of the
worktree and /tmp/browser-shots/ for a person to look at)."""

import re
import shutil
from pathlib import Path

from django.conf import settings

from tests.browser.screens import SHOTS, assert_not_blank

OFFICE, PHONE = {"width": 1366, "height": 900}, {"width": 375, "height": 812}
SCREENS = Path(settings.BASE_DIR) / "var" / "screens"
PASSWORD = "pass-1234-word"  # tests/factories.make_user's


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    page.context.clear_cookies()
    page.goto(page.base + "/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.login button[type=submit]")
    page.wait_for_url(re.compile(r"/tasks/$"))


def looked_at(page, name: str) -> Path:
    """The page as it is now: no wider than the screen, and its full-page screenshot not blank."""
    width, client = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width <= client, f"{page.url} scrolls sideways: content {width} px on a {client} px screen"
    viewport = page.viewport_size["width"]
    path = SCREENS / f"{name}-{viewport}.png"
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SHOTS / path.name)
    assert_not_blank(path, viewport)
    return path
