"""Money cells: amounts in 万元 and funding prose split by source, from the real tables."""

import re
from decimal import Decimal
from pathlib import Path

import pytest

from imports.foundation.cells.money import (
    CITY_MATCHING,
    COUNTY_FINANCE,
    DISTRICT_FINANCE,
    ENTERPRISE_SELF_FUNDED,
    GRASSROOTS_SELF_FUNDED,
    HIGHER_SUBSIDY,
    PROVINCE_SUBSIDY,
    SELF_FUNDED,
    UNION_FUNDS,
    Amount,
    FundingPart,
    parse_amount,
    parse_funding,
)

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def rows_000() -> list[list[str]]:
    """Project rows of fixture 000: a cell starts on a tab-prefixed line, wrapped lines follow."""
    text = (FIXTURES / "000_2ce7769f0985d373.txt").read_text(encoding="utf-8")
    cells = [cell.strip() for cell in re.split(r"\n\t", text)]
    return [cells[i : i + 8] for i, cell in enumerate(cells) if cell.isdigit()]


def rows_001() -> list[list[str]]:
    """Numbered project rows of fixture 001's fifteen-column markdown tables."""
    text = (FIXTURES / "001_7ff4c62254ec424f.txt").read_text(encoding="utf-8")
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")] for line in text.splitlines()]
    return [row for row in rows if len(row) == 15 and row[0].isdigit()]


def wan(value: str) -> Decimal:
    """A 万元 value at the stored precision."""
    return Decimal(value).quantize(Decimal("0.0001"))


@pytest.mark.parametrize(
    ("text", "value", "approximate"),
    [
        ("28.959", "28.9590", False),
        ("计划投资28.959万元", "28.9590", False),
        ("计划投资58.9万，由市财政配套。", "58.9000", False),
        ("58.9万", "58.9000", False),
        ("拟定100", "100.0000", True),
        ("约100万元左右", "100.0000", True),
        ("预计50", "50.0000", True),
        ("4.8亿元", "48000.0000", False),
        ("拟投资总额人民币 4.8 亿元", "48000.0000", True),
        ("3000元", "0.3000", False),
        ("1,234.5", "1234.5000", False),
        ("１２", "12.0000", False),
        ("  34 ", "34.0000", False),
        ("229.79", "229.7900", False),
        ("0", "0.0000", False),
    ],
)
def test_amount_text_is_read_in_wan_yuan(text, value, approximate):
    assert parse_amount(text) == Amount(wan(value), approximate)


@pytest.mark.parametrize("text", ["", "—", "/", "／", "  ", "无", None])
def test_empty_amount_marks_give_no_amount(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "由区财政投入53.3万元",  # a part, not the total
        "按照每人每年30元的标准",  # a rate, not the total
        "新建口袋公园 3 个",  # no money unit in prose
    ],
)
def test_prose_without_a_stated_total_gives_no_amount(text):
    assert parse_amount(text) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [(34, "34.0000"), (0.1, "0.1000"), (76.8, "76.8000"), (Decimal("5.5"), "5.5000"), (229.79, "229.7900")],
)
def test_numbers_from_excel_are_read_without_float_error(value, expected):
    amount = parse_amount(value)
    assert amount == Amount(wan(expected), approximate=False)
    assert str(amount.value) == expected


def test_values_are_quantized_to_one_yuan():
    assert parse_amount("1.23456").value == wan("1.2346")
    assert parse_amount(0.00005).value == wan("0.0001")


@pytest.mark.parametrize("figure", [
    "0", "007", "0.00005", "0.00004", "12.5", "1234.56", "99999999.99995", "99999999.9999", "100000000",
    "123456789012345", "123456789012345.123456789012",
])
def test_a_plain_figure_reads_as_the_same_figure_written_with_blanks(figure):
    # Plain figures take a shorter way through the parser; blanks around one send it the long way.
    assert parse_amount(figure) == parse_amount(f" {figure} ")


def test_float_nan_and_booleans_are_not_amounts():
    assert parse_amount(float("nan")) is None
    assert parse_amount(True) is None


@pytest.mark.parametrize(
    ("text", "total", "parts"),
    [
        ("计划投资146万元，由区财政投入，从计生专项经费列支。", "146", [(DISTRICT_FINANCE, "146")]),
        ("计划投资50.4万元，由区财政投入。", "50.4", [(DISTRICT_FINANCE, "50.4")]),
        (
            "计划投资66万元，区财政投入53.3万元，市财政配套12.7万元。",
            "66",
            [(DISTRICT_FINANCE, "53.3"), (CITY_MATCHING, "12.7")],
        ),
        (
            "计划投资168万元，由区财政投入134.4万元，市财政配套33.6万元。",
            "168",
            [(DISTRICT_FINANCE, "134.4"), (CITY_MATCHING, "33.6")],
        ),
        ("计划投资900万元，由企业自筹。", "900", [(ENTERPRISE_SELF_FUNDED, "900")]),
        # A county's and a province's wording: 县 money is the county's own, as 区财政 is a district's.
        (
            "总投资500万元，其中中央资金300万元，省级资金120万元，县级配套80万元。",
            "500",
            [(HIGHER_SUBSIDY, "300"), (PROVINCE_SUBSIDY, "120"), (COUNTY_FINANCE, "80")],
        ),
        ("计划投资58.9万，由市财政配套。", "58.9", [(CITY_MATCHING, "58.9")]),
        (
            "计划投资220万元，由区财政投入110万元，街道、社区自筹110万元。",
            "220",
            [(DISTRICT_FINANCE, "110"), (GRASSROOTS_SELF_FUNDED, "110")],
        ),
        (
            "计划投资120万元，由区级财政投入84万元，市财政配套36万元。",
            "120",
            [(DISTRICT_FINANCE, "84"), (CITY_MATCHING, "36")],
        ),
        ("计划投资570万元，由区财政投入380万元，自筹190万元。", "570",
         [(DISTRICT_FINANCE, "380"), (SELF_FUNDED, "190")]),
        (
            "计划投资24万元，由区财政投入12万元，区总工会配套12万元。",
            "24",
            [(DISTRICT_FINANCE, "12"), (UNION_FUNDS, "12")],
        ),
        (
            "计划投资54.4万元，由区财政投入36.26万元，市财政配套18.14万元。",
            "54.4",
            [(DISTRICT_FINANCE, "36.26"), (CITY_MATCHING, "18.14")],
        ),
        # Three levels of union money, one source: the whole total is 工会经费.
        ("计划投资35万元，由省、市、区工会专项经费投入。", "35", [(UNION_FUNDS, "35")]),
        ("计划投资3000万元，由区文投集团自筹。", "3000", [(SELF_FUNDED, "3000")]),
    ],
)
def test_funding_prose_is_split_into_canonical_sources(text, total, parts):
    result = parse_funding(text, None)
    assert result.total == Amount(wan(total), approximate=False)
    assert [(part.source, part.amount) for part in result.parts] == [(s, wan(a)) for s, a in parts]
    assert result.warnings == []


def test_a_bracket_after_a_part_is_kept_as_its_note():
    result = parse_funding("计划投资618万元，区财政投入491万元（含中央财政专项补助），市财政配套127万元。", None)
    assert result.parts == [
        FundingPart(DISTRICT_FINANCE, wan("491.0000"), note="含中央财政专项补助"),
        FundingPart(CITY_MATCHING, wan("127.0000")),
    ]
    assert result.warnings == []


def test_two_sources_without_amounts_are_not_guessed():
    result = parse_funding("计划投资100万元，由停车场产权所有人自筹，适当争取上级补助资金。", None)
    assert result.total == Amount(wan("100.0000"), approximate=False)
    assert result.parts == []
    assert len(result.warnings) == 1
    assert "停车场产权所有人自筹" in result.warnings[0]


def test_amounts_of_a_subsidy_rule_are_not_taken_for_parts():
    text = (
        "计划投资250万元，由市体育局采取“以奖代补”的方式进行奖补，奖补标准为投资额20万元以下，奖补90%；"
        "投资额20万元（含）以上，奖补按70%，单项奖励不超过50万元，其余由业主自筹。"
    )
    result = parse_funding(text, None)
    assert result.total == Amount(wan("250.0000"), approximate=False)
    assert result.parts == []
    assert len(result.warnings) == 1


def test_parts_that_do_not_add_up_to_the_total_are_dropped_with_a_warning():
    result = parse_funding("计划投资100万元，由区财政投入60万元，市财政配套30万元。", None)
    assert result.total.value == wan("100.0000")
    assert result.parts == []
    assert len(result.warnings) == 1
    assert "90" in result.warnings[0] and "100" in result.warnings[0]


def test_a_given_total_is_used_when_the_text_names_only_the_source():
    result = parse_funding("由区财政投入。", wan("50.4"))
    assert result.total == Amount(wan("50.4000"), approximate=False)
    assert result.parts == [FundingPart(DISTRICT_FINANCE, wan("50.4000"))]


def test_a_given_total_that_contradicts_the_text_keeps_the_given_total_and_no_parts():
    result = parse_funding("计划投资66万元，区财政投入53.3万元，市财政配套12.7万元。", wan("60"))
    assert result.total == Amount(wan("60.0000"), approximate=False)
    assert result.parts == []
    assert len(result.warnings) == 1


def test_parts_are_kept_when_no_total_is_known():
    result = parse_funding("区财政投入53.3万元，市财政配套12.7万元。", None)
    assert result.total is None
    assert [(p.source, p.amount) for p in result.parts] == [
        (DISTRICT_FINANCE, wan("53.3000")),
        (CITY_MATCHING, wan("12.7000")),
    ]


def test_one_source_without_an_amount_and_no_total_cannot_be_split():
    result = parse_funding("由区财政投入。", None)
    assert result.total is None
    assert result.parts == []
    assert len(result.warnings) == 1


@pytest.mark.parametrize("text", ["", "—", "  "])
def test_empty_funding_text_has_no_parts_and_no_warning(text):
    assert parse_funding(text, None).parts == []
    assert parse_funding(text, None).warnings == []
    assert parse_funding(text, wan("8")).total == Amount(wan("8.0000"), approximate=False)


def test_a_bare_number_is_a_total_without_parts():
    result = parse_funding("拟定100", None)
    assert result.total == Amount(wan("100.0000"), approximate=True)
    assert result.parts == []
    assert result.warnings == []


def test_every_money_cell_of_fixture_000_has_a_total_and_never_a_wrong_split():
    rows = rows_000()
    assert len(rows) == 34
    unsplit = []
    for row in rows:
        result = parse_funding(row[4], None)
        assert result.total is not None, row[4]
        assert result.total == parse_amount(row[4])
        if result.parts:
            assert sum(part.amount for part in result.parts) == result.total.value
        else:
            unsplit.append(row[0])
            assert result.warnings
    assert unsplit == ["9", "11"]


def test_source_columns_of_fixture_001_add_up_to_its_total_column():
    rows = rows_001()
    assert len(rows) == 37  # projects 5–41; 1–4 sit in a sixteen-column table
    for row in rows:
        total, *sources = (parse_amount(cell) for cell in row[8:12])
        assert total is not None, row[:2]
        assert total.value == sum((s.value for s in sources if s), Decimal(0)), row[:2]
    project_41 = rows[-1]
    assert parse_amount(project_41[8]) == Amount(wan("229.79"), approximate=False)
