"""Apps are floors and imports point down only (STYLE.md; README: Layout).

accounts and projects are the ground; progress builds on them; the supervision cycle builds on
progress; imports writes into projects and progress; pages (the list, the project page, the
dashboard, the tasks, the demo) and config sit above them all. Every module of every app is read as
source, migrations too, and every import in it counts: at the top, inside a function (the lazy
import that dodges a cycle is still a dependency), and a migration's dependency on another app."""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# audit (the trail of every write) is on the ground too, so that every app may record into it.
GROUND = frozenset({"accounts", "audit", "projects"})
# What each app may import of the project's own apps; anything else it imports is a library.
MAY_IMPORT = {
    "accounts": GROUND,
    "audit": GROUND,
    "projects": GROUND,
    "progress": GROUND | {"progress"},
    "supervision": GROUND | {"progress", "supervision"},
    "imports": GROUND | {"progress", "imports"},
    "pages": frozenset({"accounts", "audit", "projects", "progress", "supervision", "imports", "pages", "config"}),
    "config": frozenset({"accounts", "audit", "projects", "progress", "supervision", "imports", "pages", "config"}),
}
APPS = frozenset(MAY_IMPORT)
# Outside imports/ the importer is reached through its public face (what the plan-table export reads
# with) or its one writer (preview_import/apply_import, as the demo command loads the real tables).
IMPORTER_FACES = frozenset({"imports.public", "imports.services"})


def imported(source: str, module: str, *, package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) of every import in `source`, the module `module` (a package's __init__ if `package`)."""
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1]) if node.level else ""
            target = ".".join(part for part in (base, node.module or "") if part)
            if node.module is None:  # from . import a, b: each name may be a module of the package
                for alias in node.names:
                    yield node.lineno, ".".join(part for part in (target, alias.name) if part)
            else:
                yield node.lineno, target
        elif isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "dependencies" for t in node.targets):
            # A migration that depends on another app's migration needs that app below it too.
            for item in getattr(node.value, "elts", []):
                if isinstance(item, ast.Tuple) and item.elts and isinstance(item.elts[0], ast.Constant):
                    yield node.lineno, str(item.elts[0].value)


def violations(source: str, module: str, *, package: bool = False) -> list[str]:
    """'module:line imports target' for each import of `source` that points up, or into the importer's internals."""
    app = module.split(".")[0]
    found = []
    for line, target in imported(source, module, package=package):
        top = target.split(".")[0]
        if top not in APPS:
            continue  # a library
        upward = top not in MAY_IMPORT[app]
        internal = top == "imports" and app != "imports" and not any(
            target == face or target.startswith(face + ".") for face in IMPORTER_FACES)
        if upward or internal:
            found.append(f"{module}:{line} imports {target}")
    return found


def app_modules() -> Iterator[tuple[str, Path]]:
    for app in sorted(APPS):
        for path in sorted((ROOT / app).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def test_every_app_is_walked_and_has_modules():
    walked = {module.split(".")[0] for module, _ in app_modules()}
    assert walked == APPS
    # An app added without a floor would escape the walk: every app of the repository has one.
    apps_here = {path.parent.name for path in ROOT.glob("*/apps.py")}
    assert apps_here <= APPS, f"give these a floor in MAY_IMPORT: {sorted(apps_here - APPS)}"


def test_no_module_of_any_app_imports_above_its_floor():
    found = [problem for module, path in app_modules()
             for problem in violations(path.read_text(encoding="utf-8"), module, package=path.name == "__init__.py")]
    assert found == []


def test_the_checker_sees_a_planted_upward_import_even_inside_a_function():
    planted = (
        "from projects.models import Project\n"
        "def figures():\n"
        "    from progress.models import Report\n"
        "    import pages.dashboard\n"
        "    return Report, pages.dashboard\n"
    )
    assert violations(planted, "projects.planted") == [
        "projects.planted:3 imports progress.models", "projects.planted:4 imports pages.dashboard"]


def test_the_checker_sees_an_upward_migration_dependency_and_a_relative_import():
    migration = "class Migration:\n    dependencies = [('projects', '0001_initial'), ('supervision', '0001_initial')]\n"
    assert violations(migration, "progress.migrations.0009_planted") == [
        "progress.migrations.0009_planted:2 imports supervision"]
    # Relative imports resolve against the module's package: ..pages in progress/sub/ is progress's own.
    assert violations("from ..pages import views\n", "progress.sub.planted") == []
    assert violations("from ... import pages\n", "progress.sub.planted") == ["progress.sub.planted:1 imports pages"]


def test_the_importer_is_read_through_its_public_face_only():
    assert violations("from imports.public import read_preamble\n", "pages.planted") == []
    assert violations("from imports.foundation.layouts import classify\n", "pages.planted") == [
        "pages.planted:1 imports imports.foundation.layouts"]
    assert violations("from imports.foundation.layouts import classify\n", "imports.planted") == []
