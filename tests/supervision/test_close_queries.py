"""A close costs the same number of queries for a plan of 3 projects as for one of 30: lights, snapshots,
money and the pages are read and written in bulk, never project by project."""

from datetime import date

import pytest

from projects import clock
from supervision import closing
from tests.supervision.close_world import MAR, plan_of

pytestmark = pytest.mark.django_db

# The service's savepoint (2); permission: roles, jurisdictions, the plan seen (3); closed already? (1);
# the close inserted in its own savepoint (3) and its event (1); lights: thresholds, ids, projects,
# 4 prefetches, upsert (8); projects with lead units and targets (3); the period's reports (1); the
# money (1); the office's yellow points (1); the snapshots' one insert (1); escalation: the office's
# rules up its jurisdictions (4), the plan's closes (1), their snapshots (1), the steps reached (1), and
# here no step is new, so nothing is inserted (supervision/escalation.py); the close's entry in the audit
# trail (1; no request here, so no account to look up).
CLOSE_QUERIES = 34


@pytest.mark.parametrize("size", [3, 30])
def test_closing_a_plan_costs_the_same_queries_for_3_projects_as_for_30(django_assert_num_queries, size):
    plan, coordinator = plan_of(size)
    with clock.pinned(date(2026, 3, 25)), django_assert_num_queries(CLOSE_QUERIES):
        close = closing.close_period(user=coordinator, plan=plan, month=MAR)
    assert close.snapshots.count() == size
    assert close.snapshots.filter(disbursed={"区财政": "1.5000", "市财政配套": "1.5000"}).count() == size
