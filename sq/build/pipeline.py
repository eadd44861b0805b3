"""Build the canonical store from the raw sources: `python -m sq build`.

Runs every adapter on its folder, matches names to codes, derives the catalogue's indicators,
adds benchmarks, simplifies geometries for the web and writes everything to a git-ignored folder.
The build is skipped when the sources, the catalogue and the build code did not change.
"""

from __future__ import annotations

import hashlib
import json
import resource
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd

import sq
from sq.build import regions as region_rules
from sq.build.benchmark import add_benchmarks
from sq.build.boundaries import boundary_changes
from sq.build.breaks import definition_breaks, series_labels
from sq.build.derive import (
    apply_reference_years,
    derive_observations,
    keep_needed,
    needed_variables,
    population_series,
)
from sq.build.peers import peer_groups, peer_values
from sq.catalogue import Catalogue, load_catalogue
from sq.config import CATALOGUE_PATH
from sq.ingest.geometry import simplify_for_web
from sq.ingest.sources import Adapter, adapters_for
from sq.ingest.sources.base import SourceResult
from sq.ingest.sources.cbs2022 import SOURCE as URBANITY_SOURCE
from sq.ingest.sources.cbs2022 import urbanity_classes

STORE_FORMAT = 4  # 2: observations carry area_year; 3: decimals, series, series_breaks; 4: peers


class BuildError(RuntimeError):
    """The build cannot produce a store; the message is plain Dutch."""


Progress = Callable[[str], None]


@dataclass
class SourceReport:
    """What one source contributed to the build."""

    source: str
    status: str  # "gelezen" | "overgeslagen" | "ontbreekt"
    seconds: float = 0.0
    raw_rows: int = 0
    kept_rows: int = 0
    regions: int = 0
    geometries: int = 0
    files_read: list[str] = field(default_factory=list)
    files_skipped: dict[str, str] = field(default_factory=dict)
    messages: list[str] = field(default_factory=list)


@dataclass
class BuildReport:
    """The build report printed by `sq build` and kept in the store as report.json."""

    raw_dirs: list[str]
    store_dir: str
    fingerprint: str
    skipped_build: bool = False
    sources: list[SourceReport] = field(default_factory=list)
    unknown_folders: list[str] = field(default_factory=list)
    unmatched: list[dict[str, object]] = field(default_factory=list)
    matched_villages: list[dict[str, object]] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    peak_memory_mb: float = 0.0

    def to_json(self) -> str:
        """Return the report as JSON text."""
        return json.dumps(self, default=lambda o: o.__dict__, ensure_ascii=False, indent=2)


def _files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


BUILD_CODE: Final = ("build", "ingest", "catalogue.py", "codes.py", "config.py")
"""What the store depends on: the build and ingest code and the modules they share. Editing a
chart or a page does not invalidate the store."""


def build_code_files() -> list[Path]:
    """List the Python files whose change must trigger a rebuild."""
    package = Path(__file__).resolve().parents[1]
    files: list[Path] = []
    for name in BUILD_CODE:
        path = package / name
        files.extend(sorted(path.rglob("*.py")) if path.is_dir() else [path])
    return files


def fingerprint(raw_dirs: list[Path], catalogue_path: Path = CATALOGUE_PATH) -> str:
    """Hash the content of every raw file, the catalogue and the build code."""
    digest = hashlib.sha256(f"format={STORE_FORMAT};sq={sq.__version__}".encode())
    for path in [catalogue_path, *build_code_files()]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for raw_dir in raw_dirs:
        for path in _files_under(raw_dir):
            digest.update(str(path.relative_to(raw_dir)).encode())
            with path.open("rb") as handle:
                for block in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()


def is_up_to_date(store: Path, expected: str) -> bool:
    """Tell whether the store was built from exactly these inputs."""
    manifest = store / "manifest.json"
    if not manifest.is_file():
        return False
    try:
        return json.loads(manifest.read_text(encoding="utf-8")).get("fingerprint") == expected
    except (OSError, ValueError):
        return False


def run_adapter(
    source: str, adapter: Adapter, folder: Path, needed: frozenset[str] | None = None
) -> tuple[SourceResult, SourceReport]:
    """Run one adapter; a failing adapter is reported and skipped, never fatal.

    An adapter marked `reads_needed` gets the variables the catalogue reads from its source, so
    it can leave the other columns unread (the RIVM workbooks: most of the build's memory).
    """
    started = time.perf_counter()
    try:
        if needed is not None and getattr(adapter, "reads_needed", False):
            result = adapter(folder, needed=needed)  # type: ignore[call-arg]
        else:
            result = adapter(folder)
    except Exception as exc:  # one bad source must not stop the build
        reason = (
            "Niet gelezen, het bestand is onleesbaar of anders dan verwacht "
            f"({type(exc).__name__}: {exc})"
        )
        report = SourceReport(source, "overgeslagen", messages=[reason[:500]])
        return SourceResult(source), report
    report = SourceReport(
        source,
        "gelezen",
        seconds=round(time.perf_counter() - started, 2),
        raw_rows=len(result.observations),
        regions=len(result.regions),
        geometries=0 if result.geometries is None else len(result.geometries),
        files_read=list(result.files_read),
        files_skipped=dict(result.files_skipped),
        messages=list(result.messages),
    )
    return result, report


def read_sources(
    raw_dirs: list[Path], catalogue: Catalogue, progress: Progress
) -> tuple[list[SourceResult], list[SourceReport], list[str]]:
    """Run every adapter on its folder in each raw root; return results, reports, unknowns."""
    adapters: dict[str, Adapter] = {}
    for root in raw_dirs:
        adapters.update(adapters_for(root))
    needed = needed_variables(catalogue)
    results, reports = [], []
    jobs = [(root / s, s, a) for s, a in adapters.items() for root in raw_dirs]
    for source in adapters:
        if not any((root / source).is_dir() for root in raw_dirs):
            reports.append(SourceReport(source, "ontbreekt", messages=["Map niet gevonden."]))
    for folder, source, adapter in jobs:
        if not folder.is_dir():
            continue
        progress(f"  lezen: {folder} ...")
        wanted = frozenset(v for s, v in needed if s == source)
        result, report = run_adapter(source, adapter, folder, wanted)
        result.observations = keep_needed(result.observations, needed)
        report.kept_rows = len(result.observations)
        progress(
            f"    {report.status}: {report.raw_rows:,} rijen, {report.kept_rows:,} gebruikt, "
            f"{report.seconds:.1f} s"
        )
        results.append(result)
        reports.append(report)
    unknown = sorted(
        str(p) for root in raw_dirs for p in root.iterdir() if p.is_dir() and p.name not in adapters
    )
    return results, reports, unknown


def collect_geometries(results: list[SourceResult]) -> gpd.GeoDataFrame:
    """Concatenate geometries; per (level, year, code) the first source in registry order wins."""
    frames = [r.geometries for r in results if r.geometries is not None and len(r.geometries)]
    if not frames:
        return gpd.GeoDataFrame(
            {"region_code": [], "level": [], "year": [], "source": []},
            geometry=[],
            crs="EPSG:4326",
        )
    merged = pd.concat([f.to_crs("EPSG:4326") for f in frames], ignore_index=True)
    merged = gpd.GeoDataFrame(merged, geometry="geometry", crs="EPSG:4326")
    return merged.drop_duplicates(["level", "year", "region_code"]).reset_index(drop=True)


def write_store(
    store: Path,
    regions: pd.DataFrame,
    observations: pd.DataFrame,
    geometries: gpd.GeoDataFrame,
    changes: pd.DataFrame,
    report: BuildReport,
    breaks: pd.DataFrame | None = None,
    peers: tuple[pd.DataFrame, pd.DataFrame] | None = None,
) -> None:
    """Write the store into a temporary folder, then swap it in (a failed build leaves no half)."""
    tmp = store.with_name(store.name + ".tmp")
    if tmp.exists():
        shutil.rmtree(tmp)
    (tmp / "geometries").mkdir(parents=True)
    regions.to_parquet(tmp / "regions.parquet", index=False)
    observations.to_parquet(tmp / "observations.parquet", index=False)
    changes.to_parquet(tmp / "boundary_changes.parquet", index=False)
    if breaks is not None:
        breaks.to_parquet(tmp / "series_breaks.parquet", index=False)
    if peers is not None:
        peers[0].to_parquet(tmp / "peer_groups.parquet", index=False)
        peers[1].to_parquet(tmp / "peer_values.parquet", index=False)
    for (level, year), part in geometries.groupby(["level", "year"]):
        simplified = simplify_for_web(part.reset_index(drop=True), str(level))
        simplified.to_parquet(tmp / "geometries" / f"{level}_{int(year)}.parquet", index=False)
    (tmp / "report.json").write_text(report.to_json(), encoding="utf-8")
    manifest = {
        "fingerprint": report.fingerprint,
        "format": STORE_FORMAT,
        "built": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    (tmp / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    old = store.with_name(store.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if store.exists():
        store.rename(old)
    tmp.rename(store)
    if old.exists():
        shutil.rmtree(old)


def build_peers(
    raw_dirs: list[Path],
    observations: pd.DataFrame,
    population: pd.DataFrame,
    catalogue: Catalogue,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the peer groups (from the 2022 urbanity file) and their weighted values."""
    folders = [root / URBANITY_SOURCE for root in raw_dirs if (root / URBANITY_SOURCE).is_dir()]
    urbanity = pd.concat([urbanity_classes(f) for f in folders]) if folders else pd.DataFrame()
    groups = peer_groups(urbanity.drop_duplicates("region_code") if folders else urbanity)
    return groups, peer_values(observations, groups, population, catalogue)


def _nothing_usable(raw_dirs: list[Path], report: BuildReport) -> BuildError:
    """Return the Dutch error for a build without any usable file (the old store stays)."""
    skipped = "; ".join(
        f"{r.source}: {' '.join(r.messages)}" for r in report.sources if r.status == "overgeslagen"
    )
    return BuildError(
        "Geen bruikbare gegevens gevonden in "
        + ", ".join(str(p) for p in raw_dirs)
        + (f". Overgeslagen: {skipped}" if skipped else ".")
        + " De bestaande gegevensopslag is niet veranderd."
    )


def _totals(
    regions: pd.DataFrame,
    observations: pd.DataFrame,
    geometries: pd.DataFrame,
    changes: pd.DataFrame,
    peers: tuple[pd.DataFrame, pd.DataFrame],
) -> dict[str, int]:
    """Count what the build produced, for the build report."""
    with_value = observations["value"].notna()
    return {
        "regions": int(regions["region_code"].nunique()),
        "observations": len(observations),
        "observations_with_value": int(with_value.sum()),
        "indicators_with_data": int(observations.loc[with_value, "indicator_id"].nunique()),
        "geometry_layers": int(geometries.groupby(["level", "year"]).ngroups),
        "boundary_changes": len(changes),
        "peer_groups": int(peers[0]["group_id"].nunique()) if len(peers[0]) else 0,
        "peer_values": len(peers[1]),
    }


def build(
    raw_dirs: list[Path], store: Path, *, force: bool = False, progress: Progress = print
) -> BuildReport:
    """Build the store from the raw folders into store, unless it is up to date already."""
    started = time.perf_counter()
    missing = [str(p) for p in raw_dirs if not p.is_dir()]
    if missing or not raw_dirs:
        raise FileNotFoundError(f"Map met brongegevens niet gevonden: {', '.join(missing)}")
    expected = fingerprint(raw_dirs)
    report = BuildReport([str(p) for p in raw_dirs], str(store), expected)
    if not force and is_up_to_date(store, expected):
        report.skipped_build = True
        progress("De gegevensopslag is al bijgewerkt: de bronnen zijn niet veranderd.")
        return report
    progress("Bouwen van de gegevensopslag uit " + ", ".join(str(p) for p in raw_dirs))
    catalogue = load_catalogue()
    results, report.sources, report.unknown_folders = read_sources(raw_dirs, catalogue, progress)
    if not any(len(r.regions) or len(r.observations) for r in results):
        raise _nothing_usable(raw_dirs, report)
    progress("  namen koppelen aan codes, indicatoren afleiden ...")
    geometries = collect_geometries(results)
    regions, raw_obs, report.unmatched, report.matched_villages = region_rules.assemble(
        results, geometries, raw_dirs
    )
    raw_obs = apply_reference_years(raw_obs, catalogue)
    population = population_series(raw_obs, catalogue)
    observations = derive_observations(raw_obs, catalogue, population)
    observations = add_benchmarks(observations, regions, population, catalogue)
    observations = observations.assign(series=series_labels(observations["source"], catalogue))
    observations = observations.sort_values(["indicator_id", "region_code", "year"])
    breaks = definition_breaks(raw_dirs, catalogue)
    progress("  vergelijkbare gebieden berekenen ...")
    peers = build_peers(raw_dirs, observations, population, catalogue)
    progress("  grenzen vereenvoudigen en opslaan ...")
    gemeente_geoms = geometries[geometries["level"] == "gemeente"]
    changes = boundary_changes(gemeente_geoms)
    report.totals = _totals(regions, observations, geometries, changes, peers)
    report.seconds = round(time.perf_counter() - started, 1)
    report.peak_memory_mb = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)
    write_store(
        store,
        regions,
        observations.reset_index(drop=True),
        geometries,
        changes,
        report,
        breaks,
        peers,
    )
    return report
