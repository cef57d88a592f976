"""An import's result: what the preview page, the command's --json and the import record say of it.

ImportRecord.result stores it as JSON; ImportResult.to_json() and from_json() here are the one place
it is converted. A key an import did not write stays absent (a crash records its message and little
else; only a preview keeps its rows and options), so a record read and written again keeps its JSON,
and records stored before this class read as they are. Keys this class does not know are kept too."""

from dataclasses import dataclass, field, fields
from typing import Any, TypedDict


class PlanFacts(TypedDict):
    """The plan the table is of (interpret/summary.py's summarize())."""

    jurisdiction: str  # 泉州市 › 鲤城区
    year: int | None
    kind: str
    title: str
    document_number: str
    issued_on: str | None  # ISO date
    report_schedule: dict | None  # {"frequency", "day", "dates"}


class ProblemJson(TypedDict, total=False):
    """A warning or error (interpret/draft.py's Problem.as_dict()); a crash gives only message and where."""

    message: str
    sheet: str
    line: int | None
    column: str
    where: str


class CheckJson(TypedDict):
    name: str
    ok: bool
    message: str


class MissingProject(TypedDict):
    """A stored project of the plan that the table no longer has."""

    key: str
    number: str
    name: str
    reports: bool  # the year's work refers to it (reports, instructions, sheets …): never deleted


@dataclass
class ImportResult:
    """Every field is None while the import has not said it (the JSON then has no such key)."""

    # What the table says (interpret/summary.py's summarize()).
    plan: PlanFacts | None = None
    counts: dict[str, int] | None = None  # projects, sub_projects, categories, organizations, people …
    totals: dict[str, Any] | None = None  # total_investment, annual_investment, by_source
    organizations: list[str] | None = None
    people: list[str] | None = None
    checks: list[CheckJson] | None = None
    warnings: list[ProblemJson] | None = None
    errors: list[ProblemJson] | None = None
    # The file, and how its tables were read.
    file_name: str | None = None
    checksum: str | None = None
    layouts: list[dict[str, Any]] | None = None  # each table's columns (interpret/summary.py's describe_layouts())
    readable: bool | None = None
    other_plans: list[list[str]] | None = None  # the sheets of the other plans the same file holds
    # What it does to the plan stored.
    created: int | None = None
    updated: int | None = None
    unchanged: int | None = None
    missing: list[MissingProject] | None = None
    delete_missing: bool | None = None  # None: nobody has chosen yet; written whenever `missing` is
    deleted: int | None = None
    kept: int | None = None
    # What an applied import leaves for the next import of the same bytes (imports/reuse.py).
    reuse: dict[str, Any] | None = None
    # A preview's rows as they will be stored, and the options confirming reads the file with again.
    projects: list[dict[str, Any]] | None = None
    options: list | None = None  # [jurisdiction, year, {"choice", "remembered", "sheets"}?]
    remembered: dict[str, dict] | None = None
    # The lines of a list and what each was read as, with the choices offered (shape/chosen_reading.py).
    reading: dict[str, Any] | None = None
    # The id under which the unexpected error that stopped the import is logged (imports/crashes.py).
    error_id: str | None = None
    # Per long list, how many entries were left out to keep the record small (imports/bounds.py).
    cut: dict[str, int] | None = None
    # Keys of a stored result this class does not name, kept as they were.
    other: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The result as ImportRecord.result stores it and `import_table --json` prints it."""
        data = {}
        for name in _KEYS:
            value = getattr(self, name)
            if value is not None or name == "delete_missing" and self.missing is not None:
                data[name] = value
        return {**data, **self.other}

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> "ImportResult":
        data = data or {}
        return cls(**{name: data[name] for name in _KEYS if name in data},
                   other={key: value for key, value in data.items() if key not in _KEYS})


_KEYS = tuple(item.name for item in fields(ImportResult) if item.name != "other")
