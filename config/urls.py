from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import RedirectView

from projects import views as project_views

# The admin speaks as the product does, not as "Django administration".
admin.site.site_header = admin.site.site_title = _("Public-service projects")
admin.site.index_title = _("Administration")

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="progress:tasks"), name="home"),
    path("", include("progress.urls")),
    path("projects/", include("projects.urls")),
    path("dashboard/", project_views.dashboard, name="dashboard"),
    path("plans/<int:plan_pk>/table.xlsx", project_views.plan_table_xlsx, name="plan_table"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("imports/", include("imports.urls")),
    path("admin/", admin.site.urls),
]

# An unexpected error: recorded with an id that the page shows (config/errors.py).
handler500 = "config.errors.server_error"
