"""Sub-items with units of their own under an item that names its units: sub-projects.

Texts of our own in the shape of the 安顺 2019 completion report (tests/imports/study): each 实事
is a numbered line with its units, and some have numbered 项 of an inner level, each with units of
its own. As in a grid where the 序号 is merged over several rows each with cells of its own, the
实事 is the project and every such 项 a sub-project under it, its units kept. Counts written by hand
before the reader was changed.
"""

from imports.interpret.draft import PlanDraft
from tests.imports.test_prose import kinds, projects_of, prose

COUNTY = """某县2023年十件民生实事完成情况
一、改善农村人居环境。（责任单位：县农业农村局，各乡镇）已完成
1.新建农村公厕50座（责任单位：县农业农村局）
此项工作已完成，建成公厕52座。
2.治理农村黑臭水体8处（责任单位：县生态环境分局，相关乡镇）
此项工作已完成。
3.改造农村危房100户（责任单位：县住建局）
已完成改造105户。
二、新增城区学位2000个。（责任单位：县教育局）已完成
全年新增学位2100个。
三、实施就业技能培训。（责任单位：县人社局）
1.培训农民工3000人次（责任单位：县人社局）
2.开发公益性岗位200个（责任单位：县人社局，县财政局）
"""


def tree(draft: PlanDraft) -> list[tuple[str | None, str]]:
    return [(project.parent_key, project.name) for project in draft.projects]


def test_each_numbered_sub_item_with_units_is_a_sub_project_of_the_item_above():
    draft = projects_of(COUNTY)
    top = [project for project in draft.projects if project.parent_key is None]
    under = [project for project in draft.projects if project.parent_key is not None]
    assert (len(top), len(under)) == (3, 5)
    assert [project.parent_key for project in under] == ["一", "一", "一", "三", "三"]
    assert [unit.name for unit in top[0].lead_units] == ["县农业农村局", "各乡镇"]
    assert [unit.name for unit in under[1].lead_units] == ["县生态环境分局", "相关乡镇"]
    assert [unit.name for unit in under[4].lead_units] == ["县人社局", "县财政局"]
    assert not draft.errors


def test_a_sub_project_keeps_its_own_name_and_the_lines_under_it():
    draft = projects_of(COUNTY)
    assert tree(draft)[1] == ("一", "新建农村公厕50座")
    assert "建成公厕52座" in draft.projects[1].content
    assert "建成公厕52座" not in draft.projects[0].content
    # An item with no sub-items keeps the lines under it, as before.
    second = next(project for project in draft.projects if project.number == "二")
    assert "全年新增学位2100个" in second.content


def test_other_numbering_levels_and_an_item_without_sub_items_between():
    draft = projects_of(
        "2024年某街道为民办实事项目\n"
        "（一）提升社区服务。（牵头单位：街道社区办；配合单位：各社区）\n"
        "1.新建社区养老服务站2个（牵头单位：街道民政办）\n"
        "2.改造社区文化活动室3个（牵头单位：街道文化站）\n"
        "（二）改善出行条件。（牵头单位：街道城建办）\n"
        "（三）加强食品安全监管。（牵头单位：街道市场监管所）\n"
        "1.抽检食品500批次（牵头单位：街道市场监管所）\n"
    )
    assert [project.parent_key for project in draft.projects] == [None, "一", "一", None, None, "三"]
    assert [unit.name for unit in draft.projects[0].assisting_units] == ["各社区"]
    assert [unit.name for unit in draft.projects[1].lead_units] == ["街道民政办"]


def test_points_without_units_under_an_item_with_units_stay_its_text():
    _preamble, segment = prose("1.改造老旧小区3个（牵头单位：区住建局）\n（1）岳麓小区\n（2）望城小区\n2.新建公园1个")
    assert kinds(segment) == [("data", "1"), ("data", "2")]


def test_items_with_units_under_an_item_without_any_stay_projects():
    # Nothing says the line above leads them: each numbered line with units is a project, as before.
    draft = projects_of(
        "1.改造老旧小区3个，惠及居民2000户。\n（1）岳麓小区改造（牵头单位：区住建局）\n"
        "（2）望城小区改造（牵头单位：区城管局）\n2.新建公园1个（牵头单位：区园林局）"
    )
    assert [project.parent_key for project in draft.projects] == [None, None, None, None]
