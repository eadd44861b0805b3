"""Writing downloads safely: temp folder or file first, renamed when complete.

A half-written or unchecked download never replaces a good copy.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def staging_dir(parent: Path, name: str) -> Iterator[Path]:
    """Yield a fresh hidden temp folder in parent; removed again when the block fails."""
    parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def replace_dir(tmp: Path, target: Path) -> None:
    """Move a finished temp folder onto the target, replacing an older copy."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_file_atomic(target: Path, write: Callable[[IO[str]], None]) -> None:
    """Write a text file through a temp file in the same folder and rename it over target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp_name = tempfile.mkstemp(prefix=f".tmp-{target.name}-", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            write(out)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


def write_json(path: Path, document: Any) -> None:
    """Write JSON as UTF-8 with readable indentation."""
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def read_json(path: Path) -> Any:
    """Read a JSON file; None when it is absent or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def cell(value: Any) -> str:
    """Render one received value for a CSV: null empty, the rest exactly as received."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_rows_csv(
    path: Path, pages: Iterable[list[dict[str, Any]]], columns: list[str]
) -> tuple[int, int]:
    """Write all pages to one CSV with the given leading columns (others appended after)."""
    rows_seen: list[dict[str, Any]] = []
    n_pages = 0
    for page in pages:
        n_pages += 1
        rows_seen.extend(page)
    header = list(columns)
    for row in rows_seen:
        header.extend(key for key in row if key not in header)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows_seen:
            writer.writerow([cell(row.get(key)) for key in header])
    return len(rows_seen), n_pages


def stream_rows_csv(
    path: Path, pages: Iterable[list[dict[str, Any]]], header: list[str]
) -> tuple[int, int]:
    """Write pages to a CSV as they arrive (fixed header, other keys left out)."""
    rows = n_pages = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for page in pages:
            n_pages += 1
            rows += len(page)
            writer.writerows([cell(row.get(key)) for key in header] for row in page)
    return rows, n_pages
