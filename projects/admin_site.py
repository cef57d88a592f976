"""The product's admin site: it speaks as the product does, and only administrators reach it.

django.contrib.admin is installed as ProductAdminConfig (projects/admin_app.py), which makes this class
`admin.site`; every app's ModelAdmin, ours and django-axes' and django.contrib.auth's, registers here."""

from django.contrib import admin
from django.db.models.base import ModelBase
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from projects.access import roles_of
from projects.admin_scope import SCOPES, SuperuserOnly


class ProductAdminSite(admin.AdminSite):
    site_header = site_title = _("Public-service projects")
    index_title = _("Administration")

    def has_permission(self, request) -> bool:
        """Staff is not enough: an officer or coordinator given is_staff by mistake would write across units here."""
        user = request.user
        return user.is_active and user.is_staff and (user.is_superuser or Role.ADMIN in roles_of(user))

    def register(self, model_or_iterable, admin_class=None, **options) -> None:
        """Register as usual; a model the scoping map does not name is for superusers only (fails closed)."""
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else model_or_iterable
        for model in models:
            model_admin = admin_class or admin.ModelAdmin
            if model._meta.label_lower not in SCOPES:
                model_admin = type(model_admin.__name__, (SuperuserOnly, model_admin), {
                    "__module__": model_admin.__module__, "__doc__": model_admin.__doc__,
                })
            super().register(model, model_admin, **options)
