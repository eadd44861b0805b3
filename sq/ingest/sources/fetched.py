"""The fetched tables on disk: one adapter per ``cbs-odata-*`` (v3) or ``cbs-odata4-*`` folder."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sq.ingest.sources.base import SourceResult
from sq.ingest.sources.odata import FOLDER_PREFIX, read_odata_folder
from sq.ingest.sources.odata_v4 import FOLDER_PREFIX_V4, read_odata4_folder


def adapters_for(raw_dir: Path) -> dict[str, Callable[[Path], SourceResult]]:
    """Return one adapter per ``cbs-odata-*`` folder in raw_dir (source id = folder name)."""
    raw_dir = Path(raw_dir)
    if not raw_dir.is_dir():
        return {}
    found: dict[str, Callable[[Path], SourceResult]] = {}
    for prefix, adapter in (
        (FOLDER_PREFIX, read_odata_folder),
        (FOLDER_PREFIX_V4, read_odata4_folder),
    ):
        found.update(
            {path.name: adapter for path in sorted(raw_dir.glob(f"{prefix}*")) if path.is_dir()}
        )
    return found
