"""Each real table, imported on its own into an empty database, gives exactly what the document says."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from imports.models import ImportRecord
from imports.services import apply_import, preview_import
from progress.models import Report
from projects.models import Category, Funding, Jurisdiction, Person, Plan, Project, QuarterlyMilestone
from tests.imports.seeds import seed_bytes, seed_path

pytestmark = pytest.mark.django_db


def load(number: str) -> Plan:
    preview = preview_import(file_name=seed_path(number).name, data=seed_bytes(number))
    assert preview.errors == []
    return apply_import(preview=preview).plan


def units(project: Project, role: str) -> list[str]:
    return list(project.unit_roles.filter(role=role).order_by("position").values_list("organization__name", flat=True))


def leaders(project: Project) -> list[str]:
    return list(project.person_roles.filter(role="leader").order_by("position").values_list("person__name", flat=True))


def invested(plan: Plan, field: str = "total_investment") -> Decimal:
    return Project.objects.filter(plan=plan).aggregate(total=Sum(field))["total"]


def by_source(plan: Plan) -> dict[str, Decimal]:
    rows = Funding.objects.filter(project__plan=plan).values("source__name").annotate(total=Sum("amount"))
    return {row["source__name"]: row["total"] for row in rows}


def test_000_licheng_2022_public_service_projects():
    plan = load("000")
    assert (str(plan.jurisdiction), plan.year, plan.kind) == ("鲤城区", 2022, "public_service")
    assert plan.projects.filter(parent=None).count() == 34 and plan.projects.exclude(parent=None).count() == 0
    assert list(plan.categories.values_list("name", flat=True)) == ["社会救助类", "社会投资类"]
    assert invested(plan) == Decimal("17996.759")
    four = plan.projects.get(number="4")
    assert by_source_of(four) == {"区财政": Decimal("53.3"), "市财政配套": Decimal("12.7")}
    assert units(plan.projects.get(number="18"), "lead") == ["区教育局", "区文投集团"]
    assert leaders(plan.projects.get(number="25")) == ["曾朝阳", "王伟"]


def by_source_of(project: Project) -> dict[str, Decimal]:
    return dict(project.fundings.values_list("source__name", "amount"))


def test_001_taishang_2024_totals_row_is_reproduced_exactly():
    plan = load("001")
    assert (plan.jurisdiction.name, plan.year) == ("泉州台商投资区", 2024)
    assert plan.projects.filter(parent=None).count() == 41
    assert plan.projects.exclude(parent=None).count() == 4
    declared = list(plan.categories.values_list("declared_count", flat=True))
    assert declared == [8, 5, 14, 8, 6]
    for category in plan.categories.all():
        assert category.projects.filter(parent=None).count() == category.declared_count
    assert invested(plan) == Decimal("29162.79")
    assert by_source(plan) == {"上级补助": Decimal("4339"), "区级补助": Decimal("23945.59"),
                               "镇村自筹": Decimal("878.2")}


def test_001_every_row_has_its_quarterly_plans():
    plan = load("001")
    projects = plan.projects.all()
    assert projects.count() == 45
    milestones = QuarterlyMilestone.objects.filter(project__plan=plan)
    # Every row plans Q1 and Q2; the few that finish early leave Q3/Q4 blank in the table.
    for quarter in (1, 2):
        assert milestones.filter(quarter=quarter).count() == 45
    assert milestones.get(project__number="1", quarter=2).target_percent == 50


def test_001_sub_items_belong_to_the_numbered_project_and_inherit_its_units():
    plan = load("001")
    sub_items = plan.projects.exclude(parent=None)
    assert sorted(sub_items.values_list("parent__number", flat=True)) == ["24", "24", "25", "5"]
    second = plan.projects.get(key="5.2")
    assert second.total_investment == Decimal("60")
    assert units(second, "lead") == ["区民生保障局"] and leaders(second) == ["赖丽水"]


def test_002_xintang_2023_with_its_numbering_gap_reported():
    preview = preview_import(file_name="002.txt", data=seed_bytes("002"))
    checks = {check.name: check for check in preview.draft.checks}
    assert not checks["numbering"].ok and "12–13" in checks["numbering"].message
    assert not checks["declared_count"].ok
    plan = apply_import(preview=preview).plan
    assert str(plan.jurisdiction) == "晋江市 › 新塘街道" and plan.year == 2023
    assert plan.document_number == "晋新工委〔2023〕48号" and plan.issued_on == date(2023, 5, 11)
    assert plan.declared_count == 14 and plan.projects.count() == 12
    assert invested(plan) == Decimal("55358.28") and invested(plan, "annual_investment") == Decimal("18158.28")
    assert plan.projects.get(number="8").construction_period == "2021-2023"
    third = plan.projects.get(number="3")
    assert third.total_investment == Decimal("100") and third.investment_is_approximate


def test_003_lucheng_half_year_progress_with_each_lead_unit():
    plan = load("003")
    assert (plan.jurisdiction.name, plan.year, plan.kind) == ("鹿城区", 2023, "progress_report")
    assert plan.projects.filter(parent=None).count() == 29
    assert plan.categories.count() == 10
    reports = Report.objects.filter(project__plan=plan)
    assert reports.count() == 29
    assert set(reports.values_list("period", flat=True)) == {date(2023, 6, 1)}
    inherited = reports.get(project__content__startswith="新投用中小学")
    assert inherited.organization.name == "区教育局"


def test_004_licheng_work_report_tasks_and_units_joined():
    plan = load("004")
    assert (str(plan.jurisdiction), plan.kind) == ("泉州市 › 鲤城区", "work_report")
    assert plan.document_number == "泉鲤政办〔2021〕70号"
    assert plan.projects.count() == 98
    assert plan.categories.count() == 5
    assert not plan.projects.filter(number__in=[str(n) for n in range(1, 9)]).exclude(category=None).exists()
    assert units(plan.projects.get(number="28"), "lead")[:2] == [
        "区古城保护发展指挥部", "爱国路周边片区安置房及通政小学北校区扩建项目指挥部"]
    assert units(plan.projects.get(number="29"), "lead") == [
        "江南新区城市更新项目指挥部", "高新区管委会", "晋江南岸（鲤城段）整治及景观提升项目指挥部"]
    names = set(Person.objects.values_list("name", flat=True))
    assert {"陈斌", "王伟"} <= names
    assert all(len(name) >= 2 for name in names)


def test_000_and_004_share_the_units_of_licheng():
    load("000")
    load("004")
    assert Jurisdiction.objects.filter(name="鲤城区").count() == 1
    licheng = Jurisdiction.objects.get(name="鲤城区")
    assert str(licheng) == "泉州市 › 鲤城区"
    housing = licheng.organizations.get(name="区住建局")
    assert housing.project_roles.values("project__plan").distinct().count() == 2


def test_every_import_is_recorded():
    load("002")
    record = ImportRecord.objects.get()
    assert record.status == "applied" and record.file_name == seed_path("002").name
    assert len(record.checksum) == 64 and record.result["counts"]["projects"] == 12
    assert Category.objects.count() == 0
