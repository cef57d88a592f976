"""An administrator pastes a list the importer cannot place, says in the preview how to read it, and
the same list pasted again is read at once — in a real browser (issue 17's "no dead ends").

The list's items are lettered A. B. C. (tests/imports/lettered_list.py), a numbering the importer
does not read without help: the preview answers 未找到表头 and shows the lines. The admin picks
"each line starting with A. is a project" among the radio buttons, presses the button, and sees
the five projects with their lead units. Pasted again, the list is read with that choice at once,
and the page says so.
"""

import pytest
from django.utils import translation

from accounts.roles import Role
from imports.models import ImportRecord, SavedReading
from imports.shape.split import no_table_error
from projects.models import Jurisdiction, Plan
from tests.browser.test_import_columns import lead_units_shown
from tests.browser.test_import_in_browser import sign_in
from tests.browser.test_report_on_phone import check_fits_the_phone
from tests.factories import make_user
from tests.imports.lettered_list import LETTERED, LETTERED_LEADS, LETTERED_LINES

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "wuhou-admin-2026"


def chinese(text: str) -> str:
    with translation.override("zh-hans"):
        return translation.gettext(text)


@pytest.fixture
def admin(page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # where uploads wait between preview and confirm
    city = Jurisdiction.objects.create(name="成都市", level="city")
    district = Jurisdiction.objects.create(name="武侯区", parent=city)
    make_user(username="wuhou", password=PASSWORD, role=Role.ADMIN, jurisdiction=district)
    sign_in(page, "wuhou", PASSWORD)
    return page


def paste(page, text: str) -> None:
    page.goto(page.base + "/imports/")
    page.fill("#id_text", text)
    page.click("form.upload button[type=submit]")
    page.wait_for_url(lambda url: "/imports/" in url and url.rstrip("/").rsplit("/", 1)[-1].isdigit())


def shown_leads(page) -> dict[str, list[str]]:
    return {name: units.split("、") for name, units in lead_units_shown(page).items()}


def test_a_list_that_answers_no_header_is_read_after_one_choice_and_at_once_next_time(admin):
    page = admin
    paste(page, LETTERED)

    # Today's dead end: the error, and now the lines it read with what each was read as.
    assert no_table_error() in page.locator(".problems.errors").inner_text()
    reading = page.locator("#reading")
    assert reading.is_visible()
    assert reading.locator("table.lines tbody tr").count() == LETTERED_LINES
    assert "A.新建社区托育点3个" in reading.locator("table.lines").inner_text()

    # The admin picks the reading the way a person does: the radio button of the A. lines, then the button.
    choice = reading.get_by_label(chinese("Each line marked “%(mark)s” is a project (%(count)s lines)")
                                  % {"mark": "A. B. …", "count": 5})
    choice.check()
    first_preview = page.url
    reading.get_by_role("button", name=chinese("Read the list again this way")).click()
    page.wait_for_url(lambda url: url != first_preview)

    # Five projects, each with its lead unit, and the lines now read as projects and their role lines.
    assert page.locator(".problems.errors").count() == 0
    assert shown_leads(page) == LETTERED_LEADS
    kinds = page.locator("#reading table.lines tbody tr td:nth-child(4)").all_inner_texts()
    assert kinds.count(chinese("project")) == 5 and kinds.count(chinese("more of the project above")) == 5
    assert SavedReading.objects.count() == 1

    # The same list pasted again: read at once, the page saying the remembered choice was used.
    paste(page, LETTERED)
    assert page.locator(".problems.errors").count() == 0
    assert shown_leads(page) == LETTERED_LEADS
    assert chinese("Read the way you chose for a list of this shape before. You may change it below.") in \
        page.locator("#reading").inner_text()
    assert page.locator('#reading input[name="items"][value="A."]').is_checked()

    # Imported as previewed.
    page.click('form[action$="/confirm/"] button[type=submit]')
    assert chinese("The table is imported.") in page.locator(".messages").inner_text()
    assert Plan.objects.get().projects.count() == 5
    assert ImportRecord.objects.filter(status="applied").count() == 1


def test_the_reading_section_fits_a_phone_screen(admin):
    # The project's phone standard (tests/browser/test_report_on_phone.py): no sideways scrolling,
    # controls inside the screen and large enough to tap.
    page = admin
    page.set_viewport_size({"width": 375, "height": 812})
    paste(page, LETTERED)
    check_fits_the_phone(page)
