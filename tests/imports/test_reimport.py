"""Importing a table again updates its plan in place; the cost of an import does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from imports.models import ImportRecord
from imports.services import apply_import, preview_import
from imports.write.compare import FINGERPRINT_FORMAT, legacy_fingerprint
from progress.models import Report
from projects.models import Organization, Person, Project
from tests.imports.seeds import seed_bytes

pytestmark = pytest.mark.django_db

HEADER = "序号\t项目名称\t主要内容\t形象进度安排\t总投资 (万元)\t责任领导\t责任科室\t协办单位"


def table(rows: int, *, title: str = "新塘街道 2023 年度为民办实事项目责任分解表") -> bytes:
    lines = [title, HEADER]
    for n in range(1, rows + 1):
        lines.append(f"{n}\t项目{n}\t建设内容{n}\t第一季度:招标;第二季度:开工;第三季度:施工;第四季度:完工\t{n}.5"
                     f"\t领导{n % 7}\t科室{n % 11}\t协办{n % 13}、社区{n % 5}")
    return "\n".join(lines).encode()


def run(data: bytes, name: str = "table.txt", *, reuse: bool = False, delete_missing: bool = False) -> dict:
    # Row by row: these tests are about reading a table again, not about skipping it.
    preview = preview_import(file_name=name, data=data, reuse=reuse)
    assert preview.errors == []
    apply_import(preview=preview, delete_missing=delete_missing)
    return preview.summary()


def test_importing_the_same_table_twice_changes_nothing():
    first = run(seed_bytes("002"))
    assert (first["created"], first["updated"], first["unchanged"]) == (12, 0, 0)
    ids = list(Project.objects.order_by("key").values_list("id", flat=True))
    again = run(seed_bytes("002"))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 12)
    assert list(Project.objects.order_by("key").values_list("id", flat=True)) == ids


def test_a_corrected_table_updates_in_place():
    run(seed_bytes("002"))
    corrected = seed_bytes("002").decode().replace("和丰路为沙塘社区主干路", "和丰路是沙塘社区主干道").replace(
        "\t2023\t600\t600\t", "\t2023\t650\t600\t")
    summary = run(corrected.encode())
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 1, 11)
    project = Project.objects.get(number="5")
    assert project.content.startswith("和丰路是沙塘社区主干道") and project.total_investment == 650
    assert Project.objects.count() == 12


def test_a_plan_stored_with_the_earlier_fingerprints_reads_as_unchanged_and_its_edits_as_updated():
    run(seed_bytes("002"))
    # As an import before the fingerprint's present format left the rows.
    for project in preview_import(file_name="002.txt", data=seed_bytes("002"), reuse=False).draft.projects:
        Project.objects.filter(key=project.key).update(import_fingerprint=legacy_fingerprint(project))
    again = run(seed_bytes("002"))
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 12)
    corrected = seed_bytes("002").decode().replace("和丰路为沙塘社区主干路", "和丰路是沙塘社区主干道")
    summary = run(corrected.encode())
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 1, 11)
    assert Project.objects.get(number="5").import_fingerprint.startswith(FINGERPRINT_FORMAT)


def test_rows_added_and_removed_in_a_corrected_table():
    run(table(5))
    summary = run(table(6))
    assert (summary["created"], summary["unchanged"]) == (1, 5)
    shorter = table(6).decode().replace("\n3\t项目3\t", "\nX\t").split("\n")
    shorter = "\n".join(line for line in shorter if not line.startswith("X\t")).encode()
    # A removed row used to delete its project silently; now only when asked (tests/imports/test_deletions.py).
    summary = run(shorter, delete_missing=True)
    assert summary["counts"]["projects"] == 5 and summary["deleted"] == 1
    assert sorted(Project.objects.values_list("number", flat=True), key=int) == ["1", "2", "4", "5", "6"]


def test_a_project_with_reports_is_kept_when_its_row_disappears():
    run(seed_bytes("003"))
    assert Report.objects.count() == 29
    without_first_group = "\n".join(
        line for line in seed_bytes("003").decode().split("\n")
        if not line.startswith(("1\t幼有所育", "\t\t完成 10 座"))
    )
    # Even when deleting the missing projects was chosen, those units reported on stay.
    run(without_first_group.encode(), delete_missing=True)
    assert Project.objects.count() == 29
    assert Report.objects.count() == 29


def test_units_and_people_are_reused_not_duplicated():
    run(table(20))
    units, people = Organization.objects.count(), Person.objects.count()
    run(table(20).replace(b"\xe9\xa1\xb9\xe7\x9b\xae1\t", b"\xe9\xa1\xb9\xe7\x9b\xae1 \xe6\x94\xb9\t"))
    assert (Organization.objects.count(), Person.objects.count()) == (units, people)


def queries_to_import(data: bytes) -> int:
    with CaptureQueriesContext(connection) as queries:
        run(data)
    return len(queries)


# Both sizes fit in one batch of every bulk statement, also on SQLite, whose 999 bound parameters
# per statement make a batch of about 40 projects; beyond that each batch adds one statement.
FEW, MANY = 10, 40


def test_query_count_of_an_import_does_not_grow_with_its_rows():
    # Everything is fetched and written in bulk: a constant number of statements per batch of rows.
    small = queries_to_import(table(FEW, title="新塘街道 2023 年度为民办实事项目责任分解表"))
    assert queries_to_import(table(MANY, title="西园街道 2023 年度为民办实事项目责任分解表")) == small


def test_query_count_of_an_unchanged_reimport_does_not_grow_with_its_rows():
    run(table(FEW))
    small = queries_to_import(table(FEW))
    run(table(MANY))
    assert queries_to_import(table(MANY)) == small


def test_the_same_file_into_an_untouched_plan_is_not_read_again():
    run(seed_bytes("002"))
    preview = preview_import(file_name="002.txt", data=seed_bytes("002"))
    assert preview.reused is not None
    with CaptureQueriesContext(connection) as queries:
        apply_import(preview=preview)
    summary = preview.summary()
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 0, 12)
    assert summary["counts"]["projects"] == 12 and summary["totals"]["total_investment"] == "55358.28"
    assert len(queries) <= 5  # the record of the import, and the plan's digest to keep reusing it
    assert ImportRecord.objects.filter(status="applied").count() == 2


def test_a_plan_changed_by_hand_since_makes_the_file_be_read_again():
    run(seed_bytes("002"))
    Project.objects.filter(number="5").update(name="改过的名称", import_fingerprint="")
    preview = preview_import(file_name="002.txt", data=seed_bytes("002"))
    assert preview.reused is None
    assert preview.outcome["5"] == "updated"
    apply_import(preview=preview)
    assert Project.objects.get(number="5").name == "和丰路“白改黑”项目"


def test_other_options_make_the_file_be_read_again():
    run(seed_bytes("003"))
    assert preview_import(file_name="003.txt", data=seed_bytes("003")).reused is not None
    assert preview_import(file_name="003.txt", data=seed_bytes("003"), year=2023).reused is None


def test_a_number_printed_twice_is_a_warning_and_both_rows_are_kept():
    # Issue 17: a repeated 序号 used to stop the import; any person reads both rows, so the import does.
    doubled = table(4).decode().replace("\n4\t项目4\t", "\n3\t项目4\t").encode()
    preview = preview_import(file_name="table.txt", data=doubled)
    assert preview.errors == []
    assert any("序号 3 此前已在" in problem.message for problem in preview.draft.warnings)
    apply_import(preview=preview)
    assert list(Project.objects.order_by("position").values_list("number", "name")) == [
        ("1", "项目1"), ("2", "项目2"), ("3", "项目3"), ("3-2", "项目4")]
    assert run(doubled)["unchanged"] == 4
