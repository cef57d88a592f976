"""Every save, delete and many-to-many change of our apps' models recorded, with fields before and after.

The values before are those the instance was loaded with (kept by from_db, which hands them over anyway: no
query is added, and no copy is made of them); a save diffs against them and, once recorded, takes the saved
values as the next save's "before". An instance made in code rather than loaded has no "before".
Writes that bypass signals (bulk_create, update(), COPY) are recorded by the service that makes them, as one
entry for the operation (imports' apply_import, progress' disbursements)."""

from django.apps import apps
from django.db import models
from django.db.models.base import DEFERRED
from django.db.models.signals import m2m_changed, post_delete, post_save

from audit.models import AuditEntry
from audit.recording import MASKED, as_text, describe, is_summarised, record

# The apps whose writes are recorded, and django.contrib.auth's role groups (their permissions are the rules).
RECORDED_APPS = ("accounts", "projects", "progress", "supervision", "imports")
RECORDED_ALSO = {"auth.group"}
# Rows that are not a person's write but follow from one, or are themselves a history written beside one.
NOT_RECORDED = {
    "progress.projectstatus",  # a light, recomputed by progress/lights.py after each recorded write
    "progress.lightchange",  # the history of those lights
    "progress.revision",  # a report's own history, written with the report's recorded save
    "progress.disbursement",  # replaced wholesale by each report save; the save records what changed
    "supervision.event",  # the supervision documents' own history, written with their recorded saves
    "supervision.snapshot",  # a close's frozen copy of its projects, bulk-written with the recorded close
    "supervision.chaseitem",  # what a recorded chase listed, bulk-written with it
    "supervision.sequence",  # the number counters, moved by update()
}
# Fields whose values are never stored: a change says only that it changed.
SECRETS = {"accounts.user": {"password"}, "supervision.rules": {"webhook_url"}}
# Fields that change by themselves (last sign-in, timestamps of the save, an import's fingerprint) or are too
# large to copy (an import record's result: its service records the counts).
SKIPPED = {"accounts.user": {"last_login"}, "projects.project": {"import_fingerprint"},
           "imports.importrecord": {"result"}}

_fields_of: dict[type, list[tuple[str, str]]] = {}


def recorded_models() -> list[type[models.Model]]:
    return [model for model in apps.get_models()
            if (model._meta.app_label in RECORDED_APPS or model._meta.label_lower in RECORDED_ALSO)
            and model._meta.label_lower not in NOT_RECORDED]


def _fields(model: type[models.Model]) -> list[tuple[str, str]]:
    """(attname, name) of the fields whose changes are recorded."""
    if model not in _fields_of:
        skipped = SKIPPED.get(model._meta.label_lower, set())
        _fields_of[model] = [(field.attname, field.name) for field in model._meta.concrete_fields
                             if field.name not in skipped and not getattr(field, "auto_now", False)]
    return _fields_of[model]


def _keeping_loaded_values(original):
    """from_db, keeping the (attnames, values) it was given on the instance: the values before a later save."""
    load = original.__func__

    def from_db(cls, db, field_names, values):
        instance = load(cls, db, field_names, values)
        instance._audit_loaded = (field_names, values)
        return instance

    from_db._audit_keeps = True
    return classmethod(from_db)


def _before(instance) -> dict | None:
    loaded = getattr(instance, "_audit_loaded", None)
    if loaded is None:
        return None
    names, values = loaded
    return {name: value for name, value in zip(names, values) if value is not DEFERRED}


def _saved_values(sender, instance) -> None:
    values = instance.__dict__
    names = tuple(attname for attname, _name in _fields(sender) if attname in values)
    instance._audit_loaded = (names, tuple(values[name] for name in names))


def _changes(sender, instance, *, created: bool, update_fields=None) -> dict:
    secret = SECRETS.get(sender._meta.label_lower, set())
    before = {} if created else _before(instance)
    changes = {}
    for attname, name in _fields(sender):
        if attname not in instance.__dict__ or (update_fields and name not in update_fields):
            continue
        after = instance.__dict__[attname]
        if before is None:  # saved without being loaded (an update by pk): what it was is not known
            old = None
        elif attname in before:
            old = before[attname]
            if old == after:
                continue
        else:
            old = None
        if created and after in (None, "", [], {}):
            continue
        if name in secret:
            changes[name] = ["" if created else MASKED, MASKED]
        else:
            changes[name] = [as_text(old), as_text(after)]
    return changes


def _saved(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
    if not is_summarised():
        changes = _changes(sender, instance, created=created, update_fields=update_fields)
        if created or changes:
            action = AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED
            record(action, obj=instance, changes=changes)
    _saved_values(sender, instance)


def _deleted(sender, instance, **kwargs) -> None:
    if is_summarised():
        return
    secret = SECRETS.get(sender._meta.label_lower, set())
    values = instance.__dict__
    changes = {name: [MASKED if name in secret else as_text(values[attname]), None]
               for attname, name in _fields(sender) if attname in values and values[attname] not in (None, "")}
    record(AuditEntry.Action.DELETED, obj=instance, changes=changes)


def _m2m_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    if is_summarised() or action not in ("post_add", "post_remove", "post_clear"):
        return
    if action != "post_clear" and not pk_set:
        return
    name = next((field.name for owner in (type(instance), model) for field in owner._meta.many_to_many
                 if field.remote_field.through is sender), sender._meta.model_name)
    if action == "post_clear":
        change = ["*", ""]
    else:
        named = "、".join(describe(row) for row in model._default_manager.filter(pk__in=sorted(pk_set))[:50])
        change = ["", f"+ {named}"] if action == "post_add" else [f"- {named}", ""]
    record(AuditEntry.Action.CHANGED, obj=instance, changes={name: change})


def connect() -> None:
    """Connect the recording to every recorded model (each by name: a receiver for all senders would also slow
    the deletes of models not recorded, which Django can then no longer do in one statement)."""
    for model in recorded_models():
        uid = f"audit.{model._meta.label_lower}"
        if not getattr(model.from_db, "_audit_keeps", False):
            model.from_db = _keeping_loaded_values(model.from_db)
        post_save.connect(_saved, sender=model, dispatch_uid=uid)
        post_delete.connect(_deleted, sender=model, dispatch_uid=uid)
        for field in model._meta.local_many_to_many:
            m2m_changed.connect(_m2m_changed, sender=field.remote_field.through, dispatch_uid=f"{uid}.{field.name}")
