"""A coordinator filters the project list with its form, as a person does: one choice, the rest left as they are,
press 筛选. Each filter of the form in turn shows the same projects as the same filter typed as a URL, and the
.xlsx downloaded from the page's export link holds exactly those rows.

The data: seed 000 (鲤城区 2022, 34 projects; 9 done, 8 red with an open request and a missed milestone, the others
red with no report, tests/projects/conftest.py) and three projects of 丰泽区's plan for this year, so that the
jurisdiction, year, plan and late filters narrow too (2022 is a past year: nothing of it is chased as late any more).
The coordinator works for 泉州市 and sees both districts."""

from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from progress import lights
from projects import clock
from projects.models import Category, FundingSource, Jurisdiction, Organization, Person, Plan, Project
from tests.browser.test_dashboard_and_list import listed, sign_in, year_2022  # noqa: F401 (a fixture)
from tests.factories import make_full_project, make_jurisdiction, make_plan

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_districts(year_2022):  # noqa: F811 (the fixture imported above)
    plan, coordinator = year_2022
    # Seed 000 names 鲤城区 alone; it and 丰泽区 are districts of 泉州市, whose supervision office sees both.
    city = make_jurisdiction(name="泉州市")
    Jurisdiction.objects.filter(pk=plan.jurisdiction_id).update(parent=city)
    coordinator.jurisdiction = city
    coordinator.save()
    fengze = make_jurisdiction(name="丰泽区", parent=city)
    year = clock.today().year
    other = make_plan(jurisdiction=fengze, year=year, title=f"{year}年丰泽区为民办实事项目责任分解表")
    for n in range(1, 4):
        make_full_project(plan=other, n=n)
    # As the lights stood at midyear, whatever today's date: its reports of January to May are missing, late.
    lights.refresh(Project.objects.filter(plan=other), today=date(year, 6, 30))
    return plan, other


def unit(name: str) -> int:
    return Organization.objects.get(name=name, jurisdiction__name="鲤城区").pk


def cases(licheng: Plan, fengze: Plan) -> list[tuple[str, str, str]]:
    """Each field of the form: what a person chooses or types in it (an option's label, or text) and the query
    string the same filter is written as by hand."""
    wang = Person.objects.get(name="王伟", jurisdiction__name="鲤城区")
    return [
        ("q", "口袋", "q=口袋"),
        ("jurisdiction", "泉州市 › 丰泽区", f"jurisdiction={fengze.jurisdiction_id}"),
        ("year", str(fengze.year), f"year={fengze.year}"),
        ("plan", str(fengze), f"plan={fengze.pk}"),
        ("category", Category.objects.get(plan=licheng, name="社会投资类").name, "category=社会投资类"),
        ("lead_unit", "区住建局（鲤城区）", f"lead_unit={unit('区住建局')}"),
        ("assisting_unit", "区住建局（鲤城区）", f"assisting_unit={unit('区住建局')}"),
        ("leader", "王伟（鲤城区）", f"leader={wang.pk}"),
        ("light", "已核验完成", "light=done"),
        ("source", "市财政配套", f"source={FundingSource.objects.get(name='市财政配套').pk}"),
        ("investment_min", "500", "investment_min=500"),
        ("investment_max", "100", "investment_max=100"),
        ("open_request", "是", "open_request=1"),
        ("missing", "否", "missing=0"),
        ("late", "否", "late=0"),
        ("milestone_missed", "是", "milestone_missed=1"),
    ]


def exported_numbers(page) -> list[str]:
    """The 序号 column of the .xlsx the page's export link downloads."""
    with page.expect_download() as caught:
        page.locator("form.filters a", has_text="导出 .xlsx").click()
    sheet = load_workbook(BytesIO(open(caught.value.path(), "rb").read())).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [row[header.index("序号")] for row in rows]


def test_each_filter_chosen_in_the_form_shows_what_its_url_shows_and_exports_it(two_districts, page):
    licheng, fengze = two_districts
    total = Project.objects.count()
    sign_in(page, "ducha")
    page.goto(page.base + "/projects/")
    selects = page.locator("form.filters select").evaluate_all("all => all.map(s => s.name)")
    typed = page.locator("form.filters input").evaluate_all("all => all.map(i => i.name)")
    # Every field of the form has its case here, so a filter added later must be tried too.
    assert set(selects) | set(typed) == {name for name, _, _ in cases(licheng, fengze)} | {"per_page"}
    # Untouched, every choice list stands on its empty choice, and the form finds every project.
    for name in selects:
        if name != "per_page":
            assert page.locator(f"select[name={name}] option:checked").inner_text() == "全部", name
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert listed(page)[0] == total

    for name, choice, query in cases(licheng, fengze):
        page.goto(page.base + "/projects/")
        if name in selects:
            page.select_option(f"select[name={name}]", label=choice)
        else:
            page.fill(f"input[name={name}]", choice)
        with page.expect_navigation():
            page.click("form.filters button[type=submit]")
        count, numbers = listed(page)
        assert 0 < count < total, f"{name}={choice} should narrow the list, shows {count} of {total}"
        assert count == len(numbers), "all of them on one page"
        assert exported_numbers(page) == numbers, name

        page.goto(page.base + "/projects/?" + query)
        assert listed(page) == (count, numbers), f"{name}: the form and {query} differ"
