"""Leaders' instructions: the leader's form on a project, an instruction's page (answer, close, trail), the lists.

Every page starts from the projects the user may see: an instruction on any other project is a 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.roles import Role
from progress.models import CoordinationRequest
from projects.access import may_review, roles_of, visible_project, visible_projects
from supervision import instructions as services
from supervision.events import trail
from supervision.models import Event, Instruction
from supervision.rules import rules_for
from supervision.selectors import instructions as selectors
from supervision.views.instruction_forms import AnswerForm, CloseForm, InstructionForm


def _request_of(project, raw: str | None) -> CoordinationRequest | None:
    """The coordination request named in ?request=, which must be one of the project's (else 404)."""
    if not raw:
        return None
    if not raw.isdecimal():
        raise Http404
    return get_object_or_404(CoordinationRequest.objects.filter(project=project), pk=int(raw))


@login_required
def write_instruction(request: HttpRequest, pk: int) -> HttpResponse:
    """A leader's instruction on a project, or on one of its coordination requests."""
    project = visible_project(request.user, pk)
    if not services.may_write(request.user, project):
        raise PermissionDenied(_("Only leaders write instructions."))
    coordination = _request_of(project, request.GET.get("request"))
    form = InstructionForm(request.POST or None, rules=rules_for(project.plan.jurisdiction_id))
    if request.method == "POST" and form.is_valid():
        try:
            written = services.write_instruction(user=request.user, project=project, request=coordination,
                                                 **form.cleaned_data)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Instruction written; the lead unit answers by %(due)s.") % {
                "due": written.due.isoformat()})
            return redirect("supervision:instruction", pk=written.pk)
    return render(request, "supervision/instruction_form.html", {
        "project": project, "coordination": coordination, "form": form,
    }, status=400 if form.errors else 200)


@login_required
def instruction(request: HttpRequest, pk: int) -> HttpResponse:
    """An instruction with its answer and trail; the unit's officer answers here, the leader closes here."""
    item = get_object_or_404(Instruction.objects.filter(project__in=visible_projects(request.user))
                             .select_related("project__plan", "organization", "author", "answered_by", "closed_by",
                                             "request"), pk=pk)
    is_open = item.status != Instruction.Status.CLOSED
    answerable = is_open and services.may_answer(request.user, item)
    closable = is_open and services.may_close(request.user, item)
    answer_form = AnswerForm(initial={"version": item.version, "text": item.answer}) if answerable else None
    close_form = CloseForm(initial={"version": item.version}) if closable else None
    conflict = None
    if request.method == "POST":
        answering = "answer" in request.POST
        # Whether the person may act at all; the state (closed meanwhile) is the service's to refuse with a message.
        if not (services.may_answer if answering else services.may_close)(request.user, item):
            raise PermissionDenied(_("You may not answer or close this instruction."))
        form = (AnswerForm if answering else CloseForm)(request.POST)
        if form.is_valid():
            act = services.answer_instruction if answering else services.close_instruction
            try:
                act(user=request.user, instruction=item, **form.cleaned_data)
            except services.InstructionConflict as clash:
                # The words typed are kept; sending again now starts from the version just read.
                conflict = clash.instruction
                form.data = form.data.copy()
                form.data["version"] = conflict.version
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                return redirect("supervision:instruction", pk=item.pk)
            else:
                messages.success(request, _("Answer sent to the leader.") if answering else _("Instruction closed."))
                return redirect("supervision:instruction", pk=item.pk)
        answer_form, close_form = (form, close_form) if answering else (answer_form, form)
    return render(request, "supervision/instruction_detail.html", {
        "item": item, "answer_form": answer_form, "close_form": close_form, "conflict": conflict,
        "events": trail(subject=Event.Subject.INSTRUCTION, subject_id=item.pk),
    }, status=409 if conflict else (400 if request.method == "POST" else 200))


@login_required
def instructions(request: HttpRequest) -> HttpResponse:
    """Each role's instructions: the unit's to answer, the leader's to close and awaiting, the office's open ones."""
    user, roles = request.user, roles_of(request.user)
    sections = []
    if Role.OFFICER in roles:
        sections.append((_("To answer"), list(selectors.instructions_to_answer(user))))
    if Role.LEADER in roles:
        sections.append((_("Answered, waiting for you to close"), list(selectors.instructions_answered_for(user))))
        sections.append((_("Written by you, waiting for an answer"), list(selectors.instructions_written_by(user))))
    if may_review(user) or Role.LEADER in roles:
        sections.append((_("Not closed, in your jurisdictions"), list(selectors.open_instructions(user))))
    return render(request, "supervision/instruction_list.html", {"sections": sections})
