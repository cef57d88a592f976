"""The admin's app configurations: django.contrib.admin with the product's site as `admin.site`, and
django-axes named in the product's language on the admin's index. (Kept apart from the site: an AppConfig
module loads before the models, and the site's module needs them.)"""

from axes.apps import AppConfig as AxesConfig
from django.contrib.admin.apps import AdminConfig
from django.utils.translation import gettext_lazy as _


class ProductAdminConfig(AdminConfig):
    default_site = "projects.admin_site.ProductAdminSite"


class SignInRecordsConfig(AxesConfig):
    verbose_name = _("Sign-in records")
