"""How long the trail and the records it leans on are kept: AUDIT_RETENTION_DAYS, never under MINIMUM_DAYS.

config/settings.py refuses to start with less; this checks again, so that a value changed at run time
cannot shorten it either."""

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils import timezone

from audit.models import AuditEntry
from audit.recording import record

MINIMUM_DAYS = 180


def retention_days() -> int:
    days = settings.AUDIT_RETENTION_DAYS
    if days < MINIMUM_DAYS:
        raise ImproperlyConfigured(f"AUDIT_RETENTION_DAYS={days}: it may not be under {MINIMUM_DAYS} days.")
    return days


def retention_cutoff(now: datetime | None = None) -> datetime:
    """Everything from this moment on is kept."""
    return (now or timezone.now()) - timedelta(days=retention_days())


@transaction.atomic
def prune(*, dry_run: bool = False) -> int:
    """Delete audit entries older than the retention period, recording how many and up to when; the count."""
    cutoff = retention_cutoff()
    old = AuditEntry.objects.filter(at__lt=cutoff)
    count = old.count()
    if not dry_run and count:
        old._prune()
        record(AuditEntry.Action.PRUNED, object_type="audit.auditentry",
               detail={"before": cutoff.isoformat(), "count": count, "retention_days": retention_days()})
    return count
