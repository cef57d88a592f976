"""Chasing: the office's page of late units with its 催报 buttons, and the officer's "seen" on a chase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from projects.access import jurisdiction_ids_of, may_review, visible_projects
from projects.models import ProjectOrganization
from supervision.chasing import chase_units, mark_chase_read
from supervision.models import Chase
from supervision.selectors.chases import late_units


def _unit_ids(request: HttpRequest) -> list[int]:
    """The units of the button pressed: one unit's, or every unit listed on the page."""
    raw = request.POST.getlist("unit") or request.POST.getlist("units")
    if not raw or not all(value.isdecimal() for value in raw):
        raise ValidationError(_("Choose the units to chase."))
    ids = sorted({int(value) for value in raw})
    # A unit that leads none of the projects the user sees is none of their business: as if it did not exist.
    known = set(ProjectOrganization.objects.filter(
        organization_id__in=ids, role=ProjectOrganization.Role.LEAD, project__in=visible_projects(request.user),
    ).values_list("organization_id", flat=True))
    if known != set(ids):
        raise Http404
    return ids


@login_required
def chase(request: HttpRequest) -> HttpResponse:
    """The late units of the user's jurisdictions, exactly what each owes, how often it was chased; 催报 buttons."""
    if not may_review(request.user):
        raise PermissionDenied(_("Only coordinators and administrators chase units."))
    if request.method == "POST":
        try:
            ids = _unit_ids(request)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("supervision:chase")
        _tell(request, chase_units(user=request.user, organizations=ids), asked=len(ids))
        return redirect("supervision:chase")
    return render(request, "supervision/chase.html", {"units": late_units(request.user)})


def _tell(request: HttpRequest, chases: list[Chase], asked: int) -> None:
    """How the round went: how many units were chased, who was not and why, and the robot's failures."""
    messages.success(request, ngettext("Chased %(count)s unit.", "Chased %(count)s units.", len(chases)) % {
        "count": len(chases)})
    if asked > len(chases):
        messages.info(request, ngettext(
            "%(count)s unit was not chased: it owes nothing now, or was chased in the last few minutes.",
            "%(count)s units were not chased: they owe nothing now, or were chased in the last few minutes.",
            asked - len(chases)) % {"count": asked - len(chases)})
    failed = [chase for chase in chases if chase.webhook_status == Chase.Webhook.FAILED]
    if failed:
        messages.error(request, _("The group robot failed for %(units)s: %(error)s") % {
            "units": "、".join(chase.organization.name for chase in failed), "error": failed[0].webhook_error})
    unreached = [chase for chase in chases if chase.email_count == 0]
    if unreached:
        messages.info(request, _("No e-mail reached %(units)s (no officer with an address, or the mail server "
                                 "refused); they see the chase on their task page.") % {
            "units": "、".join(chase.organization.name for chase in unreached)})


@login_required
@require_POST
def chase_read(request: HttpRequest, pk: int) -> HttpResponse:
    """An officer of the chased unit marks the chase read; the office may see it but not do this (403)."""
    item = get_object_or_404(Chase.objects.select_related("organization"), pk=pk)
    user = request.user
    if user.organization_id != item.organization_id:
        scope = jurisdiction_ids_of(user)
        if may_review(user) and (scope is None or item.organization.jurisdiction_id in scope):
            raise PermissionDenied(_("Only an information officer of the chased unit marks it read."))
        raise Http404
    try:
        mark_chase_read(user=user, chase=item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("home")
