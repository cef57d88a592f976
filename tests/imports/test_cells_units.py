"""Responsible-unit cells, read from the shapes they take in the real tables."""

import pytest

from imports.foundation.cells.units import ParsedUnit, is_complete, parse_units
from tests.imports.seeds import rows_000, rows_004


def names(text: str) -> list[str]:
    """The unit names parse_units reads from a cell."""
    return [unit.name for unit in parse_units(text).units]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区古城保护 发展指挥部", ["区古城保护发展指挥部"]),
        ("区行政服务中心 管委会", ["区行政服务中心管委会"]),
        ("中山路商圈 管委会", ["中山路商圈管委会"]),
        ("区疫情防控 指挥部 区卫健局", ["区疫情防控指挥部", "区卫健局"]),
        ("爱国路周边片 区安置房及通 政小学北校区 扩建项目指挥部",
         ["爱国路周边片区安置房及通政小学北校区扩建项目指挥部"]),
        ("区妇联\n\n区妇儿工\n\n委办", ["区妇联", "区妇儿工委办"]),
    ],
)
def test_wrapped_unit_name_is_joined(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("开元街道党工委、\n\n办事处", ["开元街道党工委、办事处"]),
        ("临江街道党工委、办事处", ["临江街道党工委、办事处"]),
        ("江南、鲤中街道党工委、\n\n办事处", ["江南街道党工委、办事处", "鲤中街道党工委、办事处"]),
        (
            "开元、鲤中、海滨、临江街道党工委、\n\n办事处\n\n区文投集团",
            ["开元街道党工委、办事处", "鲤中街道党工委、办事处", "海滨街道党工委、办事处",
             "临江街道党工委、办事处", "区文投集团"],
        ),
        ("江南城建集团\n海滨、临江街道党工委、办事处",
         ["江南城建集团", "海滨街道党工委、办事处", "临江街道党工委、办事处"]),
        (
            "区财政金融与国资局、教育文体旅游局、东园镇、张坂镇人民政府",
            ["区财政金融与国资局", "教育文体旅游局", "东园镇人民政府", "张坂镇人民政府"],
        ),
    ],
)
def test_places_before_a_full_name_share_its_suffix(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区教育局区文投\n\n集团", ["区教育局", "区文投集团"]),
        ("区发改局区人社局", ["区发改局", "区人社局"]),
        ("市医疗保障局鹿城分局", ["市医疗保障局鹿城分局"]),
        ("中国联通泉州市鲤城区分公司", ["中国联通泉州市鲤城区分公司"]),
        ("江南新区城市更新项目指挥部", ["江南新区城市更新项目指挥部"]),
    ],
)
def test_names_run_together_are_split_only_where_a_new_name_starts(text, expected):
    assert names(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("区工信局 (区委军民融合办)", [ParsedUnit("区工信局", ("区委军民融合办",), False)]),
        ("区文旅局（区申遗办）", [ParsedUnit("区文旅局", ("区申遗办",), False)]),
        (
            "区发改局 (区重点办) 江南城建集团 (区前期办)",
            [ParsedUnit("区发改局", ("区重点办",), False), ParsedUnit("江南城建集团", ("区前期办",), False)],
        ),
        (
            "区文旅局 (区申遗办) 区住建局 (环境整治组)",
            [ParsedUnit("区文旅局", ("区申遗办",), False), ParsedUnit("区住建局", ("环境整治组",), False)],
        ),
        (
            "区发改局 (粮食局) 区市场监管局 (区食安办)",
            [ParsedUnit("区发改局", ("粮食局",), False), ParsedUnit("区市场监管局", ("区食安办",), False)],
        ),
    ],
)
def test_a_trailing_bracketed_unit_name_is_an_alias(text, expected):
    result = parse_units(text)
    assert result.units == expected
    assert result.warnings == []


@pytest.mark.parametrize(
    "text",
    ["晋江南岸（鲤城段）整治及景观提升项目指挥部", "各村(社区)委员会"],
)
def test_a_bracket_inside_a_name_stays_in_the_name(text):
    assert names(text) == [text]
    assert parse_units(text).units[0].aliases == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县发改局（牵头）、县统计局", [("县发改局", "lead"), ("县统计局", None)]),
        ("市发改委(牵头)，市财政局、市统计局", [("市发改委", "lead"), ("市财政局", None), ("市统计局", None)]),
        ("区教育局（牵头单位）\n区财政局（配合）", [("区教育局", "lead"), ("区财政局", "assisting")]),
        ("县住建局牵头，县城管局配合", [("县住建局", "lead"), ("县城管局", "assisting")]),
        ("县卫健委、县医保局（按职责分工负责）", [("县卫健委", None), ("县医保局", None)]),
        ("牵头：县发改局；配合：县财政局、县统计局",
         [("县发改局", "lead"), ("县财政局", "assisting"), ("县统计局", "assisting")]),
        ("牵头单位：县发改局\n责任单位：县财政局", [("县发改局", "lead"), ("县财政局", None)]),
    ],
)
def test_a_unit_s_part_marked_in_the_cell_is_read_apart_from_its_name(text, expected):
    result = parse_units(text)
    assert [(unit.name, unit.mark) for unit in result.units] == expected
    assert all(unit.aliases == () for unit in result.units)
    assert result.warnings == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县水利局等相关部门", [("县水利局", False), ("相关部门", True)]),
        ("县卫健局、县医保局等部门", [("县卫健局", False), ("县医保局", False)]),
        ("县水利局等", [("县水利局", False)]),
        ("区国资委等有关单位", [("区国资委", False), ("有关单位", True)]),
    ],
)
def test_and_others_after_a_unit_is_not_part_of_its_name(text, expected):
    parsed = parse_units(text)
    assert [(unit.name, unit.is_group) for unit in parsed.units] == expected
    assert parsed.warnings == []


def test_a_trailing_bracket_that_is_not_a_unit_name_stays_in_the_name():
    # 卫计 is a note on which desk of 社会事务办 is meant, not another name for it.
    assert parse_units("社会事务办(卫计)").units == [ParsedUnit("社会事务办(卫计)", (), False)]


@pytest.mark.parametrize(
    "text",
    [
        "各街道党工委、办事处",
        "各街道办事处",
        "区直有关单位",
        "各乡镇人民政府",
        "相关街道党工委、办事处",
        "相关项目指挥部",
        "相关项目责任单位",
        "相关基层工会组织",
        "责任单位",
        "各社区",
        "区直各单位",
        "驻区行政服务中心各窗口单位",
        "有关乡镇",
    ],
)
def test_group_placeholders_are_flagged_and_kept(text):
    result = parse_units(text)
    assert result.units == [ParsedUnit(text, (), True)]
    assert result.warnings == []


def test_groups_and_units_in_one_cell_keep_their_order():
    result = parse_units("相关项目指挥部 责任单位")
    assert [(u.name, u.is_group) for u in result.units] == [("相关项目指挥部", True), ("责任单位", True)]
    result = parse_units("江南街道办事处 高新区管委会 各街道办事处 区直有关单位")
    assert [(u.name, u.is_group) for u in result.units] == [
        ("江南街道办事处", False),
        ("高新区管委会", False),
        ("各街道办事处", True),
        ("区直有关单位", True),
    ]


def test_full_width_spaces_and_commas_separate_units():
    assert names("区城管局\u3000区住建局，区农水局;区民政局") == ["区城管局", "区住建局", "区农水局", "区民政局"]


def test_a_unit_printed_twice_in_a_cell_is_kept_once():
    assert names("区住建局 区城管局 区住建局") == ["区住建局", "区城管局"]


def test_a_name_that_does_not_end_like_a_unit_is_kept_with_a_warning():
    result = parse_units("区住建局 区古城保护")
    assert names("区住建局 区古城保护") == ["区住建局", "区古城保护"]
    assert len(result.warnings) == 1
    assert "区古城保护" in result.warnings[0]


@pytest.mark.parametrize("text", ["", "  ", "\n\n"])
def test_an_empty_cell_has_no_units(text):
    assert parse_units(text).units == []
    assert parse_units(text).warnings == []


def test_fixture_004_rows_28_and_29_give_exactly_the_printed_units():
    rows = rows_004()
    assert names(rows["28"][2]) == [
        "区古城保护发展指挥部",
        "爱国路周边片区安置房及通政小学北校区扩建项目指挥部",
        "鲤中街道办事处",
        "临江街道办事处",
        "鲤城文投集团",
        "江南城建集团",
    ]
    assert names(rows["28"][3]) == []
    assert names(rows["29"][2]) == [
        "江南新区城市更新项目指挥部",
        "高新区管委会",
        "晋江南岸（鲤城段）整治及景观提升项目指挥部",
    ]
    assert names(rows["29"][3]) == ["区城管局", "江南城建集团"]


@pytest.mark.parametrize(
    ("number", "column", "expected"),
    [
        ("20", 3, [("相关项目指挥部", True), ("责任单位", True)]),
        ("70", 2, [("区行政服务中心管委会", False), ("驻区行政服务中心各窗口单位", True)]),
        ("73", 3, [("区疫情防控指挥部各职能组", True)]),
        ("92", 2, [(n, False) for n in
                   "区总工会 团区委 区妇联 区侨联 区残联 区科协 区社科联 区红十字会 区慈善会".split()]),
    ],
)
def test_fixture_004_spot_checks(number, column, expected):
    units = parse_units(rows_004()[number][column]).units
    assert [(u.name, u.is_group) for u in units] == expected


def test_every_unit_cell_of_fixture_004_reads_as_whole_unit_names():
    rows = rows_004()
    assert len(rows) == 98
    for row in rows.values():
        for cell in row[2:4]:
            result = parse_units(cell)
            assert result.warnings == [], (row[0], cell)
            for unit in result.units:
                # No exceptions needed: every name in 004 ends with a unit suffix.
                assert is_complete(unit.name), (row[0], unit.name)
                assert len(unit.name) >= 3, (row[0], unit.name)


def test_every_unit_cell_of_fixture_000_reads_as_whole_unit_names():
    rows = rows_000()
    assert len(rows) == 34
    for row in rows:
        for cell in row[5:7]:
            result = parse_units(cell)
            assert result.warnings == [], (row[0], cell)
            assert all(is_complete(unit.name) and len(unit.name) >= 3 for unit in result.units), row[0]
    by_number = {row[0]: row for row in rows}
    assert names(by_number["7"][6]) == ["区卫健局", "区退役军人事务局", "区残联", "各街道党工委、办事处"]
    assert names(by_number["12"][5]) == ["区委政法委", "鲤城公安分局"]
    assert names(by_number["18"][5]) == ["区教育局", "区文投集团"]
    assert names(by_number["24"][5]) == ["区妇联", "区妇儿工委办"]
    assert names(by_number["26"][5]) == ["开元街道党工委、办事处"]
    assert names(by_number["26"][6]) == []
    assert names(by_number["33"][5]) == [
        "中国移动鲤城分公司",
        "中国电信鲤城分公司",
        "中国铁塔泉州分公司",
        "中国联通泉州市鲤城区分公司",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("市交通局等，各县、市、区政府", ["市交通局", "各县、市、区政府"]),
        ("各乡、镇人民政府", ["各乡、镇人民政府"]),
        ("市财政局，各县、市、区", ["市财政局", "各县、市、区"]),
        ("各县、市、区、市直各单位", ["各县、市、区", "市直各单位"]),
    ],
)
def test_every_government_of_several_levels_is_one_group(text, expected):
    # 各县、市、区政府 is all the county-level governments, one group, though 、 runs through it.
    parsed = parse_units(text)
    assert [unit.name for unit in parsed.units] == expected
    assert parsed.warnings == []
    assert parsed.units[-1].is_group


def test_a_unit_after_a_group_of_one_level_is_not_taken_into_it():
    assert names("各县、市场监管局") == ["各县", "市场监管局"]


@pytest.mark.parametrize("cell", [
    "区教育局、区财政局\n区住建局", "区教育局、区教育局、区财政局", "区行政服务中心\n管委会", "市政府办\n公厅",
    "江南、鲤中街道党工委、办事处", "区教育局（区体育局）、区财政局", "各乡镇、区民政局", "区教育局 区财政局",
    "牵头：县发改局；配合：县财政局、县统计局", "县发改局（牵头）、县统计局", "县卫健局、县医保局等部门",
])  # fmt: skip
def test_a_cell_read_name_by_name_reads_as_the_whole_cell_does(cell):
    # Long tables combine a few hundred units in thousands of ways: the cache reads such cells name
    # by name, which must never change what they say.
    from imports.foundation.cells.cached import units_of

    assert units_of(cell) == parse_units(cell)
