from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from progress import lights, selectors
from progress.forms import CloseRequestForm
from progress.models import Report
from projects.access import may_close_requests, unit_role
from projects.models import Project, ProjectOrganization


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project with its reports, milestones, light and who to call."""
    try:
        project = selectors.project_record(pk, request.user)
    except Project.DoesNotExist:
        raise Http404 from None
    today = timezone.localdate()
    plan = project.plan
    status = getattr(project, "status", None)
    lead_ids = [role.organization_id for role in project.lead_unit_roles]
    return render(request, "projects/detail.html", {
        "project": project, "plan": plan, "status": status,
        "assisting": [role for role in project.unit_roles.all() if role.role == ProjectOrganization.Role.ASSISTING],
        "reasons": [lights.describe(reason) for reason in status.reasons] if status else [],
        "current": plan.schedule.current(plan.year, today),
        "periods": plan.schedule.periods(plan.year),
        "reports": project.reports.all(), "role": unit_role(request.user, project),
        "officers": selectors.officers_of(lead_ids),
        "requests": project.requests.all(), "may_close": may_close_requests(request.user),
        "close_form": CloseRequestForm(), "statuses": Report.Status,
    })
