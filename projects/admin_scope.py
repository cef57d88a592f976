"""The admin site for administrators of one jurisdiction: they see and choose only what lies in it.

Superusers see everything. Filters on a jurisdiction offer only the related values in use
(RelatedOnlyFieldListFilter), so no other district's name shows up there either.
Every ModelAdmin and inline of the product inherits this, so a list,
a change page, a search, an autocomplete and a foreign key posted by hand are all scoped alike."""

from django.contrib import admin
from django.db.models import Model, QuerySet

from projects.access import jurisdiction_ids_of

# model label -> the lookup from that model to the jurisdiction it belongs to.
SCOPES = {
    "projects.jurisdiction": "pk",
    "projects.plan": "jurisdiction",
    "projects.category": "plan__jurisdiction",
    "projects.project": "plan__jurisdiction",
    "projects.organization": "jurisdiction",
    "projects.organizationalias": "organization__jurisdiction",
    "projects.person": "jurisdiction",
    "projects.projectorganization": "project__plan__jurisdiction",
    "projects.projectperson": "project__plan__jurisdiction",
    "projects.funding": "project__plan__jurisdiction",
    "projects.quarterlymilestone": "project__plan__jurisdiction",
    "progress.report": "project__plan__jurisdiction",
    "progress.coordinationrequest": "project__plan__jurisdiction",
    "progress.assistingnote": "project__plan__jurisdiction",
    "progress.projectstatus": "project__plan__jurisdiction",
    "imports.importrecord": "plan__jurisdiction",
    "accounts.user": "jurisdiction",
}


def scoped(queryset: QuerySet, request) -> QuerySet:
    """`queryset` limited to the jurisdiction of the signed-in administrator."""
    lookup = SCOPES.get(queryset.model._meta.label_lower)
    ids = jurisdiction_ids_of(request.user)
    if lookup is None or ids is None:
        return queryset
    return queryset.filter(**{f"{lookup}__in": ids})


class ScopedForeignKeys:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related: type[Model] = db_field.related_model
        if related._meta.label_lower in SCOPES and "queryset" not in kwargs:
            kwargs["queryset"] = scoped(related._default_manager.all(), request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdmin(ScopedForeignKeys, admin.ModelAdmin):
    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)


class ScopedTabularInline(ScopedForeignKeys, admin.TabularInline):
    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)
