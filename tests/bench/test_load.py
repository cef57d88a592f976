"""bench/load.py end to end at a small size: gunicorn started as in production, people signing in through
the login form and saving drafts through the report form, every acknowledged draft found stored."""

import sys
from importlib.util import module_from_spec, spec_from_file_location
from pathlib import Path

import pytest
from django.conf import global_settings
from django.db import connection
from django.utils import timezone

from progress.models import Report
from tests.factories import make_full_project, make_plan

BENCH = Path(__file__).resolve().parents[2] / "bench"
pytestmark = pytest.mark.skipif(not (Path(sys.executable).parent / "gunicorn").exists(),
                                reason="gunicorn is not installed next to this Python")


def bench_load():
    spec = spec_from_file_location("bench_load", BENCH / "load.py")
    module = module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def database_url() -> str:
    """The test database, for gunicorn's processes (it holds committed rows: a transactional test)."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.mark.django_db(transaction=True)
def test_people_work_through_gunicorn_and_every_acknowledged_draft_is_stored(tmp_path, settings):
    # The server checks real password hashes, so the accounts get one (the suite's own hasher is MD5).
    settings.PASSWORD_HASHERS = global_settings.PASSWORD_HASHERS
    load = bench_load()
    today = timezone.localdate()
    plan = make_plan(year=today.year)
    period = plan.schedule.current(today.year, today)
    if period is None:
        pytest.skip("no reporting period is open today")
    for n in range(3):  # three lead units, one officer each
        project = make_full_project(plan=plan, n=n)
        lead = project.unit_roles.get(role="lead").organization
        Report.objects.create(project=project, organization=lead, period=period.month, progress="初稿")
    people = load.make_people(5, today)
    assert [p["role"] for p in people] == ["officer"] * 3 + ["coordinator", "leader"]

    with load.serving(database_url(), tmp_path, workers=2, threads=2) as server:
        results, stored, _cpu = load.run_people(server, people, tmp_path, seconds=10, ramp=3, think=(0.1, 0.3),
                                                max_requests=300, year=today.year)

    assert results["signed_in"] == 5
    assert [r for r in results["requests"] if r[4]] == []  # no errors
    assert {page for page, *_rest in results["requests"]} >= {
        "login", "sign_in", "tasks_officer", "project", "report", "report_save", "tasks_coordinator",
        "tasks_leader", "dashboard_leader"}
    assert results["drafts_acked"] and set(results["drafts_acked"]) == stored
