from datetime import date

from django.urls import path, register_converter

from progress import views


class MonthConverter:
    """A reporting period in an address: 2023-06 <-> date(2023, 6, 1)."""

    regex = r"20\d\d-(?:0[1-9]|1[0-2])"

    def to_python(self, value: str) -> date:
        return date.fromisoformat(value + "-01")

    def to_url(self, value: date) -> str:
        return f"{value:%Y-%m}"


register_converter(MonthConverter, "month")

# The task page is pages' (it reads every app): config/urls.py names it "tasks", at /tasks/ as before.
app_name = "progress"
urlpatterns = [
    path("projects/<int:pk>/reports/<month:month>/", views.report, name="report"),
    path("projects/<int:pk>/notes/<month:month>/", views.note, name="note"),
    path("reports/<int:report_pk>/review/", views.review, name="review"),
    path("reports/<int:report_pk>/withdraw/", views.withdraw, name="withdraw"),
    path("requests/<int:request_pk>/close/", views.close_request, name="close_request"),
    path("attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("plans/<int:plan_pk>/progress.xlsx", views.export, name="export"),
]
