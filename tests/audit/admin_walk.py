"""What the admin walk (test_walk.py) posts: a change page's own form with one text changed, and for each model
that can be added there, the fields a new row needs on top of the add page's defaults."""

from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import models

from imports.models import ImportRecord, SavedLayout, SavedReading
from projects.models import (
    Category,
    Funding,
    FundingSource,
    Jurisdiction,
    Organization,
    OrganizationAlias,
    Person,
    Plan,
    ProjectOrganization,
    ProjectPerson,
    QuarterlyMilestone,
)
from supervision.models import Rules
from tests.factories import make_plan, make_project, make_user
from tests.projects.admin_forms import rendered_form

# Models whose change page offers nothing to change (every field is read-only): saving it writes nothing.
NOTHING_TO_CHANGE = {"imports.importrecord"}


def changed_form(client, url: str, model: type[models.Model]) -> tuple[dict, str | None, str | None]:
    """The change page's form with its first free text field changed: (form, field name, new value)."""
    values = rendered_form(client, url)
    fields = [field for field in model._meta.concrete_fields
              if field.editable and field.name in values and field.name not in ("password", "key")]
    for field in fields:
        if isinstance(field, (models.CharField, models.TextField)) and not field.choices:
            old = values[field.name][0]
            new = (old + "改")[-(field.max_length or 10_000):] if old else "走查"
            return {**values, field.name: [new], "_save": ["Save"]}, field.name, new
    for field in fields:  # no text filled in (an empty input is not sent): a number moved by one
        numeric = isinstance(field, (models.PositiveSmallIntegerField, models.DecimalField)) and not field.choices
        if numeric and values[field.name][0]:
            new = str(Decimal(values[field.name][0]) + 1)
            return {**values, field.name: [new], "_save": ["Save"]}, field.name, new
    return values, None, None


def filled_add_form(client, url: str, data: dict) -> dict:
    values = rendered_form(client, url)
    return {**values, **{name: [str(value)] for name, value in data.items()}, "_save": ["Save"]}


def _licheng(w) -> Jurisdiction:
    return Plan.objects.get(pk=w.plan_P).jurisdiction


def _unit(w, name: str) -> Organization:
    return Organization.objects.get(jurisdiction=_licheng(w), name=name)


def _source(name: str) -> FundingSource:
    return FundingSource.objects.get_or_create(name=name)[0]


ADD_FORMS = {
    "auth.group": lambda w: {"name": "走查组"},
    "accounts.user": lambda w: {"username": "walker", "password1": "Walk-pass-2026x",
                                "password2": "Walk-pass-2026x", "usable_password": "true"},
    "projects.jurisdiction": lambda w: {"name": "走查区", "parent": _licheng(w).parent_id},
    "projects.plan": lambda w: {"jurisdiction": _licheng(w).pk, "year": 2031, "kind": "public_service",
                                "title": "2031年走查计划", "report_frequency": "monthly", "report_day": 22},
    "projects.category": lambda w: {"plan": w.plan_P, "position": 9, "name": "走查类"},
    "projects.project": lambda w: {"plan": w.plan_P, "position": 99, "key": "walk", "name": "走查项目"},
    "projects.organization": lambda w: {"jurisdiction": _licheng(w).pk, "name": "区走查局", "kind": "unit"},
    "projects.organizationalias": lambda w: {"organization": w.lead_unit, "name": "住建"},
    "projects.person": lambda w: {"jurisdiction": _licheng(w).pk, "name": "赵走查"},
    "projects.fundingsource": lambda w: {"name": "走查资金", "position": 7},
    "projects.projectorganization": lambda w: {"project": w.P, "organization": _unit(w, "区教育局").pk,
                                               "role": "assisting", "position": 3},
    "projects.projectperson": lambda w: {"project": w.Q, "person": _licheng(w).people.get().pk, "role": "leader",
                                         "position": 1},
    "projects.funding": lambda w: {"project": w.P, "source": _source("上级补助").pk, "amount": "12.5"},
    "projects.quarterlymilestone": lambda w: {"project": w.P, "quarter": 2, "planned": "完成设计"},
    "supervision.rules": lambda w: {"jurisdiction": Jurisdiction.objects.create(name="走查镇", parent=_licheng(w)).pk,
                                    "circular_prefix": "走督通", "sheet_prefix": "走督办"},
}


def _spare_jurisdiction(w, name: str) -> Jurisdiction:
    return Jurisdiction.objects.create(name=name, parent=_licheng(w))


# One row of each model the admin may delete, that nothing refers to: what the walk deletes.
SPARES = {
    "auth.group": lambda w: Group.objects.create(name="备用组"),
    "accounts.user": lambda w: make_user(username="spare", password=None),
    "projects.jurisdiction": lambda w: _spare_jurisdiction(w, "备用区"),
    "projects.plan": lambda w: make_plan(jurisdiction=_licheng(w), year=2035),
    "projects.category": lambda w: Category.objects.create(plan_id=w.plan_P, position=50, name="备用类"),
    "projects.project": lambda w: make_project(plan=Plan.objects.get(pk=w.plan_P), name="备用项目"),
    "projects.organization": lambda w: Organization.objects.create(jurisdiction=_licheng(w), name="备用局"),
    "projects.organizationalias": lambda w: OrganizationAlias.objects.create(organization_id=w.lead_unit, name="备用"),
    "projects.person": lambda w: Person.objects.create(jurisdiction=_licheng(w), name="钱备用"),
    "projects.fundingsource": lambda w: FundingSource.objects.create(name="备用资金"),
    "projects.projectorganization": lambda w: ProjectOrganization.objects.create(
        project_id=w.P, organization=_unit(w, "区教育局"), role="assisting", position=5),
    "projects.projectperson": lambda w: ProjectPerson.objects.create(
        project_id=w.P, person=Person.objects.create(jurisdiction=_licheng(w), name="孙备用"), role="staff"),
    "projects.funding": lambda w: Funding.objects.create(project_id=w.P, source=_source("备用来源"), amount=1),
    "projects.quarterlymilestone": lambda w: QuarterlyMilestone.objects.create(project_id=w.P, quarter=3,
                                                                               planned="备用节点"),
    "supervision.rules": lambda w: Rules.objects.create(jurisdiction=_spare_jurisdiction(w, "备用镇")),
    "imports.importrecord": lambda w: ImportRecord.objects.create(file_name="备用.xlsx", checksum="0" * 64,
                                                                  status="failed"),
    "imports.savedlayout": lambda w: SavedLayout.objects.create(digest="f" * 64, header="序号|备用", roles={}),
    "imports.savedreading": lambda w: SavedReading.objects.create(digest="e" * 64, shape="备用", choice={}),
}
