"""Defects the fuzz tests (tests/fuzz/) found, each kept here as the smallest table that showed it."""

import pytest

from imports.services import apply_import, preview_import

pytestmark = pytest.mark.django_db

TITLE = "2023年鲤城区为民办实事项目责任分解表"


def test_a_project_numbered_with_a_circled_digit_is_imported_not_a_server_error():
    # "①".isdigit() is true, but int("①") raises: the numbering check took it for a number.
    data = f"{TITLE}\n序号\t项目名称\t主要内容\n①\t关爱女孩行动\t建设内容\n".encode()

    preview = preview_import(file_name="粘贴文本.txt", data=data, reuse=False)

    assert preview.errors == []
    assert [project.number for project in preview.draft.projects] == ["①"]
    apply_import(preview=preview, user=None)
