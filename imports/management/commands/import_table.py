import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from imports.crashes import record_crash
from imports.foundation.layouts import Basis, LayoutChoice
from imports.layout_choices import parse_columns
from imports.services import ImportPreview, apply_import, preview_plans, record_failure


class BarProgress:
    """A progress bar on the terminal, one per stage; nothing when the output is not a terminal."""

    def __init__(self, *, enabled: bool):
        self.enabled = enabled
        self.bar: tqdm | None = None

    def stage(self, name: str, total: int) -> None:
        self.close()
        if self.enabled:
            self.bar = tqdm(total=total, desc=name, unit="", file=sys.stderr, leave=False)

    def advance(self, steps: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(steps)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


class Command(BaseCommand):
    help = "Import an annual responsibility table (.xlsx, .docx, .csv or text) into its plan."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--jurisdiction", help="e.g. 温州市/鹿城区, when the title does not say it")
        parser.add_argument("--year", type=int, help="when the title does not say it")
        parser.add_argument("--dry-run", action="store_true", help="read and check, write nothing")
        parser.add_argument("--json", action="store_true",
                            help="print one JSON object (a list of them for a file holding several plans)")
        parser.add_argument("--delete-missing", action="store_true",
                            help="delete the plan's projects no longer in the table (never those with reports)")
        parser.add_argument("--columns", default="",
                            help="column roles by header or #n, e.g. 序号=number,民生实事=name,责任单位=lead,#7=other")
        parser.add_argument("--header-row", type=int, help="the row holding the column names; 0: the table has none")

    def handle(self, *args, path, jurisdiction, year, dry_run, json: bool, delete_missing: bool, columns: str,
               header_row: int | None, **options):
        file = Path(path)
        if not file.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            choice = LayoutChoice(roles=parse_columns(columns), header_row=header_row)
        except ValueError as error:
            raise CommandError(str(error)) from error
        progress = BarProgress(enabled=sys.stderr.isatty())
        data = file.read_bytes()
        try:
            previews = _import(file.name, data, jurisdiction=jurisdiction, year=year, choice=choice,
                               progress=progress, dry_run=dry_run, delete_missing=delete_missing)
        except Exception as error:  # noqa: BLE001 - recorded with an id, said as the browser says it
            progress.close()
            # The import's transaction has rolled back: the failed record is written on its own.
            record = record_crash(error=error, file_name=file.name, data=data, stage="command")
            raise CommandError(record.summary.errors[0]["message"]) from error
        progress.close()
        summaries = [preview.summary() for preview in previews]
        if json:
            self.stdout.write(_dumps(summaries[0] if len(summaries) == 1 else summaries))
        else:
            self.stdout.write("\n".join(_human(summary, dry_run=dry_run) for summary in summaries))
        if any(preview.errors for preview in previews):
            sys.exit(1)


def _import(name: str, data: bytes, *, jurisdiction, year, choice, progress, dry_run: bool,
            delete_missing: bool) -> list[ImportPreview]:
    """Read the file and write each plan it holds (or, with `dry_run`, only read it)."""
    # A workbook with a sheet per year or district holds several plans: each is imported on its own.
    previews = preview_plans(file_name=name, data=data, jurisdiction=jurisdiction, year=year,
                             progress=progress, choice=choice)
    for preview in previews:
        if preview.errors:
            if not dry_run:
                record_failure(preview=preview)
        elif not dry_run:
            apply_import(preview=preview, progress=progress, delete_missing=delete_missing)
        else:
            preview.delete_missing = delete_missing  # what the same command without --dry-run would do
    return previews


def _dumps(summary: dict) -> str:
    return json.dumps(summary, ensure_ascii=False, indent=2)


def _human(summary: dict, *, dry_run: bool) -> str:
    plan, counts = summary["plan"], summary["counts"]
    lines = [f"{plan['jurisdiction']} {plan['year']} {plan['title']}",
             "  " + ", ".join(f"{key} {value}" for key, value in counts.items()),
             f"  created {summary['created']}, updated {summary['updated']}, unchanged {summary['unchanged']}, "
             f"deleted {summary['deleted']}, kept {summary['kept']}"
             + (" (dry run: nothing written)" if dry_run else "")]
    for project in summary.get("missing", []):
        if project["reports"]:
            fate = "kept: units have reported on it"
        elif summary["delete_missing"]:
            fate = "deleted"
        else:
            fate = "kept: pass --delete-missing to delete it"
        lines.append(f"  no longer in the table: {project['number']} {project['name']} ({fate})")
    for layout in summary.get("layouts", []):
        # The same names --columns takes; "?" marks a role guessed from the cells.
        roles = ", ".join(
            f"{column['key']}={column['role'] or 'other'}{'?' if column['basis'] == Basis.CONTENT else ''}"
            for column in layout["columns"])
        lines.append(f"  columns ({layout['sheet']}): {roles}")
    lines += [f"  check {'ok' if c['ok'] else 'FAILED'}: {c['message']}" for c in summary["checks"]]
    lines += [f"  warning: {w['where']} {w['message']}" for w in summary["warnings"]]
    lines += [f"  ERROR: {e['where']} {e['message']}" for e in summary["errors"]]
    return "\n".join(lines)
