"""What the studies' tables must show once read, as the person importing them counted by hand.

Shared by tests/imports/test_study_tables.py and test_table_shapes.py: each case is read in each form it
arrives in; a form that does not read right yet is a strict xfail naming what goes wrong, so the change
that makes it read turns it into a failure and the case's `fails_today` entry is removed."""

import re

import pytest

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft import PlanDraft, ProjectDraft
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file

MAX_BYTES = 50 * 1024 * 1024
# A unit or a person that is only numbering or punctuation: 1, 2., ①, （一）, 、
NOT_A_NAME = re.compile(r"[\d\s.、，,;；:：()（）①-⑳一二三四五六七八九十•·\-]*")


def in_every_form(cases) -> list:
    """(case, form) parameters, each form that fails today an xfail with its reason."""
    params = []
    for case in cases:
        for form in case.forms:
            reason = case.fails_today.get(form)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            params.append(pytest.param(case, form, id=f"{case.id}-{form}", marks=marks))
    return params


def drafted(name: str, data: bytes) -> PlanDraft:
    """The file read and drafted as the upload does it, without the database."""
    return draft_plan(read_file(name, data, max_bytes=MAX_BYTES, header_cells=count_header_cells))


def read_as_counted(draft: PlanDraft, case) -> list[ProjectDraft]:
    """Check what every case counts (no error, year, place, projects and sub-projects, the lead units of
    the first and last project, the first one's assisting units and leaders where given, no number or mark
    as a name); the top-level projects, for the checks a study adds."""
    assert [problem.message for problem in draft.errors] == []
    assert draft.year == case.year
    assert draft.jurisdiction and draft.jurisdiction[-1] == case.place, draft.jurisdiction
    top = [project for project in draft.projects if project.parent_key is None]
    under = [project for project in draft.projects if project.parent_key is not None]
    assert (len(top), len(under)) == (case.projects, case.sub_projects), [p.name for p in draft.projects]
    assert [unit.name for unit in top[0].lead_units] == case.first_lead
    assert [unit.name for unit in top[-1].lead_units] == case.last_lead
    if case.first_assisting is not None:
        assert [unit.name for unit in top[0].assisting_units] == case.first_assisting
    if case.first_leaders:
        assert top[0].leaders == case.first_leaders
    for project in draft.projects:
        names = [u.name for u in (*project.lead_units, *project.assisting_units)] + project.leaders + project.staff
        assert not [n for n in names if NOT_A_NAME.fullmatch(n)], (project.name, names)
    return top
