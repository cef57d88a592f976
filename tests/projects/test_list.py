"""A coordinator's list: every filter alone and together, against the seed tables read by hand."""

import csv
import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from accounts.roles import Role
from progress import services, verification
from projects.models import FundingSource, Organization, Person, Plan, Project
from tests.factories import make_user
from tests.projects.conftest import load

pytestmark = pytest.mark.django_db


@pytest.fixture
def licheng():
    """Seed 000 (鲤城区 2022, 34 projects) and seed 002 (晋江市 › 新塘街道 2023, 12 projects)."""
    plan = load("000")
    load("002")
    return plan


@pytest.fixture
def root(client, licheng):
    client.force_login(make_user(username="root", is_superuser=True, is_staff=True))
    return client


def numbers(client, **query) -> list[str]:
    """The numbers the list shows, in its order, for a query string."""
    response = client.get(reverse("projects:list"), {"per_page": 200, **query})
    assert response.status_code == 200
    return [row.record.number for row in response.context["table"].paginated_rows]


def unit(name: str) -> int:
    return Organization.objects.get(name=name, jurisdiction__name="鲤城区").pk


# Read from fixtures/000 by hand: the rows whose cells say so.
@pytest.mark.parametrize(("query", "expected"), [
    ({"lead_unit": "区住建局"}, ["8", "9", "13"]),
    ({"assisting_unit": "区住建局"}, ["18", "34"]),
    ({"leader": "王伟"}, ["8", "9", "10", "13", "14", "15", "16", "25", "34"]),
    ({"source": "市财政配套"}, ["4", "7", "13", "27", "28", "31"]),
    ({"investment_min": "500", "investment_max": "1000"}, ["8", "12", "13", "29"]),
    ({"category": "社会投资类"}, ["32", "33", "34"]),
    ({"q": "口袋"}, ["10", "11"]),
    ({"q": "燃气"}, ["34"]),  # in its name, its content and its lead unit's name (not searched)
    ({"q": "132万元"}, ["1"]),  # in the content only
    # Together: 王伟's projects paid by the district budget, 300 万元 or more.
    ({"leader": "王伟", "source": "区财政", "investment_min": "300"}, ["10", "13", "14"]),
    ({"lead_unit": "区城管局", "assisting_unit": "江南城建集团"}, ["10", "14", "15", "16", "25"]),
])
def test_each_filter_alone_and_together(root, licheng, query, expected):
    named = dict(query)
    for key in ("lead_unit", "assisting_unit"):
        if key in named:
            named[key] = unit(named[key])
    if "leader" in named:
        named["leader"] = Person.objects.get(name=named["leader"], jurisdiction__name="鲤城区").pk
    if "source" in named:
        named["source"] = FundingSource.objects.get(name=named["source"]).pk
    assert numbers(root, plan=licheng.pk, **named) == expected


def test_year_and_jurisdiction(root, licheng):
    assert len(numbers(root, year=2023)) == 12
    assert len(numbers(root, year=2022)) == 34
    assert len(numbers(root, jurisdiction=licheng.jurisdiction_id)) == 34
    assert numbers(root, jurisdiction=licheng.jurisdiction_id, year=2023) == []
    xintang = Plan.objects.get(year=2023).jurisdiction
    assert len(numbers(root, jurisdiction=xintang.parent_id)) == 12  # 晋江市 holds 新塘街道


def test_status_filters_follow_the_reports(root, licheng, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    officer = make_user(username="zjj", role=Role.OFFICER, organization_id=unit("区住建局"))
    coordinator = make_user(username="db", role=Role.COORDINATOR, jurisdiction=licheng.jurisdiction)
    eight, nine = (Project.objects.get(plan=licheng, number=n) for n in ("8", "9"))
    month = licheng.schedule.periods(2022)[-1].month
    services.save_report(user=officer, project=eight, month=month, version=0, submit=True, data=services.ReportInput(
        percent_complete=50, progress="征迁中", milestone_status="missed", problems="征迁受阻"))
    done = services.save_report(user=officer, project=nine, month=month, version=0, submit=True,
                                data=services.ReportInput(percent_complete=100, progress="完工"))
    services.review_report(user=coordinator, report=done, version=done.version, accept=True)
    # 100 % accepted awaits verification; only a verified completion is done (progress/verification.py).
    assert numbers(root, plan=licheng.pk, light="awaiting") == ["9"]
    assert numbers(root, plan=licheng.pk, light="done") == []
    verification.verify_completion(user=coordinator, project=nine)

    assert numbers(root, plan=licheng.pk, light="done") == ["9"]
    assert numbers(root, plan=licheng.pk, open_request=1) == ["8"]
    assert numbers(root, plan=licheng.pk, milestone_missed=1) == ["8"]
    # Everyone else of the plan has not handed in December's report.
    missing = numbers(root, plan=licheng.pk, missing=1)
    assert "8" not in missing and "9" not in missing and len(missing) == 32
    assert numbers(root, plan=licheng.pk, light="red", open_request=1, leader=eight.people.get().pk) == ["8"]


def test_numbers_sort_as_numbers_and_sub_projects_stay_under_their_project(root):
    plan = load("001")
    shown = numbers(root, plan=plan.pk, sort="number")
    printed = [n for n in shown if n]
    assert printed[:11] == [str(n) for n in range(1, 12)]  # 2 before 10
    keys = [row.record.key for row in root.get(reverse("projects:list"), {"plan": plan.pk, "per_page": 200,
                                                                          "sort": "number"})
            .context["table"].paginated_rows]
    assert keys == list(plan.projects.order_by("position").values_list("key", flat=True))
    assert numbers(root, plan=plan.pk, sort="-number")[-1] == "1"


def test_a_page_at_a_time_with_a_chosen_size(root, licheng):
    response = root.get(reverse("projects:list"), {"plan": licheng.pk, "per_page": 25, "page": 2})
    assert len(response.context["table"].paginated_rows) == 9
    assert response.context["table"].paginator.count == 34


def test_officers_and_leaders_see_what_they_may_through_the_same_filters(client, licheng):
    client.force_login(make_user(username="zjj", role=Role.OFFICER, organization_id=unit("区住建局")))
    assert numbers(client) == ["8", "9", "13", "18", "34"]
    assert numbers(client, leader=Person.objects.get(name="王伟", jurisdiction__name="鲤城区").pk) == [
        "8", "9", "13", "34"]
    client.force_login(make_user(username="xt", role=Role.COORDINATOR,
                                 jurisdiction=Plan.objects.get(year=2023).jurisdiction))
    assert len(numbers(client)) == 12
    # Another district's plan is no choice of theirs: the filter says so and shows nothing.
    response = client.get(reverse("projects:list"), {"plan": licheng.pk})
    assert response.context["filter"].errors and list(response.context["table"].paginated_rows) == []


def test_the_export_is_exactly_the_filtered_list_and_never_a_formula(root, licheng):
    project = Project.objects.get(plan=licheng, number="10")
    project.name = "=HYPERLINK(\"http://x\")"
    project.save()
    query = {"plan": licheng.pk, "leader": Person.objects.get(name="王伟", jurisdiction__name="鲤城区").pk,
             "sort": "-total_investment"}
    body = root.get(reverse("projects:export_csv"), query).content
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert [row[3] for row in rows[1:]] == ["8", "13", "14", "10", "34", "15", "16", "9", "25"]
    assert rows[0][:5] == ["行政区", "年度", "计划", "序号", "名称"]
    assert "'=HYPERLINK(\"http://x\")" in [row[4] for row in rows]
    sheet = load_workbook(io.BytesIO(root.get(reverse("projects:export_xlsx"), query).content)).active
    cells = list(sheet.iter_rows(min_row=2, values_only=False))
    assert [row[3].value for row in cells] == ["8", "13", "14", "10", "34", "15", "16", "9", "25"]
    formula = next(row[4] for row in cells if row[3].value == "10")
    assert (formula.value, formula.data_type) == ("=HYPERLINK(\"http://x\")", "s")
    assert Decimal(cells[0][8].value) == Decimal("900")


def test_the_list_keeps_its_number_of_queries_as_rows_grow(root, licheng):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert root.get(reverse("projects:list"), {"per_page": 200}).status_code == 200
        return len(queries)

    few = count()
    load("004")
    load("001")
    assert Project.objects.count() > 150
    assert count() == few


def test_units_of_a_table_imported_since_are_offered_at_once(root, licheng):
    def offered() -> set[str]:
        field = root.get(reverse("projects:list")).context["filter"].form.fields["lead_unit"]
        return {label for _pk, label in field.choices}

    assert "区发改局（鲤城区）" not in offered()
    load("004")  # the work-report tasks of the same district name 区发改局 as a lead unit
    assert "区发改局（鲤城区）" in offered()
