"""The cycle's pages, under /supervision/. Each topic's views live in their own module."""

from django.urls import path

from supervision.views import closes

app_name = "supervision"
urlpatterns = [
    path("closes/", closes.closes, name="closes"),
    path("closes/<int:pk>/", closes.close, name="close"),
]
