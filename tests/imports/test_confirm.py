"""Confirming a preview stores what the preview showed, once, and every failure ends in a record."""

import html
from datetime import date

import pytest
from django.contrib.messages import ERROR, get_messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from imports.models import ImportRecord
from progress.models import AssistingNote
from projects.models import Jurisdiction, Plan, Project
from tests.factories import make_organization, make_plan, make_project, make_user
from tests.imports.seeds import seed_bytes, seed_path

pytestmark = pytest.mark.django_db

# A table whose title names neither jurisdiction nor year: the admin gives both on the upload form.
TABLE = (
    "为民办实事项目责任分解表\n"
    "序号\t项目名称\t主要内容\t承办单位\t分管领导\n"
    "1\t关爱女孩行动\t帮扶8户计生困难户修缮房屋。\t区卫健局\t张剑辉\n"
    "2\t特困失能老人护理补助项目\t为特困失能老人提供护理补助。\t区民政局\t王伟\n"
)


@pytest.fixture
def city_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # The administrator of 泉州市, whose new district 确认甲区 comes in with the table.
    city = Jurisdiction.objects.create(name="泉州市", level="city")
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=city))
    return client


@pytest.fixture
def jinjiang_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # As in test_views: the administrator of 晋江市 uploads seed 002 (新塘街道).
    city = Jurisdiction.objects.create(name="晋江市", level="city")
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=city))
    return client


def preview_table(client, *, jurisdiction: str, year: int) -> ImportRecord:
    client.post(reverse("imports:upload"), {"text": TABLE, "jurisdiction": jurisdiction, "year": year})
    return ImportRecord.objects.get()


def preview_seed(client, number: str) -> ImportRecord:
    with seed_path(number).open("rb") as file:
        client.post(reverse("imports:upload"), {"file": file})
    return ImportRecord.objects.get()


def confirm(client, record: ImportRecord, **posted):
    return client.post(reverse("imports:confirm", args=[record.pk]), posted)


def errors_shown(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request) if message.level == ERROR]


def translated(message: str) -> str:
    """The message as the (Chinese) pages show it, once it is translated; until then, as written."""
    with translation.override("zh-hans"):
        return translation.gettext(message)


def replace_staged(record: ImportRecord, data: bytes) -> None:
    name = f"imports/{record.checksum}"
    default_storage.delete(name)
    default_storage.save(name, ContentFile(data))


def test_posted_jurisdiction_and_year_are_ignored(city_client):
    record = preview_table(city_client, jurisdiction="泉州市/确认甲区", year=2024)

    response = confirm(city_client, record, jurisdiction="篡改区", year="2025")

    assert response.status_code == 302
    plan = Plan.objects.get()
    assert (str(plan.jurisdiction), plan.year) == ("泉州市 › 确认甲区", 2024)
    assert not Jurisdiction.objects.filter(name="篡改区").exists()
    record.refresh_from_db()
    assert record.status == "applied" and record.plan == plan


def test_a_posted_year_out_of_range_does_not_reach_the_database(city_client):
    record = preview_table(city_client, jurisdiction="泉州市/确认甲区", year=2024)

    response = confirm(city_client, record, jurisdiction="泉州市 › 确认甲区", year="1999")

    assert response.status_code == 302
    assert Plan.objects.get().year == 2024


def test_a_staged_file_that_now_reads_as_another_plan_is_refused(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # A superuser, who may import anywhere: only the comparison with the preview stops this.
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    record = preview_seed(client, "002")
    replace_staged(record, seed_bytes("000"))  # 泉州市 › 鲤城区 2022, not 晋江市 › 新塘街道 2023

    response = confirm(client, record)

    assert response.status_code == 302 and response.url == reverse("imports:preview", args=[record.pk])
    [message] = errors_shown(response)
    assert "2022" in message and "2023" in message
    assert not Plan.objects.exists() and not Project.objects.exists()
    record.refresh_from_db()
    assert record.status == "previewed" and record.result["counts"]["projects"] == 12


def test_a_preview_is_confirmed_once(jinjiang_client):
    record = preview_seed(jinjiang_client, "002")
    confirm(jinjiang_client, record)
    # Edited by hand since: a second write would put the table's name back.
    project = Project.objects.order_by("position").first()
    Project.objects.filter(pk=project.pk).update(name="手工改过的名称")

    response = confirm(jinjiang_client, record)

    assert response.status_code == 302 and response.url == reverse("imports:preview", args=[record.pk])
    assert errors_shown(response) == [translated("This table has already been imported.")]
    assert Project.objects.get(pk=project.pk).name == "手工改过的名称"
    assert Plan.objects.count() == 1 and Project.objects.count() == 12
    record.refresh_from_db()
    assert record.status == "applied"


def test_an_applied_import_whose_file_was_cleaned_up_still_says_it_is_imported(jinjiang_client):
    record = preview_seed(jinjiang_client, "002")
    confirm(jinjiang_client, record)
    default_storage.delete(f"imports/{record.checksum}")

    response = confirm(jinjiang_client, record)

    assert response.url == reverse("imports:preview", args=[record.pk])
    assert errors_shown(response) == [translated("This table has already been imported.")]


def test_a_failed_import_cannot_be_confirmed(jinjiang_client):
    record = preview_seed(jinjiang_client, "002")
    ImportRecord.objects.filter(pk=record.pk).update(status="failed")

    response = confirm(jinjiang_client, record)

    assert errors_shown(response) == [translated("This import failed; please upload the table again.")]
    assert not Plan.objects.exists()


def test_a_database_refusal_is_recorded_as_a_failure_and_explained(city_client):
    # The plan exists, with a project added by hand as number 1 that a unit has written a note on:
    # the import keeps it, and the table's own number 1 then breaks project_unique_number_in_plan,
    # which the preview's comparison (by key) does not see.
    district = Jurisdiction.objects.create(name="确认甲区", level="district", parent=Jurisdiction.objects.get())
    plan = make_plan(jurisdiction=district, year=2024)
    by_hand = make_project(plan=plan, key="手工1", number="1", name="手工录入的项目")
    AssistingNote.objects.create(project=by_hand,
                                 organization=make_organization(name="区财政局", jurisdiction=district),
                                 period=date(2024, 3, 1), text="已配合")
    record = preview_table(city_client, jurisdiction="泉州市/确认甲区", year=2024)
    assert record.status == "previewed"

    # Posted as the preview page's form used to post it.
    response = confirm(city_client, record, jurisdiction="泉州市 › 确认甲区", year="2024")

    assert response.status_code == 302
    assert errors_shown(response) == [translated("The table could not be imported; see the errors below.")]
    record.refresh_from_db()
    assert record.status == "failed" and record.plan is None
    [error] = record.result["errors"]
    assert "number" in error["message"]
    assert list(Project.objects.values_list("name", flat=True)) == ["手工录入的项目"]
    assert error["message"] in html.unescape(city_client.get(response.url).content.decode())


def test_a_staged_file_that_no_longer_reads_ends_in_a_failed_record(jinjiang_client):
    record = preview_seed(jinjiang_client, "002")
    replace_staged(record, b"PK\x03\x04 not a workbook any more")

    response = confirm(jinjiang_client, record)

    assert errors_shown(response) == [translated("The table could not be imported; see the errors below.")]
    record.refresh_from_db()
    assert record.status == "failed" and record.result["errors"]
    assert not Plan.objects.exists()


# Committed for real: inside the usual test transaction nothing would be checked before the test ends.
@pytest.mark.django_db(transaction=True)
def test_a_constraint_the_database_checks_only_at_commit_still_ends_in_a_failed_record(city_client, monkeypatch):
    # Foreign keys are checked when the transaction commits. Here a unit is deleted while the import
    # is being written (what another administrator's delete would do): the commit is refused, and
    # the admin sees a failed import with its message instead of a server error.
    from imports import services
    from projects.models import Organization

    record = preview_table(city_client, jurisdiction="泉州市/确认甲区", year=2024)
    real_apply = services.apply_import

    def apply_then_lose_a_unit(**arguments):
        applied = real_apply(**arguments)
        # A delete in SQL, as another program's would be: it leaves the project's link to the unit behind.
        Organization.objects.filter(name="区民政局")._raw_delete(using="default")
        return applied

    monkeypatch.setattr(services, "apply_import", apply_then_lose_a_unit)

    response = confirm(city_client, record)

    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "failed"
    assert record.result["errors"]
    assert not Project.objects.exists()
