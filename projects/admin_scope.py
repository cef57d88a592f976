"""The admin site for administrators of one jurisdiction: they see and choose only what lies in it.

Superusers see everything. Filters on a jurisdiction offer only the related values in use
(RelatedOnlyFieldListFilter), so no other district's name shows up there either. Every ModelAdmin and inline of the
product inherits this, so a list, a change page, a search, an autocomplete and a foreign key posted by hand are all
scoped alike.

The map fails closed: the site (projects/admin_site.py) gives a model that SCOPES does not name to superusers only,
whoever registers it (our apps, django-axes, django.contrib.auth), and `scoped()` shows such a model's rows to
nobody else."""

from django.contrib import admin
from django.db.models import Model, QuerySet

from projects.access import jurisdiction_ids_of

# Rows every jurisdiction uses alike (the funding sources, remembered column layouts): not filtered.
SHARED = ""

# model label -> the lookup from that model to the jurisdiction it belongs to (SHARED: none).
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
    "projects.fundingsource": SHARED,
    "progress.report": "project__plan__jurisdiction",
    "progress.revision": "report__project__plan__jurisdiction",
    "progress.disbursement": "report__project__plan__jurisdiction",
    "progress.attachment": "report__project__plan__jurisdiction",
    "progress.coordinationrequest": "project__plan__jurisdiction",
    "progress.assistingnote": "project__plan__jurisdiction",
    "progress.projectstatus": "project__plan__jurisdiction",
    "progress.lightchange": "project__plan__jurisdiction",
    "progress.verification": "project__plan__jurisdiction",
    "imports.importrecord": "plan__jurisdiction",
    "supervision.rules": "jurisdiction",
    "imports.savedlayout": SHARED,
    "imports.savedreading": SHARED,
    "accounts.user": "jurisdiction",
    # The trail: entries of the people of the administrator's jurisdictions (a snapshot of theirs, not a key).
    "audit.auditentry": "actor_jurisdiction_id",
}

# Registered in the admin site for superusers only: the role groups (their permissions are the product's
# rules, accounts/roles.py) and django-axes' sign-in records (addresses and user names of every jurisdiction).
SUPERUSER_ONLY = {"auth.group", "axes.accessattempt", "axes.accesslog", "axes.accessfailurelog"}


def scoped(queryset: QuerySet, request) -> QuerySet:
    """`queryset` limited to the jurisdiction of the signed-in administrator; nothing of a model SCOPES lacks."""
    ids = jurisdiction_ids_of(request.user)
    if ids is None:
        return queryset
    lookup = SCOPES.get(queryset.model._meta.label_lower)
    if lookup is None:
        return queryset.none()
    return queryset.filter(**{f"{lookup}__in": ids}) if lookup else queryset


class ChangedBySuperusersOnly:
    """Shared rows: every administrator sees and chooses them, only a superuser adds, renames or deletes one,
    since renaming 区财政 would rename it for every city."""

    def has_add_permission(self, request, *args) -> bool:
        return request.user.is_superuser and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_delete_permission(request, obj)


class SuperuserOnly(ChangedBySuperusersOnly):
    """Mixed by the site into the admin of a model SCOPES does not name: absent from the index, 403 for every page
    (list, change, add, delete, history, autocomplete) to anyone but a superuser."""

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser and super().has_view_permission(request, obj)


class ScopedForeignKeys:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related: type[Model] = db_field.related_model
        if "queryset" not in kwargs:
            kwargs["queryset"] = scoped(related._default_manager.all(), request)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ScopedAdmin(ScopedForeignKeys, admin.ModelAdmin):
    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)


class ScopedTabularInline(ScopedForeignKeys, admin.TabularInline):
    def get_queryset(self, request):
        return scoped(super().get_queryset(request), request)
