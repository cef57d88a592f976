from django.contrib import admin
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from projects.admin_scope import ChangedBySuperusersOnly, ScopedAdmin, ScopedTabularInline
from projects.admin_widgets import PreloadedAutocompleteSelect
from projects.models import (
    Category,
    Funding,
    FundingSource,
    Jurisdiction,
    Organization,
    OrganizationAlias,
    Person,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)
from projects.selectors import projects_with_people

# Characters of a project's name the list shows; names of 100 characters and more exist (seed tables).
NAME_SHOWN = 40


class PreloadedInline(ScopedTabularInline):
    """An inline whose one foreign key is an autocomplete filled from a single query.

    `related_field` names that key; rows load it with select_related, so neither the
    rows' titles nor their widgets query once per row."""

    related_field: str
    extra = 0

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(self.related_field)

    def get_formset(self, request, obj=None, **kwargs):
        related = self.model._meta.get_field(self.related_field).related_model
        labels = {}
        if obj is not None:
            rows = related.objects.filter(
                pk__in=self.model.objects.filter(project=obj).values(self.related_field)
            )
            labels = {str(row.pk): str(row) for row in rows}
        # formfield_for_foreignkey has no obj argument; the request carries the labels there.
        request.preloaded_labels = labels
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.related_field:
            kwargs["widget"] = PreloadedAutocompleteSelect(
                db_field, self.admin_site, labels=getattr(request, "preloaded_labels", {})
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class ProjectOrganizationInline(PreloadedInline):
    model = ProjectOrganization
    related_field = "organization"
    fields = ["role", "position", "organization"]


class ProjectPersonInline(PreloadedInline):
    model = ProjectPerson
    related_field = "person"
    fields = ["role", "position", "person"]


class FundingInline(PreloadedInline):
    model = Funding
    related_field = "source"
    fields = ["source", "amount", "note"]


class MilestoneInline(ScopedTabularInline):
    model = QuarterlyMilestone
    extra = 0
    fields = ["quarter", "planned", "target_percent"]


class ProjectChildAdmin(ScopedAdmin):
    """A row that belongs to one project: writing it by hand makes the next import take the project as updated."""

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # A row moved to another project changes both; the form still knows the first.
        _edited_by_hand([obj.project_id, form.initial.get("project")])

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        _edited_by_hand([obj.project_id])

    def delete_queryset(self, request, queryset):
        projects = list(queryset.values_list("project_id", flat=True))
        super().delete_queryset(request, queryset)
        _edited_by_hand(projects)


def _edited_by_hand(project_ids: list) -> None:
    """Edited by hand: the next import of the table must not take these projects as unchanged."""
    Project.objects.filter(pk__in=[pk for pk in project_ids if pk]).update(import_fingerprint="")


@admin.register(Project)
class ProjectAdmin(ScopedAdmin):
    # What a reader looks for first: which project, who does it, who answers for it; then where it is listed.
    list_display = ["number", "project_name", "lead_units", "leaders", "plan", "category", "total_investment"]
    list_display_links = ["number", "project_name"]
    list_filter = ["plan__year", "plan__kind", ("plan__jurisdiction", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "content", "number"]
    autocomplete_fields = ["plan", "category", "parent"]
    inlines = [ProjectOrganizationInline, ProjectPersonInline, FundingInline, MilestoneInline]
    fieldsets = [
        (None, {"fields": ["plan", "category", "parent", "position", "number", "key", "name"]}),
        (_("What will be done"), {"fields": ["content", "reason", "preparation", "work_plan", "deadline"]}),
        (
            _("Money"),
            {"fields": [
                "construction_period", "total_investment", "annual_investment",
                "investment_is_approximate", "funding_text",
            ]},
        ),
        (_("Other"), {"fields": ["remarks", "extra"]}),
    ]

    def get_queryset(self, request):
        return projects_with_people(super().get_queryset(request))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        _edited_by_hand([form.instance.pk])

    @admin.display(description=_("name"), ordering="name")
    def project_name(self, project: Project) -> str:
        """A long name cut to what fits beside the units, the whole of it on hover."""
        short = Truncator(project.name).chars(NAME_SHOWN)
        return format_html('<span class="cut" title="{}">{}</span>', project.name, short)

    @admin.display(description=_("lead units"))
    def lead_units(self, project: Project) -> str:
        return "、".join(role.organization.name for role in project.lead_unit_roles)

    @admin.display(description=_("supervising leaders"))
    def leaders(self, project: Project) -> str:
        return "、".join(role.person.name for role in project.leader_roles)


@admin.register(Jurisdiction)
class JurisdictionAdmin(ScopedAdmin):
    list_display = ["name", "parent", "level", "late_days", "request_days", "yellow_points", "red_points"]
    list_select_related = ["parent"]
    list_filter = ["level"]
    search_fields = ["name"]
    autocomplete_fields = ["parent"]

    def get_readonly_fields(self, request, obj=None):
        # An administrator's own jurisdiction hangs from one outside their choices (the city): the form
        # would post it empty and cut the district loose. Its place in the tree is the superuser's to change.
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and not request.user.is_superuser and obj.pk == request.user.jurisdiction_id:
            return [*fields, "parent"]
        return fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent" and not request.user.is_superuser:
            # Without a parent a jurisdiction would leave the administrator's own tree, and their sight.
            field.required = True
        return field


class CategoryInline(ScopedTabularInline):
    model = Category
    extra = 0


@admin.register(Plan)
class PlanAdmin(ScopedAdmin):
    list_display = ["title", "jurisdiction", "year", "kind", "report_frequency", "document_number", "issued_on"]
    list_select_related = ["jurisdiction__parent"]
    list_filter = ["year", "kind", ("jurisdiction", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "document_number", "jurisdiction__name"]
    autocomplete_fields = ["jurisdiction"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(ScopedAdmin):
    list_display = ["name", "plan", "position", "declared_count"]
    list_select_related = ["plan"]
    list_filter = ["plan__year"]
    search_fields = ["name", "plan__title"]
    autocomplete_fields = ["plan"]


class AliasInline(ScopedTabularInline):
    model = OrganizationAlias
    extra = 0


@admin.register(Organization)
class OrganizationAdmin(ScopedAdmin):
    list_display = ["name", "jurisdiction", "kind"]
    list_select_related = ["jurisdiction__parent"]
    list_filter = ["kind", ("jurisdiction", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "aliases__name"]
    autocomplete_fields = ["jurisdiction"]
    inlines = [AliasInline]


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(ScopedAdmin):
    list_display = ["name", "organization"]
    list_select_related = ["organization"]
    search_fields = ["name", "organization__name"]
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(ScopedAdmin):
    list_display = ["name", "jurisdiction"]
    list_select_related = ["jurisdiction__parent"]
    list_filter = [("jurisdiction", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name"]
    autocomplete_fields = ["jurisdiction"]


@admin.register(FundingSource)
class FundingSourceAdmin(ChangedBySuperusersOnly, ScopedAdmin):
    list_display = ["name", "position"]
    search_fields = ["name"]


class ProjectLinkAdmin(ProjectChildAdmin):
    """The rows that tie a project to something else; mostly edited as inlines on the project."""

    related_field: str
    list_filter = ["project__plan__year"]

    def get_list_display(self, request):
        return ["project", self.related_field, *self.extra_columns]

    def get_list_select_related(self, request):
        return ["project", self.related_field]

    def get_autocomplete_fields(self, request):
        return ["project", self.related_field]


@admin.register(ProjectOrganization)
class ProjectOrganizationAdmin(ProjectLinkAdmin):
    related_field = "organization"
    extra_columns = ["role", "position"]
    search_fields = ["project__name", "organization__name"]


@admin.register(ProjectPerson)
class ProjectPersonAdmin(ProjectLinkAdmin):
    related_field = "person"
    extra_columns = ["role", "position"]
    search_fields = ["project__name", "person__name"]


@admin.register(Funding)
class FundingAdmin(ProjectLinkAdmin):
    related_field = "source"
    extra_columns = ["amount", "note"]
    search_fields = ["project__name", "source__name"]


@admin.register(QuarterlyMilestone)
class QuarterlyMilestoneAdmin(ProjectChildAdmin):
    list_display = ["project", "quarter", "planned", "target_percent"]
    list_select_related = ["project"]
    list_filter = ["quarter"]
    search_fields = ["project__name", "planned"]
    autocomplete_fields = ["project"]
