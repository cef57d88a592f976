from django.contrib import admin

from imports.models import ImportRecord
from projects.admin_scope import ScopedAdmin


@admin.register(ImportRecord)
class ImportRecordAdmin(ScopedAdmin):
    list_display = ["file_name", "status", "plan", "user", "created_at"]
    list_select_related = ["plan", "user"]
    list_filter = ["status"]
    search_fields = ["file_name", "checksum"]
    readonly_fields = ["user", "created_at", "file_name", "checksum", "status", "plan", "result"]
