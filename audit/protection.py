"""Rows that are only added, and rows that are never deleted: refused in the model and its queryset.

The admin refuses them too (no permission for anyone), so this is the net under every other path: a view,
a command, the shell. A delete reaching such rows through a cascade is stopped by a PROTECT key on the
row's parent (Revision.report). A demo reset is the one deliberate exception (`erasing()`), and is recorded."""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.utils.translation import gettext as _


class AppendOnlyError(Exception):
    """An attempt to change or delete a row of an append-only table."""


class UndeletableError(Exception):
    """An attempt to delete a row that is kept for good (an applied import, a revision)."""


# Set only by erasing(): the demo's reset of its own rows.
_erasing: ContextVar[str | None] = ContextVar("audit_erasing", default=None)


@contextmanager
def erasing(reason: str):
    """Allow deleting kept rows (not audit entries) inside the block; for the demo's reset only."""
    token = _erasing.set(reason)
    try:
        yield
    finally:
        _erasing.reset(token)


def erasing_reason() -> str | None:
    return _erasing.get()


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError(_("Audit entries cannot be changed."))

    def delete(self):
        raise AppendOnlyError(_("Audit entries cannot be deleted; old ones are pruned after the retention period."))

    def _prune(self):
        """The one delete there is: audit/retention.py's, of rows older than the retention period."""
        return models.QuerySet.delete(self)


class AppendOnly:
    """A model whose rows are written once."""

    def save(self, *args, **kwargs):
        if not self._state.adding or kwargs.get("force_update") or kwargs.get("update_fields"):
            raise AppendOnlyError(_("Audit entries cannot be changed."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(_("Audit entries cannot be deleted; old ones are pruned after the retention period."))


class KeptQuerySet(models.QuerySet):
    """A queryset whose rows matching `kept` (a Q, or everything) are never deleted."""

    kept: models.Q | None = None

    def delete(self):
        if erasing_reason() is None:
            kept = self if self.kept is None else self.filter(self.kept)
            if kept.exists():
                raise UndeletableError(_("These records are kept for good and cannot be deleted."))
        return super().delete()


class Kept:
    """A model whose rows matching its queryset's `kept` are never deleted (`is_kept()` says which)."""

    def is_kept(self) -> bool:
        return True

    def delete(self, *args, **kwargs):
        if erasing_reason() is None and self.is_kept():
            raise UndeletableError(_("This record is kept for good and cannot be deleted."))
        return super().delete(*args, **kwargs)
