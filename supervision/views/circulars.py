"""The circular's pages: the list, the circular as it reads (printable on A4), its wording form,
and its actions (draft, take the open lists again, publish) and its .docx. Thin: each starts from
what the user may see (404 otherwise), asks one permission, calls one service."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from projects.access import may_review
from projects.downloads import as_download
from projects.editing import save_keeping_input, status_of
from supervision import circulars as services
from supervision.circular_docx import circular_docx as docx_bytes
from supervision.circular_forms import CircularForm
from supervision.circular_selectors import (
    closes_awaiting_a_circular,
    may_write_circulars,
    visible_circulars,
    visible_plans,
)
from supervision.circular_text import reading
from supervision.events import trail
from supervision.models import Circular, Event, PeriodClose

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# The trail's actions (supervision/circulars.py) as the page names them.
ACTIONS = {"drafted": gettext_lazy("drafted"), "edited": gettext_lazy("wording edited"),
           "regenerated": gettext_lazy("open lists taken again"), "published": pgettext_lazy("circular", "published")}


def _circular(request: HttpRequest, pk: int) -> Circular:
    return get_object_or_404(visible_circulars(request.user), pk=pk)


def _version(request: HttpRequest) -> int:
    value = request.POST.get("version", "")
    return int(value) if value.isdecimal() else -1


def _act(request: HttpRequest, action, done: str) -> None:
    """One service call; how it went, refusals included, is told as a message."""
    try:
        action()
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)


@login_required
def circulars(request: HttpRequest) -> HttpResponse:
    """Every circular the user may read, newest period first; for coordinators, the closes still without one."""
    return render(request, "supervision/circular_list.html", {
        "circulars": visible_circulars(request.user),
        "awaiting": closes_awaiting_a_circular(request.user),
    })


@login_required
@require_POST
def draft_circular(request: HttpRequest, close_pk: int) -> HttpResponse:
    close = get_object_or_404(PeriodClose.objects.filter(plan__in=visible_plans(request.user))
                              .select_related("plan"), pk=close_pk)
    try:
        circular = services.draft_circular(user=request.user, close=close)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        existing = visible_circulars(request.user).filter(close=close).first()
        return redirect("supervision:circular", pk=existing.pk) if existing else redirect("supervision:circulars")
    messages.success(request, _("The circular is drafted. Check its wording, then publish it."))
    return redirect("supervision:circular", pk=circular.pk)


@login_required
def circular(request: HttpRequest, pk: int) -> HttpResponse:
    """The circular as it reads and prints, with its actions and its trail."""
    item = _circular(request, pk)
    may_write = item.is_draft and may_write_circulars(request.user, item.close.plan)
    # Who drafted, reworded and published it is the office's own record, not the units'.
    events = trail(subject=Event.Subject.CIRCULAR, subject_id=item.pk) if may_review(request.user) else []
    return render(request, "supervision/circular_detail.html", {
        "circular": item, "reading": reading(item), "may_write": may_write,
        "trail": [(event, ACTIONS.get(event.action, event.action)) for event in events],
    })


@login_required
def edit_circular(request: HttpRequest, pk: int) -> HttpResponse:
    """A draft's wording; a save on an older version shows the other's wording next to the form, nothing lost."""
    item = _circular(request, pk)
    if not item.is_draft:
        raise PermissionDenied(_("A published circular is never changed."))
    if not may_write_circulars(request.user, item.close.plan):
        raise PermissionDenied(_("Only coordinators and administrators draft and publish circulars."))
    form = CircularForm(initial={"version": item.version, **{name: getattr(item, name) for name in services.WORDING}})
    conflict = None
    if request.method == "POST":
        form = CircularForm(request.POST)
        if form.is_valid():
            saved, conflict = save_keeping_input(
                form, lambda: services.edit_circular(user=request.user, circular=item, **form.cleaned_data),
                services.CircularConflict, lambda clash: clash.circular)
            if saved:
                messages.success(request, _("The wording is saved."))
                return redirect("supervision:circular", pk=item.pk)
    return render(request, "supervision/circular_edit.html", {"circular": item, "form": form, "conflict": conflict},
                  status=status_of(form, conflict))


@login_required
@require_POST
def publish_circular(request: HttpRequest, pk: int) -> HttpResponse:
    item = _circular(request, pk)
    _act(request, lambda: services.publish_circular(user=request.user, circular=item, version=_version(request)),
         _("The circular is published."))
    return redirect("supervision:circular", pk=item.pk)


@login_required
@require_POST
def regenerate_circular(request: HttpRequest, pk: int) -> HttpResponse:
    item = _circular(request, pk)
    _act(request, lambda: services.regenerate_circular(user=request.user, circular=item, version=_version(request)),
         _("The requests and instructions open at the close were taken again."))
    return redirect("supervision:circular", pk=item.pk)


@login_required
def circular_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The circular as a Word file, named as the office files it: 鲤督通〔2026〕3号 关于….docx."""
    item = _circular(request, pk)
    response = HttpResponse(docx_bytes(reading(item)), content_type=DOCX)
    name = f"{item.number_text} {item.title}" if item.number_text else _("%(title)s (draft)") % {"title": item.title}
    return as_download(response, f"{name}.docx", f"circular-{item.pk}.docx")
