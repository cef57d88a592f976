"""The cycle's pages, under /supervision/. Each topic's views live in their own module."""

from django.urls import path

from supervision.views import sheets

app_name = "supervision"
urlpatterns = [
    path("sheets/", sheets.sheets, name="sheets"),
    path("projects/<int:pk>/sheets/new/", sheets.issue_sheet, name="issue_sheet"),
    path("sheets/<int:pk>/", sheets.sheet, name="sheet"),
    path("sheets/<int:pk>/sheet.docx", sheets.sheet_docx, name="sheet_docx"),
    path("sheets/files/<int:pk>/", sheets.attachment, name="sheet_attachment"),
    path("escalations/", sheets.escalations, name="escalations"),
]
