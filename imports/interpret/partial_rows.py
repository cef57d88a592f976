"""Rows that are not whole projects by themselves: lines continuing a merged project, names inside content."""

import re
from dataclasses import dataclass

from imports.foundation.cells.units import UNIT_SUFFIXES
from imports.foundation.layouts import Layout, Role
from imports.foundation.numbering import SECTION_NUMBER
from imports.interpret.draft import ProjectDraft

TEXT_FIELDS = {
    Role.CONTENT: "content", Role.REASON: "reason", Role.PREPARATION: "preparation",
    Role.WORK_PLAN: "work_plan", Role.DEADLINE: "deadline", Role.REMARKS: "remarks", Role.PROGRESS: "progress",
}
# 名称：内容 in one cell, the name short and without a sentence's punctuation.
NAME_AND_REST = re.compile(r"^([^。；;，,：:\n]{2,30})[：:]\s*(\S[\s\S]*)$")
FIRST_CLAUSE = re.compile(r"^[^。；;\n]{2,60}")
LONGEST_DERIVED_NAME = 60
NAME_WORD = "名称"
# A text cut mid-sentence: it ends where a sentence cannot, or its next line starts where one cannot.
OPEN_ENDS = ("，", ",", "、", "：", ":", "（", "(", "；", ";", "—", "-", "及", "和", "与")
CONTINUED_STARTS = ("，", ",", "、", "）", ")", "；", ";", "。")


def continuation(last: ProjectDraft, cells: tuple[str, ...], layout: Layout, merged: frozenset[int]) -> bool:
    """Append a row's text to the project above when the row, under that project's merged number,
    holds nothing of its own but one more line of a text column; False (nothing done) otherwise.

    A row that names its own units, people, money or milestones, or fills several cells, is a
    sub-item, not a continuation."""
    own = [(column, cells[column.index]) for column in layout.columns
           if column.index < len(cells) and cells[column.index] and column.index not in merged]
    # One more line of one cell, cut mid-sentence, continues it; a row with cells of its own (its
    # content and its own status, say) or a whole text of its own is an item of the project.
    if len(own) != 1 or own[0][0].role not in TEXT_FIELDS:
        return False
    column, text = own[0]
    field = TEXT_FIELDS[column.role]
    before = getattr(last, field)
    if not (before.endswith(OPEN_ENDS) or text.startswith(CONTINUED_STARTS)):
        return False
    setattr(last, field, f"{before}\n{text}" if before else text)
    return True


def name_and_content(project: ProjectDraft, layout: Layout) -> None:
    """A project's name where the table gives none apart: 名称：内容 in the name column of a table
    without a content column, or the first clause of the content when no column names projects."""
    if project.name and not layout.has(Role.CONTENT) and not project.content:
        found = NAME_AND_REST.match(project.name)
        if found:
            project.name, project.content = found.group(1).strip(), found.group(2).strip()
    elif not project.name and project.content and not layout.has(Role.NAME):
        found = NAME_AND_REST.match(project.content)
        if found and any(NAME_WORD in column.header for column in layout.find(Role.CONTENT)):
            # 项目名称及建设内容 holding 名称：内容: the header says the name comes first.
            project.name, project.content = found.group(1).strip(), found.group(2).strip()
            return
        flat = re.sub(r"\s*\n\s*", "", project.content)
        clause = FIRST_CLAUSE.match(flat)
        project.name = clause.group(0).rstrip("，,、") if clause else flat[:LONGEST_DERIVED_NAME]


# （牵头领导：陈志强） or （责任单位：县住建局） in a section's heading: who answers for every row under it.
SECTION_ROLE = re.compile(r"[（(]\s*([^（()）：:]{2,6})\s*[：:]\s*([^（()）]{1,80})[)）]")
# 县住建局牵头工作, 李晓峰常务副县长牵头重点工作: the one who leads the section's rows.
LED_BY = re.compile(rf"^(?:{SECTION_NUMBER})?\s*"
                    r"([\u4e00-\u9fff]{2,30}?)(?:负责|牵头)(?:的|推进|落实)?(?:重点)?(?:工作|事项|任务)")
LEADER_TITLE = re.compile(r"(?:常务)?(?:副)?(?:县长|区长|市长|镇长|乡长|主任|书记|局长|部长|旗长|州长)$")


@dataclass
class SectionRoles:
    """Who answers for the rows of a section, as its heading says; rows that name their own keep theirs."""

    leaders: str = ""  # a people cell's text
    lead: str = ""  # a units cell's text


def section_roles(text: str) -> tuple[str, SectionRoles]:
    """The section's name without its role brackets, and the roles the heading gives its rows."""
    roles = SectionRoles()
    for label, value in SECTION_ROLE.findall(text):
        if "领导" in label:
            roles.leaders = value.strip()
        elif "单位" in label or "部门" in label:
            roles.lead = roles.lead or value.strip()
    name = SECTION_ROLE.sub("", text).strip() or text
    led = LED_BY.match(name)
    if led:
        who = led.group(1)
        if LEADER_TITLE.search(who):
            roles.leaders = roles.leaders or LEADER_TITLE.sub("", who)
        elif who.endswith(UNIT_SUFFIXES):
            roles.lead = roles.lead or who
    return name, roles
