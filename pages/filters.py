"""The project list's filters; the query string is the filter, so a list can be bookmarked and sent.

Every choice offered comes from what the user may see, and every filter narrows the queryset the
view starts from (projects.access.visible_projects), so no filter can widen what someone sees."""

import hashlib
from datetime import date

import django_filters
from django import forms
from django.core.cache import cache
from django.db.models import Exists, Max, Min, OuterRef, Q, QuerySet
from django.forms.utils import flatatt
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from pages.options import Options
from progress.models import CoordinationRequest, ProjectStatus, Report
from projects.access import jurisdiction_ids_of, jurisdiction_ids_under, scope_key, visible_projects
from projects.categories import category_order
from projects.models import (
    Category,
    FundingSource,
    Jurisdiction,
    Organization,
    Person,
    Plan,
    Project,
    ProjectOrganization,
    ProjectPerson,
)

CHOICES_SECONDS = 300
COUNTED = [Report.Status.SUBMITTED, Report.Status.ACCEPTED]
# Every choice list starts with this empty choice, selected until the user picks another: a select
# without one sends its first entry (the newest year, the first unit) and the list finds nothing.
ALL = _("all")
YES_NO = [("", ALL), ("1", _("yes")), ("0", _("no"))]


def _visible(request) -> QuerySet[Project]:
    if request is None:
        return Project.objects.none()
    if not hasattr(request, "_visible_projects"):
        request._visible_projects = visible_projects(request.user)
    return request._visible_projects


def jurisdiction_choices(request) -> QuerySet[Jurisdiction]:
    """The jurisdictions the user works in that hold plans or have jurisdictions under them."""
    ids = jurisdiction_ids_of(request.user) if request else []
    jurisdictions = Jurisdiction.objects.all() if ids is None else Jurisdiction.objects.filter(pk__in=ids)
    return jurisdictions.filter(Q(plans__isnull=False) | Q(children__isnull=False)).distinct()


def _plans(request) -> QuerySet[Plan]:
    return Plan.objects.filter(pk__in=_visible(request).values("plan_id")).select_related("jurisdiction__parent")


def _units(request, role: str) -> list[tuple[int, str]]:
    """The units with this role in the visible projects, named with their jurisdiction (two districts
    both have a 区住建局); read as plain values, since a city has a thousand of them."""
    roles = ProjectOrganization.objects.filter(role=role, project__in=_visible(request))
    units = Organization.objects.filter(pk__in=roles.values("organization_id")).order_by("name", "jurisdiction__name")
    return [(pk, f"{name}（{place}）") for pk, name, place in units.values_list("pk", "name", "jurisdiction__name")]


def _leaders(request) -> list[tuple[int, str]]:
    roles = ProjectPerson.objects.filter(role=ProjectPerson.Role.LEADER, project__in=_visible(request))
    people = Person.objects.filter(pk__in=roles.values("person_id")).order_by("name", "jurisdiction__name")
    return [(pk, f"{name}（{place}）") for pk, name, place in people.values_list("pk", "name", "jurisdiction__name")]


def choice_lists(request) -> dict[str, list[tuple]]:
    """The year, category, unit and leader choices of what the user may see.

    Kept for a few minutes per scope: reading and naming a city's thousand units and leaders was a
    third of the list page. New rows (an import, a project added) show at once, since the key holds
    the newest ids; a role edited in place shows after CHOICES_SECONDS."""
    if request is None:
        return {}
    versions = [model.objects.aggregate(newest=Max("pk"))["newest"] for model in (Plan, Category, ProjectOrganization,
                                                                                    ProjectPerson)]
    key = "project-list-choices:" + hashlib.sha256(f"{scope_key(request.user)}|{versions}".encode()).hexdigest()
    if (found := cache.get(key)) is not None:
        return found
    visible = _visible(request)
    years = sorted(set(Plan.objects.filter(pk__in=visible.values("plan_id")).values_list("year", flat=True)),
                   reverse=True)
    names = Category.objects.filter(pk__in=visible.values("category_id")).values("name").annotate(first=Min("position"))
    lists = {
        "year": [(year, str(year)) for year in years],
        "category": [(row["name"], row["name"]) for row in sorted(
            names.order_by(), key=lambda row: category_order(row["name"], row["first"]))],
        "lead_unit": Options(_units(request, ProjectOrganization.Role.LEAD)),
        "assisting_unit": Options(_units(request, ProjectOrganization.Role.ASSISTING)),
        "leader": Options(_leaders(request)),
    }
    cache.set(key, lists, CHOICES_SECONDS)
    return lists


class FastSelect(forms.Select):
    """A select whose options are written in Python. Django renders each option through a template,
    which, for the thousand units and leaders of a city, was most of the list page's time."""

    def render(self, name, value, attrs=None, renderer=None):
        # Nothing chosen selects the empty choice ("all"), as the browser sends it back.
        chosen = {str(item) for item in (value if isinstance(value, (list, tuple)) else [value]) if item is not None}
        chosen = chosen or {""}
        if isinstance(self.choices, Options):
            options = self.choices.html(chosen)
        else:
            options = "".join(
                f'<option value="{escape(key)}"{" selected" if str(key) in chosen else ""}>{escape(label)}</option>'
                for key, label in self.choices)
        return mark_safe(f"<select{flatatt({**self.build_attrs(self.attrs, attrs), 'name': name})}>{options}</select>")


class ProjectFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="search", label=_("Search"),
                                  widget=forms.TextInput(attrs={"type": "search",
                                                                "placeholder": _("number, name or content")}))
    jurisdiction = django_filters.ModelChoiceFilter(queryset=jurisdiction_choices, method="within",
                                                    label=_("jurisdiction"), empty_label=ALL)
    year = django_filters.TypedChoiceFilter(field_name="plan__year", coerce=int, label=_("year"), choices=[])
    plan = django_filters.ModelChoiceFilter(queryset=_plans, label=_("plan"), empty_label=ALL)
    category = django_filters.ChoiceFilter(field_name="category__name", label=_("category"), choices=[],
                                           empty_label=ALL)
    lead_unit = django_filters.TypedChoiceFilter(coerce=int, method="led_by", label=_("lead unit"), choices=[])
    assisting_unit = django_filters.TypedChoiceFilter(coerce=int, method="assisted_by", label=_("assisting unit"),
                                                      choices=[])
    leader = django_filters.TypedChoiceFilter(coerce=int, method="supervised_by", label=_("supervising leader"),
                                              choices=[])
    light = django_filters.ChoiceFilter(field_name="status__light", choices=ProjectStatus.Light.choices,
                                        label=_("status light"), empty_label=ALL)
    source = django_filters.ModelChoiceFilter(queryset=FundingSource.objects.all(), method="funded_by",
                                              label=_("funding source"), empty_label=ALL)
    investment_min = django_filters.NumberFilter(field_name="total_investment", lookup_expr="gte",
                                                 label=_("investment from (万元)"))
    investment_max = django_filters.NumberFilter(field_name="total_investment", lookup_expr="lte",
                                                 label=_("investment up to (万元)"))
    open_request = django_filters.TypedChoiceFilter(choices=YES_NO, coerce=lambda v: v == "1",
                                                    method="with_open_request",
                                                    label=_("open coordination request"))
    missing = django_filters.TypedChoiceFilter(choices=YES_NO, coerce=lambda v: v == "1", method="report_missing",
                                               label=_("report missing this period"))
    late = django_filters.TypedChoiceFilter(choices=YES_NO, coerce=lambda v: v == "1", method="with_late_report",
                                            label=_("report late"))
    milestone_missed = django_filters.TypedChoiceFilter(choices=YES_NO, coerce=lambda v: v == "1",
                                                        method="with_missed_milestone", label=_("milestone missed"))

    class Meta:
        model = Project
        fields: list[str] = []

    def __init__(self, *args, today: date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("jurisdiction", "year", "plan", "category", "lead_unit", "assisting_unit", "leader", "light",
                     "source", "open_request", "missing", "late", "milestone_missed"):
            self.filters[name].extra["widget"] = FastSelect
        for name, choices in choice_lists(self.request).items():
            # category's ChoiceFilter adds its empty choice itself; Django's TypedChoiceField does not.
            self.filters[name].extra["choices"] = (
                choices if name == "category" else choices.with_first("", ALL) if isinstance(choices, Options)
                else [("", ALL), *choices])
        self.today = today or timezone.localdate()

    def search(self, queryset: QuerySet[Project], name: str, value: str) -> QuerySet[Project]:
        value = value.strip()[:100]
        if not value:
            return queryset
        return queryset.filter(Q(number=value) | Q(name__icontains=value) | Q(content__icontains=value))

    def within(self, queryset, name, value: Jurisdiction):
        return queryset.filter(plan__jurisdiction_id__in=jurisdiction_ids_under(value.pk))

    def led_by(self, queryset, name, value: int):
        return queryset.filter(Exists(ProjectOrganization.objects.filter(
            project=OuterRef("pk"), organization_id=value, role=ProjectOrganization.Role.LEAD)))

    def assisted_by(self, queryset, name, value: int):
        return queryset.filter(Exists(ProjectOrganization.objects.filter(
            project=OuterRef("pk"), organization_id=value, role=ProjectOrganization.Role.ASSISTING)))

    def supervised_by(self, queryset, name, value: int):
        return queryset.filter(Exists(ProjectPerson.objects.filter(
            project=OuterRef("pk"), person_id=value, role=ProjectPerson.Role.LEADER)))

    def funded_by(self, queryset, name, value: FundingSource):
        return queryset.filter(fundings__source=value)

    def with_open_request(self, queryset, name, value: bool):
        open_request = Exists(CoordinationRequest.objects.filter(project=OuterRef("pk"), closed_at__isnull=True))
        return queryset.filter(open_request if value else ~open_request)

    def with_late_report(self, queryset, name, value: bool):
        # As the light last computed says: the latest report due is missing (refresh_status keeps it current).
        return queryset.filter(status__late_period__isnull=not value)

    def with_missed_milestone(self, queryset, name, value: bool):
        missed = Exists(Report.objects.filter(project=OuterRef("pk"), status__in=COUNTED, milestone_status="missed"))
        return queryset.filter(missed if value else ~missed)

    def report_missing(self, queryset, name, value: bool):
        return queryset.filter(missing_now(queryset, self.today) if value else ~missing_now(queryset, self.today))


def missing_now(projects: QuerySet[Project], today: date) -> Q:
    """Projects whose report for their plan's current period has not been handed in.

    The current period differs by plan (its schedule and year), so plans are grouped by it."""
    by_month: dict[date, list[int]] = {}
    for plan in Plan.objects.filter(pk__in=projects.values("plan_id")).only("id", "year", "report_frequency",
                                                                           "report_day", "report_dates"):
        period = plan.schedule.current(plan.year, today)
        if period is not None:
            by_month.setdefault(period.month, []).append(plan.pk)
    condition = Q(pk__in=[])
    for month, plan_ids in by_month.items():
        handed_in = Exists(Report.objects.filter(project=OuterRef("pk"), period=month, status__in=COUNTED))
        condition |= Q(plan_id__in=plan_ids) & ~handed_in
    # A project without a lead unit has nobody to report, so nothing is missing.
    has_lead = Exists(ProjectOrganization.objects.filter(project=OuterRef("pk"), role=ProjectOrganization.Role.LEAD))
    return condition & has_lead
