"""The cycle's pages, under /supervision/. Each topic's views live in their own module."""

from django.urls import path

from supervision.views import chases, instructions

app_name = "supervision"
urlpatterns = [
    path("projects/<int:pk>/instructions/new/", instructions.write_instruction, name="write_instruction"),
    path("instructions/", instructions.instructions, name="instructions"),
    path("instructions/<int:pk>/", instructions.instruction, name="instruction"),
    path("chase/", chases.chase, name="chase"),
    path("chases/<int:pk>/read/", chases.chase_read, name="chase_read"),
]
