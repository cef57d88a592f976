"""/healthz: whether this process can serve pages, for a load balancer choosing among machines.

200 "ok" when the database answers a query, 503 "unavailable" when it does not; nothing else in the
body (no error, host or version), no sign-in, no session, no cookie. Answered by a middleware placed
before sessions, sign-in and axes, so a probe costs one `SELECT 1` and writes nothing; and before
Django's host check, so a probe by the machine's own address works without being in ALLOWED_HOSTS
(the answer holds no URL that a forged Host header could poison). SecurityMiddleware lets it through
on plain HTTP (SECURE_REDIRECT_EXEMPT): the balancer asks the worker directly, not through HTTPS."""

import logging

from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse

PATH = "/healthz"
logger = logging.getLogger("shishi.health")


def database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        # Logged here, for the administrator; the probe's body says only "unavailable".
        logger.warning("healthz: the database does not answer", exc_info=True)
        # A connection broken under us is dropped, so the next probe connects afresh.
        connection.close_if_unusable_or_obsolete()
        return False


class HealthCheckMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path != PATH:
            return self.get_response(request)
        healthy = database_answers()
        response = HttpResponse("ok\n" if healthy else "unavailable\n", status=200 if healthy else 503,
                                content_type="text/plain; charset=utf-8")
        response["Cache-Control"] = "no-store"
        return response
