from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from progress.light_words import describe
from progress.models import (
    AssistingNote,
    Attachment,
    CoordinationRequest,
    Disbursement,
    LightChange,
    ProjectStatus,
    Report,
    Revision,
    Verification,
)
from projects.admin_scope import ScopedAdmin, ScopedTabularInline


class ShownOnly:
    """Rows the product's own pages write, with their history (progress/services.py): the admin
    site shows them and changes nothing. Reports are never deleted, only withdrawn."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(ShownOnly, ScopedTabularInline):
    extra = 0


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
class ReportAdmin(ShownOnly, ScopedAdmin):
    list_display = ["project", "organization", "period", "status", "percent_complete", "updated_at"]
    list_select_related = ["project", "organization"]
    list_filter = ["status", "period"]
    search_fields = ["project__name", "organization__name", "progress"]
    inlines = [DisbursementInline, AttachmentInline, RevisionInline]


@admin.register(CoordinationRequest)
class CoordinationRequestAdmin(ShownOnly, ScopedAdmin):
    # Closed on the project page, which recomputes the light.
    list_display = ["project", "text", "opened_at", "closed_at"]
    list_select_related = ["project"]
    list_filter = ["closed_at"]
    search_fields = ["project__name", "text"]


@admin.register(AssistingNote)
class AssistingNoteAdmin(ShownOnly, ScopedAdmin):
    # Written on the report page by the assisting unit, each earlier text kept (progress/services.py).
    list_display = ["project", "organization", "period", "updated_at"]
    list_select_related = ["project", "organization"]
    search_fields = ["project__name", "organization__name", "text"]


@admin.register(ProjectStatus)
class ProjectStatusAdmin(ShownOnly, ScopedAdmin):
    list_display = ["project", "light", "percent_complete", "last_period", "computed_at"]
    list_select_related = ["project"]
    list_filter = ["light"]
    search_fields = ["project__name"]


@admin.register(LightChange)
class LightChangeAdmin(ShownOnly, ScopedAdmin):
    # Written by progress/lights.py each time a stored light changes.
    list_display = ["project", "at", "period", "before", "after"]
    list_select_related = ["project"]
    list_filter = ["after"]
    search_fields = ["project__name"]
    # The reasons in words, as the project page gives them, not the stored codes.
    exclude = ["reasons"]
    readonly_fields = ["reasons_in_words"]

    @admin.display(description=_("reasons"))
    def reasons_in_words(self, change: LightChange) -> str:
        return "；".join(describe(reason) for reason in change.reasons)


@admin.register(Verification)
class VerificationAdmin(ShownOnly, ScopedAdmin):
    # Decided on the project page (progress/verification.py), which accepts or returns the report and
    # recomputes the light.
    list_display = ["project", "outcome", "by", "at"]
    list_select_related = ["project", "by"]
    list_filter = ["outcome"]
    search_fields = ["project__name", "note"]
    exclude = ["photo", "photo_sha256"]
