"""The office's running numbers: each document its own, in order, even when clerks publish at once."""

import pytest

from supervision.models import Sequence
from supervision.numbering import formatted, next_number
from tests.concurrency import at_once
from tests.factories import make_jurisdiction


@pytest.mark.django_db
def test_numbers_run_per_jurisdiction_kind_and_year():
    licheng, fengze = make_jurisdiction(), make_jurisdiction(name="丰泽区")
    taken = [next_number(jurisdiction_id=licheng.pk, kind="sheet", year=2026) for _ in range(3)]
    assert taken == [1, 2, 3]
    assert next_number(jurisdiction_id=licheng.pk, kind="circular", year=2026) == 1
    assert next_number(jurisdiction_id=licheng.pk, kind="sheet", year=2027) == 1
    assert next_number(jurisdiction_id=fengze.pk, kind="sheet", year=2026) == 1


def test_the_number_reads_as_the_office_prints_it():
    assert formatted(prefix="鲤督办", year=2026, number=12) == "鲤督办〔2026〕12号"


@pytest.mark.django_db(transaction=True)
def test_clerks_taking_the_years_first_numbers_at_once_each_get_their_own():
    # The first number of a year has no row to lock: the race is on inserting it.
    jurisdiction = make_jurisdiction()
    results = at_once([lambda: next_number(jurisdiction_id=jurisdiction.pk, kind="circular", year=2026)] * 6)
    assert sorted(results) == [1, 2, 3, 4, 5, 6], results
    assert Sequence.objects.get(jurisdiction=jurisdiction, kind="circular", year=2026).last == 6

