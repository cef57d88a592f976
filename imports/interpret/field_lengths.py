"""Names longer than the database keeps them: shortened to fit, each with a warning, never cut silently."""

from dataclasses import replace

from django.utils.translation import gettext as _

from imports.foundation.cells.units import ParsedUnit
from imports.interpret.draft import PlanDraft, Problem, ProjectDraft
from projects.models import Category, Organization, OrganizationAlias, Person, Plan


def _limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def _warning(text: str, limit: int, what: str) -> str:
    return _("%(what)s “%(start)s…” has %(length)s characters, more than the %(limit)s that can be stored; it was "
             "shortened to its first %(limit)s.") % {"what": what, "start": text[:20], "length": len(text),
                                                    "limit": limit}


def shorten_names(draft: PlanDraft) -> None:
    """Plan title, document number, category, unit and person names fitted to their fields."""
    for field, what in (("title", _("The title")), ("document_number", _("The document number"))):
        text, limit = getattr(draft, field), _limit(Plan, field)
        if len(text) > limit:
            setattr(draft, field, text[:limit])
            draft.warnings.append(Problem(_warning(text, limit, what)))
    limit = _limit(Category, "name")
    renamed = {}
    for category in draft.categories:
        if len(category.name) > limit:
            draft.warnings.append(Problem(_warning(category.name, limit, _("The category"))))
            renamed[category.name] = category.name = category.name[:limit]
    # The rows share a few hundred names: each distinct one is measured once, and the rows are
    # gone through again only when some name is too long.
    people = any(len(name) > _limit(Person, "name") for name in {name for p in draft.projects
                                                                  for name in (*p.leaders, *p.staff)})
    units = any(_too_long(unit) for unit in {u for p in draft.projects for u in (*p.lead_units, *p.assisting_units)})
    for project in draft.projects:
        if project.category in renamed:
            project.category = renamed[project.category]
        if people:
            _shorten_people(draft, project)
        if units:
            _shorten_units(draft, project)


def _shorten_people(draft: PlanDraft, project: ProjectDraft) -> None:
    limit = _limit(Person, "name")
    for field in ("leaders", "staff"):
        names = getattr(project, field)
        if any(len(name) > limit for name in names):
            for name in names:
                if len(name) > limit:
                    draft.warnings.append(Problem(_warning(name, limit, _("The name")), project.sheet, project.line))
            setattr(project, field, [name[:limit] for name in names])


def _too_long(unit: ParsedUnit) -> bool:
    return len(unit.name) > _limit(Organization, "name") or any(
        len(alias) > _limit(OrganizationAlias, "name") for alias in unit.aliases)


def _shorten_units(draft: PlanDraft, project: ProjectDraft) -> None:
    name_limit, alias_limit = _limit(Organization, "name"), _limit(OrganizationAlias, "name")
    for field in ("lead_units", "assisting_units"):
        units = getattr(project, field)
        if not any(_too_long(unit) for unit in units):
            continue
        fitted = []
        for unit in units:
            for text, limit in ((unit.name, name_limit), *((alias, alias_limit) for alias in unit.aliases)):
                if len(text) > limit:
                    draft.warnings.append(Problem(_warning(text, limit, _("The unit")), project.sheet, project.line))
            fitted.append(replace(unit, name=unit.name[:name_limit],
                                  aliases=tuple(alias[:alias_limit] for alias in unit.aliases)))
        setattr(project, field, fitted)
