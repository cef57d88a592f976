"""Thin views over supervision/sheets.py: the sheets list, issuing a sheet, the sheet page and its moves, its .docx
and answer files, and the escalations list. A sheet the user may not see is 404; a move they may not make, 403."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projects.access import visible_project
from projects.downloads import as_download, stored_file
from supervision import sheets as services
from supervision.escalation import suggested_sheets
from supervision.models import InstructionSheet, SheetAttachment
from supervision.sheet_access import actions_for, may_issue_sheets
from supervision.sheet_docx import sheet_docx as docx_of
from supervision.sheet_forms import AnswerForm, ReasonForm, SheetForm, new_sheet_initial, sheet_initial
from supervision.sheet_selectors import escalations_for, sheet_list, sheet_record, sheet_trail, sheets_for
from supervision.tiers import refresh_tiers

PER_PAGE = 50


@login_required
def sheets(request: HttpRequest) -> HttpResponse:
    """Every sheet the user may see, open and reddest first; the office also sees its suggestions."""
    refresh_tiers()
    mine, open_only = request.GET.get("mine") == "1", request.GET.get("open") == "1"
    rows = sheet_list(request.user, mine=mine, open_only=open_only)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "supervision/sheet_list.html", {
        "page": page, "mine": mine, "open_only": open_only, "is_leader": request.user.person_id is not None,
        "suggestions": suggested_sheets(request.user), "may_issue": may_issue_sheets(request.user),
    })


@login_required
def issue_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """The office's form for a new sheet on a project, prefilled from the project's table."""
    project = visible_project(request.user, pk)
    if not may_issue_sheets(request.user):
        raise PermissionDenied(_("Only the supervision office issues sheets."))
    periods = request.GET.get("periods", "")[:2]  # from a suggestion: how many red closes in a row
    initial = new_sheet_initial(project, request.user, periods=int(periods) if periods.isdecimal() else None)
    form = SheetForm(initial=initial, project=project)
    if request.method == "POST":
        form = SheetForm(request.POST, project=project)
        if form.is_valid():
            try:
                sheet = services.issue_sheet(user=request.user, project=project, **form.wording())
            except ValidationError as error:
                for message in error.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Sheet %(number)s issued.") % {"number": sheet.number_text})
                return redirect("supervision:sheet", pk=sheet.pk)
    return render(request, "supervision/sheet_issue.html", {"project": project, "form": form},
                  status=400 if form.errors else 200)


@login_required
def sheet(request: HttpRequest, pk: int) -> HttpResponse:
    """A sheet with the moves the user may make now; each move is a POST here naming its `action`."""
    refresh_tiers()
    record = sheet_record(request.user, pk)
    forms = _forms(record)
    if request.method == "POST":
        refused = _act(request, record)
        if refused is None:
            return redirect("supervision:sheet", pk=record.pk)
        record = sheet_record(request.user, pk)
        forms = {**_forms(record), **refused}
    return render(request, "supervision/sheet_detail.html", {
        "sheet": record, "actions": actions_for(request.user, record), "trail": sheet_trail(record), **forms,
    }, status=400 if request.method == "POST" else 200)


def _forms(record: InstructionSheet) -> dict:
    version = {"version": record.version}
    return {"answer_form": AnswerForm(initial=version | {"text": record.answer}),
            "reason_form": ReasonForm(initial=version),
            "reword_form": SheetForm(initial=sheet_initial(record), project=record.project)}


DONE = {"sign": gettext_lazy("Signed for."), "dispute": gettext_lazy("Sent back to the office with your reason."),
        "answer": gettext_lazy("Answer sent."), "return": gettext_lazy("Answer returned to the unit."),
        "close": gettext_lazy("Sheet closed."), "reword": gettext_lazy("Sheet reworded and issued again.")}
# Moves with long texts: refused, they come back in their form beside the message instead of being lost.
KEPT = ("answer", "reword")


def _act(request: HttpRequest, record: InstructionSheet) -> dict | None:
    """Make the move the form names; None when it was made or refused with a message, else the bound form to show."""
    action, user = request.POST.get("action", ""), request.user
    if action not in DONE:
        messages.error(request, _("Unknown action."))
        return None
    form = {"answer": AnswerForm(request.POST, request.FILES),
            "reword": SheetForm(request.POST, project=record.project)}.get(action) or ReasonForm(request.POST)
    calls = {
        "sign": lambda data: services.sign_sheet(user=user, sheet=record, version=data["version"]),
        "dispute": lambda data: services.dispute_sheet(user=user, sheet=record, reason=data["reason"],
                                                       version=data["version"]),
        "answer": lambda data: services.answer_sheet(user=user, sheet=record, text=data["text"], files=form.uploads(),
                                                     version=data["version"]),
        "return": lambda data: services.return_answer(user=user, sheet=record, reason=data["reason"],
                                                      version=data["version"]),
        "close": lambda data: services.close_sheet(user=user, sheet=record, note=data["reason"],
                                                   version=data["version"]),
        "reword": lambda data: services.reword_sheet(user=user, sheet=record, version=data["version"],
                                                     **form.wording()),
    }
    try:
        if not form.is_valid():
            raise ValidationError([])
        calls[action](form.cleaned_data)
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        if action in KEPT:
            return {f"{action}_form": form}
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
        return None
    messages.success(request, DONE[action])
    return None


@login_required
def sheet_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The sheet as the office prints it (A4 .docx)."""
    record = sheet_record(request.user, pk)
    response = HttpResponse(docx_of(record),
                            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    return as_download(response, f"{record.number_text}.docx", f"sheet-{record.year}-{record.number}.docx")


@login_required
def attachment(request: HttpRequest, pk: int) -> HttpResponse:
    """A photo or document of a sheet's answer, only for those who may see the sheet."""
    item = get_object_or_404(SheetAttachment.objects.filter(sheet__in=sheets_for(request.user)), pk=pk)
    return stored_file(request, item.file, content_type=item.content_type, name=item.name,
                       as_attachment=not item.is_image)


@login_required
def escalations(request: HttpRequest) -> HttpResponse:
    """Projects that reached a formal letter, a summons or listed supervision, the gravest first."""
    return render(request, "supervision/sheet_escalations.html", {"escalations": list(escalations_for(request.user))})
