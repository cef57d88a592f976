from django.contrib import admin

from imports.models import ImportRecord, SavedLayout
from projects.admin_scope import ScopedAdmin


@admin.register(ImportRecord)
class ImportRecordAdmin(ScopedAdmin):
    list_display = ["file_name", "status", "plan", "user", "created_at"]
    list_select_related = ["plan", "user"]
    list_filter = ["status"]
    search_fields = ["file_name", "checksum"]
    readonly_fields = ["user", "created_at", "file_name", "checksum", "status", "plan", "result"]


@admin.register(SavedLayout)
class SavedLayoutAdmin(admin.ModelAdmin):
    """Column roles remembered per header: an administrator may correct or forget one here."""

    list_display = ["__str__", "user", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["header"]
    readonly_fields = ["digest", "header", "user", "updated_at"]
