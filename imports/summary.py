"""One plain summary of an import, for the preview page, the command's --json and the import record."""

import hashlib
import json
from decimal import Decimal
from itertools import islice

from imports.checks import totals
from imports.drafts import PlanDraft, ProjectDraft
from imports.layouts import CONTROL_RE, Role
from imports.segments import EntryKind, Segment, signature_key
from projects.amounts import plain

SAMPLES = 2  # cells shown under each column in the preview


def _reported(project: ProjectDraft) -> bool:
    """Whether a row of a progress table becomes the period's report: it says how far the project is."""
    return bool(project.progress) or project.percent_complete is not None


def _amount(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def project_facts(project: ProjectDraft) -> dict:
    """Everything the import stores about one row, as JSON-able data (also its fingerprint's input)."""
    return {
        "key": project.key, "number": project.number, "parent": project.parent_key, "category": project.category,
        "position": project.position, "name": project.name, "content": project.content, "reason": project.reason,
        "preparation": project.preparation, "work_plan": project.work_plan,
        "construction_period": project.construction_period, "deadline": project.deadline,
        "total_investment": _amount(project.total_investment), "annual_investment": _amount(project.annual_investment),
        "approximate": project.investment_is_approximate, "funding_text": project.funding_text,
        "remarks": project.remarks, "extra": project.extra,
        "lead_units": [[u.name, list(u.aliases), u.is_group] for u in project.lead_units],
        "assisting_units": [[u.name, list(u.aliases), u.is_group] for u in project.assisting_units],
        "leaders": project.leaders, "staff": project.staff,
        "fundings": [[f.source, _amount(f.amount), f.note] for f in project.fundings],
        "milestones": [[m.quarter, m.planned, m.target_percent] for m in project.milestones],
        "progress": project.progress,
        # Only when read: a key every row gained would make rows stored before it compare as changed.
        **({"percent_complete": project.percent_complete} if project.percent_complete is not None else {}),
    }


# A fingerprint is the digest of a row's facts in a fixed order; a row stored with one compares
# equal to the same row read again. "2:" marks this format: rows stored before it carry the digest
# of project_facts() as a JSON object (legacy_fingerprint), and are compared in that form, so a
# new format never makes a whole table look changed.
FINGERPRINT_FORMAT = "2:"
_FACTS = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False)


def fingerprint(project: ProjectDraft) -> str:
    facts = _FACTS.encode([
        project.key, project.number, project.parent_key, project.category, project.position, project.name,
        project.content, project.reason, project.preparation, project.work_plan, project.construction_period,
        project.deadline, _amount(project.total_investment), _amount(project.annual_investment),
        project.investment_is_approximate, project.funding_text, project.remarks, sorted(project.extra.items()),
        [[u.name, u.aliases, u.is_group] for u in project.lead_units],
        [[u.name, u.aliases, u.is_group] for u in project.assisting_units],
        project.leaders, project.staff, [[f.source, _amount(f.amount), f.note] for f in project.fundings],
        [[m.quarter, m.planned, m.target_percent] for m in project.milestones], project.progress,
        # Appended only when read, so the rows of tables without a 完成率 column keep their fingerprints.
        *([project.percent_complete] if project.percent_complete is not None else []),
    ])
    # 30 bytes: 62 characters with the format mark, within the stored field's 64.
    return FINGERPRINT_FORMAT + hashlib.blake2b(facts.encode(), digest_size=30).hexdigest()


def unchanged(stored: str, project: ProjectDraft, current: str) -> bool:
    """Whether a stored fingerprint is that of this row as read now (`current`, its fingerprint)."""
    if stored.startswith(FINGERPRINT_FORMAT):
        return stored == current
    return stored == legacy_fingerprint(project)


def legacy_fingerprint(project: ProjectDraft) -> str:
    """The fingerprint of rows imported before FINGERPRINT_FORMAT."""
    facts = json.dumps(project_facts(project), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(facts.encode()).hexdigest()


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
