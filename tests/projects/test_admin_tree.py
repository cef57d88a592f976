"""A jurisdiction's place in the tree: a district's administrator cannot move their own district,
and nobody, through any door, can make a jurisdiction its own ancestor."""

import time
from threading import Thread

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from projects.access import jurisdiction_ids_under, visible_projects
from projects.models import Jurisdiction
from tests.factories import make_jurisdiction, make_plan, make_project, make_user
from tests.projects.admin_forms import loop_already_in_data, post_changed, within

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    """泉州市 › 鲤城区 › 开元街道, with a project of 鲤城区 the city's coordinator follows."""
    licheng = make_jurisdiction(name="鲤城区")
    kaiyuan = make_jurisdiction(name="开元街道", parent=licheng, level=Jurisdiction.Level.SUBDISTRICT)
    make_project(plan=make_plan(jurisdiction=licheng), name="鲤城的项目")
    return licheng.parent, licheng, kaiyuan


def change_url(jurisdiction: Jurisdiction) -> str:
    return reverse("admin:projects_jurisdiction_change", args=[jurisdiction.pk])


def administrator_of(client, jurisdiction: Jurisdiction, username: str = "gly"):
    client.force_login(make_user(username=username, role=Role.ADMIN, is_staff=True, jurisdiction=jurisdiction))
    return client


def test_a_district_administrator_saving_late_days_keeps_their_district_under_the_city(client, tree):
    city, licheng, _ = tree
    administrator_of(client, licheng)
    response = post_changed(client, change_url(licheng), late_days="3")
    assert response.status_code == 302
    licheng.refresh_from_db()
    assert (licheng.late_days, licheng.parent) == (3, city)
    coordinator = make_user(username="ducha", role=Role.COORDINATOR, jurisdiction=city)
    assert visible_projects(coordinator).filter(name="鲤城的项目").exists()


def test_a_district_administrator_sees_their_districts_parent_but_cannot_change_it(client, tree):
    city, licheng, kaiyuan = tree
    administrator_of(client, licheng)
    page = client.get(change_url(licheng)).content.decode()
    assert city.name in page and 'name="parent"' not in page
    # A parent posted by hand is ignored, be it the city's own sub-district or nothing.
    for posted in (str(kaiyuan.pk), ""):
        post_changed(client, change_url(licheng), parent=posted)
        licheng.refresh_from_db()
        assert licheng.parent == city


def test_a_district_administrator_cannot_make_their_district_its_own_grandparent(client, tree):
    city, licheng, kaiyuan = tree
    administrator_of(client, licheng)
    post_changed(client, change_url(licheng), parent=str(kaiyuan.pk))
    licheng.refresh_from_db()
    assert licheng.parent == city
    with within(5):
        assert set(jurisdiction_ids_under(licheng.pk)) == {licheng.pk, kaiyuan.pk}


def test_a_city_administrator_cannot_put_a_district_under_its_own_sub_district(client, tree):
    city, licheng, kaiyuan = tree
    administrator_of(client, city)
    response = post_changed(client, change_url(licheng), parent=str(kaiyuan.pk))
    assert response.status_code == 200
    assert "不能放在它自己或它的下级之下" in response.content.decode()
    licheng.refresh_from_db()
    assert licheng.parent == city


def test_a_city_administrator_may_still_move_a_sub_district_within_the_city(client, tree):
    city, licheng, kaiyuan = tree
    fengze = make_jurisdiction(name="丰泽区", parent=city)
    administrator_of(client, city)
    assert post_changed(client, change_url(kaiyuan), parent=str(fengze.pk)).status_code == 302
    kaiyuan.refresh_from_db()
    assert kaiyuan.parent == fengze


def test_a_loop_is_refused_by_validation_with_a_chinese_message(tree):
    city, _, kaiyuan = tree
    city.parent = kaiyuan
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        city.full_clean()
    assert refused.value.message_dict["parent"] == ["行政区不能放在它自己或它的下级之下。"]


def test_an_update_that_bypasses_validation_cannot_make_a_loop(tree):
    city, licheng, kaiyuan = tree
    for top, below in ((licheng, kaiyuan), (city, kaiyuan), (kaiyuan, kaiyuan)):
        with pytest.raises(IntegrityError), transaction.atomic():
            Jurisdiction.objects.filter(pk=top.pk).update(parent=below)
    assert Jurisdiction.objects.get(pk=licheng.pk).parent_id == city.pk


def test_an_update_that_keeps_the_tree_a_tree_passes_the_guard(tree):
    city, licheng, kaiyuan = tree
    fengze = make_jurisdiction(name="丰泽区", parent=city)
    Jurisdiction.objects.filter(pk=kaiyuan.pk).update(parent=fengze)
    Jurisdiction.objects.filter(pk=fengze.pk).update(parent=None)
    assert Jurisdiction.objects.get(pk=kaiyuan.pk).parent_id == fengze.pk


def test_a_loop_already_in_data_does_not_hang_the_pages(client, tree):
    city, licheng, kaiyuan = tree
    loop_already_in_data(kaiyuan, licheng)  # 鲤城区 › 开元街道 › 鲤城区
    coordinator = make_user(username="lc", role=Role.COORDINATOR, jurisdiction=licheng)
    client.force_login(coordinator)
    with within(10):
        assert set(jurisdiction_ids_under(licheng.pk)) == {licheng.pk, kaiyuan.pk}
        for url in (reverse("projects:list"), reverse("dashboard"), reverse("tasks")):
            assert client.get(url).status_code == 200, url


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite lets one writer at a time")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_moves_cannot_close_a_loop_between_them():
    city = make_jurisdiction(name="泉州市", level=Jurisdiction.Level.CITY)
    licheng, fengze = make_jurisdiction(name="鲤城区", parent=city), make_jurisdiction(name="丰泽区", parent=city)
    outcome = []

    def move_fengze_under_licheng():
        try:
            with transaction.atomic():
                Jurisdiction.objects.filter(pk=fengze.pk).update(parent=licheng)
            outcome.append("saved")
        except IntegrityError:
            outcome.append("refused")
        except Exception as error:
            outcome.append(repr(error))
        finally:
            connection.close()

    # Each move alone is harmless; together, uncommitted side by side, they would make 鲤城区 › 丰泽区 › 鲤城区.
    with transaction.atomic():
        Jurisdiction.objects.filter(pk=licheng.pk).update(parent=fengze)
        other = Thread(target=move_fengze_under_licheng)
        other.start()
        with connection.cursor() as cursor:
            for _ in range(50):  # until the other move waits for this one's turn
                cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.1)
    other.join(10)
    assert outcome == ["refused"]
    assert Jurisdiction.objects.get(pk=fengze.pk).parent_id == city.pk


def test_a_sub_district_its_administrator_saves_keeps_a_parent(client, tree):
    city, licheng, kaiyuan = tree
    administrator_of(client, licheng)
    # Emptied, the parent would take 开元街道 out of 鲤城区's tree, and out of its administrator's sight.
    response = post_changed(client, change_url(kaiyuan), parent="")
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    kaiyuan.refresh_from_db()
    assert kaiyuan.parent == licheng
