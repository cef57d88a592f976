"""The trail as a CSV file, streamed row by row: a year of entries need not fit in memory to be downloaded.

UTF-8 with a byte-order mark so that Excel opens it in Chinese; a cell that looks like a formula is made
plain text (OWASP's leading apostrophe). At most AUDIT_EXPORT_MAX_ROWS rows; the last line says so when the
filter matched more."""

import csv
import json
from collections.abc import Iterator

from django.conf import settings
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEntry
from projects.downloads import as_download

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
COLUMNS = ["at", "actor_username", "actor_name", "actor_roles", "actor_unit", "actor_jurisdiction", "action",
           "outcome", "object_type", "object_id", "object_repr", "changes", "detail", "address", "request_id",
           "source"]


class _Line:
    """csv.writer's file: hands back what was written instead of keeping it."""

    def write(self, text: str) -> str:
        return text


def _cell(value) -> str:
    if value is None:
        return ""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True) if isinstance(value, (dict, list)) else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _row(entry: AuditEntry) -> list[str]:
    values = {name: getattr(entry, name) for name in COLUMNS}
    values["at"] = f"{timezone.localtime(entry.at):%Y-%m-%d %H:%M:%S}"
    values["action"], values["outcome"] = entry.get_action_display(), entry.get_outcome_display()
    return [_cell(values[name]) for name in COLUMNS]


def lines(entries: QuerySet[AuditEntry]) -> Iterator[str]:
    writer = csv.writer(_Line())
    limit = settings.AUDIT_EXPORT_MAX_ROWS
    yield "\ufeff" + writer.writerow([str(AuditEntry._meta.get_field(name).verbose_name) if name != "actor_jurisdiction"
                                      else _("jurisdiction") for name in COLUMNS])
    written = 0
    for entry in entries.order_by("-at", "-id").iterator(chunk_size=2000):
        if written == limit:
            yield writer.writerow([_("Only the first %(count)d rows are exported; narrow the filter for the rest.")
                                   % {"count": limit}])
            return
        written += 1
        yield writer.writerow(_row(entry))


def csv_download(entries: QuerySet[AuditEntry]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(lines(entries), content_type="text/csv; charset=utf-8")
    today = timezone.localdate()
    return as_download(response, f"{_('audit trail')}-{today:%Y%m%d}.csv", f"audit-{today:%Y%m%d}.csv")
