"""A table of a jurisdiction the uploader may not import into is refused before anything of it is read.

鲤城区 has its 2022 plan stored, with a project added by hand (only the stored plan has it) that a
unit has reported on. An administrator of another district of the same city, and one of another
city, upload 鲤城区's table: neither sees, nor leaves in the stored preview, any project of 鲤城区."""

import json
from datetime import date

import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.models import ImportRecord
from imports.services import apply_import, preview_import
from progress.models import Report
from projects.models import Jurisdiction, Project
from tests.factories import make_organization, make_project, make_user
from tests.imports.seeds import seed_bytes, seed_path

pytestmark = pytest.mark.django_db

BY_HAND = "鲤城区手工录入的保密项目"


@pytest.fixture
def licheng_stored(settings, tmp_path) -> list[str]:
    """鲤城区's plan as imported, one project more, a report on it: the names stored for 鲤城区."""
    settings.MEDIA_ROOT = tmp_path
    plan = apply_import(preview=preview_import(file_name=seed_path("000").name, data=seed_bytes("000"),
                                               jurisdiction="泉州市/鲤城区")).plan
    extra = make_project(plan=plan, key="手工1", number="99", name=BY_HAND, position=10_000)
    unit = make_organization(name="鲤城区测试单位", jurisdiction=plan.jurisdiction)
    Report.objects.create(project=extra, organization=unit, period=date(plan.year, 6, 1))
    return list(Project.objects.values_list("name", flat=True))


def admin_of(client, *chain: str):
    parent = None
    for name in chain:
        parent, _created = Jurisdiction.objects.get_or_create(name=name, parent=parent)
    client.force_login(make_user(username="admin", role=Role.ADMIN, jurisdiction=parent))
    return client


@pytest.mark.parametrize(("home", "posted"), [
    (("泉州市", "丰泽区"), ""),  # another district of the same city; the title names 鲤城区
    (("福州市", "鼓楼区"), ""),  # another city
    (("泉州市", "丰泽区"), "泉州市/鲤城区"),  # 鲤城区 given on the form
], ids=["another-district", "another-city", "named-on-the-form"])
def test_a_table_of_another_jurisdiction_shows_nothing_of_it(client, licheng_stored, home, posted):
    admin_of(client, *home)

    with seed_path("000").open("rb") as file:
        response = client.post(reverse("imports:upload"), {"file": file, "jurisdiction": posted}, follow=True)

    page = response.content.decode()
    named = "泉州市 › 鲤城区" if posted else "鲤城区"  # as the table's title, or the form, names it
    assert f"此表属于{named}；您只能导入{' › '.join(home)}及其下级行政区的计划。未读取{named}的任何数据。" in page
    assert [name for name in licheng_stored if name in page] == []
    record = ImportRecord.objects.exclude(status="applied").get()
    stored = json.dumps(record.result, ensure_ascii=False)
    assert [name for name in licheng_stored if name in stored] == []
    assert record.status == "failed" and not record.result.get("missing") and not record.result.get("projects")
    assert "imports:confirm" not in page and reverse("imports:confirm", args=[record.pk]) not in page


def test_the_administrator_of_the_city_still_previews_its_district(client, licheng_stored):
    admin_of(client, "泉州市")

    with seed_path("000").open("rb") as file:
        page = client.post(reverse("imports:upload"), {"file": file}, follow=True).content.decode()

    # Its own district: the plan is compared, and the project no longer in the table is listed.
    record = ImportRecord.objects.exclude(status="applied").get()
    assert record.status == "previewed", record.result["errors"]
    assert BY_HAND in page
