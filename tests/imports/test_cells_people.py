"""People cells: names padded, run together and mixed with placeholders, from the real tables."""

import pytest

from imports.foundation.cells.people import PeopleParse, parse_people, split_run
from tests.imports.seeds import rows_000, rows_004


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("王  伟", ["王伟"]),
        ("王 伟", ["王伟"]),
        ("陈  颖", ["陈颖"]),
        ("曾朝阳王  伟", ["曾朝阳", "王伟"]),
        ("王  伟张剑辉", ["王伟", "张剑辉"]),
        ("陈 斌 张剑辉", ["陈斌", "张剑辉"]),
        ("陈 斌 吴振法 庄垂生 王 伟 吴超鹏 庄蓉梅", ["陈斌", "吴振法", "庄垂生", "王伟", "吴超鹏", "庄蓉梅"]),
        ("张才贵\n\n张剑辉", ["张才贵", "张剑辉"]),
        ("曾朝阳\n\n白建胜", ["曾朝阳", "白建胜"]),
        ("庄垂生 李超端 谢承华", ["庄垂生", "李超端", "谢承华"]),
        ("刘敏坚 黄晓东", ["刘敏坚", "黄晓东"]),
        ("张绍萍", ["张绍萍"]),
        ("庄垂生、吴小纲", ["庄垂生", "吴小纲"]),
    ],
)
def test_names_are_read_without_padding(text, expected):
    assert parse_people(text) == PeopleParse(expected, [], [])


@pytest.mark.parametrize(
    ("run", "expected"),
    [
        ("陈颖王伟", ["陈颖", "王伟"]),  # four characters: two names of two
        ("曾朝阳白建胜", ["曾朝阳", "白建胜"]),  # six: two of three, not three of two
        ("欧阳明华", ["欧阳明华"]),  # a compound surname makes one name of four
        ("欧阳明王伟", ["欧阳明", "王伟"]),
        ("张剑辉", ["张剑辉"]),
    ],
)
def test_run_together_names_are_split_when_only_one_cut_fits(run, expected):
    assert split_run(run) == expected


@pytest.mark.parametrize("run", ["王伟张剑辉", "曾朝阳王伟", "王"])
def test_run_together_names_without_exactly_one_cut_are_not_guessed(run):
    assert split_run(run) is None


def test_an_ambiguous_run_gives_a_warning_and_no_names():
    result = parse_people("曾朝阳王伟 庄垂生")
    assert result.names == ["庄垂生"]
    assert len(result.warnings) == 1
    assert "曾朝阳王伟" in result.warnings[0]


def test_a_lone_character_is_never_a_person():
    result = parse_people("伟")
    assert result.names == []
    assert len(result.warnings) == 1


@pytest.mark.parametrize(
    ("text", "names", "placeholders"),
    [
        ("各副区长", [], ["各副区长"]),
        ("陈 林 各副区长", ["陈林"], ["各副区长"]),
        ("王 伟 各项目 分管领导", ["王伟"], ["各项目分管领导"]),
        ("分管领导", [], ["分管领导"]),
        ("各分管领导", [], ["各分管领导"]),
        ("区长", [], ["区长"]),
        ("相关领导", [], ["相关领导"]),
        ("街道主任", [], ["街道主任"]),
    ],
)
def test_placeholders_are_kept_apart_from_people(text, names, placeholders):
    assert parse_people(text) == PeopleParse(names, placeholders, [])


@pytest.mark.parametrize("text", ["", " ", "\n\n"])
def test_an_empty_cell_names_nobody(text):
    assert parse_people(text) == PeopleParse([], [], [])


def test_a_person_printed_twice_is_kept_once():
    assert parse_people("王 伟 王伟").names == ["王伟"]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        ("17", ["庄垂生", "吴小纲", "庄蓉梅"]),
        ("22", ["庄垂生", "陈颖", "廖艺强", "庄蓉梅"]),
        ("23", ["庄垂生", "王伟"]),
        ("28", ["庄垂生", "李超端", "谢承华"]),
        ("29", ["陈斌", "吴振法", "庄垂生", "王伟", "吴超鹏", "庄蓉梅"]),
        ("31", ["陈斌", "庄垂生", "吴振法", "王伟", "廖艺强"]),
        ("41", ["庄垂生", "陈志雄", "白建胜", "吴小纲", "王伟"]),
        ("92", ["曾朝阳", "陈志雄", "吴振法", "陈颖", "张才贵"]),
    ],
)
def test_fixture_004_leader_cells_give_exactly_the_printed_people(number, expected):
    assert parse_people(rows_004()[number][4]) == PeopleParse(expected, [], [])


def test_fixture_004_placeholder_cells():
    rows = rows_004()
    assert parse_people(rows["33"][4]) == PeopleParse(["王伟"], ["各项目分管领导"], [])
    assert parse_people(rows["93"][4]) == PeopleParse([], ["各副区长"], [])
    assert parse_people(rows["97"][4]) == PeopleParse(["陈林"], ["各副区长"], [])


def test_every_leader_cell_of_fixtures_000_and_004_gives_whole_names():
    cells = [row[4] for row in rows_004().values()] + [row[7] for row in rows_000()]
    assert len(cells) == 98 + 34
    everyone: set[str] = set()
    for cell in cells:
        result = parse_people(cell)
        assert result.warnings == [], cell
        assert all(2 <= len(name) <= 3 for name in result.names), cell
        everyone.update(result.names)
    assert {"陈斌", "王伟", "陈颖", "曾朝阳", "白建胜", "张才贵"} <= everyone
    assert not any(" " in name or "\u3000" in name for name in everyone)


def test_fixture_000_run_together_leaders_are_split():
    by_number = {row[0]: row for row in rows_000()}
    assert parse_people(by_number["25"][7]).names == ["曾朝阳", "王伟"]
    assert parse_people(by_number["12"][7]).names == ["曾朝阳", "白建胜"]
    assert parse_people(by_number["24"][7]).names == ["张才贵", "张剑辉"]
    assert parse_people(by_number["4"][7]).names == ["陈颖"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("县委常委、副县长 王强", ["王强"]),
        ("王强（副县长）", ["王强"]),
        ("副县长王强", ["王强"]),
        ("王强副县长", ["王强"]),
        ("分管副区长：陈明", ["陈明"]),
        ("王强、李明（常务副县长）", ["王强", "李明"]),
        ("陈明（区委常委、常务副区长）、刘芳（副区长）", ["陈明", "刘芳"]),
        ("王强同志", ["王强"]),
        ("区政府分管领导", []),
        ("张副县长", []),
    ],
)
def test_a_post_printed_with_a_name_is_neither_a_person_nor_a_reason_to_lose_the_name(text, expected):
    parsed = parse_people(text)
    assert parsed.names == expected
    assert parsed.warnings == []
