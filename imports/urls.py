from django.urls import path

from imports import views

app_name = "imports"
urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:pk>/", views.preview, name="preview"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
    path("<int:pk>/columns/", views.relayout, name="relayout"),
    path("<int:pk>/reading/", views.reread, name="reread"),
]
