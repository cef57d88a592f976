from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from imports.foundation.reading_choice import ReadingChoice
from imports.models import ImportRecord, SavedLayout, SavedReading
from imports.reading_form import describe_choice
from projects.admin_scope import ScopedAdmin


@admin.register(ImportRecord)
class ImportRecordAdmin(ScopedAdmin):
    list_display = ["file_name", "status", "plan", "user", "created_at", "confirmed_by", "confirmed_at"]
    list_select_related = ["plan", "user", "confirmed_by"]
    list_filter = ["status"]
    search_fields = ["file_name", "checksum"]
    readonly_fields = ["user", "created_at", "confirmed_by", "confirmed_at", "file_name", "checksum", "status", "plan",
                       "result"]

    def has_add_permission(self, request) -> bool:
        return False  # written by the importer only (imports/services.py)

    def has_delete_permission(self, request, obj=None) -> bool:
        # An applied import is its plan's history (ImportRecord.is_kept): nobody deletes it, superusers included.
        # The list's "delete selected" asks this of every row it would delete and refuses if any is kept.
        return (obj is None or not obj.is_kept()) and super().has_delete_permission(request, obj)


@admin.register(SavedLayout)
class SavedLayoutAdmin(admin.ModelAdmin):
    """Column roles remembered per header: an administrator may correct or forget one here."""

    list_display = ["__str__", "user", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["header"]
    readonly_fields = ["digest", "header", "user", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False  # remembered by the importer's column form, for the header it read


@admin.register(SavedReading)
class SavedReadingAdmin(admin.ModelAdmin):
    """Readings of lists remembered per shape (imports.shape.chosen_reading): an administrator may forget one here."""

    list_display = ["__str__", "user", "updated_at"]
    list_select_related = ["user"]
    search_fields = ["shape"]
    # The choice in words, not its JSON: it is changed on the preview, and only forgotten here.
    fields = readonly_fields = ["digest", "shape", "reading", "user", "updated_at"]

    def has_add_permission(self, request) -> bool:
        return False  # remembered by the importer's reading form, for the list it read

    @admin.display(description=_("reading"))
    def reading(self, saved: SavedReading) -> str:
        chosen = ReadingChoice.from_dict(saved.choice)
        return describe_choice(chosen) if chosen else "—"
