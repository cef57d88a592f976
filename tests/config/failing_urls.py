"""The site's URLs plus one page that fails, as a bug in any page would."""

from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def failing_page(request):
    raise RuntimeError("a bug in a page")


urlpatterns = [path("failing/", failing_page, name="failing"), *site_urlpatterns]
