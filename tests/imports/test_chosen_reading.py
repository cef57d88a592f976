"""Lists read the way the administrator chose (imports.shape.chosen_reading): which lines are projects,
which head categories, where the list starts. Pure: files built here, no database.

Each list below is a dead end or a misreading without the choice; counts written by hand first.
"""

import io

import pytest
from docx import Document

from imports.foundation.layouts import LayoutChoice, count_header_cells
from imports.foundation.reading_choice import ANY_MARK, EVERY_LINE, ReadingChoice
from imports.interpret.draft_plan import draft_plan
from imports.read import read_file
from imports.shape.chosen_reading import describe_reading, lines_of, shape_of
from imports.shape.split import no_table_error
from tests.imports.files import xlsx_bytes
from tests.imports.lettered_list import LETTERED, LETTERED_LEADS

STARRED = """2025年梅溪镇为民办实事项目
一、民生保障
★新建居家养老服务站2个（牵头单位：镇民政办；配合单位：镇财政所）
★为80岁以上老人上门体检（牵头单位：镇卫生院）
二、人居环境
★改造农村户厕300户（牵头单位：镇农业农村办）
★新建垃圾分类收集点15个（牵头单位：镇城建办；配合单位：各村）
★整治河道4公里（牵头单位：镇水利站）
"""

STEMS = """2025年梅溪镇为民办实事项目
甲、新建居家养老服务站2个。责任单位：镇民政办
乙、改造农村户厕300户。责任单位：镇农业农村办
丙、整治河道4公里。责任单位：镇水利站
"""

UNNUMBERED = """2025年梅溪镇为民办实事项目
新建居家养老服务站2个
改造农村户厕300户
整治河道4公里
注：以上项目资金由镇财政统筹。
"""

MIXED_BULLETS = """2025年梅溪镇为民办实事项目
● 新建居家养老服务站2个
■ 改造农村户厕300户
● 整治河道4公里
"""


def tables(text: str, name: str = "粘贴文本.txt", data: bytes | None = None):
    return read_file(name, data if data is not None else text.encode(), max_bytes=10_000_000,
                     header_cells=count_header_cells)


def read(text: str, reading: ReadingChoice | None, **files):
    return draft_plan(tables(text, **files), jurisdiction=["梅溪镇"], choice=LayoutChoice(reading=reading))


def names(draft) -> list[str]:
    return [project.name for project in draft.projects]


@pytest.mark.parametrize("text", [STEMS, UNNUMBERED, MIXED_BULLETS, LETTERED])
def test_each_list_is_a_dead_end_without_a_choice(text):
    assert [error.message for error in read(text, None).errors] == [no_table_error()]


def test_starred_lines_are_projects_under_the_categories_numbered_yi():
    draft = read(STARRED, ReadingChoice(items="★", categories="一、"))
    assert not draft.errors
    assert [(category.name, category.position) for category in draft.categories] == [("民生保障", 1), ("人居环境", 2)]
    assert [project.category for project in draft.projects] == ["民生保障"] * 2 + ["人居环境"] * 3
    first = draft.projects[0]
    assert first.name == "新建居家养老服务站2个"
    assert [unit.name for unit in first.lead_units] == ["镇民政办"]
    assert [unit.name for unit in first.assisting_units] == ["镇财政所"]
    # A star is never a name's first character, nor a unit.
    assert not any(name.startswith("★") for name in names(draft))


def test_starred_lines_without_categories_keep_the_headings_as_lines_of_the_item_above():
    draft = read(STARRED, ReadingChoice(items="★"))
    assert len(draft.projects) == 5 and not draft.categories


def test_heavenly_stems_number_the_projects_in_order():
    draft = read(STEMS, ReadingChoice(items="甲、"))
    assert names(draft) == ["新建居家养老服务站2个", "改造农村户厕300户", "整治河道4公里"]
    assert [project.number for project in draft.projects] == ["1", "2", "3"]
    assert [[unit.name for unit in project.lead_units] for project in draft.projects] == [
        ["镇民政办"], ["镇农业农村办"], ["镇水利站"]]


def test_every_line_a_project_below_the_title_and_a_note_is_no_project():
    draft = read(UNNUMBERED, ReadingChoice(items=EVERY_LINE))
    assert names(draft) == ["新建居家养老服务站2个", "改造农村户厕300户", "整治河道4公里"]
    assert draft.year == 2025
    kinds = [line["kind"] for line in describe_reading(
        tables(UNNUMBERED), LayoutChoice(reading=ReadingChoice(items=EVERY_LINE)), {}, draft.layouts)["lines"]]
    assert kinds == ["title", "project", "project", "project", "note"]


def test_a_start_line_makes_the_lines_above_it_the_title():
    draft = read(UNNUMBERED, ReadingChoice(items=EVERY_LINE, start=3))
    assert names(draft) == ["改造农村户厕300户", "整治河道4公里"]


def test_any_mark_takes_every_bulleted_line():
    draft = read(MIXED_BULLETS, ReadingChoice(items=ANY_MARK))
    assert names(draft) == ["新建居家养老服务站2个", "改造农村户厕300户", "整治河道4公里"]


def test_the_choice_reads_the_list_in_every_form():
    lines = [[line] for line in LETTERED.splitlines()]
    document = Document()
    for (line,) in lines:
        document.add_paragraph(line)
    docx = io.BytesIO()
    document.save(docx)
    reading = ReadingChoice(items="A.")
    for name, data in (("清单.xlsx", xlsx_bytes(lines)), ("清单.docx", docx.getvalue()), ("清单.txt", None)):
        draft = read(LETTERED, reading, name=name, data=data)
        assert not draft.errors, name
        leads = {project.name: [unit.name for unit in project.lead_units] for project in draft.projects}
        assert leads == LETTERED_LEADS, name


def test_the_shape_forgets_the_year_but_not_the_marks():
    this_year = shape_of(lines_of(tables(STEMS)))
    assert this_year == shape_of(lines_of(tables(STEMS.replace("2025", "2026"))))
    assert this_year != shape_of(lines_of(tables(MIXED_BULLETS)))
    assert this_year.startswith("清单|甲、|")


@pytest.mark.parametrize("data", [
    None, [], "A.", {"items": "B"}, {"items": "A.", "categories": "A."}, {"items": "A.", "start": 0},
    {"items": "A.", "start": "3"}, {"items": "A.", "start": True}, {"items": "A.", "start": 10**9},
    {"items": "line", "categories": "x"},
])
def test_a_stored_choice_that_is_not_valid_is_no_choice(data):
    assert ReadingChoice.from_dict(data) is None


def test_a_choice_round_trips_through_the_layout_choice():
    choice = LayoutChoice(reading=ReadingChoice(items="★", categories="一、", start=2))
    assert LayoutChoice.from_dict(choice.as_dict()) == choice
    # Choices stored before readings existed keep their form.
    assert "reading" not in LayoutChoice(header_row=3).as_dict()
