from django.contrib import admin

from progress.models import MonthlyReport


@admin.register(MonthlyReport)
class MonthlyReportAdmin(admin.ModelAdmin):
    list_display = ["project", "organization", "month", "updated_at"]
    list_select_related = ["project", "organization"]
    list_filter = ["month"]
    search_fields = ["project__name", "organization__name", "progress"]
    autocomplete_fields = ["project", "organization", "reported_by"]
    date_hierarchy = "month"
