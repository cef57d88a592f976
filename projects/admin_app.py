"""django.contrib.admin with the product's site as `admin.site` (kept apart: an AppConfig module loads before
models, and the site's module needs them)."""

from django.contrib.admin.apps import AdminConfig


class ProductAdminConfig(AdminConfig):
    default_site = "projects.admin_site.ProductAdminSite"
