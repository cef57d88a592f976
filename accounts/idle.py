"""Signed-in sessions end after SESSION_IDLE_MINUTES without a request.

Django's own expiry counts from the session's last save, and saving the session on every request
(SESSION_SAVE_EVERY_REQUEST) would add a database write to every page. Instead the session keeps
the time of its last request, rewritten at most once a minute: the limit is kept to the minute,
and most pages write nothing."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.utils.translation import gettext as _

LAST_ACTIVITY = "last_activity"  # seconds since the epoch: the session is stored as JSON
RENEW_EVERY_SECONDS = 60


def start_the_clock(sender, request, user, **kwargs) -> None:
    """At sign-in (the user_logged_in signal): the session's first activity is now."""
    if request is not None and hasattr(request, "session"):
        request.session[LAST_ACTIVITY] = int(time.time())


class IdleTimeoutMiddleware:
    """Signs out a session idle longer than the limit, so the page asks to sign in again; renews the others.

    After AuthenticationMiddleware and MessageMiddleware: it signs out, and says why on the sign-in page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # The session's own keys, not request.user: no user query for a page that needs none.
        if SESSION_KEY in request.session:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY, now)
            minutes = settings.SESSION_IDLE_MINUTES
            if now - last > minutes * 60:
                logout(request)  # deletes the stored session and gives the request an anonymous user
                messages.info(request, _("After %(minutes)d minutes without activity you were signed out. "
                                         "Please sign in again.") % {"minutes": minutes})
            elif LAST_ACTIVITY not in request.session or now - last >= RENEW_EVERY_SECONDS:
                request.session[LAST_ACTIVITY] = now
        return self.get_response(request)
