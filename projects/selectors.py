"""Named read queries over plans and projects, reused by admin, views, tables and exports."""

from django.db.models import Prefetch, QuerySet

from projects.models import Project, ProjectOrganization, ProjectPerson


def projects_with_people(queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects with plan, category, lead units and supervising leaders loaded in constant queries.

    The loaded lists are on `lead_unit_roles` and `leader_roles`, in printed order."""
    queryset = Project.objects.all() if queryset is None else queryset
    return queryset.select_related("plan__jurisdiction", "category", "parent").prefetch_related(
        Prefetch(
            "unit_roles",
            queryset=ProjectOrganization.objects.filter(role=ProjectOrganization.Role.LEAD)
            .select_related("organization")
            .order_by("position"),
            to_attr="lead_unit_roles",
        ),
        Prefetch(
            "person_roles",
            queryset=ProjectPerson.objects.filter(role=ProjectPerson.Role.LEADER)
            .select_related("person")
            .order_by("position"),
            to_attr="leader_roles",
        ),
    )
