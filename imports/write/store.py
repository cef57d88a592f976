"""Writing a PlanDraft with a constant number of bulk statements per batch; called only by services."""

import json

from django.core.exceptions import ValidationError
from django.db.models import F, Prefetch
from django.utils.translation import gettext as _

from imports.foundation.cells.units import ParsedUnit
from imports.foundation.progress_report import Progress, Silent
from imports.interpret.draft import PlanDraft, ProjectDraft
from progress.models import Report, Revision
from projects import bulk
from projects.keeping import deletable
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

BATCH = 1000
# Added to the positions of rows about to move, so no two rows ever hold one position at once.
PARKED = 1_000_000
CATEGORY_PARKED = 10_000  # categories' positions are small integers
LEVELS = (("街道", "subdistrict"), ("镇", "subdistrict"), ("乡", "subdistrict"), ("市", "city"), ("省", "province"))
PROJECT_FIELDS = [
    "plan", "key", "category", "parent", "position", "number", "name", "content", "reason", "preparation",
    "work_plan", "construction_period", "deadline", "total_investment", "annual_investment",
    "investment_is_approximate", "funding_text", "remarks", "extra", "import_fingerprint",
]


def _level(name: str) -> str:
    return next((level for suffix, level in LEVELS if name.endswith(suffix)), "district")


def find_jurisdiction(chain: list[str], *, create: bool) -> Jurisdiction | None:
    """The jurisdiction a chain of names (泉州市, 鲤城区) means: every name given must match.

    A name given alone means the one jurisdiction of that name. A name under a parent means the
    one under that parent, never a namesake elsewhere (南京市/鼓楼区 is not 福州市 › 鼓楼区);
    with `create`, a missing one is created. Without `create` nothing is written and None means
    "would be created"."""
    leaf = chain[-1]
    if len(chain) == 1:
        return _only_one_called(leaf, create=create)
    parent = find_jurisdiction(chain[:-1], create=create)
    if parent is not None and (child := Jurisdiction.objects.filter(name=leaf, parent=parent).first()):
        return child
    if orphan := _adoptable(leaf, parent):
        if create:
            # A later document names the city the first one left out: 鲤城区 becomes 泉州市 › 鲤城区.
            orphan.parent = parent
            orphan.save(update_fields=["parent"])
        return orphan
    if not create:
        return None
    return Jurisdiction.objects.create(name=leaf, parent=parent, level=_level(leaf))


def _only_one_called(name: str, *, create: bool) -> Jurisdiction | None:
    candidates = list(Jurisdiction.objects.filter(name=name)[:2])
    if len(candidates) > 1:
        raise ValidationError(_("Several jurisdictions are called %(name)s: "
                                "give it with its city, like 泉州市/%(name)s.")
                              % {"name": name})
    if candidates:
        return candidates[0]
    return Jurisdiction.objects.create(name=name, level=_level(name)) if create else None


def _adoptable(name: str, parent: Jurisdiction | None) -> Jurisdiction | None:
    """The jurisdiction of this name stored without a parent, when it is the only one of its name.

    Only then can it be the one the chain means; with a namesake anywhere, it may be another
    city's, and a new one is safer than taking it. `parent` None is a parent not stored yet."""
    candidates = list(Jurisdiction.objects.filter(name=name)[:2])
    if len(candidates) != 1 or candidates[0].parent_id is not None:
        return None
    orphan = candidates[0]
    ancestor, above = parent, set()
    while ancestor is not None:  # 鲤城区 cannot become the parent of its own parent
        if ancestor.pk == orphan.pk or ancestor.pk in above:  # (nor does a loop already in the rows spin)
            return None
        if ancestor.pk is not None:
            above.add(ancestor.pk)
        ancestor = ancestor.parent
    return orphan


def stored_fingerprints(jurisdiction: Jurisdiction, year: int | None, kind: str) -> dict[str, str]:
    # Unordered: Project's ordering would join plan and jurisdiction to sort rows that go into a dict.
    return dict(Project.objects.filter(plan__jurisdiction=jurisdiction, plan__year=year, plan__kind=kind)
                .order_by().values_list("key", "import_fingerprint"))


class PlanWriter:
    """Creates the rows that are new, rewrites the rows that changed, leaves unchanged rows alone."""

    def __init__(self, draft: PlanDraft, *, fingerprints: dict[str, str], outcome: dict[str, str],
                 progress: Progress | None = None, delete_missing: bool = False):
        self.draft = draft
        self.delete_missing = delete_missing
        self.progress = progress or Silent()
        self.fingerprints = fingerprints
        self.outcome = outcome

    def write(self) -> Plan:
        draft = self.draft
        self.jurisdiction = find_jurisdiction(draft.jurisdiction, create=True)
        defaults = {"title": draft.title, "document_number": draft.document_number,
                    "issued_on": draft.issued_on, "declared_count": draft.declared_count}
        if draft.report_schedule is not None:
            # The notice says when units report, and a table imported again says it again: its
            # words win over a schedule an administrator set since, as the title and number do.
            # A notice that says nothing leaves the administrator's schedule (or the defaults) alone.
            frequency, day, dates = draft.report_schedule
            defaults |= {"report_frequency": frequency, "report_day": day, "report_dates": dates}
        self.plan, _created = Plan.objects.update_or_create(
            jurisdiction=self.jurisdiction, year=draft.year, kind=draft.kind, defaults=defaults,
        )
        self.categories = self._categories()
        keys = {p.key for p in draft.projects}
        # The plan's stored rows in one query without parameters: the rows no longer in the table
        # are found here, not by sending the table's thousands of keys back in a NOT IN list.
        stored = self._stored_ids()
        gone = [pk for key, pk in stored.items() if key not in keys]
        # A corrected table may drop a row; its project goes when the admin chose so (the preview
        # listed it), and never when the year's work refers to it (projects/keeping.py). Otherwise it
        # stays, as kept below.
        if self.delete_missing and gone:
            deletable(Project.objects.filter(pk__in=gone)).delete()
            # Deleting a project deletes its sub-projects, which may still be rows of the table.
            stored = self._stored_ids()
        changed = [p for p in draft.projects if self.outcome.get(p.key) != "unchanged"]
        updated = [stored[p.key] for p in changed if self.outcome.get(p.key) == "updated" and p.key in stored]
        kept = sorted((p for some in bulk.chunks(gone) for p in Project.objects.filter(pk__in=some)),
                      key=lambda project: project.position)
        # Positions are unique and rows move when a table is corrected: park the moving rows first.
        for some in bulk.chunks(updated + [p.pk for p in kept]):
            Project.objects.filter(pk__in=some).update(position=F("position") + PARKED)
        self.ids = stored
        self.progress.stage(_("writing projects"), 3)
        self._projects(changed)
        self.progress.advance()
        # Rows no longer in the table that stay (for their reports, or not chosen to go) follow the table's rows.
        for offset, project in enumerate(kept, start=len(draft.projects) + 1):
            project.position = offset
        Project.objects.bulk_update(kept, ["position"])
        self._children(changed)
        self.progress.advance()
        self._reports(changed)
        self.progress.advance()
        return self.plan

    def _stored_ids(self) -> dict[str, int]:
        # Unordered: Project's ordering (plan, position) would join plan and jurisdiction and sort
        # thousands of rows that only go into a dict.
        return dict(Project.objects.filter(plan=self.plan).order_by().values_list("key", "id"))

    def _categories(self) -> dict[str, Category]:
        wanted = {c.name: c for c in self.draft.categories}
        Category.objects.filter(plan=self.plan).exclude(name__in=wanted).delete()
        Category.objects.filter(plan=self.plan).update(position=F("position") + CATEGORY_PARKED)
        stored = {c.name: c for c in Category.objects.filter(plan=self.plan)}
        rows = []
        for name, category in wanted.items():
            row = stored.get(name) or Category(plan=self.plan, name=name)
            row.position, row.declared_count = category.position, category.declared_count
            rows.append(row)
        Category.objects.bulk_update([r for r in rows if r.pk], ["position", "declared_count"])
        Category.objects.bulk_create([r for r in rows if not r.pk])
        return {row.name: row for row in rows}

    def _values(self, project: ProjectDraft) -> tuple:
        """The project's PROJECT_FIELDS as the database stores them."""
        category = self.categories.get(project.category) if project.category else None
        return (
            self.plan.id, project.key, category.id if category else None,
            self.ids.get(project.parent_key) if project.parent_key else None, project.position, project.number,
            project.name, project.content, project.reason, project.preparation, project.work_plan,
            project.construction_period, project.deadline, project.total_investment, project.annual_investment,
            project.investment_is_approximate, project.funding_text, project.remarks,
            json.dumps(project.extra, ensure_ascii=False) if project.extra else "{}", self.fingerprints[project.key],
        )

    def _projects(self, changed: list[ProjectDraft]) -> None:
        # Parents before their sub-projects, so a sub-project's parent already has an id.
        for level in ([p for p in changed if not p.parent_key], [p for p in changed if p.parent_key]):
            new = [self._values(p) for p in level if p.key not in self.ids]
            bulk.update(Project, PROJECT_FIELDS,
                        [(*self._values(p), self.ids[p.key]) for p in level if p.key in self.ids])
            bulk.insert(Project, PROJECT_FIELDS, new)
            if new:
                self.ids = self._stored_ids()

    def _children(self, changed: list[ProjectDraft]) -> None:
        if not changed:
            return
        ids = [self.ids[p.key] for p in changed if self.outcome.get(p.key) == "updated"]
        for model in (ProjectOrganization, ProjectPerson, Funding, QuarterlyMilestone):
            for some in bulk.chunks(ids):
                model.objects.filter(project_id__in=some).delete()
        units = UnitBook(self.jurisdiction, [u for p in changed for u in (*p.lead_units, *p.assisting_units)])
        people = self._people({name for p in changed for name in (*p.leaders, *p.staff)})
        sources = self._sources({f.source for p in changed for f in p.fundings})
        unit_ids = units.ids()
        person_ids = {name: person.id for name, person in people.items()}
        roles, persons, fundings, milestones = [], [], [], []
        for project in changed:
            pk = self.ids[project.key]
            for role, parsed in (("lead", project.lead_units), ("assisting", project.assisting_units)):
                ids = dict.fromkeys([unit_ids[unit.name] for unit in parsed])  # an alias and its unit: once
                roles += [(pk, unit_id, role, position) for position, unit_id in enumerate(ids)]
            for role, names in (("leader", project.leaders), ("staff", project.staff)):
                persons += [(pk, person_ids[name], role, position)
                            for position, name in enumerate(dict.fromkeys(names))]
            fundings += [(pk, sources[f.source].id, f.amount, f.note[:300]) for f in project.fundings]
            milestones += [(pk, m.quarter, m.planned, m.target_percent) for m in project.milestones]
        bulk.insert(ProjectOrganization, ["project", "organization", "role", "position"], roles)
        bulk.insert(ProjectPerson, ["project", "person", "role", "position"], persons)
        bulk.insert(Funding, ["project", "source", "amount", "note"], fundings)
        bulk.insert(QuarterlyMilestone, ["project", "quarter", "planned", "target_percent"], milestones)

    def _people(self, names: set[str]) -> dict[str, Person]:
        known = {p.name: p for p in Person.objects.filter(jurisdiction=self.jurisdiction)}
        new = [Person(jurisdiction=self.jurisdiction, name=name) for name in sorted(names - known.keys())]
        Person.objects.bulk_create(new, batch_size=BATCH)
        return known | {p.name: p for p in new}

    def _sources(self, names: set[str]) -> dict[str, FundingSource]:
        known = {s.name: s for s in FundingSource.objects.all()}
        new = [FundingSource(name=name) for name in sorted(names - known.keys())]
        FundingSource.objects.bulk_create(new)
        return known | {s.name: s for s in new}

    def _reports(self, changed: list[ProjectDraft]) -> None:
        """A progress table's entries become accepted reports; a changed entry updates its report
        in place with a revision, so what a unit wrote for that period is never lost."""
        period = self.draft.progress_month
        # A row says how far its project is in words (进展情况), a figure (完成率), or both.
        reported = [p for p in changed if (p.progress or p.percent_complete is not None) and p.lead_units and period]
        if not reported:
            return
        units = UnitBook(self.jurisdiction, [p.lead_units[0] for p in reported])
        stored = {r.project_id: r for r in Report.objects.filter(
            project_id__in=[self.ids[p.key] for p in reported], period=period)}
        new, edited, revisions = [], [], []
        for p in reported:
            report = stored.get(self.ids[p.key])
            if report is None:
                new.append(Report(project_id=self.ids[p.key], organization=units.get(p.lead_units[0]), period=period,
                                  progress=p.progress, percent_complete=p.percent_complete,
                                  status=Report.Status.ACCEPTED))
                continue
            changes = {"progress": [report.progress, p.progress]} if report.progress != p.progress else {}
            # A table without a 完成率 column leaves the figure a unit reported as it is.
            if p.percent_complete is not None and report.percent_complete != p.percent_complete:
                changes["percent_complete"] = [report.percent_complete, p.percent_complete]
            if changes:
                report.version += 1
                revisions.append(Revision(report=report, version=report.version, action=Revision.Action.IMPORTED,
                                          changes=changes))
                report.progress = p.progress
                if p.percent_complete is not None:
                    report.percent_complete = p.percent_complete
                edited.append(report)
        Report.objects.bulk_create(new, batch_size=BATCH)
        Report.objects.bulk_update(edited, ["progress", "percent_complete", "version"], batch_size=BATCH)
        revisions += [Revision(report=r, version=r.version, action=Revision.Action.IMPORTED,
                               changes={"progress": ["", r.progress]}
                               | ({"percent_complete": [None, r.percent_complete]}
                                  if r.percent_complete is not None else {})) for r in new]
        Revision.objects.bulk_create(revisions, batch_size=BATCH)


class UnitBook:
    """The jurisdiction's units by name and alias, with the missing ones created in bulk."""

    def __init__(self, jurisdiction: Jurisdiction, wanted: list[ParsedUnit]):
        stored = Organization.objects.filter(jurisdiction=jurisdiction).prefetch_related(
            Prefetch("aliases", queryset=OrganizationAlias.objects.only("organization_id", "name"))
        )
        self.by_name: dict[str, Organization] = {}
        for organization in stored:
            self.by_name[organization.name] = organization
            for alias in organization.aliases.all():
                self.by_name.setdefault(alias.name, organization)
        new: dict[str, Organization] = {}
        for unit in wanted:
            if unit.name not in self.by_name and unit.name not in new:
                kind = Organization.Kind.GROUP if unit.is_group else Organization.Kind.UNIT
                new[unit.name] = Organization(jurisdiction=jurisdiction, name=unit.name, kind=kind)
        Organization.objects.bulk_create(list(new.values()), batch_size=BATCH)
        self.by_name.update(new)
        aliases = {
            (self.by_name[unit.name].id, alias) for unit in wanted for alias in unit.aliases
            if alias not in self.by_name
        }
        OrganizationAlias.objects.bulk_create(
            [OrganizationAlias(organization_id=pk, name=alias) for pk, alias in sorted(aliases)],
            ignore_conflicts=True, batch_size=BATCH,
        )

    def get(self, unit: ParsedUnit) -> Organization:
        return self.by_name[unit.name]

    def ids(self) -> dict[str, int]:
        """Every name and alias with its unit's id, for writing thousands of links."""
        return {name: organization.id for name, organization in self.by_name.items()}
