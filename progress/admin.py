from django.contrib import admin

from progress.models import (
    AssistingNote,
    Attachment,
    CoordinationRequest,
    Disbursement,
    ProjectStatus,
    Report,
    Revision,
)
from projects.admin_scope import ScopedAdmin, ScopedTabularInline


class ReadOnlyInline(ScopedTabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class RevisionInline(ReadOnlyInline):
    model = Revision
    fields = ["version", "action", "author", "at", "changes"]
    readonly_fields = fields


class DisbursementInline(ReadOnlyInline):
    model = Disbursement
    fields = ["source", "amount"]
    readonly_fields = fields


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = ["name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = fields


@admin.register(Report)
class ReportAdmin(ScopedAdmin):
    # Reports are written through the product's own pages (progress/services.py), which keep
    # their history; here administrators look them up. They are never deleted, only withdrawn.
    list_display = ["project", "organization", "period", "status", "percent_complete", "updated_at"]
    list_select_related = ["project", "organization"]
    list_filter = ["status", "period"]
    search_fields = ["project__name", "organization__name", "progress"]
    date_hierarchy = "period"
    inlines = [DisbursementInline, AttachmentInline, RevisionInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(CoordinationRequest)
class CoordinationRequestAdmin(ScopedAdmin):
    list_display = ["project", "text", "opened_at", "closed_at"]
    list_select_related = ["project"]
    list_filter = ["closed_at"]
    search_fields = ["project__name", "text"]
    readonly_fields = ["project", "report", "text", "opened_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AssistingNote)
class AssistingNoteAdmin(ScopedAdmin):
    list_display = ["project", "organization", "period", "updated_at"]
    list_select_related = ["project", "organization"]
    search_fields = ["project__name", "organization__name", "text"]
    autocomplete_fields = ["project", "organization", "author"]


@admin.register(ProjectStatus)
class ProjectStatusAdmin(ScopedAdmin):
    list_display = ["project", "light", "percent_complete", "last_period", "computed_at"]
    list_select_related = ["project"]
    list_filter = ["light"]
    search_fields = ["project__name"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
