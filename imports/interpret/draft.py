"""What a table says, before anything is stored: plain data the preview shows and the import writes."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _

from imports.foundation.cells.units import ParsedUnit


@dataclass(frozen=True)
class Problem:
    """A warning or error located where the admin can find it in the file."""

    message: str
    sheet: str = ""
    line: int | None = None
    column: str = ""

    @property
    def where(self) -> str:
        parts = []
        if self.sheet:
            parts.append(self.sheet)
        if self.line is not None:
            parts.append(_("row %(line)s") % {"line": self.line})
        if self.column:
            parts.append(_("column “%(column)s”") % {"column": self.column})
        return " · ".join(parts)

    def as_dict(self) -> dict:
        return {"message": self.message, "sheet": self.sheet, "line": self.line, "column": self.column,
                "where": self.where}


@dataclass(frozen=True)
class Check:
    """A plan-level check the document makes possible (a declared count, a totals row)."""

    name: str
    ok: bool
    message: str

    def as_dict(self) -> dict:
        return {"name": self.name, "ok": self.ok, "message": self.message}


@dataclass
class CategoryDraft:
    position: int
    name: str
    declared_count: int | None = None


@dataclass
class FundingDraft:
    source: str
    amount: Decimal
    note: str = ""


@dataclass
class MilestoneDraft:
    quarter: int
    planned: str
    target_percent: int | None = None


@dataclass
class ProjectDraft:
    key: str
    position: int
    sheet: str
    line: int
    number: str = ""
    parent_key: str | None = None
    category: str | None = None  # the category's name
    name: str = ""
    content: str = ""
    reason: str = ""
    preparation: str = ""
    work_plan: str = ""
    construction_period: str = ""
    deadline: str = ""
    total_investment: Decimal | None = None
    annual_investment: Decimal | None = None
    investment_is_approximate: bool = False
    funding_text: str = ""
    remarks: str = ""
    extra: dict[str, str] = field(default_factory=dict)
    lead_units: list[ParsedUnit] = field(default_factory=list)
    assisting_units: list[ParsedUnit] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    staff: list[str] = field(default_factory=list)
    fundings: list[FundingDraft] = field(default_factory=list)
    milestones: list[MilestoneDraft] = field(default_factory=list)
    progress: str = ""
    percent_complete: int | None = None  # a 完成率 column's figure, 0-100
    # Figures found in a cell no header names (a shifted column); placed by the totals row, if any.
    unplaced: list[Decimal] = field(default_factory=list)


@dataclass
class PlanDraft:
    jurisdiction: list[str] = field(default_factory=list)  # from the widest to the narrowest: 泉州市, 鲤城区
    year: int | None = None
    kind: str = ""
    title: str = ""
    document_number: str = ""
    issued_on: date | None = None
    declared_count: int | None = None
    progress_month: date | None = None
    # When units report, as the notice says (frequency, day, dates); None when it does not say.
    report_schedule: tuple[str, int, str] | None = None
    categories: list[CategoryDraft] = field(default_factory=list)
    projects: list[ProjectDraft] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    # The document's own totals row: column role or source -> amount.
    stated_totals: dict[str, Decimal] = field(default_factory=dict)
    # Each distinct layout's columns as the preview shows them (imports.interpret.summary.describe_layouts).
    layouts: list[dict] = field(default_factory=list)
