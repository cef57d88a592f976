"""Each office's own rules for the cycle, edited by its administrators in the admin site (scoped to their
jurisdiction, projects/admin_scope.py). The cycle's documents are written on their own pages, not here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from projects.admin_scope import ScopedAdmin
from supervision.models import Rules


@admin.register(Rules)
class RulesAdmin(ScopedAdmin):
    list_display = ["jurisdiction", "circular_prefix", "sheet_prefix", "summon_red_periods", "webhook_kind"]
    list_select_related = ["jurisdiction__parent"]
    autocomplete_fields = ["jurisdiction"]
    fieldsets = [
        (_("Numbers"), {"fields": ["jurisdiction", "circular_prefix", "sheet_prefix"]}),
        (_("Instruction sheets"), {"fields": ["sheet_red_days", "suggest_sheet_periods"]}),
        (_("Escalation"), {"fields": ["letter_yellow_periods", "summon_red_periods", "listed_red_periods"]}),
        (_("Answer limits of leaders' instructions"), {"fields": ["urgent_days", "normal_days", "difficult_days"]}),
        (_("Group robot"), {"fields": ["webhook_kind", "webhook_url"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # A robot's address typed without a scheme is the https one the robots publish.
        if db_field.name == "webhook_url":
            kwargs["assume_scheme"] = "https"
        return super().formfield_for_dbfield(db_field, request, **kwargs)
