"""Named read queries over plans and projects, reused by admin, views, tables and exports."""

from django.db.models import Prefetch, QuerySet

from projects.models import Project, ProjectOrganization, ProjectPerson


def projects_with_people(queryset: QuerySet[Project] | None = None) -> QuerySet[Project]:
    """Projects with plan, category, lead units and supervising leaders loaded in constant queries.

    The loaded lists are on `lead_unit_roles` and `leader_roles`, in printed order."""
    queryset = Project.objects.all() if queryset is None else queryset
    return queryset.select_related("plan__jurisdiction", "category", "parent").prefetch_related(
        _in_order("unit_roles", ProjectOrganization.objects.filter(role=ProjectOrganization.Role.LEAD)
                  .select_related("organization"), to_attr="lead_unit_roles"),
        _in_order("person_roles", ProjectPerson.objects.filter(role=ProjectPerson.Role.LEADER)
                  .select_related("person"), to_attr="leader_roles"),
    )


# Long texts a list row never shows: left out, the rows the database sorts are a tenth as wide.
LONG_TEXTS = ("content", "reason", "preparation", "work_plan", "funding_text", "remarks", "extra")


def projects_for_list(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Projects as a list row shows them: plan, place, light, lead units and leaders, in constant queries."""
    return queryset.select_related("plan__jurisdiction__parent", "status").defer(*LONG_TEXTS).prefetch_related(
        _in_order("unit_roles", ProjectOrganization.objects.filter(role=ProjectOrganization.Role.LEAD)
                  .select_related("organization").only("project_id", "position", "organization__name"),
                  to_attr="lead_unit_roles"),
        _in_order("person_roles", ProjectPerson.objects.filter(role=ProjectPerson.Role.LEADER)
                  .select_related("person").only("project_id", "position", "person__name"), to_attr="leader_roles"),
    )


def _in_order(lookup: str, queryset: QuerySet, *, to_attr: str) -> Prefetch:
    """A prefetch of one role's rows in printed order."""
    return Prefetch(lookup, queryset=queryset.order_by("position"), to_attr=to_attr)
