"""Issue 17, study class 4: sections that hold no projects are not read as items.

A short numbered line over a plain paragraph (一、各县区…综合排名 over 第一名…；第二名…) beside a
sibling that heads a list of items is a section too, and its paragraph a note; a 政策解读's
出台背景 / 出台的目的 heads what is not a task. Texts of our own in the shapes of the study's 六安
and 天祝 pages; the counts were written down before the reader was changed.
"""

from imports.interpret.draft import PlanDraft
from imports.interpret.projects_from_rows import Interpreter
from imports.read import read_text
from imports.shape.prose import read_prose
from imports.shape.segment import Segment


def prose(text: str) -> Segment:
    found = read_prose(read_text(text, name="x.txt").rows)
    assert found is not None, "the text should read as a numbered list"
    return found[1]


def projects_of(text: str) -> PlanDraft:
    draft = PlanDraft(year=2024)
    Interpreter(draft).read_segment(prose(text))
    return draft


def notes(segment: Segment) -> list[str]:
    return [entry.text for entry in segment.entries if entry.kind == "note"]


RANKING = """滁州市2023年1至6月民生工程进展通报
现将1至6月民生工程实施进展通报如下：
一、各县市区推进情况排序
第一名天长市；第二名明光市；第三名来安县。
二、重点项目进展
1、城乡供水一体化，牵头部门：市水利局。进度较慢的为定远县。
2、老旧小区改造，牵头部门：市住建局。进度较慢的为凤阳县。
3、农村公路扩面，牵头部门：市交通运输局。全部按期推进。
"""


def test_a_ranking_over_a_plain_paragraph_beside_a_list_of_items_is_a_section_not_a_project():
    draft = projects_of(RANKING)
    assert [project.number for project in draft.projects] == ["1", "2", "3"]
    assert [unit.name for unit in draft.projects[0].lead_units] == ["市水利局"]
    # The ranking is kept as a note, not dropped.
    assert notes(prose(RANKING)) == ["第一名天长市；第二名明光市；第三名来安县。"]


def test_the_section_after_the_list_over_a_plain_paragraph_is_a_section_too():
    text = """2024年民生实事推进情况
一、总体进展
1.新建幼儿园3所，已完成2所。
2.改造道路5公里，已完成4公里。
二、下步打算
持续加大督导力度，确保年底前全面完成。
"""
    draft = projects_of(text)
    assert [project.number for project in draft.projects] == ["1", "2"]
    assert "督导" not in draft.projects[1].content
    assert notes(prose(text)) == ["持续加大督导力度，确保年底前全面完成。"]


INTERPRETATION = """某县2024年为民实事实施方案政策解读
一、出台背景
为落实县政府工作报告，办好群众最关心的事，制定本方案。
二、主要内容
1.新增城镇就业1500人以上。
2.建成乡镇卫生院2所。
3.改造农村户厕800座。
三、保障措施
各牵头部门要细化措施，按月报送进度。
"""


def test_the_sections_of_a_policy_interpretation_around_its_list_hold_no_projects():
    draft = projects_of(INTERPRETATION)
    assert [project.number for project in draft.projects] == ["1", "2", "3"]
    assert [project.category for project in draft.projects] == ["主要内容"] * 3


def test_a_heading_over_the_purpose_holds_no_project_even_with_no_sibling_list():
    # 出台的目的 is a section of a 解读 wherever it stands; 二、 and 三、 are items here.
    draft = projects_of("""某县2023年为民实事解读
一、出台的目的
切实把县里决定办理的实事办好办实。
二、建成幼儿园3所
三、新增停车位1000个
""")
    assert [project.number for project in draft.projects] == ["二", "三"]


def test_items_numbered_yi_each_over_a_paragraph_stay_items():
    # No sibling heads a list: 一、 and 二、 are the items, their paragraphs what they do.
    draft = projects_of("""2024年民生实事
一、新建学校
投资500万元，年底前建成。
二、修建道路
投资300万元，10月底前通车。
""")
    assert [project.number for project in draft.projects] == ["一", "二"]
    assert "投资300万元" in draft.projects[1].content
