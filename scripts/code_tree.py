"""Print the README's "How the code is organised" tree from the modules' own docstrings.

Usage: python scripts/code_tree.py  (paste the output between the README's tree markers;
tests/test_docs.py checks that the README lists exactly the real packages and modules).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TOP = ("app.py", "sq", "views")
WIDTH = 26


def summary(path: Path) -> str:
    """Return the first line of a module's (or package __init__'s) docstring."""
    if path.is_dir():
        path = path / "__init__.py"
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) if path.exists() else None
    return (doc or "").strip().splitlines()[0] if doc else ""


def lines(path: Path, depth: int) -> list[str]:
    """Return the tree lines for a file or a package, depth-first, packages after modules."""
    name = path.name + ("/" if path.is_dir() else "")
    column = max(WIDTH - 2 * depth, len(name) + 2)
    out = [f"{'  ' * depth}{name:<{column}}{summary(path)}".rstrip()]
    if path.is_dir():
        modules = sorted(p for p in path.glob("*.py") if p.name != "__init__.py")
        packages = sorted(p for p in path.iterdir() if (p / "__init__.py").is_file())
        for child in [*modules, *packages]:
            out.extend(lines(child, depth + 1))
    return out


def tree() -> str:
    """Return the whole tree as text."""
    return "\n".join(line for top in TOP for line in lines(ROOT / top, 0))


if __name__ == "__main__":
    print(tree())
