"""A row read compared with the row stored: its fingerprint, and what the import does to it (Outcome)."""

import hashlib
import json
from decimal import Decimal
from enum import StrEnum

from imports.interpret.draft import ProjectDraft
from projects.amounts import plain


class Outcome(StrEnum):
    """What an import does to one project of the plan."""

    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


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
