"""The cycle's pages, under /supervision/. Each topic's views live in their own module."""

app_name = "supervision"
urlpatterns = []
