"""The layout rules: no import cycles, the flow in the folder tree, sq/ free of Streamlit."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CODE = sorted([*(REPO / "sq").rglob("*.py"), *(REPO / "views").glob("*.py"), REPO / "app.py"])
FLOW = ("ingest", "build", "store", "analysis", "render")


def _module_name(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every sq/views module a file imports, at the top, in functions or under TYPE_CHECKING."""
    found: set[str] = set()
    package = _module_name(path).rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], base]
                )
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return found


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in CODE}
    return {
        name: {m for m in _imports(path) if m in modules and m != name}
        for name, path in modules.items()
    }


def test_no_import_cycles():
    graph = _graph()
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str], done: set[str]) -> None:
        if node in stack:
            cycles.append([*stack[stack.index(node) :], node])
            return
        if node in done:
            return
        for child in sorted(graph[node]):
            visit(child, [*stack, node], done)
        done.add(node)

    done: set[str] = set()
    for start in sorted(graph):
        visit(start, [], done)
    assert not cycles, cycles[:5]


def test_sq_never_imports_streamlit():
    offenders = [
        str(p.relative_to(REPO))
        for p in (REPO / "sq").rglob("*.py")
        if any(m == "streamlit" or m.startswith("streamlit.") for m in _imports(p))
    ]
    assert not offenders


def test_the_tree_shows_the_flow():
    packages = {p.name for p in (REPO / "sq").iterdir() if (p / "__init__.py").is_file()}
    assert set(FLOW) <= packages
    loose = {p.stem for p in (REPO / "sq").glob("*.py")} - {"__init__", "__main__"}
    assert loose <= {"catalogue", "codes", "config", "cli", "refresh"}, loose


def test_the_flow_only_runs_forward():
    """A layer never imports a later one (ingest → build → store → analysis → render)."""
    rank = {layer: i for i, layer in enumerate(FLOW)}
    backward = []
    for name, targets in _graph().items():
        parts = name.split(".")
        if len(parts) < 2 or parts[0] != "sq" or parts[1] not in rank:
            continue
        for target in targets:
            tparts = target.split(".")
            if len(tparts) > 1 and tparts[1] in rank and rank[tparts[1]] > rank[parts[1]]:
                backward.append(f"{name} → {target}")
    assert not backward


MAX_MODULE_LINES = 400
"""Small modules (STYLE.md): a module longer than this is split by what its parts do."""


def test_modules_stay_small():
    long = {
        str(p.relative_to(REPO)): n
        for p in CODE
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


MAX_FUNCTION_LINES = 60


def test_functions_stay_short():
    long = [
        f"{p.relative_to(REPO)}:{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for p in CODE
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert long == []


def test_ruff_checks_complexity():
    config = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert all(rule in config for rule in ('"C901"', '"PLR0912"', '"PLR0915"'))
