"""A workbook holding several plans — one sheet per year, or per district — is previewed and confirmed plan by plan."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.roles import Role
from imports.models import ImportRecord
from projects.models import Plan
from tests.factories import make_user


def two_districts_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for district, projects in [("鼓楼区", ["新建幼儿园", "改造老旧小区"]), ("玄武区", ["建设口袋公园"])]:
        sheet = workbook.create_sheet(district)
        sheet.append([f"南京市{district}2024年民生实事项目责任分解表"])
        sheet.append(["序号", "项目名称", "牵头单位"])
        for number, name in enumerate(projects, 1):
            sheet.append([number, name, f"{district[:2]}区教育局"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def years_workbook() -> bytes:
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for year, names in [(2023, ["新建幼儿园"]), (2024, ["改造老旧小区", "建设口袋公园"])]:
        sheet = workbook.create_sheet(f"{year}年")
        sheet.append([f"南京市鼓楼区{year}年民生实事项目责任分解表"])
        sheet.append(["序号", "项目名称", "牵头单位"])
        for number, name in enumerate(names, 1):
            sheet.append([number, name, "区教育局"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.django_db
def test_the_command_imports_each_district_sheet_as_its_own_plan(tmp_path):
    path = tmp_path / "南京市民生实事.xlsx"
    path.write_bytes(two_districts_workbook())
    out = io.StringIO()

    call_command("import_table", str(path), "--json", stdout=out)

    summaries = json.loads(out.getvalue())
    assert [s["plan"]["jurisdiction"] for s in summaries] == ["南京市 › 鼓楼区", "南京市 › 玄武区"]
    plans = {str(plan.jurisdiction): plan.projects.count() for plan in Plan.objects.all()}
    assert plans == {"南京市 › 鼓楼区": 2, "南京市 › 玄武区": 1}


@pytest.mark.django_db
def test_a_sheet_per_year_gives_a_preview_per_year_each_confirmed_on_its_own(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(make_user(username="admin", role=Role.ADMIN, is_superuser=True))
    upload = SimpleUploadedFile("鼓楼区历年民生实事.xlsx", years_workbook())

    client.post(reverse("imports:upload"), {"file": upload})

    records = list(ImportRecord.objects.order_by("pk"))
    assert [(r.status, r.result["plan"]["year"], r.result["counts"]["projects"]) for r in records] == [
        ("previewed", 2023, 1), ("previewed", 2024, 2)]
    # The first preview leads to the second.
    page = client.get(reverse("imports:preview", args=[records[0].pk])).content.decode()
    assert reverse("imports:preview", args=[records[1].pk]) in page
    # Confirming the 2024 preview writes 2024 only, read again from the 2024 sheet.
    client.post(reverse("imports:confirm", args=[records[1].pk]))
    assert list(Plan.objects.values_list("year", flat=True)) == [2024]
    assert Plan.objects.get().projects.count() == 2


@pytest.mark.django_db
def test_every_plan_of_a_workbook_is_previewed_from_one_reading_as_each_alone(monkeypatch):
    from imports import preview as preview_module
    from imports import services

    readings = []
    read_file = preview_module.read_file

    def counted(*args, **kwargs):
        readings.append(args[0])
        return read_file(*args, **kwargs)

    monkeypatch.setattr(preview_module, "read_file", counted)
    data = two_districts_workbook()

    previews = services.preview_plans(file_name="民生实事.xlsx", data=data, reuse=False)

    assert readings == ["民生实事.xlsx"]
    assert [p.summary()["plan"]["jurisdiction"] for p in previews] == ["南京市 › 鼓楼区", "南京市 › 玄武区"]
    # Each as the confirm step reads it again, from the sheets and options it was previewed with.
    for preview in previews:
        alone = services.preview_import(file_name="民生实事.xlsx", data=data, reuse=False,
                                        **services.previewed_options(services.record_preview(preview=preview))
                                        .as_arguments())
        assert alone.summary() == preview.summary()
        assert alone.fingerprints == preview.fingerprints


@pytest.mark.django_db
def test_a_workbook_imported_again_leaves_each_of_its_plans_unchanged(tmp_path):
    path = tmp_path / "南京市民生实事.xlsx"
    path.write_bytes(two_districts_workbook())
    call_command("import_table", str(path), stdout=io.StringIO())
    out = io.StringIO()

    call_command("import_table", str(path), "--json", stdout=out)

    summaries = json.loads(out.getvalue())
    assert [(s["created"], s["updated"], s["unchanged"]) for s in summaries] == [(0, 0, 2), (0, 0, 1)]
    assert ImportRecord.objects.filter(status=ImportRecord.Status.APPLIED).count() == 4
