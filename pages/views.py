"""The pages that combine several apps: the project list and its exports, the project page, the plan table,
the dashboard and every role's task page. They sit above projects, progress and imports (README: Layout)."""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from accounts.roles import ROLE_ABILITIES, Role
from pages import cycle, lists, record
from pages import tasks as task_selectors
from pages.dashboard import build as build_dashboard
from pages.dashboard import choose_scope
from pages.filters import jurisdiction_choices
from pages.paging import TwoStepPaginator
from pages.plan_table import SHEET_TITLE, plan_table
from progress import lights, selectors
from progress.forms import CloseRequestForm
from progress.models import Report
from projects import clock
from projects.access import may_close_requests, roles_of, unit_role, visible_projects
from projects.downloads import as_download
from projects.models import Plan, Project, ProjectOrganization
from projects.schedule import is_over, year_end
from projects.tables import ProjectTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project with its reports, milestones, light and who to call."""
    try:
        project = selectors.project_record(pk, request.user)
    except Project.DoesNotExist:
        raise Http404 from None
    today = clock.today()
    plan = project.plan
    over = is_over(plan.year, today)
    status = getattr(project, "status", None)
    lead_ids = [role.organization_id for role in project.lead_unit_roles]
    reports = record.handed_in(project)
    requests = list(project.requests.all())
    return render(request, "projects/detail.html", {
        "funding": record.funding_rows(project, reports), "milestones": record.milestones(project, reports),
        "curve": record.curve(reports), "chart_points": [r for r in reports if r.percent_complete is not None],
        "project": project, "plan": plan, "status": status,
        "hidden_sub_projects": project.sub_project_total - len(project.visible_sub_projects),
        "assisting": [role for role in project.unit_roles.all() if role.role == ProjectOrganization.Role.ASSISTING],
        "reasons": [lights.describe(reason) for reason in status.reasons] if status else [],
        # A past year's reports are due no more: its page says when the year ended instead.
        "current": None if over else plan.schedule.current(plan.year, today),
        "year_over": over, "year_end": year_end(plan.year),
        "periods": plan.schedule.periods(plan.year),
        "reports": project.reports.all(), "role": unit_role(request.user, project),
        "officers": selectors.officers_of(lead_ids),
        "requests": requests, "may_close": may_close_requests(request.user),
        "close_form": CloseRequestForm(), "statuses": Report.Status,
        "cycle": cycle.project_cycle(request.user, project, requests),
    })


@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    """Every project the user may see, filtered by the query string, sortable, a page at a time."""
    filters = lists.filtered(request)
    table = ProjectTable(lists.rows(filters))
    RequestConfig(request, paginate={"per_page": lists.page_size(request),
                                     "paginator_class": TwoStepPaginator}).configure(table)
    query = request.GET.copy()
    for key in ("page", "sort"):
        query.pop(key, None)
    return render(request, "projects/list.html", {
        "filter": filters, "table": table, "page_sizes": lists.PAGE_SIZES, "per_page": lists.page_size(request),
        "query": request.GET.urlencode(), "filter_query": query.urlencode(),
    })


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    filters = lists.filtered(request)
    header, rows = lists.export_rows(lists.ordered(lists.rows(filters), request.GET.get("sort", "")))
    if kind == "csv":
        response = HttpResponse(lists.as_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(lists.as_xlsx(header, rows), content_type=XLSX)
    today = timezone.localdate()
    return as_download(response, f"{_('project list')}-{today:%Y%m%d}.{kind}", f"projects-{today:%Y%m%d}.{kind}")


@login_required
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")


@login_required
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@login_required
def plan_table_xlsx(request: HttpRequest, plan_pk: int) -> HttpResponse:
    """A plan as its responsibility table, of the projects the user may see; the importer reads it back."""
    projects = visible_projects(request.user)
    plan = get_object_or_404(Plan.objects.filter(pk__in=projects.values("plan_id")), pk=plan_pk)
    response = HttpResponse(plan_table(plan, projects), content_type=XLSX)
    # 鲤城区2022年责任分解表.xlsx: the document's own word, as on the sheet (pages/plan_table.py).
    return as_download(response, f"{plan.jurisdiction.name}{plan.year}年{SHEET_TITLE}.xlsx",
                      f"responsibility-table-{plan.year}-{plan.pk}.xlsx")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """A jurisdiction's year at a glance; a leader starts from the projects they supervise."""
    jurisdictions = list(jurisdiction_choices(request))
    choice = choose_scope(request.user, request.GET, jurisdictions)
    board = build_dashboard(choice.projects, jurisdiction=choice.jurisdiction, year=choice.year, person=choice.person,
                            today=timezone.localdate())
    return render(request, "projects/dashboard.html", {
        "board": board, "jurisdictions": jurisdictions, "years": choice.years, "base": urlencode(choice.query),
        "can_choose_mine": bool(request.user.person_id),
        "cycle": cycle.dashboard_cycle(request.user, choice.projects),
    })


@login_required
def tasks(request: HttpRequest) -> HttpResponse:
    """Every role's landing page: what it must do now."""
    today = clock.today()
    roles = sorted(roles_of(request.user), key=list(Role).index)  # read once, for the page and its selectors
    return render(request, "progress/tasks.html", {
        "today": today, "role_list": roles,
        "abilities": [ability for role in roles for ability in ROLE_ABILITIES[role]],
        **task_selectors.tasks_for(request.user, today, all_waiting=request.GET.get("waiting") == "all"),
    })
