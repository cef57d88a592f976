"""A very long table's preview is kept within a bound, so that the import pages stay fast;
the import itself is whole."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from imports.models import ImportRecord
from imports.views import PREVIEW_ROWS_PER_PAGE
from projects.models import Project
from tests.factories import make_user

pytestmark = pytest.mark.django_db


def long_table(rows: int) -> str:
    lines = ["合肥市蜀山区2024年民生实事项目责任分解表", "序号\t项目名称\t建设内容\t牵头单位"]
    lines += [f"{n}\t项目{n}\t{'建设内容很长的说明' * 20}{n}\t区教育局" for n in range(1, rows + 1)]
    return "\n".join(lines)


def test_a_long_preview_keeps_its_first_rows_says_how_many_more_and_imports_them_all(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.IMPORT_PREVIEW_MAX_KB = 64
    client.force_login(make_user(username="admin", role=Role.ADMIN, is_superuser=True))

    client.post(reverse("imports:upload"), {"text": long_table(400)})

    record = ImportRecord.objects.get()
    stored = len(str(record.result).encode())
    assert stored < 3 * 64 * 1024  # repr is longer than the JSON it stands for, never three times
    shown = len(record.result["projects"])
    assert 0 < shown < 400 and record.result["cut"]["projects"] == 400 - shown
    page = client.get(reverse("imports:preview", args=[record.pk])).content.decode()
    assert f"另有{400 - shown}行未在此显示" in page
    rows = page.split('class="grid"')[-1].split("<tbody")[1].split("</tbody>")[0].count("<tr")
    assert rows == min(shown, PREVIEW_ROWS_PER_PAGE)

    client.post(reverse("imports:confirm", args=[record.pk]))
    assert Project.objects.count() == 400
