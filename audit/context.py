"""Who is acting, from where, in which request or command: kept for the duration of one, read by recording.py.

The request id is always ours (one sent by the client is ignored: it could be made to collide with another's);
it is answered in the X-Request-ID header and quoted by unexpected-error records (projects/errors.py). The
source address is the one django-axes counts sign-ins by (settings.AXES_CLIENT_IP_CALLABLE, set from
BEHIND_PROXY in config/settings.py), so both name the same address."""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field

from django.conf import settings
from django.http import HttpRequest


@dataclass
class Context:
    request_id: str = ""
    source: str = ""
    address: str | None = None
    request: HttpRequest | None = None
    # The acting account's snapshot, read once per request or command (recording.snapshot_of).
    snapshots: dict = field(default_factory=dict)


_current: ContextVar[Context | None] = ContextVar("audit_context", default=None)


def current() -> Context:
    return _current.get() or Context()


def current_request_id() -> str:
    context = _current.get()
    return context.request_id if context else ""


def address_of(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    behind_proxy = getattr(settings, "AXES_CLIENT_IP_CALLABLE", None)
    address = behind_proxy(request) if callable(behind_proxy) else request.META.get("REMOTE_ADDR")
    return address or None


def new_request_id() -> str:
    return uuid.uuid4().hex


@contextmanager
def acting(context: Context):
    token = _current.set(context)
    try:
        yield context
    finally:
        _current.reset(token)


class RequestContextMiddleware:
    """Each request gets an id of ours (answered in X-Request-ID) and is the context of what it writes.

    Nothing is read here: the user is looked up only when something is recorded, so a page that writes
    nothing costs no query more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        context = Context(request_id=new_request_id(), source=f"{request.method} {request.path}"[:300],
                          address=address_of(request), request=request)
        with acting(context):
            response = self.get_response(request)
        response.headers["X-Request-ID"] = context.request_id
        return response


@contextmanager
def command(name: str):
    """The context of a management command: no user, the command's name as the source."""
    with acting(Context(request_id=new_request_id(), source=f"command {name}")) as context:
        yield context
