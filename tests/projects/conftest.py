"""Seed plans loaded through the importer, and a year with reports on it, for the list, dashboard and page tests."""

import pytest

from accounts.models import User
from accounts.roles import Role
from imports.services import apply_import, preview_import
from progress import services, verification
from projects.models import Organization, Plan, Project
from tests.factories import make_user
from tests.imports.seeds import seed_path


def load(number: str) -> Plan:
    path = seed_path(number)
    preview = preview_import(file_name=path.name, data=path.read_bytes())
    return apply_import(preview=preview).plan


def report_on_2022(*, coordinator_password: str = "pass-1234-word") -> tuple[Plan, User]:
    """Seed 000 with two of 区住建局's projects reported on: 9 done, 8 red with an open request."""
    plan = load("000")
    unit = Organization.objects.get(name="区住建局")
    officer = make_user(username="zjj", role=Role.OFFICER, organization=unit)
    coordinator = make_user(username="ducha", password=coordinator_password, role=Role.COORDINATOR,
                            jurisdiction=plan.jurisdiction)
    month = plan.schedule.periods(2022)[-1].month
    eight, nine = (Project.objects.get(plan=plan, number=n) for n in ("8", "9"))
    services.save_report(user=officer, project=eight, month=month, version=0, submit=True, data=services.ReportInput(
        percent_complete=50, progress="征迁中", milestone_status="missed", problems="征迁受阻", disbursed={None: 450}))
    done = services.save_report(user=officer, project=nine, month=month, version=0, submit=True,
                                data=services.ReportInput(percent_complete=100, progress="完工", disbursed={None: 100}))
    services.review_report(user=coordinator, report=done, version=done.version, accept=True)
    # Done only once the office verified the completion (progress/verification.py).
    verification.verify_completion(user=coordinator, project=nine)
    return plan, coordinator


@pytest.fixture
def year_2022(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return report_on_2022()
