"""The audit trail: one row per write, sign-in or sign-out, kept even when the people it names are gone.

Rows are only ever added (audit/protection.py): saving a stored row again, deleting one, and a queryset's
update() or delete() are refused; only audit/retention.py's prune removes rows, and only those older than
AUDIT_RETENTION_DAYS. Who acted is a snapshot (name, roles, unit, jurisdiction) taken when the row is written,
so deleting the account changes nothing here. A later tamper-evident chain adds a hash of canonical() and the
previous row's hash as two more columns, and a database trigger refusing UPDATE and DELETE; nothing here has to
be rewritten for either."""

import json

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from audit.protection import AppendOnly, AppendOnlyQuerySet


class AuditEntry(AppendOnly, models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")
        SIGNED_IN = "signed_in", _("signed in")
        SIGNED_OUT = "signed_out", _("signed out")
        SIGN_IN_FAILED = "sign_in_failed", _("sign-in failed")
        LOCKED_OUT = "locked_out", _("locked out")
        IMPORT_PREVIEWED = "import_previewed", _("import previewed")
        IMPORT_CONFIRMED = "import_confirmed", _("import confirmed")
        IMPORT_FAILED = "import_failed", _("import failed")
        PRUNED = "pruned", _("old entries pruned")
        ERASED = "erased", _("kept rows erased for a demo reset")

    class Outcome(models.TextChoices):
        SUCCESS = "success", _("success")
        FAILURE = "failure", _("failure")
        REFUSED = "refused", _("refused")

    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    # The account's id only, never a constraint or a cascade: deleting the account leaves this row as it was
    # (a SET_NULL would rewrite it, which the later trigger refusing UPDATE would forbid).
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, blank=True,
                              db_constraint=False, related_name="+", verbose_name=_("account"))
    actor_username = models.CharField(_("user name"), max_length=150, blank=True, db_index=True)
    actor_name = models.CharField(_("name"), max_length=300, blank=True)
    actor_roles = models.CharField(_("roles"), max_length=100, blank=True)
    actor_unit = models.CharField(_("unit or person"), max_length=200, blank=True)
    actor_jurisdiction = models.CharField(_("jurisdiction"), max_length=100, blank=True)
    # The jurisdiction's id as it was, for scoping the admin's list (projects/admin_scope.py); not a key.
    actor_jurisdiction_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    object_type = models.CharField(_("kind of object"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    # {field: [before, after]}, values as text (long ones cut, secrets never stored).
    changes = models.JSONField(_("changes"), default=dict, blank=True)
    # Anything else the operation counts: an import's counts, a prune's cutoff.
    detail = models.JSONField(_("detail"), default=dict, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.SUCCESS)
    address = models.GenericIPAddressField(_("source address"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=32, blank=True, db_index=True)
    # "POST /projects/1/reports/2026-03/" or "command import_table".
    source = models.CharField(_("through"), max_length=300, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_entry_object")]
        # Only "view": nobody is given add, change or delete (the admin refuses them to superusers too).
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"#{self.pk} · {timezone.localtime(self.at):%Y-%m-%d %H:%M:%S} · {self.get_action_display()}"

    def canonical(self) -> bytes:
        """The row as stable bytes: what a later hash chain hashes, each row's hash covering the previous one."""
        fields = [field.attname for field in self._meta.concrete_fields]
        values = {name: getattr(self, name) for name in fields}
        return json.dumps(values, sort_keys=True, ensure_ascii=False, default=str).encode()
