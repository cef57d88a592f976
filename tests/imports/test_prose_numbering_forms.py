"""Issue 17, study class 3: numbers written in forms the list reader did not know.

之一：…之五：, a number glued to the name (1前进区…) inside a run of 1, 2, 3, a number alone on its
line with the item on the next, and a heading that lost its numeral (、其他项目). Texts of our own
in the shapes of the study's 老城街道, 前进区 and 黔东南 pages, with other wording, numbering and
places; the expected counts were written down before the reader was changed.
"""

from decimal import Decimal

from imports.foundation.layouts import count_header_cells
from imports.interpret.draft import PlanDraft
from imports.interpret.draft_plan import draft_plan
from imports.interpret.projects_from_rows import Interpreter
from imports.read import read_file, read_text
from imports.shape.prose import read_prose


def projects_of(text: str) -> PlanDraft:
    found = read_prose(read_text(text, name="x.txt").rows)
    assert found is not None, "the text should read as a numbered list"
    draft = PlanDraft(year=2024)
    Interpreter(draft).read_segment(found[1])
    return draft


def imported(text: str) -> PlanDraft:
    """The text as an administrator pastes it, title and all."""
    return draft_plan(read_file("x.txt", text.encode(), max_bytes=1_000_000, header_cells=count_header_cells))


ZHIYI = """城关镇2023年四大惠民工程
城关镇围绕群众所盼，实施四大惠民工程。
之一：“安居工程”——改造老旧小区3个。
之二：“畅通工程”——硬化村组道路12公里。
之三:“健康工程”——建成村卫生室5个。
之四、“暖心工程”——为200户困难家庭送温暖。
"""


def test_items_numbered_zhi_yi_are_read_in_order():
    preamble, _segment = read_prose(read_text(ZHIYI, name="x.txt").rows)
    assert preamble == ["城关镇2023年四大惠民工程", "城关镇围绕群众所盼，实施四大惠民工程。"]
    draft = projects_of(ZHIYI)
    assert [project.number for project in draft.projects] == ["一", "二", "三", "四"]
    assert draft.projects[1].name.startswith("“畅通工程”")


GLUED = """关于东风区2023年度乡村振兴项目计划的公示
一、基础设施项目
1新建村级文化广场2处。计划投资80万元。
2红旗村道路硬化3公里。计划投资150.5万元。
3、东升村排水沟改造1.2公里。计划投资40万元。
二、产业发展项目
1、建设蔬菜大棚20栋。计划投资60万元。
2设施农业冷库1座。计划投资45万元。
"""


def test_numbers_glued_to_the_name_in_a_run_of_one_two_three_number_the_items():
    draft = imported(GLUED)
    assert [problem.message for problem in draft.errors] == []
    assert draft.jurisdiction == ["东风区"]
    assert [category.name for category in draft.categories] == ["基础设施项目", "产业发展项目"]
    # A short item is named by its whole text (imports/shape/prose/items.py), money sentence and all.
    assert [project.name.split("。")[0] for project in draft.projects] == [
        "新建村级文化广场2处", "红旗村道路硬化3公里", "东升村排水沟改造1.2公里", "建设蔬菜大棚20栋", "设施农业冷库1座",
    ]  # fmt: skip
    assert [project.number for project in draft.projects] == ["1.1", "1.2", "1.3", "2.1", "2.2"]
    assert sum(project.total_investment for project in draft.projects) == Decimal("375.5")


def test_a_count_a_year_or_a_stray_number_at_a_line_start_is_no_glued_number():
    # 2所 counts kindergartens, 2024年 is a year, and 9 neither follows 1 nor precedes 3: each continues item 1.
    draft = projects_of("""2024年民生实事
1.新建学校2所。
2所幼儿园同步扩建。
2024年内完成校舍改造。
9村联合开展招生宣传。
3.修建道路5公里。
""")
    assert [project.number for project in draft.projects] == ["1", "3"]
    assert "2所幼儿园同步扩建" in draft.projects[0].content
    assert "9村联合开展招生宣传" in draft.projects[0].content


NUMBER_ALONE = """红河州2024年将办好民生实事
报告提出，今年将统筹财力办好以下民生实事。
（一）
促进就业增收，开展职业技能培训1.2万人次。
（二）
办好人民满意教育，新建、改扩建公办幼儿园8所。
（三）
实施城市更新，改造老旧小区3000户。
"""


def test_a_number_alone_on_its_line_numbers_the_line_after_it():
    draft = imported(NUMBER_ALONE)
    assert [problem.message for problem in draft.errors] == []
    assert draft.jurisdiction == ["红河州"]
    assert [project.number for project in draft.projects] == ["一", "二", "三"]
    assert draft.projects[2].name == "实施城市更新，改造老旧小区3000户"


def test_arabic_numbers_alone_on_their_lines_number_the_items_too():
    draft = projects_of("""某区2024年民生实事
1.
新建口袋公园10个。
2、
改造背街小巷20条。
""")
    assert [(project.number, project.name) for project in draft.projects] == [
        ("1", "新建口袋公园10个"), ("2", "改造背街小巷20条"),
    ]  # fmt: skip


LOST_NUMERAL = """某县2024年民生实事项目
一、教育卫生
1.新建幼儿园2所。
2.新建乡镇卫生院1所。
、交通出行
1.新建公交站台30个。
2.改造城区道路5公里。
"""


def test_a_heading_that_lost_its_numeral_heads_a_section_of_its_own():
    draft = projects_of(LOST_NUMERAL)
    assert [category.name for category in draft.categories] == ["教育卫生", "交通出行"]
    assert [(project.number, project.category) for project in draft.projects] == [
        ("1", "教育卫生"), ("2", "教育卫生"), ("1", "交通出行"), ("2", "交通出行"),
    ]  # fmt: skip
    assert "交通出行" not in draft.projects[1].content
