"""Sign-ins, sign-outs, failed sign-ins and lockouts, from Django's signals and django-axes'.

A failed sign-in names the account tried (with its snapshot if it exists); the password is never kept
(Django's signal has it masked already, and only the user name is read here)."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from audit.context import address_of
from audit.models import AuditEntry
from audit.recording import record

Action, Outcome = AuditEntry.Action, AuditEntry.Outcome


def _account(username: str):
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


def _signed_in(sender, request, user, **kwargs) -> None:
    record(Action.SIGNED_IN, obj=user, user=user, address=address_of(request))


def _signed_out(sender, request, user, **kwargs) -> None:
    if user is not None:  # signing out when not signed in is no event
        record(Action.SIGNED_OUT, obj=user, user=user, address=address_of(request))


def _failed(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")[:150]
    account = _account(username)
    record(Action.SIGN_IN_FAILED, obj=account, object_type="accounts.user", object_repr=username,
           user=account, username=username, outcome=Outcome.FAILURE, address=address_of(request))


def _locked_out(sender, request, username, ip_address, **kwargs) -> None:
    account = _account(username or "")
    record(Action.LOCKED_OUT, obj=account, object_type="accounts.user", object_repr=username or "",
           user=account, username=username or "", outcome=Outcome.REFUSED, address=ip_address)


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="audit.signed_in")
    user_logged_out.connect(_signed_out, dispatch_uid="audit.signed_out")
    user_login_failed.connect(_failed, dispatch_uid="audit.sign_in_failed")
    user_locked_out.connect(_locked_out, dispatch_uid="audit.locked_out")
