"""An admin corrects the column roles the importer guessed, and the correction sticks.

The table below names its columns in words the importer does not know (次第, 工程, 协调, 主抓,
盘子), so every role is read from the cells. Both 协调 and 主抓 hold units; the first units
column is taken as the lead, which is wrong here: 主抓 leads, 协调 only assists. The admin fixes
that on the preview (relayout), the choice is remembered for the header, and the next month's
table of the same header is read right away. The command line takes the same corrections.
"""

import io
import json
import re

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from accounts.roles import Role
from imports.models import ImportRecord, SavedLayout
from projects.models import Jurisdiction, Project, ProjectOrganization
from tests.factories import make_user
from tests.imports.unknown_header import (
    APRIL,
    COORDINATING,
    LEADING,
    MARCH,
    SIGNATURE,
    workbook,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuhou():
    city = Jurisdiction.objects.create(name="成都市", level="city")
    return Jurisdiction.objects.create(name="武侯区", parent=city)


@pytest.fixture
def admin(wuhou):
    return make_user(username="wuhou-admin", role=Role.ADMIN, jurisdiction=wuhou)


@pytest.fixture
def admin_client(client, admin, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the staged uploads
    client.force_login(admin)
    return client


def upload(client, data: bytes, name: str = "民生工程清单.xlsx") -> ImportRecord:
    file = io.BytesIO(data)
    file.name = name
    response = client.post(reverse("imports:upload"), {"file": file})
    assert response.status_code == 302
    return ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def relayout(client, record: ImportRecord, **fields) -> ImportRecord:
    """Post the columns form as the browser does: every select with its shown value, then the changes."""
    posted = {f"role-{number}-{column['index']}": column["role"] or "other"
              for number, layout in enumerate(record.result["layouts"]) for column in layout["columns"]}
    posted["header_row"] = ""
    posted.update(fields)
    response = client.post(reverse("imports:relayout", args=[record.pk]), posted)
    assert response.status_code == 302, response.status_code
    return ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])


def swap_units(client, record: ImportRecord) -> ImportRecord:
    """The correction of the story: 协调 assists, 主抓 leads."""
    return relayout(client, record, **{f"role-0-{COORDINATING}": "assisting", f"role-0-{LEADING}": "lead"})


def columns(record: ImportRecord, layout: int = 0) -> dict[str, tuple[str, str]]:
    """{column key: (role, basis)} of a preview's layout."""
    return {column["key"]: (column["role"], column["basis"]) for column in record.result["layouts"][layout]["columns"]}


def lead_units(record: ImportRecord) -> dict[str, list[str]]:
    return {project["name"]: [unit[0] for unit in project["lead_units"]] for project in record.result["projects"]}


def caption(client, record: ImportRecord) -> str:
    page = client.get(reverse("imports:preview", args=[record.pk])).content.decode()
    return page.split("<caption>", 1)[1].split("</caption>", 1)[0]


def chinese(text: str) -> str:
    """What the page says for an English source string, translated or not yet."""
    with translation.override("zh-hans"):
        return translation.gettext(text)


def stored_leads() -> dict[str, list[str]]:
    leads: dict[str, list[str]] = {}
    for link in ProjectOrganization.objects.filter(role="lead").select_related("project", "organization"):
        leads.setdefault(link.project.name, []).append(link.organization.name)
    return leads


def test_the_guess_the_story_starts_from(admin_client):
    # The premise: without help the importer takes 协调 (the first units column) as the lead.
    record = upload(admin_client, workbook(MARCH))
    assert record.status == "previewed"
    assert columns(record)["协调"] == ("lead", "content")
    assert columns(record)["主抓"] == ("assisting", "content")
    assert lead_units(record)["老旧小区改造"] == ["区财政局"]


def test_a_changed_role_gives_a_new_preview_read_with_it(admin_client):
    first = upload(admin_client, workbook(MARCH))
    second = swap_units(admin_client, first)
    assert second.pk != first.pk and second.status == "previewed"
    assert columns(second)["协调"] == ("assisting", "chosen")
    assert columns(second)["主抓"] == ("lead", "chosen")
    # Untouched columns keep their guess, still marked as guessed.
    assert columns(second)["工程"] == ("name", "content")
    # The projects follow the columns.
    assert lead_units(second) == {"老旧小区改造": ["区住建局"], "社区食堂建设": ["区民政局"],
                                  "学校操场翻新": ["区教育局"], "社区卫生站提升": ["区卫健局"]}
    # The new preview page shows the columns as chosen.
    page = admin_client.get(reverse("imports:preview", args=[second.pk])).content.decode()
    assert '<option value="lead" selected>' in page.split(f'name="role-0-{LEADING}"')[1].split("</select>")[0]


def test_the_chosen_roles_are_remembered_for_the_header(admin, admin_client):
    swap_units(admin_client, upload(admin_client, workbook(MARCH)))
    saved = SavedLayout.objects.get()
    assert saved.header == SIGNATURE
    # Only what the admin chose: the guessed columns stay guesses next time too.
    assert saved.roles == {"协调": "assisting", "主抓": "lead"}
    assert saved.user == admin


def test_next_months_table_of_the_same_header_is_read_with_the_remembered_roles(admin_client):
    swap_units(admin_client, upload(admin_client, workbook(MARCH)))
    april = upload(admin_client, workbook(APRIL), name="民生工程清单4月.xlsx")
    layout = april.result["layouts"][0]
    assert layout["remembered"] is True
    assert columns(april)["主抓"] == ("lead", "chosen")
    assert columns(april)["协调"] == ("assisting", "chosen")
    assert lead_units(april) == {"背街小巷整治": ["区城管局"], "公园步道修缮": ["区公园城市局"],
                                 "养老服务站建设": ["区民政局"]}
    # The caption tells the admin why no guessing was needed.
    assert chinese("roles remembered from an earlier choice") in caption(admin_client, april)


def test_another_change_on_a_remembered_preview_keeps_the_remembered_roles(admin_client):
    # April's preview came with 主抓=lead and 协调=assisting remembered; the admin now only marks
    # 盘子 as the annual investment. The units must stay as remembered, not fall back to the guess.
    swap_units(admin_client, upload(admin_client, workbook(MARCH)))
    april = upload(admin_client, workbook(APRIL), name="民生工程清单4月.xlsx")
    again = relayout(admin_client, april, **{"role-0-4": "annual_investment"})
    assert columns(again)["盘子"] == ("annual_investment", "chosen")
    assert columns(again)["主抓"][0] == "lead"
    assert columns(again)["协调"][0] == "assisting"
    assert lead_units(again)["背街小巷整治"] == ["区城管局"]
    # And what is remembered now is the whole choice, not only the last click.
    assert SavedLayout.objects.get().roles == {"协调": "assisting", "主抓": "lead", "盘子": "annual_investment"}


def test_the_caption_of_a_header_of_unknown_words_does_not_say_there_is_none(admin_client):
    # The story's table has a header row (row 2), only in words the importer does not know. The
    # caption says "header in row 2" and that its words were unknown; "no header row" would
    # contradict it.
    record = upload(admin_client, workbook(MARCH))
    text = caption(admin_client, record)
    assert chinese("header in row %(line)s") % {"line": 2} in text
    assert chinese("header words not known: roles read from the cells") in text
    assert chinese("no header row: every role read from the cells") not in text


@pytest.mark.parametrize("fields", [
    {f"role-0-{LEADING}": "boss"},  # not a role
    {f"role-0-{LEADING}": "quarter"},  # a role that needs its header's words, never offered
    {"header_row": "abc"},
    {"header_row": "-3"},
    {"header_row": "123456789012"},
    {f"role-9-{LEADING}": "lead", "role-0-99": "lead"},  # fields of no layout, no column
])
def test_a_post_the_form_never_offers_changes_nothing(admin_client, fields):
    first = upload(admin_client, workbook(MARCH))
    again = relayout(admin_client, first, **fields)
    assert columns(again) == columns(first)
    assert lead_units(again) == lead_units(first)
    assert again.result["layouts"][0]["header_lines"] == [2]
    assert SavedLayout.objects.count() == 0
    assert admin_client.get(reverse("imports:preview", args=[again.pk])).status_code == 200


def test_another_districts_admin_cannot_relayout_the_preview(admin_client, client, wuhou):
    record = upload(admin_client, workbook(MARCH))
    qingyang = Jurisdiction.objects.create(name="青羊区", parent=wuhou.parent)
    client.force_login(make_user(username="qingyang-admin", role=Role.ADMIN, jurisdiction=qingyang))
    response = client.post(reverse("imports:relayout", args=[record.pk]),
                           {f"role-0-{COORDINATING}": "assisting", f"role-0-{LEADING}": "lead"})
    assert response.status_code == 404
    # Nothing read, nothing remembered for anyone.
    assert ImportRecord.objects.count() == 1 and SavedLayout.objects.count() == 0


def test_reading_again_a_file_no_longer_kept_asks_for_it_again(admin_client, tmp_path):
    # The staged upload was cleaned away (cleanup_imports) while the preview stayed open.
    record = upload(admin_client, workbook(MARCH))
    for staged_file in tmp_path.rglob("*"):
        if staged_file.is_file():
            staged_file.unlink()
    response = admin_client.post(reverse("imports:relayout", args=[record.pk]), {f"role-0-{LEADING}": "lead"})
    assert response.status_code == 302 and response.url == reverse("imports:upload")
    assert ImportRecord.objects.count() == 1 and SavedLayout.objects.count() == 0


def test_header_row_zero_reads_the_table_as_having_no_header(admin_client):
    # The importer recognises 序号 … 总投资 as a header; the admin says the table has none.
    known = ["序号", "项目名称", "承办单位", "协办单位", "总投资（万元）"]
    record = upload(admin_client, workbook(MARCH, header=known))
    assert record.result["layouts"][0]["found_by"] == "header"
    again = relayout(admin_client, record, header_row="0")
    layout = again.result["layouts"][0]
    # "0: the table has no such row": no header is looked for, every role comes from the cells,
    # and the row is read as the admin said: one more row of the table.
    assert layout["found_by"] == "content"
    assert layout["header_lines"] == []
    assert [column["key"] for column in layout["columns"]] == ["#1", "#2", "#3", "#4", "#5"]
    assert again.result["counts"]["projects"] == 5
    assert again.result["options"][2]["choice"]["header_row"] == 0
    assert chinese("no header row: every role read from the cells") in caption(admin_client, again)
    # The form shows the 0 the admin gave, to be changed back if it was a mistake.
    page = admin_client.get(reverse("imports:preview", args=[again.pk])).content.decode()
    assert 'name="header_row" min="0" inputmode="numeric" value="0"' in page


def test_header_row_zero_is_obeyed_when_the_first_row_is_of_unknown_words(admin_client):
    # The same instruction on the story's table: its row 2 (次第, 工程 …) was taken as a header of
    # unknown words; with 0 the admin says there is no header row, so none may be found.
    record = upload(admin_client, workbook(MARCH))
    assert record.result["layouts"][0]["header_lines"] == [2]
    again = relayout(admin_client, record, header_row="0")
    layout = again.result["layouts"][0]
    assert layout["found_by"] == "content"
    assert layout["header_lines"] == []


def test_a_header_row_number_is_read_as_the_header(admin_client):
    # Row 2 given by hand: taken as the header because the admin said so, not for its words.
    record = upload(admin_client, workbook(MARCH))
    again = relayout(admin_client, record, header_row="2")
    layout = again.result["layouts"][0]
    assert layout["found_by"] == "header" and layout["header_lines"] == [2]
    assert again.result["counts"]["projects"] == 4
    assert again.result["options"][2]["choice"]["header_row"] == 2


def test_confirm_stores_the_chosen_roles_whatever_is_remembered_since(admin_client):
    chosen = swap_units(admin_client, upload(admin_client, workbook(MARCH)))
    # Between preview and confirm someone remembers other roles for this header.
    SavedLayout.objects.update(roles={"协调": "lead", "主抓": "assisting"})
    response = admin_client.post(reverse("imports:confirm", args=[chosen.pk]))
    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.status == "applied", chosen.result.get("errors")
    assert stored_leads() == {"老旧小区改造": ["区住建局"], "社区食堂建设": ["区民政局"],
                              "学校操场翻新": ["区教育局"], "社区卫生站提升": ["区卫健局"]}


def test_confirm_of_a_remembered_preview_reads_the_roles_it_showed(admin_client):
    swap_units(admin_client, upload(admin_client, workbook(MARCH)))
    april = upload(admin_client, workbook(APRIL), name="民生工程清单4月.xlsx")
    # Remembered roles changed after April's preview: the confirm reads the file as previewed.
    SavedLayout.objects.update(roles={"协调": "lead", "主抓": "assisting"})
    admin_client.post(reverse("imports:confirm", args=[april.pk]))
    april.refresh_from_db()
    assert april.status == "applied", april.result.get("errors")
    assert stored_leads() == {"背街小巷整治": ["区城管局"], "公园步道修缮": ["区公园城市局"],
                              "养老服务站建设": ["区民政局"]}


# manage.py import_table: the same corrections for scripts and cron.

@pytest.fixture
def march_file(tmp_path, wuhou):
    path = tmp_path / "民生工程清单.xlsx"
    path.write_bytes(workbook(MARCH))
    return path


def test_the_command_applies_the_roles_given_by_header(march_file):
    call_command("import_table", str(march_file), "--columns", "协调=assisting，主抓=lead")
    assert stored_leads() == {"老旧小区改造": ["区住建局"], "社区食堂建设": ["区民政局"],
                              "学校操场翻新": ["区教育局"], "社区卫生站提升": ["区卫健局"]}
    assisting = ProjectOrganization.objects.filter(role="assisting", project__name="老旧小区改造")
    assert [link.organization.name for link in assisting] == ["区财政局"]


def test_the_command_takes_columns_by_position_too(march_file):
    call_command("import_table", str(march_file), "--columns", "#3=other,#4=lead")
    assert stored_leads()["老旧小区改造"] == ["区住建局"]
    assert not ProjectOrganization.objects.filter(role="assisting").exists()


def test_an_unknown_role_on_the_command_line_is_a_clear_error(march_file):
    with pytest.raises(CommandError) as error:
        call_command("import_table", str(march_file), "--columns", "协调=boss")
    message = str(error.value)
    assert "boss" in message
    assert "lead" in message and "assisting" in message and "other" in message  # what to write instead
    assert Project.objects.count() == 0 and ImportRecord.objects.count() == 0


def test_a_columns_part_without_a_role_is_a_clear_error(march_file):
    with pytest.raises(CommandError) as error:
        call_command("import_table", str(march_file), "--columns", "协调")
    assert "协调" in str(error.value)
    assert Project.objects.count() == 0


def test_the_command_reads_the_header_row_it_is_given(march_file, capsys):
    call_command("import_table", str(march_file), "--header-row", "2", "--dry-run", "--json")
    summary = json.loads(capsys.readouterr().out)
    layout = summary["layouts"][0]
    # Row 2 is taken as the header because it was given, not because its words were recognised.
    assert layout["header_lines"] == [2]
    assert layout["found_by"] == "header"
    assert summary["counts"]["projects"] == 4


def test_the_command_reads_a_table_without_header_row_when_told(march_file, capsys):
    call_command("import_table", str(march_file), "--header-row", "0", "--dry-run", "--json")
    layout = json.loads(capsys.readouterr().out)["layouts"][0]
    assert layout["found_by"] == "content" and layout["header_lines"] == []


def form_as_the_browser_posts_it(page: str) -> dict[str, str]:
    """Each select's selected option, or its first one when none is selected, as a browser sends it."""
    posted = {}
    for name, options in re.findall(r'<select name="(role-\d+-\d+)"[^>]*>(.*?)</select>', page, re.S):
        selected = re.search(r'<option value="([^"]*)" selected>', options)
        posted[name] = selected.group(1) if selected else re.search(r'<option value="([^"]*)"', options).group(1)
    posted["header_row"] = ""
    return posted


def test_quarter_and_source_columns_keep_their_roles_when_the_form_is_sent_unchanged(admin_client):
    # Roles only header words give: the form offers them for the column that has one, selected.
    book = openpyxl.Workbook()
    book.active.append(["武侯区2024年民生工程清单"])
    book.active.append(["序号", "项目名称", "牵头单位", "1季度", "2季度", "总投资", "上级补助", "区级补助"])
    book.active.append([1, "老旧小区改造", "区住建局", "招标", "开工", 300, 200, 100])
    data = io.BytesIO()
    book.save(data)
    first = upload(admin_client, data.getvalue())
    page = admin_client.get(reverse("imports:preview", args=[first.pk])).content.decode()

    response = admin_client.post(reverse("imports:relayout", args=[first.pk]), form_as_the_browser_posts_it(page))

    second = ImportRecord.objects.get(pk=response.url.rstrip("/").rsplit("/", 1)[-1])
    assert columns(second) == columns(first)
    assert [c["role"] for c in second.result["layouts"][0]["columns"]][3:] == [
        "quarter", "quarter", "total_investment", "source", "source"]
    assert second.result["projects"][0]["fundings"] == [["上级补助", "200", ""], ["区级补助", "100", ""]]
