"""Layout segments -> a PlanDraft: which rows are projects, sub-projects and categories, and what each cell says."""

import re
from dataclasses import dataclass, replace

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from imports.foundation.cells.cached import people_of, units_of
from imports.foundation.cells.money import (
    BRACKET_RE,
    amount_note,
    amount_problem,
    header_scale,
    in_wan,
    parse_amount,
    parse_funding,
)
from imports.foundation.cells.percent import parse_percent
from imports.foundation.cells.quarters import parse_quarters, target_percent
from imports.foundation.cells.units import ASSISTING_MARK, LEAD_MARK
from imports.foundation.layouts import CONTROL_RE, Column, Layout, Role
from imports.foundation.numbering import NUMBER_CELL
from imports.interpret.draft import CategoryDraft, FundingDraft, MilestoneDraft, PlanDraft, Problem, ProjectDraft
from imports.interpret.partial_rows import TEXT_FIELDS, SectionRoles, continuation, name_and_content, section_roles
from imports.interpret.shifted_columns import align
from imports.shape.segment import Entry, Segment

DECLARED_IN_NAME = re.compile(r"\s*[（(]\s*(\d+)\s*[项个件]\s*[)）]\s*")
# Project's max_length of each text an import fills: a longer text is shortened and reported.
FIELD_LIMITS = {"name": 500, "number": 20, "construction_period": 50, "deadline": 200}
FIELD_ROLES = {"name": Role.NAME, "number": Role.NUMBER, "construction_period": Role.PERIOD, "deadline": Role.DEADLINE}
MONEY_ROLES = {Role.TOTAL, Role.ANNUAL, Role.SOURCE}
INHERITED = ("lead_units", "assisting_units", "leaders", "staff")
# What _fill does with a cell of each role; a role listed later wins where two would apply.
CELL_KINDS = {None: "other", Role.LEADERS: "people", Role.STAFF: "people", Role.LEAD: "units", Role.ASSISTING: "units",
              Role.FUNDING: "funding", **dict.fromkeys(MONEY_ROLES, "money"), Role.QUARTER: "quarter",
              Role.PERIOD: "period", **dict.fromkeys(TEXT_FIELDS, "text"), Role.CATEGORY: "category", Role.NAME: "name",
              Role.PERCENT: "percent"}


@dataclass
class _Group:
    """The numbered project the following unnumbered rows belong to."""

    head: ProjectDraft
    last: ProjectDraft
    items: int = 1


class Interpreter:
    def __init__(self, draft: PlanDraft):
        self.draft = draft
        self.category: CategoryDraft | None = None
        self.pending: CategoryDraft | None = None
        self.group: _Group | None = None
        self.reported_columns: set[str] = set()
        self.section = SectionRoles()
        self.language = get_language()  # for the parses of unit and people cells, looked up once

    # --- rows ---------------------------------------------------------------------------

    def read_segment(self, segment: Segment) -> None:
        layout = segment.layout
        self.draft.warnings.extend(Problem(message, segment.sheet) for message in segment.warnings)
        self._report_unknown_columns(layout)
        entries = [self._without_controls(entry, layout) for entry in segment.entries]
        grouped = self._items_are_grouped(Segment(layout, entries))
        for entry in entries:
            if entry.kind == "section":
                self._section(entry.text)
            elif entry.kind == "note":
                message = _("Text in the table was not read: %(text)s") % {"text": entry.text[:60]}
                self.draft.warnings.append(Problem(message, entry.row.sheet, entry.row.line))
            elif entry.kind == "totals":
                self._totals(entry, layout)
            else:
                self._data(entry, layout, grouped)

    def _without_controls(self, entry: Entry, layout: Layout) -> Entry:
        """The entry with control characters dropped from every cell, and one warning per cell that had any."""
        row = entry.row
        # One search of the row's cells joined by a line break (not a control character here) rather
        # than one per cell: nearly every row has none.
        if not CONTROL_RE.search("\n".join(row.cells)):
            return entry
        headers = {column.index: column.header for column in layout.columns}
        for index, cell in enumerate(row.cells):
            if CONTROL_RE.search(cell):
                column = headers.get(index) or _column_name(index)
                self.draft.warnings.append(Problem(
                    _("Control characters (such as NUL) in the cell were removed."), row.sheet, row.line, column))
        cells = tuple(CONTROL_RE.sub("", cell) for cell in row.cells)
        return replace(entry, row=replace(row, cells=cells), text=CONTROL_RE.sub("", entry.text))

    def _section(self, text: str) -> None:
        text, self.section = section_roles(text)
        declared = DECLARED_IN_NAME.search(text)
        name = DECLARED_IN_NAME.sub("", text).strip()
        self.pending = CategoryDraft(position=0, name=name, declared_count=int(declared.group(1)) if declared else None)
        self.group = None

    def _use_category(self, name: str | None = None) -> str | None:
        """The category a project falls in; a section row becomes a category once a project follows it."""
        if name is not None:
            self.pending = CategoryDraft(position=0, name=name)
        if self.pending is not None:
            existing = next((c for c in self.draft.categories if c.name == self.pending.name), None)
            if existing is None:
                self.pending.position = len(self.draft.categories) + 1
                self.draft.categories.append(self.pending)
                existing = self.pending
            self.category, self.pending = existing, None
        return self.category.name if self.category else None

    def _totals(self, entry: Entry, layout: Layout) -> None:
        cells, _orphans = align(entry.row.cells, layout)
        for column in layout.columns:
            if column.role in MONEY_ROLES and column.index < len(cells):
                text = cells[column.index]
                amount = parse_amount(text)
                amount = amount and in_wan(amount, text, header_scale(column.header))
                if amount is not None:
                    self.draft.stated_totals[column.source or column.role.value] = amount.value

    def _items_are_grouped(self, segment: Segment) -> bool:
        """True when numbered rows head groups of items, each item a row with content of its own.

        So at least half the numbered rows have such items under them (幼有所育 over four tasks);
        a table where one project of several has a second row has sub-projects instead. Rows
        under a merged number count like empty ones: a table reads the same from every format."""
        layout = segment.layout
        if not (layout.has(Role.NAME) and layout.has(Role.CONTENT) and layout.has(Role.NUMBER)):
            return False
        number, name, content = (layout.find(role)[0].index for role in (Role.NUMBER, Role.NAME, Role.CONTENT))
        heads = with_items = 0
        counted = True
        for entry in segment.entries:
            if entry.kind != "data":
                continue
            cells = entry.row.cells
            if _cell(cells, number):
                heads, counted = heads + 1, False
            elif not _cell(cells, name) and _cell(cells, content) and not counted:
                with_items, counted = with_items + 1, True
        return with_items > 0 and with_items * 2 >= heads

    def _data(self, entry: Entry, layout: Layout, grouped: bool) -> None:
        row = entry.row
        cells, orphans = align(row.cells, layout)
        number_column = layout.find(Role.NUMBER)
        # The number cell merged down over this row: the row is part of the project above it.
        continued = bool(number_column) and number_column[0].index in row.merged and self.group is not None
        if continued and not grouped and continuation(self.group.last, cells, layout, row.merged):
            return
        number = "" if continued else _cell(cells, number_column[0].index) if number_column else ""
        if row.merged and cells is row.cells:
            # An amount merged down is the group's, once: repeated on every row it would be counted again.
            money = {column.index for column in layout.columns if column.role in MONEY_ROLES}
            cells = tuple("" if index in row.merged and index in money else text for index, text in enumerate(cells))
        if number and not NUMBER_CELL.match(number):
            self.draft.warnings.append(Problem(_("The number “%(number)s” is not a number.") % {"number": number},
                                               row.sheet, row.line, number_column[0].header))
        project = ProjectDraft(key="", position=len(self.draft.projects) + 1, sheet=row.sheet, line=row.line,
                               number=number.rstrip("、.．").strip("（()）").strip())
        self._fill(project, cells, layout)
        for index, text in orphans:
            amount = parse_amount(text)
            if amount is not None:
                project.unplaced.append(amount.value)
            else:
                project.extra[_column_name(index)] = text
        if orphans:
            self.draft.warnings.append(Problem(
                _("The row has more cells than its header; “%(cells)s” stood under no column.")
                % {"cells": "、".join(text for _index, text in orphans)}, row.sheet, row.line))
        self._shorten(project, layout, grouped, ("number",))  # before _place makes the number the key
        self._place(project, grouped, continued)
        self._shorten(project, layout, grouped, tuple(FIELD_LIMITS))

    def _shorten(self, project: ProjectDraft, layout: Layout, grouped: bool, field_names: tuple[str, ...]) -> None:
        """Texts longer than their field cut to fit, each with a warning: the row still imports."""
        for field_name in field_names:
            text, limit = getattr(project, field_name), FIELD_LIMITS[field_name]
            if len(text) <= limit:
                continue
            setattr(project, field_name, text[:limit])
            role = Role.CONTENT if field_name == "name" and grouped else FIELD_ROLES[field_name]
            columns = layout.find(role)
            self.draft.warnings.append(Problem(
                _("The text has %(length)s characters, more than the %(limit)s that can be stored; it was "
                  "shortened to its first %(limit)s.") % {"length": len(text), "limit": limit},
                project.sheet, project.line, columns[0].header if columns else ""))

    def _place(self, project: ProjectDraft, grouped: bool, continued: bool = False) -> None:
        """Give the row its key, parent and category, and let items inherit their group's units."""
        if project.number:
            project.key = project.number
            if grouped:
                project.category = self._use_category(project.name)
                project.name = _flat(project.content)
            else:
                project.category = self._use_category(project.category)
            self.group = _Group(head=project, last=project)
        elif self.group is not None and (grouped or not project.name or continued):
            self.group.items += 1
            head = self.group.head
            project.key = f"{head.key}.{self.group.items}"
            project.category = head.category
            for name in INHERITED:
                if not getattr(project, name):
                    setattr(project, name, list(getattr(self.group.last, name)))
            if grouped:
                project.name = _flat(project.content)
            else:
                project.parent_key = head.key
                project.name = project.name if continued and project.name not in {"", head.name} else (
                    f"{head.name}（{self.group.items}）")
            self.group.last = project
        else:
            project.key = f"#{project.position}"
            project.category = self._use_category(project.category)
        if not project.name:
            self.draft.errors.append(Problem(_("The row has no project name."), project.sheet, project.line))
        self.draft.projects.append(project)

    # --- cells --------------------------------------------------------------------------

    def _fill(self, project: ProjectDraft, cells: tuple[str, ...], layout: Layout) -> None:
        year = self.draft.year
        width = len(cells)
        for column in layout.columns:
            index = column.index
            text = cells[index] if index < width else ""
            if not text:
                continue
            role = column.role
            # One look-up per cell rather than a chain of comparisons with the roles (70,000 cells).
            kind = CELL_KINDS.get(role)
            if kind is None:  # the number: read by _data
                continue
            if kind == "name":
                if project.name:
                    # A second name column: kept beside the first, as other data, not written over it.
                    project.extra[column.header or _column_name(index)] = text
                else:
                    project.name = _flat(text)
            elif kind == "text":
                # Two columns of one role (two 备注) are joined, never one written over the other.
                field_name = TEXT_FIELDS[role]
                before = getattr(project, field_name)
                setattr(project, field_name, f"{before}\n{text}" if before else text)
            elif kind == "quarter":
                _add_milestone(project, column.quarter, text)
            elif kind == "money":
                self._money(project, column, text, (project.sheet, project.line, column.header))
            elif kind == "percent":
                project.percent_complete = parse_percent(text)
                if project.percent_complete is None:
                    self.draft.warnings.append(Problem(
                        _("“%(text)s” is not a percentage from 0 to 100.") % {"text": text[:40]},
                        project.sheet, project.line, column.header))
            elif kind == "units":
                parsed = units_of(text, self.language)
                setattr(project, "lead_units" if role == Role.LEAD else "assisting_units", list(parsed.units))
                self._warn(parsed.warnings, project.sheet, project.line, column.header)
            elif kind == "people":
                parsed = people_of(text, self.language)
                setattr(project, "leaders" if role == Role.LEADERS else "staff", list(parsed.names))
                self._warn(parsed.warnings, project.sheet, project.line, column.header)
            elif kind == "category":
                project.category = _flat(text)
            elif kind == "period":
                project.construction_period = re.sub(r"\s+", "", text).replace("—", "-").replace("～", "-")
            elif kind == "funding":
                project.funding_text = text
            else:  # a column of no known role
                project.extra[column.header or _column_name(index)] = text
        name_and_content(project, layout)
        _follow_marks(project, layout)
        if self.section.lead and not project.lead_units:
            project.lead_units = list(units_of(self.section.lead, self.language).units)
        if self.section.leaders and not project.leaders:
            project.leaders = list(people_of(self.section.leaders, self.language).names)
        self._funding_prose(project, layout)
        if project.work_plan and not layout.has(Role.QUARTER):
            parsed = parse_quarters(project.work_plan, year=year)
            project.milestones = [MilestoneDraft(q, text, target_percent(text))
                                  for q, text in sorted(parsed.milestones.items())]
            if parsed.preparation and not project.preparation:
                project.preparation = parsed.preparation
            self._warn(parsed.warnings, project.sheet, project.line, layout.find(Role.WORK_PLAN)[0].header)

    def _money(self, project: ProjectDraft, column: Column, text: str, where: tuple) -> None:
        amount = parse_amount(text)
        if amount is not None:
            amount = in_wan(amount, text, header_scale(column.header))
        if amount is None:
            message = amount_problem(text) or _("“%(text)s” is not an amount.") % {"text": text[:40]}
            self.draft.warnings.append(Problem(message, *where))
            return
        # 300（其中市级100）: the amount is 300, and what the brackets say is kept with it.
        note = amount_note(text)
        if column.role == Role.SOURCE:
            project.fundings.append(FundingDraft(column.source, amount.value, note))
            return
        field_name = "total_investment" if column.role == Role.TOTAL else "annual_investment"
        if getattr(project, field_name) is None:
            setattr(project, field_name, amount.value)
            project.investment_is_approximate |= amount.approximate
        if note:
            remark = f"{BRACKET_RE.sub('', column.header).strip() or column.role.label}：{note}"
            project.remarks = f"{project.remarks}\n{remark}" if project.remarks else remark

    def _funding_prose(self, project: ProjectDraft, layout: Layout) -> None:
        if not project.funding_text:
            return
        parsed = parse_funding(project.funding_text, project.total_investment)
        if project.total_investment is None and parsed.total is not None:
            project.total_investment = parsed.total.value
            project.investment_is_approximate |= parsed.total.approximate
        if not project.fundings:
            project.fundings = [FundingDraft(part.source, part.amount, part.note) for part in parsed.parts]
        self._warn(parsed.warnings, project.sheet, project.line, layout.find(Role.FUNDING)[0].header)

    def _warn(self, messages: list[str], sheet: str, line: int, column: str) -> None:
        if messages:  # called for every parsed cell, nearly always with nothing to say
            self.draft.warnings.extend(Problem(message, sheet, line, column) for message in messages)

    def _report_unknown_columns(self, layout: Layout) -> None:
        for column in layout.columns:
            if column.role is None and column.header and column.header not in self.reported_columns:
                self.reported_columns.add(column.header)
                self.draft.warnings.append(Problem(
                    _("Column “%(column)s” is not a known column; its cells are kept on each project as other data.")
                    % {"column": column.header}, column=column.header))


def _follow_marks(project: ProjectDraft, layout: Layout) -> None:
    """Units a cell marks (县发改局（牵头）、县统计局) take the part it gives them. In a table whose one
    unit column lists every unit, the unit marked as leading leads and the others assist."""
    if not any(unit.mark for unit in (*project.lead_units, *project.assisting_units)):
        return
    marked_lead = any(unit.mark == LEAD_MARK for unit in project.lead_units)
    one_column = not layout.has(Role.ASSISTING)
    lead, assisting = [], []
    for unit in project.lead_units:
        assists = unit.mark == ASSISTING_MARK or (one_column and marked_lead and unit.mark is None)
        (assisting if assists else lead).append(unit)
    for unit in project.assisting_units:
        (lead if unit.mark == LEAD_MARK else assisting).append(unit)
    project.lead_units, project.assisting_units = lead, assisting


def _column_name(index: int) -> str:
    """What a column without a header is called where its cells are kept: 第3列."""
    return _("column %(n)s") % {"n": index + 1}


def _add_milestone(project: ProjectDraft, quarter: int, text: str) -> None:
    """A quarter's plan; two columns of one quarter (上半年 and 2季度) make one milestone of both texts."""
    for index, milestone in enumerate(project.milestones):
        if milestone.quarter == quarter:
            planned = f"{milestone.planned}；{text}"
            project.milestones[index] = MilestoneDraft(quarter, planned, target_percent(planned))
            return
    project.milestones.append(MilestoneDraft(quarter, text, target_percent(text)))


def _cell(cells: tuple[str, ...], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _flat(text: str) -> str:
    """A name wrapped over several lines of a cell, on one line again."""
    if "\n" not in text:  # most names: nothing to join
        return text.strip()
    return re.sub(r"\s*\n\s*", "", text).strip()
