"""Which stored projects a corrected table may delete: none that the year's work refers to.

A project that units reported on, that a coordination request, a verification, a leader's instruction, an
instruction sheet or an escalation names, stays when its row leaves the table — as does one whose sub-project
is so named, since deleting a project deletes its sub-projects. The relations are found from the models
(every foreign key to Project that PROTECTs it), so a later app's records protect projects without this
module knowing of them."""

from django.db import models
from django.db.models import Exists, ExpressionWrapper, OuterRef, Q, QuerySet

from projects.models import Project


def _protecting() -> list[models.ForeignObjectRel]:
    return [relation for relation in Project._meta.related_objects if relation.on_delete is models.PROTECT]


def _refers() -> Q:
    refers = Q()
    for relation in _protecting():
        field = relation.field.name
        related = relation.related_model._base_manager
        refers |= Q(Exists(related.filter(**{field: OuterRef("pk")})))
        refers |= Q(Exists(related.filter(**{f"{field}__parent": OuterRef("pk")})))
    return refers


def with_records(projects: QuerySet[Project]) -> QuerySet[Project]:
    """`projects` annotated with `has_records`: something of the year's work refers to it or a sub-project."""
    return projects.annotate(has_records=ExpressionWrapper(_refers(), output_field=models.BooleanField()))


def deletable(projects: QuerySet[Project]) -> QuerySet[Project]:
    """The projects among `projects` that nothing of the year's work refers to."""
    return projects.exclude(_refers())
