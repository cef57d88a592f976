"""Unexpected errors: recorded once, under an id that the person who met the error can quote.

Whatever went wrong (a bug, a lost database connection), the log holds the traceback under the id
and the person sees a message with the same id, never a bare 500: the id is what lets the
administrator find the traceback among a day's log lines. The recording is projects/errors.py's, so that
the apps below config record errors the same way."""

import sys

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.http.multipartparser import MultiPartParserError
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from projects.errors import record_unexpected

# Exceptions Django answers itself with 400, 403 or 404: they are not unexpected.
ANSWERED = (Http404, PermissionDenied, BadRequest, SuspiciousOperation, MultiPartParserError)


def unexpected_message(error_id: str) -> str:
    return _("An unexpected error occurred (error number %(id)s); nothing was changed. "
             "Please try again, or give this number to the system administrator.") % {"id": error_id}


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: the error recorded, its id shown on a page that needs neither the database nor the user."""
    error_id = record_unexpected(sys.exc_info()[1], f"{request.method} {request.path}")
    try:
        # Rendered without the request: context processors would ask for the user, i.e. the database.
        return HttpResponseServerError(render_to_string("500.html", {"error_id": error_id}))
    except Exception:  # noqa: BLE001 - the page of last resort
        return HttpResponseServerError(f"500 ({error_id})", content_type="text/plain; charset=utf-8")


class UnexpectedErrorMiddleware:
    """A form sent (POST) that meets an unexpected error goes back to its page with a message and the id.

    Only where a page can be gone back to: a GET has no page to go back to, and gets the 500 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG or request.method != "POST" or isinstance(exception, ANSWERED):
            return None
        try:
            error_id = record_unexpected(exception, f"{request.method} {request.path}")
            messages.error(request, unexpected_message(error_id), fail_silently=True)
            back = request.META.get("HTTP_REFERER", "")
            if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()},
                                                   require_https=request.is_secure()):
                back = "/"
            return HttpResponseRedirect(back)
        except Exception:  # noqa: BLE001 - then handler500 answers, as without this middleware
            return None
