"""One plain summary of an import, for the preview page, the command's --json and the import record."""

from decimal import Decimal
from itertools import islice

from imports.foundation.layouts import CONTROL_RE, Role
from imports.interpret.draft import PlanDraft, ProjectDraft
from imports.interpret.plan_checks import totals
from imports.shape.segment import EntryKind, Segment, signature_key
from projects.amounts import plain

SAMPLES = 2  # cells shown under each column in the preview


def _reported(project: ProjectDraft) -> bool:
    """Whether a row of a progress table becomes the period's report: it says how far the project is."""
    return bool(project.progress) or project.percent_complete is not None


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def _schedule(schedule: tuple[str, int, str] | None) -> dict | None:
    if schedule is None:
        return None
    frequency, day, dates = schedule
    return {"frequency": frequency, "day": day, "dates": dates}


def _unique(names) -> list[str]:
    return list(dict.fromkeys(names))


def summarize(draft: PlanDraft) -> dict:
    """Plan, counts, totals, names, checks, warnings and errors of a draft."""
    projects = draft.projects
    sums = totals(draft)
    units = _unique(u.name for p in projects for u in (*p.lead_units, *p.assisting_units))
    people = _unique(name for p in projects for name in (*p.leaders, *p.staff))
    return {
        "plan": {
            "jurisdiction": " › ".join(draft.jurisdiction), "year": draft.year, "kind": draft.kind,
            "title": draft.title, "document_number": draft.document_number,
            "issued_on": draft.issued_on.isoformat() if draft.issued_on else None,
            "report_schedule": _schedule(draft.report_schedule),
        },
        "counts": {
            "projects": sum(1 for p in projects if p.parent_key is None),
            "sub_projects": sum(1 for p in projects if p.parent_key is not None),
            "categories": len(draft.categories),
            "organizations": len(units),
            "people": len(people),
            "milestones": sum(len(p.milestones) for p in projects),
            "progress_reports": sum(1 for p in projects if _reported(p) and draft.progress_month),
        },
        "totals": {
            "total_investment": _amount(sums.get(Role.TOTAL.value)),
            "annual_investment": _amount(sums.get(Role.ANNUAL.value)),
            "by_source": {k: _amount(v) for k, v in sums.items() if k not in {Role.TOTAL.value, Role.ANNUAL.value}},
        },
        "organizations": units,
        "people": people,
        "checks": [check.as_dict() for check in draft.checks],
        "warnings": [problem.as_dict() for problem in draft.warnings],
        "errors": [problem.as_dict() for problem in draft.errors],
    }


def describe_layouts(segments: list[Segment]) -> list[dict]:
    """Each distinct layout's columns for the preview: header, role, how the role was found, two sample cells."""
    described: dict[str, dict] = {}
    for segment in segments:
        key = signature_key(segment.layout.signature)
        if key in described:
            continue
        rows = [entry.row.cells for entry in segment.entries if entry.kind == EntryKind.DATA]
        described[key] = {
            "signature": key, "sheet": segment.sheet, "found_by": segment.found_by.value,
            "remembered": segment.remembered, "header_lines": list(segment.layout.header_lines),
            "columns": [{
                "index": column.index, "key": column.key, "header": column.header,
                "role": column.role.value if column.role else "",
                "label": column.role.label if column.role else "", "basis": column.basis.value,
                "samples": _samples(rows, column.index),
            } for column in segment.layout.columns],
        }
    return list(described.values())


def _samples(rows: list[tuple[str, ...]], index: int) -> list[str]:
    """The first SAMPLES filled cells of a column, without reading the rest of a long table."""
    filled = (cells[index] for cells in rows if index < len(cells) and cells[index])
    return [CONTROL_RE.sub("", text[:80]) for text in islice(filled, SAMPLES)]
