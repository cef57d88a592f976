"""An amount followed by a note in brackets, as tables write it: 300（其中市级100） is 300, note kept.

The note goes where the project's remarks go (a total or annual column, under its header's name) or
on the funding row (a column of one source); the amount is never the figure inside the brackets.
"""

from decimal import Decimal

import pytest

from imports.foundation.cells.money import amount_note, parse_amount
from imports.services import apply_import, preview_import
from projects.models import Project
from tests.imports.files import xlsx_bytes

TITLE = "合肥市蜀山区2024年为民办实事项目责任分解表"


@pytest.mark.parametrize(("text", "amount", "note"), [
    ("300（其中市级100）", "300", "其中市级100"),
    ("300(其中市级100)", "300", "其中市级100"),
    ("300（含省补50）", "300", "含省补50"),
    ("300(含省补50)", "300", "含省补50"),
    ("300 （另有社会资本200）", "300", "另有社会资本200"),
    ("300万元（其中：中央资金50万元、省级资金30万元）", "300", "其中：中央资金50万元、省级资金30万元"),
    ("1.2亿元（含市级配套2000万元）", "12000", "含市级配套2000万元"),
    ("３００（其中市級１００）", "300", "其中市級100"),  # full-width figures, traditional characters kept as written
    ("300（其中市级100）（续建）", "300", "其中市级100；续建"),
    ("300（万元）", "300", ""),  # a unit in brackets is the unit, not a note
], ids=lambda value: value if isinstance(value, str) else "")  # fmt: skip
def test_an_amount_with_a_bracketed_note_is_the_amount_and_the_note(text, amount, note):
    assert parse_amount(text).value == Decimal(amount)
    assert amount_note(text) == note


def test_an_estimated_amount_with_a_note_stays_estimated():
    assert parse_amount("约300（其中市级100）").approximate


@pytest.mark.parametrize("text", ["（其中市级100）", "其中市级100", "300（其中市级100", "待定（含省补50）"])
def test_brackets_without_an_amount_before_them_give_no_amount(text):
    assert parse_amount(text) is None
    assert amount_note(text) == ""


@pytest.mark.django_db
def test_the_note_of_a_total_is_kept_in_the_remarks_and_of_a_source_on_its_funding():
    rows = [
        (TITLE,),
        ("序号", "项目名称", "总投资（万元）", "上级补助", "区级补助", "牵头单位", "备注"),
        ("1", "新建公办幼儿园", "300（其中市级100）", "100(含省补50)", "200", "区教育局", "续建项目"),
        ("2", "改造农村校舍", "120", "", "120", "区教育局", ""),
    ]
    preview = preview_import(file_name="责任分解表.xlsx", data=xlsx_bytes(rows))
    assert preview.errors == [] and preview.summary()["warnings"] == []

    plan = apply_import(preview=preview).plan

    first = Project.objects.get(plan=plan, number="1")
    assert first.total_investment == Decimal("300")
    assert first.remarks == "总投资：其中市级100\n续建项目"
    assert {f.source.name: (f.amount, f.note) for f in first.fundings.select_related("source")} == {
        "上级补助": (Decimal("100"), "含省补50"), "区级补助": (Decimal("200"), "")}
    assert Project.objects.get(plan=plan, number="2").remarks == ""
