"""Documentation and code can't drift: README, catalogue, CI and the CLI agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sq.catalogue import load_catalogue
from sq.cli import _parser

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def coverage_block() -> str:
    match = re.search(r"<!-- coverage:start -->(.*?)<!-- coverage:end -->", README, re.S)
    assert match, "README has no coverage table markers"
    return match.group(1)


@pytest.mark.parametrize("indicator_id", load_catalogue().ids())
def test_every_indicator_is_in_the_readme_coverage_table(indicator_id: str) -> None:
    assert f"| {indicator_id} |" in coverage_block()


def test_readme_lists_no_unknown_indicator() -> None:
    rows = re.findall(r"^\| ([a-z_0-9]+) \|", coverage_block(), re.M)
    assert set(rows) - {"indicator_id"} == set(load_catalogue().ids())


def test_ci_runs_the_readme_test_command() -> None:
    command = "bash scripts/test.sh"
    assert command in README
    assert command in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("command", ["build", "coverage", "export", "fetch", "refresh"])
def test_every_cli_command_is_documented(command: str) -> None:
    assert command in _parser().format_help()
    assert f"python -m sq {command}" in README


def tree_block() -> str:
    match = re.search(r"<!-- tree:start -->(.*?)<!-- tree:end -->", README, re.S)
    assert match, "README has no code tree markers"
    return match.group(1)


def _paths_in_tree(block: str) -> set[str]:
    """Read the indented tree back into paths ('sq/build/pipeline.py', 'sq/build/')."""
    paths: set[str] = set()
    stack: list[str] = []
    for line in block.strip("`\n").splitlines():
        if not line.strip() or line.startswith("```"):
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        name = line.split()[0]
        stack = [*stack[:depth], name]
        paths.add("".join(stack))
    return paths


def test_readme_tree_is_the_real_tree() -> None:
    real: set[str] = set()
    for top in ("app.py", "sq", "views"):
        path = ROOT / top
        if path.is_file():
            real.add(top)
            continue
        real.add(f"{top}/")
        for child in path.rglob("*"):
            rel = child.relative_to(ROOT).as_posix()
            if child.suffix == ".py" and child.name != "__init__.py":
                real.add(rel)
            elif child.is_dir() and (child / "__init__.py").is_file():
                real.add(f"{rel}/")
    assert _paths_in_tree(tree_block()) == real, "run python scripts/code_tree.py into the README"
