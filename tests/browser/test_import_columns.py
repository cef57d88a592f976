"""An administrator corrects a column the importer guessed wrong, in a real browser, and next month's
table of the same header comes in right without a click.

The district's table names its columns in words the importer does not know (次第, 工程, 协调, 主抓,
盘子), so every role is read from the cells. 协调 and 主抓 both hold units; 协调 comes first and is
taken as the lead, which is wrong: 主抓 leads. The admin changes the two selects, reads the file
again, sees the right lead units, and next month uploads the same header with other rows.

The column table's words may not be translated yet: controls are found by their name attributes
and the page's structure, and captions compared with what Django itself would say in Chinese.
"""

import pytest
from django.utils import translation

from accounts.roles import Role
from imports.models import ImportRecord, SavedLayout
from projects.models import Jurisdiction, ProjectOrganization
from tests.browser.test_import_in_browser import sign_in
from tests.browser.test_report_on_phone import check_fits_the_phone
from tests.factories import make_user
from tests.imports.unknown_header import APRIL, COORDINATING, LEADING, MARCH, TITLE, workbook

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "wuhou-admin-2026"
PHONE = {"width": 375, "height": 812}


def chinese(text: str) -> str:
    """What the page says for an English source string, translated or not yet."""
    with translation.override("zh-hans"):
        return translation.gettext(text)


def upload(page, name: str, rows: list[list[str]]) -> None:
    page.goto(page.base + "/imports/")
    page.set_input_files("#id_file", files=[{
        "name": name, "buffer": workbook(rows),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.click("form.upload button[type=submit]")
    page.wait_for_selector("#columns")


def role_select(page, column: int):
    return page.locator(f'#columns select[name="role-0-{column}"]')


def relayout_button(page):
    return page.locator("#columns form button[type=submit]")


def lead_units_shown(page) -> dict[str, str]:
    """{project name: lead units} as the preview's projects table shows them."""
    return page.evaluate("""([nameHead, leadHead]) => {
        const table = document.querySelector('table.grid');
        const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
        const name = heads.indexOf(nameHead), units = heads.indexOf(leadHead);
        return Object.fromEntries([...table.querySelectorAll('tbody tr')].map(
            tr => [tr.cells[name].textContent.trim(), tr.cells[units].textContent.trim()]));
    }""", [chinese("name"), chinese("lead units")])


def stored_leads() -> dict[str, list[str]]:
    leads: dict[str, list[str]] = {}
    for link in ProjectOrganization.objects.filter(role="lead").select_related("project", "organization"):
        leads.setdefault(link.project.name, []).append(link.organization.name)
    return leads


@pytest.fixture
def admin(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # where uploads wait between preview and confirm
    city = Jurisdiction.objects.create(name="成都市", level="city")
    district = Jurisdiction.objects.create(name="武侯区", parent=city)
    make_user(username="wuhou", password=PASSWORD, role=Role.ADMIN, jurisdiction=district)
    sign_in(page, "wuhou", PASSWORD)
    return page


def test_admin_corrects_a_guessed_column_and_next_month_it_is_remembered(admin):
    page = admin
    upload(page, "武侯区民生工程清单3月.xlsx", MARCH)
    assert page.locator("h1").inner_text() == TITLE

    # The importer guessed every role from the cells, and says so beside each select.
    assert page.locator("#columns tr.basis-content").count() == 5
    assert role_select(page, COORDINATING).input_value() == "lead"
    assert role_select(page, LEADING).input_value() == "assisting"
    # The guess is wrong: the finance bureau is shown leading every project.
    assert lead_units_shown(page)["老旧小区改造"] == "区财政局"

    # The admin puts it right and reads the file again.
    role_select(page, COORDINATING).select_option("assisting")
    role_select(page, LEADING).select_option("lead")
    first_preview = page.url
    relayout_button(page).click()
    page.wait_for_url(lambda url: url != first_preview)

    # The new preview shows the roles chosen, marked as chosen, and the projects follow.
    assert role_select(page, COORDINATING).input_value() == "assisting"
    assert role_select(page, LEADING).input_value() == "lead"
    assert page.locator("#columns tr.basis-chosen").count() == 2
    assert lead_units_shown(page) == {"老旧小区改造": "区住建局", "社区食堂建设": "区民政局",
                                      "学校操场翻新": "区教育局", "社区卫生站提升": "区卫健局"}
    assert SavedLayout.objects.get().roles == {"协调": "assisting", "主抓": "lead"}

    # Next month: the same header, other rows. No correction is needed.
    upload(page, "武侯区民生工程清单4月.xlsx", APRIL)
    caption = page.locator("#columns table.layout caption").inner_text()
    assert chinese("roles remembered from an earlier choice") in caption
    assert page.locator("#columns tr.basis-chosen").count() == 2
    assert role_select(page, COORDINATING).input_value() == "assisting"
    assert role_select(page, LEADING).input_value() == "lead"
    assert lead_units_shown(page) == {"背街小巷整治": "区城管局", "公园步道修缮": "区公园城市局",
                                      "养老服务站建设": "区民政局"}

    # Confirmed as previewed: the database has the right lead units.
    page.click('form[action$="/confirm/"] button[type=submit]')
    assert chinese("The table is imported.") in page.locator(".messages").inner_text()
    assert ImportRecord.objects.filter(status="applied").get().file_name == "武侯区民生工程清单4月.xlsx"
    assert stored_leads() == {"背街小巷整治": ["区城管局"], "公园步道修缮": ["区公园城市局"],
                              "养老服务站建设": ["区民政局"]}


def test_the_columns_can_be_corrected_on_a_phone(admin):
    # Admins check a table from their phone too: the selects must be on the screen and usable,
    # and the correction must go through.
    page = admin
    page.set_viewport_size(PHONE)
    upload(page, "武侯区民生工程清单3月.xlsx", MARCH)
    for control in (role_select(page, COORDINATING), role_select(page, LEADING), relayout_button(page)):
        control.scroll_into_view_if_needed()
        assert control.is_visible() and control.is_enabled()
        box = control.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], f"off the screen: {box}"

    role_select(page, COORDINATING).select_option("assisting")
    role_select(page, LEADING).select_option("lead")
    first_preview = page.url
    relayout_button(page).click()
    page.wait_for_url(lambda url: url != first_preview)
    assert role_select(page, LEADING).input_value() == "lead"
    assert lead_units_shown(page)["老旧小区改造"] == "区住建局"


def test_the_columns_section_fits_a_phone_screen(admin):
    # The project's own phone standard (tests/browser/test_report_on_phone.py): no sideways
    # scrolling, controls inside the screen, at least 24 px tall, text fields at 16 px or more.
    page = admin
    page.set_viewport_size(PHONE)
    upload(page, "武侯区民生工程清单3月.xlsx", MARCH)
    check_fits_the_phone(page)


def test_the_columns_section_reads_as_one_block_on_a_desktop(admin):
    # On a wide screen the section's heading, its help and the form stand one under the other,
    # the form as wide as the section: the section is not the dashboard's two-column grid.
    page = admin
    page.set_viewport_size({"width": 1366, "height": 900})
    upload(page, "武侯区民生工程清单3月.xlsx", MARCH)
    section = page.locator("#columns").bounding_box()
    heading = page.locator("#columns > h2").bounding_box()
    help_text = page.locator("#columns > p.help").bounding_box()
    form = page.locator("#columns > form").bounding_box()
    assert help_text["y"] >= heading["y"] + heading["height"] - 1, ("help beside the heading", heading, help_text)
    assert form["width"] >= section["width"] * 0.9, ("form squeezed into part of the section", section, form)


def test_the_sample_cells_are_told_apart(admin):
    # Two samples of a column are two cells: 1 and 2 must not read as 12, nor 1200 and 300 as 1200300.
    page = admin
    upload(page, "武侯区民生工程清单3月.xlsx", MARCH)
    numbers = page.locator("#columns tbody tr").nth(0).locator("td.samples").inner_text()
    amounts = page.locator("#columns tbody tr").nth(4).locator("td.samples").inner_text()
    assert numbers.split() == ["1", "2"], numbers
    assert amounts.split() == ["1200", "300"], amounts

