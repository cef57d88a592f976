"""Named read queries of progress: open requests, a leader's projects, a project's and a report's record.

The task page's own queries are pages/tasks.py's."""

from datetime import date

from django.db.models import Count, Prefetch, QuerySet

from accounts.models import User
from accounts.roles import Role
from progress.models import AssistingNote, CoordinationRequest, Disbursement, Report, Revision
from projects.access import visible_projects, visible_through
from projects.models import Project, ProjectPerson
from projects.selectors import projects_with_people


def open_requests(projects: QuerySet[Project]) -> QuerySet[CoordinationRequest]:
    return (CoordinationRequest.objects.filter(closed_at__isnull=True, project__in=projects)
            .select_related("project__plan", "report__organization").order_by("opened_at"))


def open_requests_seen_by(user: User) -> QuerySet[CoordinationRequest]:
    """open_requests(visible_projects(user)), each request's project looked up rather than all of them gathered."""
    return (CoordinationRequest.objects.filter(visible_through(user, "project"), closed_at__isnull=True)
            .select_related("project__plan", "report__organization").order_by("opened_at"))


def supervised(user: User) -> QuerySet[Project]:
    """A leader's own projects: those they are the supervising leader of."""
    if not user.person_id:
        return Project.objects.none()
    return visible_projects(user).filter(
        person_roles__person_id=user.person_id, person_roles__role=ProjectPerson.Role.LEADER)


def project_record(project_pk: int, user: User) -> Project:
    """A project with everything its page shows, in a constant number of queries."""
    reports = Report.objects.select_related("organization").prefetch_related(
        Prefetch("disbursements", queryset=Disbursement.objects.select_related("source")),
    ).order_by("-period")
    # Sub-projects as the user may open them (an officer may see the parent through another unit's part),
    # and how many there are in all, so the page can say that others exist without naming them.
    mine = visible_projects(user)
    return projects_with_people(mine.filter(pk=project_pk)).select_related("status").annotate(
        sub_project_total=Count("sub_projects", distinct=True),
    ).prefetch_related(
        Prefetch("reports", queryset=reports),
        Prefetch("assisting_notes", queryset=AssistingNote.objects.select_related("organization", "author")),
        Prefetch("requests", queryset=CoordinationRequest.objects.select_related("closed_by").order_by("-opened_at")),
        "milestones", "fundings__source", "unit_roles__organization", "person_roles__person",
        Prefetch("sub_projects", queryset=mine.order_by("position"), to_attr="visible_sub_projects"),
    ).get()


def officers_of(organization_ids: list[int]) -> QuerySet[User]:
    """Who to call: the information officers of the given units."""
    return (User.objects.filter(organization_id__in=organization_ids, is_active=True, groups__name=Role.OFFICER.value)
            .select_related("organization").order_by("organization__name", "last_name", "username"))


def report_record(project_pk: int, month: date) -> Report | None:
    """One report with its money, files and history."""
    return (Report.objects.filter(project_id=project_pk, period=month)
            .select_related("organization", "reported_by", "reviewed_by")
            .prefetch_related(Prefetch("disbursements", queryset=Disbursement.objects.select_related("source")),
                              "attachments",
                              Prefetch("revisions",
                                       queryset=Revision.objects.select_related("author").order_by("-version")))
            .first())


def notes(project: Project, month: date) -> QuerySet[AssistingNote]:
    return AssistingNote.objects.filter(project=project, period=month).select_related("organization", "author")


def note_text(project: Project, user: User, month: date) -> str:
    note = AssistingNote.objects.filter(project=project, period=month, organization_id=user.organization_id).first()
    return note.text if note else ""
