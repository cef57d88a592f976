"""The cycle's pages, under /supervision/. Each topic's views live in their own module."""

from django.urls import path

from supervision.views import chases, circulars, closes, instructions, sheets

app_name = "supervision"
urlpatterns = [
    path("closes/", closes.closes, name="closes"),
    path("closes/<int:pk>/", closes.close, name="close"),
]
urlpatterns += [
    path("circulars/", circulars.circulars, name="circulars"),
    path("closes/<int:close_pk>/circular/", circulars.draft_circular, name="draft_circular"),
    path("circulars/<int:pk>/", circulars.circular, name="circular"),
    path("circulars/<int:pk>/edit/", circulars.edit_circular, name="edit_circular"),
    path("circulars/<int:pk>/regenerate/", circulars.regenerate_circular, name="regenerate_circular"),
    path("circulars/<int:pk>/publish/", circulars.publish_circular, name="publish_circular"),
    path("circulars/<int:pk>/circular.docx", circulars.circular_docx, name="circular_docx"),
]
urlpatterns += [
    path("projects/<int:pk>/instructions/new/", instructions.write_instruction, name="write_instruction"),
    path("instructions/", instructions.instructions, name="instructions"),
    path("instructions/<int:pk>/", instructions.instruction, name="instruction"),
    path("chase/", chases.chase, name="chase"),
    path("chases/<int:pk>/read/", chases.chase_read, name="chase_read"),
]
urlpatterns += [
    path("sheets/", sheets.sheets, name="sheets"),
    path("projects/<int:pk>/sheets/new/", sheets.issue_sheet, name="issue_sheet"),
    path("sheets/<int:pk>/", sheets.sheet, name="sheet"),
    path("sheets/<int:pk>/sheet.docx", sheets.sheet_docx, name="sheet_docx"),
    path("sheets/files/<int:pk>/", sheets.attachment, name="sheet_attachment"),
    path("escalations/", sheets.escalations, name="escalations"),
]
