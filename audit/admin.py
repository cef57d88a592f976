"""The trail in the admin site: read, filtered and exported by administrators, changed by nobody.

No add, change or delete page for anyone, superusers included (audit/protection.py refuses the writes below
the admin too). An administrator of a jurisdiction sees the entries of people of that jurisdiction and those
under it (projects/admin_scope.py); entries without a jurisdiction (commands, names tried at sign-in without an
account) are for superusers."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import BadRequest, PermissionDenied
from django.urls import path
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from audit.export import csv_download
from audit.models import AuditEntry
from projects.admin_scope import scoped


class ReadOnly:
    """Shown, never written: whoever asks, superusers included."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def kind_name(label: str) -> str:
    """'progress.report' -> 进展报告: an entry's kind of object in the reader's words."""
    try:
        return str(apps.get_model(label)._meta.verbose_name) if label else ""
    except (LookupError, ValueError):
        return label


class ObjectKindFilter(admin.SimpleListFilter):
    title = _("kind of object")
    parameter_name = "object_type"

    def lookups(self, request, model_admin):
        from audit.model_writes import recorded_models

        kinds = {model._meta.label_lower: kind_name(model._meta.label_lower) for model in recorded_models()}
        return sorted(kinds.items(), key=lambda item: item[1])

    def queryset(self, request, queryset):
        return queryset.filter(object_type=self.value()) if self.value() else queryset


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["at", "actor_username", "actor_roles", "actor_unit", "action", "kind", "object_repr",
                    "outcome", "address"]
    list_filter = ["action", "outcome", "at", ObjectKindFilter, "actor_roles"]
    search_fields = ["actor_username", "actor_name", "actor_unit", "actor_jurisdiction", "object_repr",
                     "=object_id", "=request_id", "source"]
    date_hierarchy = "at"
    # No count of a million rows on every page: "N of many" instead.
    show_full_result_count = False
    fields = ["at", "actor", "actor_username", "actor_name", "actor_roles", "actor_unit", "actor_jurisdiction",
              "action", "outcome", "kind", "object_id", "object_repr", "changes_table", "details", "address",
              "request", "through"]
    readonly_fields = fields
    actions = None

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)

    def get_urls(self):
        export = self.admin_site.admin_view(self.export_view)
        return [path("export.csv", export, name="audit_auditentry_export"), *super().get_urls()]

    def export_view(self, request):
        """The rows the list shows with the same filters and search, as CSV (audit/export.py)."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters as error:
            raise BadRequest(str(error)) from None
        return csv_download(changelist.get_queryset(request))

    @admin.display(description=_("kind of object"), ordering="object_type")
    def kind(self, entry: AuditEntry) -> str:
        return kind_name(entry.object_type)

    # Values are data, in whatever language they were written: each in a <bdi> of its own.
    @admin.display(description=_("changes"))
    def changes_table(self, entry: AuditEntry):
        if not entry.changes:
            return "—"
        rows = ((name, _shown(values[0]), _shown(values[1])) for name, values in entry.changes.items())
        return format_html_join("", "<div><bdi>{}</bdi>: <del><bdi>{}</bdi></del> → <ins><bdi>{}</bdi></ins></div>",
                                rows)

    @admin.display(description=_("detail"))
    def details(self, entry: AuditEntry):
        if not entry.detail:
            return "—"
        return format_html_join("", "<div><bdi>{}</bdi>: <bdi>{}</bdi></div>",
                                ((name, _shown(value)) for name, value in entry.detail.items()))

    @admin.display(description=_("request id"))
    def request(self, entry: AuditEntry):
        return format_html("<bdi>{}</bdi>", entry.request_id or "—")

    @admin.display(description=_("through"))
    def through(self, entry: AuditEntry):
        if entry.source.startswith(COMMAND):
            return format_html("{} <bdi>{}</bdi>", _("command"), entry.source[len(COMMAND):])
        return format_html("<bdi>{}</bdi>", entry.source or "—")


COMMAND = "command "


def _shown(value) -> str:
    return "" if value is None else str(value)
