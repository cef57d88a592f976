"""Names longer than their field are shortened with a warning, and control characters above the table dropped."""

from imports.interpret.draft_plan import draft_plan
from imports.read import read_text


def draft_of(text: str):
    return draft_plan([read_text(text, name="表.txt")])


def test_a_unit_a_person_and_a_category_too_long_to_store_are_shortened_and_reported():
    unit = "区" + "很长的单位名称" * 40 + "局"
    person = "王" * 60
    category = "一、" + "类别" * 120
    draft = draft_of("\n".join([
        "合肥市蜀山区2024年民生实事项目责任分解表",
        "序号\t项目名称\t牵头单位\t责任领导",
        category,
        f"1\t新建幼儿园\t{unit}\t{person}",
    ]))

    project = draft.projects[0]
    assert len(project.lead_units[0].name) == 200 and project.lead_units[0].name == unit[:200]
    assert all(len(name) <= 50 for name in project.leaders)
    assert len(draft.categories[0].name) == 200 and project.category == draft.categories[0].name
    messages = " ".join(w.message for w in draft.warnings)
    assert str(len(unit)) in messages and str(len(category)) in messages


def test_control_characters_above_the_table_are_dropped_with_a_warning():
    draft = draft_of("合肥市蜀山区2024年\x00民生实事项目\x1b责任分解表\n"
                     "序号\t项目名称\t牵头单位\n1\t新建幼儿园\t区教育局")

    assert draft.title == "合肥市蜀山区2024年民生实事项目责任分解表"
    assert any("NUL" in w.message for w in draft.warnings)
