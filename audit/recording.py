"""Writing an entry: who (a snapshot of the account), when, what, with what outcome, from where.

`record()` is the one writer of AuditEntry. It runs inside the caller's transaction: a write that is rolled
back takes its entry with it, so the trail holds what happened, not what was tried (failed sign-ins and
failed imports, which change nothing, are recorded as such by their own callers)."""

import json
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date, datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import models

from audit.context import current
from audit.models import AuditEntry

# Longest text kept of a value before or after a change; the rest is counted, not stored.
TEXT_LIMIT = 1000
MASKED = "******"

_summarised: ContextVar[str | None] = ContextVar("audit_summarised", default=None)


@contextmanager
def summarised(operation: str):
    """Inside the block, rows written are not recorded one by one: the caller records one entry for the
    whole operation (an import writes thousands of rows in bulk statements)."""
    token = _summarised.set(operation)
    try:
        yield
    finally:
        _summarised.reset(token)


def is_summarised() -> bool:
    return _summarised.get() is not None


def as_text(value) -> str | bool | None:
    """A field's value as the trail keeps it: text (cut at TEXT_LIMIT), a yes/no, or nothing."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, (datetime, date)):
        text = value.isoformat()
    elif isinstance(value, (int, float, Decimal, str)):
        text = str(value)
    elif isinstance(value, (dict, list, tuple)):
        text = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    elif hasattr(value, "name") and hasattr(value, "storage"):  # a file field's value
        text = value.name or ""
    else:
        text = str(value)
    if len(text) > TEXT_LIMIT:
        return f"{text[:TEXT_LIMIT]}…（{len(text)}）"
    return text


def snapshot_of(user) -> dict:
    """The account as it is now, in one query: kept on the entry so that deleting the account changes nothing."""
    if user is None or not getattr(user, "pk", None):
        return {}
    cache = current().snapshots
    if user.pk in cache:
        return cache[user.pk]
    rows = list(get_user_model().objects.filter(pk=user.pk).values_list(
        "username", "first_name", "last_name", "organization__name", "person__name",
        "jurisdiction_id", "jurisdiction__name", "groups__name").order_by("groups__name"))
    if not rows:
        return {"actor_username": user.get_username()}
    username, first, last, unit, person, jurisdiction_id, jurisdiction, _group = rows[0]
    roles = [row[-1] for row in rows if row[-1]]
    snapshot = {
        "actor_id": user.pk, "actor_username": username, "actor_name": f"{first} {last}".strip()[:300],
        "actor_roles": "、".join(roles)[:100], "actor_unit": (unit or person or "")[:200],
        "actor_jurisdiction": (jurisdiction or "")[:100], "actor_jurisdiction_id": jurisdiction_id,
    }
    cache[user.pk] = snapshot
    return snapshot


def acting_user():
    """The signed-in user of the current request, if any (read only now, when something is recorded)."""
    request = current().request
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def record(action: str, *, obj: models.Model | None = None, object_type: str = "", object_id="",
           object_repr: str = "", changes: dict | None = None, detail: dict | None = None,
           outcome: str = AuditEntry.Outcome.SUCCESS, user=None, username: str = "",
           address: str | None = None) -> AuditEntry:
    """Add one entry; `user` (else the request's user) is who acted, `username` a name tried without an account."""
    context = current()
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_repr = object_repr or describe(obj)
    actor = user if user is not None else acting_user()
    who = snapshot_of(actor) if actor is not None else {}
    if username and not who:
        who = {"actor_username": username[:150]}
    return AuditEntry.objects.create(
        action=action, object_type=object_type, object_id="" if object_id is None else str(object_id)[:64],
        object_repr=object_repr[:200], changes=changes or {}, detail=detail or {}, outcome=outcome,
        address=address or context.address, request_id=context.request_id, source=context.source, **who)


def describe(obj: models.Model) -> str:
    """The object's name; its kind and id when naming it would fail (a parent already deleted)."""
    try:
        return str(obj)[:200]
    except Exception:  # noqa: BLE001 - a name is a convenience, the entry must still be written
        return f"{obj._meta.verbose_name} #{obj.pk}"
