"""Clerks pressing 关账 for the same period at once: one close is made, every other clerk is told it is
closed already; nobody gets an IntegrityError.

Real threads, each with its own connection, released together; run on SQLite and on PostgreSQL
(DATABASE_URL=postgres://… REQUIRE_DATABASE_VENDOR=postgresql)."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts.roles import Role
from projects import clock
from supervision import closing
from supervision.models import Event, PeriodClose, Snapshot
from tests.concurrency import at_once
from tests.factories import make_jurisdiction, make_plan, make_project, make_user

pytestmark = pytest.mark.django_db(transaction=True)

CLERKS = 4


def test_clerks_closing_the_same_period_at_once_make_one_close_and_the_others_are_told():
    district = make_jurisdiction()
    plan = make_plan(jurisdiction=district, year=2026)
    for _ in range(3):
        make_project(plan=plan)
    clerks = [make_user(username=f"clerk{n}", role=Role.COORDINATOR, jurisdiction=district, password=None)
              for n in range(CLERKS)]

    def job(user):
        # The pinned day is the thread's own (a context variable): each job pins it itself.
        with clock.pinned(date(2026, 3, 25)):
            return closing.close_period(user=user, plan=plan, month=date(2026, 3, 1))

    results = at_once([lambda user=user: job(user) for user in clerks])

    made = [r for r in results if isinstance(r, PeriodClose)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert len(made) == 1 and len(refused) == CLERKS - 1, results
    assert {tuple(error.messages) for error in refused} == {
        (f"{plan.title}：2026-03 已关账，不能重复关账。",)}
    assert PeriodClose.objects.get().pk == made[0].pk
    assert Snapshot.objects.filter(close=made[0]).count() == 3 == Snapshot.objects.count()
    assert Event.objects.filter(subject="close").count() == 1
