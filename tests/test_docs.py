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
