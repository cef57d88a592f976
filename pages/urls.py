from django.urls import path

from pages import views

# The project list and page moved here from projects/ (they read progress too); they keep the
# namespace their names have always had, so every {% url 'projects:list' %} and link still holds.
app_name = "projects"
urlpatterns = [
    path("", views.project_list, name="list"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("export.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/", views.detail, name="detail"),
]
