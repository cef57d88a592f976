"""Thin views over progress/services.py; every one starts from what the user may see (404 otherwise)."""

from collections.abc import Callable
from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from progress import selectors, services
from progress.export import TABLE_WORD, progress_table
from progress.forms import CloseRequestForm, NoteForm, ReportForm, ReviewForm, initial_from
from progress.models import Attachment, CoordinationRequest, Report
from projects.access import may_review, unit_role, visible_project, visible_projects
from projects.downloads import as_download, stored_file
from projects.editing import save_keeping_input, status_of
from projects.models import Plan


@login_required
def report(request: HttpRequest, pk: int, month: date) -> HttpResponse:
    """A project's report for one period: the form for its lead unit, the record for everyone else."""
    project = visible_project(request.user, pk)
    existing = Report.objects.filter(project=project, period=month).first()
    role = unit_role(request.user, project)
    writable = role == "lead" and (existing is None or existing.editable)
    if request.method == "POST" and not writable:
        raise PermissionDenied(_("Only an information officer of the lead unit writes this project's report, "
                                 "and only while it is a draft or returned."))
    try:
        period = services.reportable_period(project, month)
    except ValidationError as error:
        if existing is None:
            return render(request, "progress/refused.html", {"project": project, "errors": error.messages}, status=400)
        period = None
    previous = (Report.objects.filter(project=project, period__lt=month, status__in=["submitted", "accepted"])
                .order_by("-period").prefetch_related("disbursements").first())
    form = ReportForm(initial=initial_from(existing, previous), project=project) if writable else None
    conflict = None
    if request.method == "POST":
        form = ReportForm(request.POST, request.FILES, project=project)
        submit = "submit" in request.POST
        if form.is_valid() and submit:
            form.check_submission()
        if form.is_valid():
            saved, conflict = save_keeping_input(
                form, lambda: services.save_report(user=request.user, project=project, month=month,
                                                   data=form.to_input(), version=form.cleaned_data["version"],
                                                   submit=submit, files=form.uploads()),
                services.ReportConflict, lambda clash: clash.report)
            if saved:
                messages.success(request, _("Report submitted.") if submit else _("Draft saved."))
                return redirect("progress:report", pk=project.pk, month=month)
    record = selectors.report_record(project.pk, month)
    return render(request, "progress/report.html", {
        "project": project, "period": period, "month": month, "report": record, "form": form,
        "conflict": conflict, "role": role, "may_review": may_review(request.user) and record is not None,
        "review_form": ReviewForm(initial={"version": record.version}) if record else None,
        "note_form": (NoteForm(initial={"text": selectors.note_text(project, request.user, month)})
                      if role == "assisting" else None),
        "notes": selectors.notes(project, month),
        "milestone": project.milestones.filter(quarter=(month.month - 1) // 3 + 1).first(),
    }, status=status_of(form, conflict))


def _act(request: HttpRequest, action: Callable[[], object], done: str) -> None:
    """One service call for a POST; how it went, refusals included, is told as a message."""
    try:
        action()
    except services.ReportConflict:
        messages.error(request, _("Someone changed the report meanwhile; read it again first."))
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)


def _cleaned(form) -> dict:
    if not form.is_valid():
        raise ValidationError([message for errors in form.errors.values() for message in errors])
    return form.cleaned_data


@login_required
@require_POST
def review(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.filter(project__in=visible_projects(request.user)), pk=report_pk)
    accept = "accept" in request.POST
    _act(request, lambda: services.review_report(user=request.user, report=report, accept=accept,
                                                 **_cleaned(ReviewForm(request.POST))),
         _("Report accepted.") if accept else _("Report returned to the unit."))
    return redirect("progress:report", pk=report.project_id, month=report.period)


@login_required
@require_POST
def withdraw(request: HttpRequest, report_pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.filter(project__in=visible_projects(request.user)), pk=report_pk)
    version = request.POST.get("version", "")
    # isdecimal, not isdigit: "①" is a digit to Python but no number to int().
    _act(request, lambda: services.withdraw_report(user=request.user, report=report,
                                                   version=int(version) if version.isdecimal() else -1),
         _("Report withdrawn; it can be written again."))
    return redirect("progress:report", pk=report.project_id, month=report.period)


@login_required
@require_POST
def note(request: HttpRequest, pk: int, month: date) -> HttpResponse:
    project = visible_project(request.user, pk)
    _act(request, lambda: services.save_assisting_note(user=request.user, project=project, month=month,
                                                       **_cleaned(NoteForm(request.POST))),
         _("Note saved."))
    return redirect("progress:report", pk=project.pk, month=month)


@login_required
@require_POST
def close_request(request: HttpRequest, request_pk: int) -> HttpResponse:
    item = get_object_or_404(CoordinationRequest.objects.filter(project__in=visible_projects(request.user)),
                             pk=request_pk)
    _act(request, lambda: services.close_request(user=request.user, request=item,
                                                 **_cleaned(CloseRequestForm(request.POST))),
         _("Coordination request closed."))
    return redirect("projects:detail", pk=item.project_id)


@login_required
def attachment(request: HttpRequest, attachment_pk: int) -> HttpResponse:
    """A report's photo or document, only for those who may see its project."""
    item = get_object_or_404(
        Attachment.objects.filter(report__project__in=visible_projects(request.user)), pk=attachment_pk)
    return stored_file(request, item.file, content_type=item.content_type, name=item.name,
                       as_attachment=not item.is_image)


@login_required
def export(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """The plan's progress table for one period, of the projects the user may see."""
    projects = visible_projects(request.user)
    plan = get_object_or_404(Plan.objects.filter(pk__in=projects.values("plan_id")), pk=plan_pk)
    try:
        month = date.fromisoformat(request.GET.get("period", "") + "-01")
    except ValueError:
        raise Http404 from None
    if plan.schedule.period(plan.year, month) is None:
        raise Http404
    data = progress_table(plan, month, projects)
    response = HttpResponse(data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    # 鲤城区2023年进展表-2023-06.xlsx: the document's own word, like the table's title (progress/export.py).
    return as_download(response, f"{plan.jurisdiction.name}{plan.year}年{TABLE_WORD}-{month:%Y-%m}.xlsx",
                      f"progress-{plan.year}-{plan.pk}-{month:%Y-%m}.xlsx")
