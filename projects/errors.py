"""An unexpected error recorded once, under an id that the person who met it can quote.

Here, on the ground floor, so that every app may record one (imports/crashes.py does, for an import
that failed); the pages that show the id are config/errors.py's."""

import logging
import secrets

from django.utils import timezone

from audit.context import current_request_id

logger = logging.getLogger("shishi.errors")


def new_error_id() -> str:
    """A short id with the day in it, e.g. 20261207-3fa2c1: easy to read out on the telephone."""
    return f"{timezone.now():%Y%m%d}-{secrets.token_hex(3)}"


def record_unexpected(error: BaseException | None, context: str = "") -> str:
    """Log the error with its traceback under a new id, and return the id; never raises itself."""
    error_id = new_error_id()
    try:
        # The request id ties the traceback to the audit trail's entries of the same request.
        request_id = current_request_id()
        context = f"{context}, request {request_id}" if request_id else context
        logger.exception("Unexpected error %s (%s)", error_id, context, exc_info=error or True)
    except Exception:  # noqa: BLE001 - a broken log handler must not turn an error page into another error
        pass
    return error_id
