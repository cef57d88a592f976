"""The importer is a pipeline whose stages are packages, and its imports point back only (README: importing).

foundation (cells, layouts, numbering) < read (files -> RawTable) < shape (-> segments) < interpret
(-> PlanDraft) < write (compare and store) < the app's outer layer (models, preview, services, views …).
A module may import its own stage and the stages before it, never a later one. And no circle of
imports joins two modules of imports/, whichever their stages. Every import counts, a function's own
too: a lazy import that dodges a circle at load time (as split.py once imported the readers of
prose and records, which built on its own Segment) is still a circle of dependencies."""

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "imports"
STAGES = ("foundation", "read", "shape", "interpret", "write")
OUTER = len(STAGES)  # models, admin, views, preview, services, public …


def stage_of(module: str) -> int:
    """The stage of a module of imports/: its package's place in STAGES, or OUTER."""
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else OUTER


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports_of(source: str, module: str, known: set[str], *, package: bool = False) -> Iterator[tuple[int, str]]:
    """(line, module) of each import of a module of imports/ in `source`, wherever it stands.

    `from a import b` names the module a.b when there is one (in `known`), else a."""
    here = module.split(".") if package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(source)):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = ".".join(here[:len(here) - node.level + 1]) if node.level else ""
            source_module = ".".join(part for part in (base, node.module or "") if part)
            for alias in node.names:
                inner = f"{source_module}.{alias.name}"
                targets.append(inner if inner in known else source_module)
        for target in dict.fromkeys(targets):
            if target.split(".")[0] == "imports":
                yield node.lineno, target


def later_stage_imports(source: str, module: str, known: set[str], *, package: bool = False) -> list[str]:
    """'module:line imports target' for each import of a later stage than the module's own."""
    return [f"{module}:{line} imports {target}"
            for line, target in imports_of(source, module, known, package=package)
            if stage_of(target) > stage_of(module)]


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (or a module importing itself), sorted (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def module_graph() -> dict[str, set[str]]:
    known = modules()
    return {module: {target for _line, target in imports_of(
                path.read_text(encoding="utf-8"), module, set(known), package=path.name == "__init__.py")
                if target in known}
            for module, path in known.items()}


def test_every_stage_is_a_package_with_modules():
    known = modules()
    for stage in STAGES:
        assert (PACKAGE / stage / "__init__.py").is_file(), stage
        assert any(stage_of(module) == STAGES.index(stage) and module != f"imports.{stage}" for module in known)


def test_no_module_of_the_importer_imports_a_later_stage():
    known = modules()
    found = [problem for module, path in known.items()
             for problem in later_stage_imports(path.read_text(encoding="utf-8"), module, set(known),
                                                package=path.name == "__init__.py")]
    assert found == []


def test_no_circle_of_imports_joins_modules_of_the_importer():
    assert circles(module_graph()) == []


def test_the_checker_sees_a_later_stage_imported_even_inside_a_function():
    known = {"imports.shape.split", "imports.read.base", "imports.services", "imports.foundation.layouts"}
    planted = (
        "from imports.foundation.layouts import Role\n"
        "from imports.read.base import RawRow\n"
        "def segments():\n"
        "    from imports.shape.split import split_segments\n"
        "    import imports.services\n"
        "    return split_segments, imports.services\n"
    )
    assert later_stage_imports(planted, "imports.read.planted", known) == [
        "imports.read.planted:4 imports imports.shape.split", "imports.read.planted:5 imports imports.services"]
    # The outer layer may import every stage; a stage its own and the earlier ones.
    assert later_stage_imports(planted, "imports.preview", known) == []


def test_the_checker_sees_a_circle_closed_by_a_lazy_import_but_not_a_one_way_chain():
    known = {"imports.shape.a", "imports.shape.b", "imports.shape.c"}
    sources = {
        "imports.shape.a": "from imports.shape.b import x\n",
        "imports.shape.b": "import imports.shape.c\n",
        "imports.shape.c": "def f():\n    from imports.shape import a\n    return a\n",
    }
    graph = {module: {target for _line, target in imports_of(source, module, known)}
             for module, source in sources.items()}
    assert circles(graph) == [["imports.shape.a", "imports.shape.b", "imports.shape.c"]]
    graph["imports.shape.c"] = set()
    assert circles(graph) == []


def test_the_numbering_patterns_are_spelled_in_one_module():
    # Each shape that learns a new list style builds its pattern from foundation/numbering.py's pieces,
    # so a numeral added there (两, 廿 …) reaches every reader at once.
    spelled = {name for name, path in modules().items() if name != "imports.foundation.numbering"
               and any(run in path.read_text(encoding="utf-8") for run in ("一二三四五", "①-⑳", "⑴-⒇"))}
    assert spelled == set()
