"""A jurisdiction given as a chain (福州市/鼓楼区) means that one, never a namesake of another city."""

import pytest

from accounts.roles import Role
from imports.services import ImportPreview, apply_import, may_import_into, preview_import
from imports.write.store import find_jurisdiction
from projects.models import Jurisdiction, Plan
from tests.factories import make_user
from tests.imports.seeds import seed_bytes, seed_path

pytestmark = pytest.mark.django_db


def preview_000(jurisdiction: str) -> ImportPreview:
    preview = preview_import(file_name=seed_path("000").name, data=seed_bytes("000"), jurisdiction=jurisdiction)
    assert preview.errors == []
    return preview


def load_000(jurisdiction: str) -> Plan:
    return apply_import(preview=preview_000(jurisdiction)).plan


def test_a_district_of_another_city_with_the_same_name_gets_its_own_plan():
    fuzhou = load_000("福州市/鼓楼区")
    projects = fuzhou.projects.count()
    nanjing = load_000("南京市/鼓楼区")
    assert Plan.objects.count() == 2
    assert (str(fuzhou.jurisdiction), str(nanjing.jurisdiction)) == ("福州市 › 鼓楼区", "南京市 › 鼓楼区")
    assert fuzhou.jurisdiction_id != nanjing.jurisdiction_id
    assert projects > 0
    assert fuzhou.projects.count() == projects == nanjing.projects.count()


def test_the_preview_compares_with_the_plan_of_the_city_named():
    load_000("福州市/鼓楼区")
    other_city = preview_000("南京市/鼓楼区").summary()
    assert other_city["plan"]["jurisdiction"] == "南京市 › 鼓楼区"
    assert other_city["created"] > 0 and (other_city["updated"], other_city["unchanged"]) == (0, 0)
    assert find_jurisdiction(["南京市", "鼓楼区"], create=False) is None
    same_city = preview_import(file_name="again.txt", data=seed_bytes("000"), jurisdiction="福州市/鼓楼区",
                               reuse=False).summary()
    assert same_city["unchanged"] > 0 and (same_city["created"], same_city["updated"]) == (0, 0)


def test_a_district_named_alone_means_the_only_one_of_its_name():
    fuzhou = load_000("福州市/鼓楼区").jurisdiction
    assert find_jurisdiction(["鼓楼区"], create=False) == fuzhou
    alone = preview_import(file_name="again.txt", data=seed_bytes("000"), jurisdiction="鼓楼区", reuse=False)
    assert alone.summary()["created"] == 0


def test_a_district_named_alone_when_two_cities_have_one_asks_for_the_city():
    load_000("福州市/鼓楼区")
    load_000("南京市/鼓楼区")
    preview = preview_import(file_name="again.txt", data=seed_bytes("000"), jurisdiction="鼓楼区", reuse=False)
    assert len(preview.errors) == 1 and "鼓楼区" in preview.errors[0].message
    assert Plan.objects.count() == 2


def test_a_later_document_naming_the_city_completes_the_district_stored_alone():
    first = load_000("鼓楼区")
    second = load_000("福州市/鼓楼区")
    assert Jurisdiction.objects.filter(name="鼓楼区").count() == 1
    assert first.pk == second.pk
    assert str(Jurisdiction.objects.get(name="鼓楼区")) == "福州市 › 鼓楼区"


def test_a_district_stored_alone_is_not_taken_when_a_namesake_exists():
    fuzhou = Jurisdiction.objects.create(name="福州市", level="city")
    Jurisdiction.objects.create(name="鼓楼区", parent=fuzhou)
    alone = Jurisdiction.objects.create(name="鼓楼区")
    nanjing_gulou = find_jurisdiction(["南京市", "鼓楼区"], create=True)
    assert str(nanjing_gulou) == "南京市 › 鼓楼区"
    alone.refresh_from_db()
    assert alone.parent is None


def test_a_district_is_never_made_the_parent_of_its_own_city():
    gulou = Jurisdiction.objects.create(name="鼓楼区")
    street = Jurisdiction.objects.create(name="某街道", parent=gulou, level="subdistrict")
    assert find_jurisdiction(["某街道", "鼓楼区"], create=True) not in (gulou, street)
    gulou.refresh_from_db()
    assert gulou.parent is None


def test_an_administrator_may_not_import_into_the_namesake_district_of_another_city():
    fuzhou = load_000("福州市/鼓楼区").jurisdiction.parent
    admin = make_user(username="fz", role=Role.ADMIN, jurisdiction=fuzhou)
    assert may_import_into(admin, ["福州市", "鼓楼区"])
    assert not may_import_into(admin, ["南京市", "鼓楼区"])
