"""Numbered prose lists -> a segment of projects, for plans written as paragraphs instead of a grid.

Many plans are a title, perhaps a few headings, and numbered paragraphs, one project each:

    岳麓区2024年十件民生实事
    一、教育方面
    1.新建中小学校3所。（牵头单位：区教育局；配合单位：区财政局；责任领导：王强；完成时限：2024年12月底）
    2、实施校园食堂改造30所。（责任单位：区教育局、区市场监管局）

The parts, each readable on its own:

* numbering: numbers and their levels, and which numbered lines are headings, not items;
* roles: 牵头单位 / 配合单位 / 责任领导 / 完成时限 / 总投资 … taken out of an item's text, money
  stated in its sentence, 等 and 列第一位 (and the synthetic header the roles fill);
* items: an item as a row (its name and content), and headings that name a task;
* flattened and unnumbered: lists run together in one line (（1）…（2）…, 一是…二是…, 分别是A、B、C),
  and lines each naming a work, cut into the paragraphs below, each item on its own.

Here, read_prose walks the paragraphs:

* Headings over what is not a task, whole: 主要目标, 指导思想, 保障措施, 工作要求, 组织保障 … are
  headings with or without a number. When some items of the list name their units and none of
  such a section's items do, the section holds no projects: its items are notes, reported as text
  not read, never dropped; so is a paragraph under such a heading.
* Inside an item, numbered lines of an inner level ((1) … (2) … under 1.) are parts of its text,
  unless they carry roles of their own. An unnumbered line after an item continues it, except a
  heading, a note (注：/说明：/备注：) or a paragraph that has text and a bracketed role of its own
  while the item already has roles: that is the next item, whose number was lost.
* Under an item naming its units, numbered lines of an inner level naming units of their own are
  its sub-projects (安顺: 一、…（责任单位：…） over 1.…（责任单位：…））.
* A line above the list or under a heading saying 由X负责以下… names the lead of the items below.

Lines above the first heading or item are the preamble (the title, the notice), for the caller.
"""

from collections.abc import Sequence

from imports.foundation.layouts import build_layout
from imports.foundation.numbering import Marker
from imports.read.base import RawRow
from imports.shape.prose.flattened import read_paragraphs
from imports.shape.prose.item_roles import HEADERS, PROGRESS, PROGRESS_HEADER, Said, says_first_leads, section_lead_of
from imports.shape.prose.items import MIN_ITEMS, Item, data_row, task_headings
from imports.shape.prose.levels import find_headings, heading_text, no_projects_heading
from imports.shape.prose.loose_numbers import read_loose_numbers
from imports.shape.prose.role_brackets import lead_in_unit
from imports.shape.prose.sibling_headings import sibling_headings
from imports.shape.segment import Entry, Segment

ROLES_CLOSED = ("）", ")", "】", "]")
NOTE_STARTS = ("注：", "注:", "备注：", "备注:", "说明：", "说明:")


def sub_item(holder: Item | None, marker: Marker | None, own_item: bool) -> bool:
    """Whether a numbered item is a sub-project of the item above it (安顺: 一、…（责任单位：…） over
    1.…（责任单位：…）): it stands at an inner level and names units of its own, as the item above does.
    As in a grid whose 序号 is merged over rows each with cells of its own, every such item is one;
    points naming no unit stay the item's text, and under an item naming none each is a project."""
    return (own_item and marker is not None and holder is not None and holder.has_role
            and holder.rank is not None and marker.rank > holder.rank)


def read_prose(rows: Sequence[RawRow]) -> tuple[list[str], Segment] | None:
    """The lines above the list, and the list as a Segment with a layout of its own.

    None when the rows do not read as a numbered list of items: fewer than two items, or rows
    that are mostly several cells wide (a grid whose header was not found)."""
    multi = sum(1 for row in rows if sum(1 for cell in row.cells if cell) > 1)
    if not rows or multi * 2 > len(rows):
        return None  # a grid without a header, not paragraphs
    # Lists told inside a line are split first; then numbers written loosely are read.
    paragraphs = read_loose_numbers(read_paragraphs(rows))
    headings = sibling_headings(paragraphs, find_headings(paragraphs))
    tasks = task_headings(paragraphs, headings)
    first_leads = any(says_first_leads(paragraph.text) for paragraph in paragraphs)
    preamble: list[str] = []
    entries: list[Entry] = []
    items = 0
    current: Item | None = None
    in_note = False
    closed = False  # the item is one of a list told inside a paragraph: it ended with it
    note_lists = False  # the note ended with a colon: numbered lines after it are its points
    section_lead = ""  # the unit a heading says leads its items
    list_lead = ""  # the unit a line above the list says leads every item (由X负责以下…)
    lead_rank: int | None = None  # the level of that heading
    task: Marker | None = None  # the number of the task heading above, whose items are its parts
    task_name = ""
    task_items = 0
    named = False  # the current item's line ends in its roles
    holder: Item | None = None  # the last item of an outer level: numbered items under it may be its parts
    any_role = False  # some item names who does it
    quiet_rank: int | None = None  # the level of the heading of a section that holds no projects
    quiet: list[list[tuple[int, Item]]] = []  # per such section, its items and where they stand

    def close() -> None:
        nonlocal current, items, any_role
        if current is not None:
            if quiet_rank is not None:
                quiet[-1].append((len(entries), current))
            entries.append(Entry("data", data_row(current, Said(section_lead or list_lead, first_leads))))
            items += 1
            any_role |= current.has_role
            current = None

    for index, paragraph in enumerate(paragraphs):
        marker, text, row = paragraph.marker, paragraph.text, paragraph.row
        if headings[index]:
            close()
            in_note, holder = False, None
            task = None
            if index in tasks:
                task, task_name, task_items = marker, heading_text(text), 0
                continue
            entries.append(Entry("section", row, heading_text(text)))
            rank = marker.rank if marker else None
            lead = section_lead_of(text)
            if lead or rank is None or lead_rank is None or rank <= lead_rank:
                # An inner heading (（一）城建 under 一、县住建局牵头工作) keeps the lead of its section.
                section_lead, lead_rank = lead, rank
            if quiet_rank is not None and (rank is None or rank <= quiet_rank):
                quiet_rank = None
            if quiet_rank is None and no_projects_heading(text):
                quiet_rank = -1 if rank is None else rank
                quiet.append([])
        elif not marker and text.startswith(NOTE_STARTS):
            close()
            in_note, note_lists = True, text.endswith(("：", ":"))
            entries.append(Entry("note", row, text))
        elif in_note and not paragraph.has_role and (not marker or note_lists):
            entries.append(Entry("note", row, paragraph.line))
        elif marker and current is not None and current.rank is not None and marker.rank > current.rank \
                and not paragraph.own_item:
            if current.points_from is None:
                current.points_from = len(current.parts)
            current.parts.append(paragraph.line)
            current.has_role |= paragraph.has_role
        elif marker or (paragraph.own_item and (current is None or current.has_role)):
            close()
            in_note = False
            current = Item(row, marker.number if marker else "", marker.rank if marker else None,
                            [text], paragraph.has_role, line=paragraph.line)
            # 1.新建农村公厕50座（责任单位：…） says its name and units in full: lines under it say more.
            named = paragraph.own_item and text.rstrip("。；;").endswith(ROLES_CLOSED)
            closed = paragraph.sealed
            if task is not None and marker is not None and marker.rank > task.rank:
                # The first item under a task's heading is the task's content; the others its sub-projects.
                if task_items == 0:
                    current.number, current.title = task.number, task_name
                else:
                    current.number, current.under_title = "", True
                task_items += 1
            elif sub_item(holder, marker, paragraph.own_item):
                current.number, current.under_title = "", True
            else:
                holder = current
        elif current is not None and closed:
            close()
            entries.append(Entry("note", row, text))  # the sentence or paragraph after a list told in one
        elif current is not None:
            if named and current.points_from is None:
                current.points_from = len(current.parts)  # its name from its own line, as over points
            current.parts.append(text)
            current.has_role |= paragraph.has_role
        elif entries and lead_in_unit(text):
            section_lead = lead_in_unit(text)  # 以下事项由区卫健局负责： under a heading: read, not a note
        elif entries:
            entries.append(Entry("note", row, text))  # text under a heading that is not an item
        else:
            list_lead = lead_in_unit(text) or list_lead
            preamble.append(text)
    close()
    if any_role:
        # 三、保障措施 over measures no unit answers for, in a plan whose tasks name theirs: not projects.
        for section in quiet:
            if not any(item.has_role for _index, item in section):
                for position, item in section:
                    entries[position] = Entry("note", item.row, "\n".join([item.line, *item.parts[1:]]))
                items -= len(section)
    if items < MIN_ITEMS:
        return None
    progress = any(len(entry.row.cells) > PROGRESS for entry in entries if entry.kind == "data")
    return preamble, Segment(build_layout(HEADERS + ((PROGRESS_HEADER,) if progress else ()), None, ()), entries)
