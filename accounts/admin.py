from axes import admin as axes_admin
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as BaseGroupAdmin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from audit.admin import ReadOnly
from projects.admin_scope import ScopedForeignKeys, scoped

# Django stores a permission's name in English when it creates it ("Can add project"); these say it again
# from the codename in the reader's language, with the model's translated name.
PERMISSION_ACTIONS = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


def permission_label(permission: Permission) -> str:
    """'计划与项目 | 可以修改 项目' rather than the stored 'projects | project | Can change project'."""
    action = permission.codename.split("_", 1)[0]
    model = permission.content_type.model_class()
    if action not in PERMISSION_ACTIONS or model is None:
        return str(permission)
    return f"{model._meta.app_config.verbose_name} | {PERMISSION_ACTIONS[action] % {'model': model._meta.verbose_name}}"


class TranslatedPermissions:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Permission:
            field.label_from_instance = permission_label
        return field


@admin.register(User)
class UserAdmin(TranslatedPermissions, ScopedForeignKeys, BaseUserAdmin):
    list_display = [
        "username", "last_name", "first_name", "jurisdiction", "organization", "person", "is_staff", "is_active",
    ]
    list_select_related = ["jurisdiction__parent", "organization", "person"]
    autocomplete_fields = ["jurisdiction", "organization", "person"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Role in the plans"), {"fields": ["jurisdiction", "organization", "person"]}),
    )

    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(TranslatedPermissions, BaseGroupAdmin):
    """The four roles (accounts/roles.py); the site shows them to superusers only."""


admin.site.unregister([AccessAttempt, AccessLog, AccessFailureLog])


# django-axes' records are read here, never changed or deleted: a lockout ends with its cool-off, or early with
# `manage.py axes_reset_username` on the server. The audit trail keeps every failure and lockout besides.
@admin.register(AccessAttempt)
class AccessAttemptAdmin(ReadOnly, axes_admin.AccessAttemptAdmin):
    """django-axes' list of failed sign-ins, with headers for the two columns it leaves unnamed."""

    actions = None

    @admin.display(description=_("expires at"))
    def expiration(self, obj: AccessAttempt):
        return super().expiration(obj)

    @admin.display(description=_("status"))
    def status(self, obj: AccessAttempt):
        return super().status(obj)


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnly, axes_admin.AccessLogAdmin):
    """Sign-ins and sign-outs as django-axes keeps them."""


@admin.register(AccessFailureLog)
class AccessFailureLogAdmin(ReadOnly, axes_admin.AccessFailureLogAdmin):
    """Every failed sign-in, one row each (AXES_ENABLE_ACCESS_FAILURE_LOG)."""
