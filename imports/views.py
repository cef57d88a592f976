from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from imports.forms import ConfirmForm, UploadForm
from imports.layout_choices import choice_from_form, fixed_roles, remember_layouts, role_options
from imports.models import ImportRecord
from imports.reading_form import reading_form, reading_from_post, remember_reading
from imports.services import (
    FILE_GONE,
    confirm_import,
    preview_import,
    preview_upload,
    previewed_options,
    record_preview,
)
from imports.staged_files import staged
from imports.tables import PreviewTable
from projects.access import jurisdiction_ids_of

CAN_IMPORT = "imports.add_importrecord"
PREVIEW_ROWS_PER_PAGE = 50


def visible_records(user) -> QuerySet[ImportRecord]:
    """Imports into the administrator's jurisdictions, and their own previews not yet applied."""
    records = ImportRecord.objects.select_related("user", "plan")
    ids = jurisdiction_ids_of(user)
    return records if ids is None else records.filter(
        Q(plan__jurisdiction_id__in=ids) | Q(plan__isnull=True, user=user))


@login_required
@permission_required(CAN_IMPORT, raise_exception=True)
def upload(request: HttpRequest) -> HttpResponse:
    """Send a table; it is read and checked, and shown as a preview. Nothing is stored yet."""
    form = UploadForm()
    if request.method == "POST":
        limit = settings.MAX_UPLOAD_BYTES
        # Refused before the body is read, let alone parsed.
        if int(request.META.get("CONTENT_LENGTH") or 0) > limit + 64 * 1024:
            messages.error(request, _("The upload is larger than the %(limit)s allowed.")
                           % {"limit": filesizeformat(limit)})
            return redirect("imports:upload")
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            name, data = form.upload()
            records = preview_upload(file_name=name, data=data, jurisdiction=form.cleaned_data["jurisdiction"] or None,
                                     year=form.cleaned_data["year"], user=request.user)
            _say_if_crashed(request, records[0])
            return redirect("imports:preview", pk=records[0].pk)
    recent = visible_records(request.user)[:20]
    return render(request, "imports/upload.html", {"form": form, "recent": recent})


@login_required
@permission_required(CAN_IMPORT, raise_exception=True)
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Every project as it will be stored, the plan's checks, and each warning with its place."""
    record = get_object_or_404(visible_records(request.user), pk=pk)
    summary = record.summary
    table = PreviewTable(summary.projects or [])
    RequestConfig(request, paginate={"per_page": PREVIEW_ROWS_PER_PAGE}).configure(table)
    # The other plans of the same file (a sheet per year or district), previewed beside this one.
    others = visible_records(request.user).filter(
        checksum=record.checksum, status=ImportRecord.Status.PREVIEWED).exclude(pk=record.pk)[:20] \
        if summary.other_plans else []
    return render(request, "imports/preview.html", {
        "record": record, "summary": summary, "table": table, "roles": role_options(),
        "fixed_roles": fixed_roles(),
        "header_row": previewed_options(record).choice.header_row, "others": others,
        "reading": reading_form(summary.reading) if summary.reading else None,
    })


@require_POST
@login_required
@permission_required(CAN_IMPORT, raise_exception=True)
def relayout(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the previewed file again with the column roles and header row the admin corrected.

    The roles chosen are remembered for the header they belong to, so that the next file of the
    same shape is read right away."""
    record = get_object_or_404(visible_records(request.user), pk=pk)
    data = staged(checksum=record.checksum)
    if data is None:
        messages.error(request, _("The uploaded file is no longer available; please upload it again."))
        return redirect("imports:upload")
    options = previewed_options(record)
    choice = choice_from_form(request.POST, record.summary.layouts or [], options.choice)
    fresh = preview_import(file_name=record.file_name, data=data, jurisdiction=options.jurisdiction,
                           year=options.year, reuse=False, choice=choice, sheets=options.sheets, user=request.user)
    remember_layouts(layouts=fresh.draft.layouts, user=request.user)
    return redirect("imports:preview", pk=record_preview(preview=fresh, user=request.user).pk)


@require_POST
@login_required
@permission_required(CAN_IMPORT, raise_exception=True)
def reread(request: HttpRequest, pk: int) -> HttpResponse:
    """Read the previewed list again the way the admin chose (which lines are projects, which head categories).

    The choice is remembered for lists of the same shape, so the same list pasted again is read at once;
    "as the importer does" forgets it. A choice the form did not offer changes nothing."""
    record = get_object_or_404(visible_records(request.user), pk=pk)
    data = staged(checksum=record.checksum)
    if data is None:
        messages.error(request, _("The uploaded file is no longer available; please upload it again."))
        return redirect("imports:upload")
    reading = record.summary.reading
    if not reading or record.status == ImportRecord.Status.APPLIED:
        messages.error(request, _("This preview holds no list to read another way."))
        return redirect("imports:preview", pk=record.pk)
    try:
        chosen = reading_from_post(request.POST, reading)
    except ValueError as refusal:
        messages.error(request, str(refusal))
        return redirect("imports:preview", pk=record.pk)
    if chosen is None:
        remember_reading(shape=reading["shape"], reading=None, user=request.user)
    options = previewed_options(record)
    fresh = preview_import(file_name=record.file_name, data=data, jurisdiction=options.jurisdiction,
                           year=options.year, reuse=False, choice=replace(options.choice, reading=chosen),
                           sheets=options.sheets, user=request.user)
    if chosen is not None:
        remember_reading(shape=reading["shape"], reading=chosen, user=request.user)
    return redirect("imports:preview", pk=record_preview(preview=fresh, user=request.user).pk)


@require_POST
@login_required
@permission_required(CAN_IMPORT, raise_exception=True)
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the previewed table, read afresh with the preview's options so it meets the database as it is now."""
    record = get_object_or_404(visible_records(request.user), pk=pk)
    form = ConfirmForm(request.POST)
    # Unticked (or anything unreadable) keeps the projects no longer in the table.
    delete_missing = form.is_valid() and form.cleaned_data["delete_missing"]
    try:
        record = confirm_import(record=record, user=request.user, delete_missing=delete_missing)
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        if getattr(refusal, "code", None) == FILE_GONE:
            return redirect("imports:upload")
        return redirect("imports:preview", pk=record.pk)
    if record.error_id:
        _say_if_crashed(request, record)
    elif record.status == ImportRecord.Status.FAILED:
        messages.error(request, _("The table could not be imported; see the errors below."))
    else:
        messages.success(request, _("The table is imported."))
    return redirect("imports:preview", pk=record.pk)


def _say_if_crashed(request: HttpRequest, record: ImportRecord) -> None:
    """An import stopped by an unexpected error says so at the top of the page, with its error id."""
    if record.error_id:
        messages.error(request, record.summary.errors[0]["message"])
