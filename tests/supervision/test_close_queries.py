"""A close costs the same number of queries for a plan of 3 projects as for one of 30: lights, snapshots,
money and the pages are read and written in bulk, never project by project."""

from datetime import date, datetime, time
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from progress.models import Disbursement, Report
from projects import clock
from projects.models import Funding, FundingSource, ProjectOrganization, QuarterlyMilestone
from supervision import closing
from tests.factories import make_jurisdiction, make_organization, make_plan, make_project, make_user

pytestmark = pytest.mark.django_db

MAR = date(2026, 3, 1)


def plan_of(size: int):
    """A 2026 plan of `size` projects, each led by a unit, funded by two sources, with a March report."""
    district = make_jurisdiction()
    plan = make_plan(jurisdiction=district, year=2026)
    sources = [FundingSource.objects.get_or_create(name=name)[0] for name in ("区财政", "市财政配套")]
    submitted = timezone.make_aware(datetime.combine(date(2026, 3, 20), time(10)))
    for n in range(size):
        project = make_project(plan=plan, annual_investment=Decimal("10"))
        unit = make_organization(name=f"单位{n}", jurisdiction=district)
        ProjectOrganization.objects.create(project=project, organization=unit, role="lead")
        QuarterlyMilestone.objects.create(project=project, quarter=1, planned="一季度", target_percent=30)
        for source in sources:
            Funding.objects.create(project=project, source=source, amount=Decimal("5"))
        report = Report.objects.create(project=project, organization=unit, period=MAR, status="submitted",
                                       percent_complete=n % 100, submitted_at=submitted)
        Disbursement.objects.bulk_create([Disbursement(report=report, source=source, amount=Decimal("1.5"))
                                          for source in sources])
    return plan, make_user(username="duban", role=Role.COORDINATOR, jurisdiction=district, password=None)


# The service's savepoint (2); permission: roles, jurisdictions, the plan seen (3); closed already? (1);
# the close inserted in its own savepoint (3) and its event (1); lights: thresholds, ids, projects,
# 4 prefetches, upsert (8); projects with lead units and targets (3); the period's reports (1); the
# money (1); the snapshots' one insert (1).
CLOSE_QUERIES = 24


@pytest.mark.parametrize("size", [3, 30])
def test_closing_a_plan_costs_the_same_queries_for_3_projects_as_for_30(django_assert_num_queries, size):
    plan, coordinator = plan_of(size)
    with clock.pinned(date(2026, 3, 25)), django_assert_num_queries(CLOSE_QUERIES):
        close = closing.close_period(user=coordinator, plan=plan, month=MAR)
    assert close.snapshots.count() == size
    assert close.snapshots.filter(disbursed={"区财政": "1.5000", "市财政配套": "1.5000"}).count() == size
