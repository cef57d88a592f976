from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from projects.admin_scope import ScopedForeignKeys, scoped


@admin.register(User)
class UserAdmin(ScopedForeignKeys, BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "jurisdiction", "organization", "person", "is_staff",
                    "is_active"]
    list_select_related = ["jurisdiction__parent", "organization", "person"]
    autocomplete_fields = ["jurisdiction", "organization", "person"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Role in the plans"), {"fields": ["jurisdiction", "organization", "person"]}),
    )

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)
