"""Who may see which projects. Every view, form, download and export goes through these.

An account sees the plans of its jurisdiction and of the jurisdictions under it; an information
officer sees only the projects where their unit leads or assists. Anything else is a 404."""

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import User
from accounts.roles import Role
from projects.models import Jurisdiction, Project, ProjectOrganization

# Roles that see everything of their jurisdiction.
WIDE_ROLES = {Role.ADMIN, Role.COORDINATOR, Role.LEADER}
REVIEW_ROLES = {Role.ADMIN, Role.COORDINATOR}


def jurisdiction_ids_under(root_id: int) -> list[int]:
    """The jurisdiction and all those under it: one query per level (cities hold three at most).

    A loop in the rows (saved before the database refused them) ends the walk instead of spinning forever."""
    ids, level = [root_id], [root_id]
    while level:
        level = [pk for pk in Jurisdiction.objects.filter(parent_id__in=level).values_list("id", flat=True)
                 if pk not in ids]
        ids += level
    return ids


def jurisdiction_ids_of(user: User) -> list[int] | None:
    """The jurisdictions the user works in (theirs and those under it); None for a superuser (all)."""
    if user.is_superuser:
        return None
    if not hasattr(user, "_jurisdiction_ids"):
        user._jurisdiction_ids = jurisdiction_ids_under(user.jurisdiction_id) if user.jurisdiction_id else []
    return user._jurisdiction_ids


def roles_of(user) -> set[Role]:
    if not user.is_authenticated:
        return set()
    if not hasattr(user, "_role_set"):
        user._role_set = set(user.roles())
    return user._role_set


def visible_projects(user: User) -> QuerySet[Project]:
    """Every project the user may see, for every page and export to filter further."""
    if not user.is_authenticated or not user.is_active:
        return Project.objects.none()
    if user.is_superuser:
        return Project.objects.all()
    roles = roles_of(user)
    seen = Q(pk__in=[])
    if roles & WIDE_ROLES and user.jurisdiction_id:
        seen |= Q(plan__jurisdiction_id__in=jurisdiction_ids_of(user))
    if Role.OFFICER in roles and user.organization_id:
        seen |= Q(pk__in=ProjectOrganization.objects.filter(organization_id=user.organization_id).values("project_id"))
    return Project.objects.filter(seen)


def visible_through(user: User, relation: str) -> Q:
    """What visible_projects(user) asks of a project, asked of rows that reach it through `relation` ("project").

    The same rows as `relation__in=visible_projects(user)`, as a join instead of a subquery: for the few open
    requests or reports waiting of a province, the database then looks up each one's project and plan, where
    the subquery had it gather the ids of all 200,000 visible projects first."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if user.is_superuser:
        return Q()
    roles = roles_of(user)
    seen = Q(pk__in=[])
    if roles & WIDE_ROLES and user.jurisdiction_id:
        seen |= Q(**{f"{relation}__plan__jurisdiction_id__in": jurisdiction_ids_of(user)})
    if Role.OFFICER in roles and user.organization_id:
        units = ProjectOrganization.objects.filter(organization_id=user.organization_id)
        seen |= Q(**{f"{relation}__in": units.values("project_id")})
    return seen


def scope_key(user: User) -> str:
    """A short text naming what `visible_projects(user)` returns, for caching what is derived from it."""
    if user.is_superuser:
        return "all"
    roles = roles_of(user)
    wide = jurisdiction_ids_of(user) if roles & WIDE_ROLES else []
    unit = user.organization_id if Role.OFFICER in roles else None
    return f"j{','.join(map(str, sorted(wide)))}u{unit}"


def visible_project(user: User, pk: int, queryset: QuerySet[Project] | None = None) -> Project:
    """The project if the user may see it; a guessed address for someone else's answers 404."""
    queryset = visible_projects(user) if queryset is None else queryset & visible_projects(user)
    try:
        return queryset.get(pk=pk)
    except Project.DoesNotExist:
        raise Http404 from None


def unit_role(user: User, project: Project) -> str | None:
    """'lead' or 'assisting' when the user is an officer of one of the project's units."""
    if Role.OFFICER not in roles_of(user) or not user.organization_id:
        return None
    roles = ProjectOrganization.objects.filter(project=project, organization_id=user.organization_id)
    found = set(roles.values_list("role", flat=True))
    return "lead" if "lead" in found else ("assisting" if found else None)


def may_review(user: User) -> bool:
    return user.is_superuser or bool(roles_of(user) & REVIEW_ROLES)


def may_close_requests(user: User) -> bool:
    return user.is_superuser or bool(roles_of(user) & WIDE_ROLES)
