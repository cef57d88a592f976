from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "last_name", "first_name", "organization", "person", "is_staff", "is_active"]
    list_select_related = ["organization", "person"]
    autocomplete_fields = ["organization", "person"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Role in the plans"), {"fields": ["organization", "person"]}),)
