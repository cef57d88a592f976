from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from pages import views as page_views

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="tasks"), name="home"),
    path("tasks/", page_views.tasks, name="tasks"),
    path("", include("progress.urls")),
    path("projects/", include("pages.urls")),
    path("dashboard/", page_views.dashboard, name="dashboard"),
    path("plans/<int:plan_pk>/table.xlsx", page_views.plan_table_xlsx, name="plan_table"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Every account changes its own password here (linked from the header); the admin site keeps its own page.
    path("password/", auth_views.PasswordChangeView.as_view(template_name="accounts/password_change.html"),
         name="password_change"),
    path("password/done/",
         auth_views.PasswordChangeDoneView.as_view(template_name="accounts/password_change_done.html"),
         name="password_change_done"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("imports/", include("imports.urls")),
    path("supervision/", include("supervision.urls")),
    path("admin/", admin.site.urls),
]

# An unexpected error: recorded with an id that the page shows (config/errors.py).
handler500 = "config.errors.server_error"
