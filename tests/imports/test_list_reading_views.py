"""An administrator says how to read a list the importer could not place, and the choice sticks.

The lettered list (tests/imports/lettered_list.py) ends in 未找到表头 without help. The preview shows
its lines, what each was read as, and readings built from the marks its lines start with; the admin
picks "each line starting with A. is a project", the list is read again as five projects, the
choice is remembered for lists of its shape, and the same list pasted again is read at once.
"""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from imports.models import ImportRecord, SavedReading
from imports.shape.split import no_table_error
from projects.models import Jurisdiction, Plan, ProjectOrganization
from tests.factories import make_user
from tests.imports.lettered_list import (
    CATEGORIES,
    CATEGORISED,
    LETTERED,
    LETTERED_LEADS,
    LETTERED_LINES,
    NEXT_YEAR,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuhou():
    city = Jurisdiction.objects.create(name="成都市", level="city")
    return Jurisdiction.objects.create(name="武侯区", parent=city)


@pytest.fixture
def admin_client(client, wuhou, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the staged uploads
    client.force_login(make_user(username="wuhou-admin", role=Role.ADMIN, jurisdiction=wuhou))
    return client


def chinese(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


def paste(client, text: str) -> ImportRecord:
    response = client.post(reverse("imports:upload"), {"text": text})
    assert response.status_code == 302
    return ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def reread(client, record: ImportRecord, **fields) -> ImportRecord:
    """Post the reading form as the browser does; returns the record the answer leads to."""
    response = client.post(reverse("imports:reread", args=[record.pk]),
                           {"items": "", "categories": "", "start": "", **fields})
    assert response.status_code == 302, response.status_code
    return ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def leads(record: ImportRecord) -> dict[str, list[str]]:
    return {project["name"]: [unit[0] for unit in project["lead_units"]] for project in record.result["projects"]}


def kinds(record: ImportRecord) -> list[str]:
    return [line["kind"] for line in record.result["reading"]["lines"]]


def test_the_lettered_list_is_a_dead_end_without_a_choice(admin_client):
    record = paste(admin_client, LETTERED)
    assert record.status == "failed"
    assert [error["message"] for error in record.result["errors"]] == [no_table_error()]
    reading = record.result["reading"]
    assert reading["dead_end"] and reading["count"] == LETTERED_LINES and reading["choice"] is None
    assert reading["marks"] == [{"mark": "A.", "count": 5}]


def test_the_preview_of_a_dead_end_shows_its_lines_and_the_readings_to_choose(admin_client):
    record = paste(admin_client, LETTERED)
    page = admin_client.get(reverse("imports:preview", args=[record.pk])).content.decode()
    assert 'id="reading"' in page and reverse("imports:reread", args=[record.pk]) in page
    assert page.count('class="kind-') == LETTERED_LINES
    assert "B.改造中小学运动场4片" in page and "责任单位：区城管局" in page
    for value in ("line", "any", "A."):
        assert f'name="items" value="{value}"' in page
    assert chinese("line without a known number") in page


def test_choosing_the_lettered_lines_reads_five_projects_and_remembers_the_choice(admin_client):
    first = paste(admin_client, LETTERED)
    chosen = reread(admin_client, first, items="A.")
    assert chosen.pk != first.pk and chosen.status == "previewed", chosen.result["errors"]
    assert leads(chosen) == LETTERED_LEADS
    assert chosen.result["counts"]["projects"] == 5
    assert kinds(chosen) == ["title"] + ["project", "continuation"] * 5
    assert chosen.result["reading"]["choice"] == {"items": "A.", "categories": "", "start": None}
    saved = SavedReading.objects.get()
    assert saved.choice == {"items": "A.", "categories": "", "start": None}
    assert saved.shape == first.result["reading"]["shape"]


def test_the_same_list_pasted_again_is_read_at_once_and_says_so(admin_client):
    reread(admin_client, paste(admin_client, LETTERED), items="A.")
    again = paste(admin_client, LETTERED)
    assert again.status == "previewed" and leads(again) == LETTERED_LEADS
    assert again.result["reading"]["remembered"] is True
    # Kept with the preview for confirming; the columns themselves were not chosen, and do not say so.
    assert again.result["remembered"][again.result["reading"]["shape"]]["reading"]["items"] == "A."
    assert again.result["layouts"][0]["remembered"] is False
    page = admin_client.get(reverse("imports:preview", args=[again.pk])).content.decode()
    assert chinese("Read the way you chose for a list of this shape before. You may change it below.") in page
    assert 'name="items" value="A." checked' in page


def test_next_years_list_of_the_same_shape_is_read_with_the_remembered_choice(admin_client):
    reread(admin_client, paste(admin_client, LETTERED), items="A.")
    next_year = paste(admin_client, NEXT_YEAR)
    assert next_year.status == "previewed" and next_year.result["plan"]["year"] == 2026
    assert leads(next_year) == {"新建社区食堂4个": ["区民政局"], "改造农贸市场2个": ["区商务局"],
                                "增设公共停车位300个": ["区交通运输局"]}


def test_confirming_stores_the_list_as_it_was_read(admin_client):
    chosen = reread(admin_client, paste(admin_client, LETTERED), items="A.")
    # Forgotten between preview and confirm: the confirm reads with the preview's own choice.
    SavedReading.objects.all().delete()
    admin_client.post(reverse("imports:confirm", args=[chosen.pk]))
    assert ImportRecord.objects.get(pk=chosen.pk).status == "applied"
    stored: dict[str, list[str]] = {}
    for link in ProjectOrganization.objects.filter(role="lead").select_related("project", "organization"):
        stored.setdefault(link.project.name, []).append(link.organization.name)
    assert stored == LETTERED_LEADS
    assert Plan.objects.get().projects.count() == 5


def test_confirming_a_remembered_reading_reads_it_again(admin_client):
    reread(admin_client, paste(admin_client, LETTERED), items="A.")
    again = paste(admin_client, LETTERED)
    SavedReading.objects.all().delete()
    admin_client.post(reverse("imports:confirm", args=[again.pk]))
    assert ImportRecord.objects.get(pk=again.pk).status == "applied"
    assert Plan.objects.get().projects.count() == 5


def test_lines_numbered_yi_read_as_categories_when_chosen(admin_client):
    # Without a choice the list reads wrong, not as a dead end: 一 and 二 swallow their lettered lines.
    first = paste(admin_client, CATEGORISED)
    assert first.result["counts"]["projects"] == 2
    assert not first.result["reading"]["dead_end"]
    assert [mark["mark"] for mark in first.result["reading"]["marks"]] == ["一、", "A."]
    chosen = reread(admin_client, first, items="A.", categories="一、")
    assert chosen.status == "previewed", chosen.result["errors"]
    by_category: dict[str, int] = {}
    for project in chosen.result["projects"]:
        by_category[project["category"]] = by_category.get(project["category"], 0) + 1
    assert by_category == CATEGORIES
    assert "category" in kinds(chosen)


def test_every_line_a_project_from_the_line_chosen(admin_client):
    text = ("成都市武侯区2025年民生实事项目\n以下项目由区政府统一部署：\n"
            "新建社区食堂4个\n改造农贸市场2个\n增设公共停车位300个\n")
    first = paste(admin_client, text)
    assert first.status == "failed"
    chosen = reread(admin_client, first, items="line", start="3")
    assert [project["name"] for project in chosen.result["projects"]] == [
        "新建社区食堂4个", "改造农贸市场2个", "增设公共停车位300个"]
    assert kinds(chosen)[:3] == ["title", "title", "project"]


def test_reading_as_the_importer_does_forgets_the_choice(admin_client):
    chosen = reread(admin_client, paste(admin_client, LETTERED), items="A.")
    back = reread(admin_client, chosen, items="auto")
    assert back.status == "failed" and back.result["reading"]["dead_end"]
    assert SavedReading.objects.count() == 0
    assert paste(admin_client, LETTERED).status == "failed"


def test_the_columns_form_keeps_the_reading(admin_client):
    chosen = reread(admin_client, paste(admin_client, LETTERED), items="A.")
    posted = {f"role-0-{column['index']}": column["role"] or "other"
              for column in chosen.result["layouts"][0]["columns"]}
    response = admin_client.post(reverse("imports:relayout", args=[chosen.pk]), {**posted, "header_row": ""})
    again = ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])
    assert again.status == "previewed" and leads(again) == LETTERED_LEADS


@pytest.mark.parametrize("fields", [
    {"items": "B."},  # no line starts with this mark
    {"items": "★"},
    {"items": "nonsense"},
    {"items": ""},
    {"items": "A.", "categories": "A."},
    {"items": "A.", "categories": "一、"},  # no line of this list starts with 一、
    {"items": "A.", "start": "0"},
    {"items": "A.", "start": "abc"},
    {"items": "A.", "start": "12"},  # the list has 11 lines
    {"items": "A.", "start": "99999999999999999999"},
])
def test_a_reading_the_form_never_offers_changes_nothing(admin_client, fields):
    first = paste(admin_client, LETTERED)
    response = admin_client.post(reverse("imports:reread", args=[first.pk]), fields)
    assert response.status_code == 302 and response.url == reverse("imports:preview", args=[first.pk])
    assert [message.level_tag for message in get_messages(response.wsgi_request)] == ["error"]
    assert ImportRecord.objects.count() == 1 and SavedReading.objects.count() == 0


def test_a_table_read_by_its_header_offers_no_reading(admin_client):
    record = paste(admin_client, "成都市武侯区2025年民生实事项目\n序号\t项目名称\t牵头单位\n"
                                 "1\t新建社区食堂4个\t区民政局\n2\t改造农贸市场2个\t区商务局\n")
    assert "reading" not in record.result
    response = admin_client.post(reverse("imports:reread", args=[record.pk]), {"items": "line"})
    assert response.url == reverse("imports:preview", args=[record.pk])
    assert ImportRecord.objects.count() == 1 and SavedReading.objects.count() == 0


def test_another_districts_admin_cannot_reread_the_preview(admin_client, client, wuhou):
    record = paste(admin_client, LETTERED)
    qingyang = Jurisdiction.objects.create(name="青羊区", parent=wuhou.parent)
    client.force_login(make_user(username="qingyang-admin", role=Role.ADMIN, jurisdiction=qingyang))
    assert client.post(reverse("imports:reread", args=[record.pk]), {"items": "A."}).status_code == 404
    assert ImportRecord.objects.count() == 1 and SavedReading.objects.count() == 0


def test_rereading_a_file_no_longer_kept_asks_for_it_again(admin_client, tmp_path):
    record = paste(admin_client, LETTERED)
    for staged_file in tmp_path.rglob("*"):
        if staged_file.is_file():
            staged_file.unlink()
    response = admin_client.post(reverse("imports:reread", args=[record.pk]), {"items": "A."})
    assert response.status_code == 302 and response.url == reverse("imports:upload")
    assert ImportRecord.objects.count() == 1 and SavedReading.objects.count() == 0
