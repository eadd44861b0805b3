"""The one way in for data: open the built store and hand out frames (geometry in EPSG:4326)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import geopandas as gpd
import pandas as pd

from sq.codes import latest_per_region
from sq.config import raw_dirs as default_raw_dirs
from sq.config import store_dir as default_store_dir


class StoreMissingError(RuntimeError):
    """The store has not been built yet (or is unreadable)."""


@dataclass(frozen=True)
class Store:
    """The built store: regions, observations, boundary changes, and geometry layers on disk."""

    path: Path
    regions: pd.DataFrame
    observations: pd.DataFrame
    boundary_changes: pd.DataFrame
    report: dict[str, object] = field(default_factory=dict)
    series_breaks: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Definition breaks from the sources' metadata: indicator_id, year, kind, detail."""
    peer_groups: pd.DataFrame = field(default_factory=pd.DataFrame)
    peer_values: pd.DataFrame = field(default_factory=pd.DataFrame)

    @cached_property
    def latest(self) -> pd.DataFrame:
        """Return one row per region code, its most recent name, level and parents (indexed)."""
        return latest_per_region(self.regions)

    def geometry_layers(self) -> list[tuple[str, int]]:
        """Return the (level, year) pairs that have boundaries in the store."""
        layers = []
        for path in sorted((self.path / "geometries").glob("*.parquet")):
            level, _, year = path.stem.rpartition("_")
            layers.append((level, int(year)))
        return layers

    def geometries(self, level: str, year: int) -> gpd.GeoDataFrame:
        """Read one simplified geometry layer (EPSG:4326)."""
        path = self.path / "geometries" / f"{level}_{int(year)}.parquet"
        if not path.is_file():
            raise KeyError((level, year))
        return gpd.read_parquet(path)


def open_store(path: Path | None = None) -> Store:
    """Open the store folder; raise StoreMissingError with a Dutch message when absent."""
    folder = path or default_store_dir()
    needed = ["regions.parquet", "observations.parquet", "boundary_changes.parquet"]
    if not all((folder / name).is_file() for name in needed):
        raise StoreMissingError(
            f"De gegevensopslag is nog niet gebouwd ({folder}). "
            "Voer eerst `python -m sq build` uit."
        )
    report_path = folder / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8")) if report_path.is_file() else {}
    return Store(
        path=folder,
        regions=pd.read_parquet(folder / "regions.parquet"),
        observations=pd.read_parquet(folder / "observations.parquet"),
        boundary_changes=pd.read_parquet(folder / "boundary_changes.parquet"),
        report=report,
        series_breaks=_optional_parquet(folder / "series_breaks.parquet"),
        peer_groups=_optional_parquet(folder / "peer_groups.parquet"),
        peer_values=_optional_parquet(folder / "peer_values.parquet"),
    )


def _optional_parquet(path: Path) -> pd.DataFrame:
    """Read a table that older stores do not have; empty when absent."""
    return pd.read_parquet(path) if path.is_file() else pd.DataFrame()


def ensure_store(raw: list[Path] | None = None, store: Path | None = None) -> Store:
    """Open the store, building it first from the raw folders when it is missing or stale."""
    from sq.build.pipeline import build

    build(raw or default_raw_dirs(), store or default_store_dir(), progress=lambda _m: None)
    return open_store(store)
