"""Thin views over progress/verification.py: a coordinator verifies or returns a claimed completion.

A project the user may not see is 404; one they may see but not decide on is 403; how the decision
went, refusals included, is told as a message on the project's page."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from progress import verification
from progress.forms import ReturnCompletionForm, VerifyForm
from progress.models import Verification
from progress.views import _act, _cleaned
from projects.access import may_review, visible_project, visible_projects
from projects.downloads import stored_file
from projects.models import Project


def _decidable(request: HttpRequest, pk: int) -> Project:
    """The project, if the user may see it (else 404) and decide on it (else 403)."""
    project = visible_project(request.user, pk)
    if not may_review(request.user):
        raise PermissionDenied(_("Only coordinators and administrators verify a project's completion."))
    return project


@login_required
@require_POST
def verify(request: HttpRequest, pk: int) -> HttpResponse:
    project = _decidable(request, pk)
    _act(request, lambda: verification.verify_completion(
        user=request.user, project=project, **_cleaned(VerifyForm(request.POST, request.FILES))),
        _("Completion verified: the project counts as done."))
    return redirect("projects:detail", pk=project.pk)


@login_required
@require_POST
def return_completion(request: HttpRequest, pk: int) -> HttpResponse:
    project = _decidable(request, pk)
    _act(request, lambda: verification.return_completion(
        user=request.user, project=project, **_cleaned(ReturnCompletionForm(request.POST))),
        _("Completion not verified: the report was returned to the unit."))
    return redirect("projects:detail", pk=project.pk)


@login_required
def photo(request: HttpRequest, verification_pk: int) -> HttpResponse:
    """A verification's site photo, only for those who may see its project."""
    item = get_object_or_404(Verification.objects.filter(project__in=visible_projects(request.user)).exclude(photo=""),
                             pk=verification_pk)
    return stored_file(request, item.photo, content_type=item.photo_type, name=item.photo_name, as_attachment=False)
