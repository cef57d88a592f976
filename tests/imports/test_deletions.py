"""A re-imported table without a project deletes it only when the admin chooses so, and says so first."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from imports.models import ImportRecord
from imports.services import apply_import, preview_import
from projects.models import Project
from tests.factories import make_project, make_user
from tests.imports.seeds import seed_bytes, seed_path
from tests.projects.conftest import load, report_on_2022

pytestmark = pytest.mark.django_db

# Project 2 of seed 000, as its cells stand in the text (each cell on a tab-prefixed line).
TWO = "特困失能老人护理补助项目"
EIGHT = "实施断头路改造项目"  # reported on by 区住建局 in report_on_2022()


def without(*numbers: str) -> bytes:
    """Seed 000 with the rows of these projects cut out, from the number's cell to the next number's."""
    text = seed_bytes("000").decode()
    for number in numbers:
        start = text.index(f"\n\t{number}\n")
        end = text.index(f"\n\t{int(number) + 1}\n")
        text = text[:start] + text[end:]
    return text.encode()


def missing_names(summary: dict) -> list[tuple[str, str, bool]]:
    return [(p["number"], p["name"], p["reports"]) for p in summary["missing"]]


def test_the_preview_lists_the_project_a_reimport_would_delete():
    load("000")
    preview = preview_import(file_name="000.txt", data=without("2"))
    summary = preview.summary()
    assert missing_names(summary) == [("2", TWO, False)]
    # The rows after it move up one place, so they count as updated; none is new.
    assert (summary["created"], summary["deleted"], summary["kept"]) == (0, 1, 0)
    assert summary["delete_missing"] is None  # nobody has chosen yet


def test_applying_without_the_choice_keeps_the_project_after_the_tables_rows():
    plan = load("000")
    preview = preview_import(file_name="000.txt", data=without("2"))
    record = apply_import(preview=preview)
    two = Project.objects.get(plan=plan, number="2")
    assert two.position == Project.objects.filter(plan=plan).order_by("position").last().position
    assert (record.result["deleted"], record.result["kept"], record.result["delete_missing"]) == (0, 1, False)
    assert missing_names(record.result) == [("2", TWO, False)]


def test_applying_with_the_choice_deletes_the_project():
    plan = load("000")
    count = Project.objects.filter(plan=plan).count()
    preview = preview_import(file_name="000.txt", data=without("2"))
    record = apply_import(preview=preview, delete_missing=True)
    assert not Project.objects.filter(plan=plan, number="2").exists()
    assert Project.objects.filter(plan=plan).count() == count - 1
    assert (record.result["deleted"], record.result["kept"], record.result["delete_missing"]) == (1, 0, True)


def test_a_project_units_reported_on_is_listed_as_kept_and_stays_even_when_deleting(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    plan, _coordinator = report_on_2022()
    preview = preview_import(file_name="000.txt", data=without("2", "8"))
    assert missing_names(preview.summary()) == [("2", TWO, False), ("8", EIGHT, True)]
    assert (preview.summary()["deleted"], preview.summary()["kept"]) == (1, 1)
    apply_import(preview=preview, delete_missing=True)
    assert list(Project.objects.filter(plan=plan, number__in=["2", "8"]).values_list("number", flat=True)) == ["8"]


def test_the_same_shorter_file_again_still_lists_the_kept_project_and_may_delete_it():
    plan = load("000")
    apply_import(preview=preview_import(file_name="000.txt", data=without("2")))
    # Not skipped as "the file last applied": the project it kept must be listed, and may go now.
    again = preview_import(file_name="000.txt", data=without("2"))
    assert again.reused is None and missing_names(again.summary()) == [("2", TWO, False)]
    apply_import(preview=again, delete_missing=True)
    assert not Project.objects.filter(plan=plan, number="2").exists()


def run_command(capsys, *args) -> dict:
    call_command("import_table", *args, "--json")
    return json.loads(capsys.readouterr().out)


def test_the_commands_dry_run_shows_the_project_and_delete_missing_deletes_it(capsys, tmp_path):
    call_command("import_table", str(seed_path("000")))
    capsys.readouterr()
    shorter = tmp_path / "000.txt"
    shorter.write_bytes(without("2"))

    dry = run_command(capsys, str(shorter), "--dry-run")
    assert missing_names(dry) == [("2", TWO, False)]
    assert (dry["deleted"], dry["kept"]) == (0, 1)  # what the same command without --dry-run would do
    assert run_command(capsys, str(shorter), "--dry-run", "--delete-missing")["deleted"] == 1
    assert Project.objects.filter(number="2").exists()

    kept = run_command(capsys, str(shorter))
    assert (kept["deleted"], kept["kept"]) == (0, 1) and Project.objects.filter(number="2").exists()
    deleted = run_command(capsys, str(shorter), "--delete-missing")
    assert deleted["deleted"] == 1 and not Project.objects.filter(number="2").exists()


def test_the_commands_text_output_says_what_happens_to_the_project(capsys, tmp_path):
    call_command("import_table", str(seed_path("000")))
    capsys.readouterr()
    shorter = tmp_path / "000.txt"
    shorter.write_bytes(without("2"))
    call_command("import_table", str(shorter), "--dry-run")
    assert f"no longer in the table: 2 {TWO} (kept: pass --delete-missing to delete it)" in capsys.readouterr().out


@pytest.fixture
def root_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    # A superuser, who may import anywhere: seed 000 is 泉州市 › 鲤城区.
    client.force_login(make_user(username="root", is_staff=True, is_superuser=True))
    return client


def upload_shorter(client) -> ImportRecord:
    load("000")
    client.post(reverse("imports:upload"), {"file": SimpleUploadedFile("000.txt", without("2"))})
    return ImportRecord.objects.get(status="previewed")


def test_the_preview_page_lists_the_project_and_offers_the_choice(root_client):
    record = upload_shorter(root_client)
    page = root_client.get(reverse("imports:preview", args=[record.pk])).content.decode()
    assert TWO in page and 'name="delete_missing"' in page


def test_confirming_without_ticking_the_box_keeps_the_project(root_client):
    record = upload_shorter(root_client)
    root_client.post(reverse("imports:confirm", args=[record.pk]))
    record.refresh_from_db()
    assert record.status == "applied" and record.result["kept"] == 1
    assert Project.objects.filter(number="2").exists()


def test_confirming_with_the_box_ticked_deletes_the_project(root_client):
    record = upload_shorter(root_client)
    root_client.post(reverse("imports:confirm", args=[record.pk]), {"delete_missing": "on"})
    record.refresh_from_db()
    assert record.status == "applied" and record.result["deleted"] == 1
    assert not Project.objects.filter(number="2").exists()


def test_ticking_the_box_never_deletes_a_project_the_preview_did_not_list(root_client):
    record = upload_shorter(root_client)
    added = make_project(plan=Project.objects.get(number="1").plan, number="99", key="99", position=999)
    response = root_client.post(reverse("imports:confirm", args=[record.pk]), {"delete_missing": "on"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == "previewed"
    assert Project.objects.filter(pk=added.pk).exists() and Project.objects.filter(number="2").exists()
