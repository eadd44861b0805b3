"""`sq refresh`: fetch the catalogue's tables and boundaries, rebuild, say what changed.

Meant to run unattended (cron, a scheduled job).

A failed fetch keeps the old raw copy (the protocol modules write to a temp folder and rename
only a complete, checked download) and is reported in Dutch; the refresh carries on with the
other tables and rebuilds from whatever raw data is there.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import requests

from sq.build.pipeline import BuildError, build
from sq.catalogue import Catalogue
from sq.ingest.fetch import FetchError, run_fetch
from sq.ingest.http import make_session
from sq.ingest.plan import table_plans
from sq.store.diff import StoreChanges, store_changes
from sq.store.loader import StoreMissingError, open_store

BOUNDARY_LEVELS = ("wijken", "buurten")
_STORE_LEVELS = {"wijken": "wijk", "buurten": "buurt"}


@dataclass
class RefreshReport:
    """What a refresh fetched, what failed, and what changed in the store."""

    fetched: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    built: bool = False
    build_error: str = ""
    changes: StoreChanges = field(default_factory=StoreChanges)
    seconds: float = 0.0

    def lines(self) -> list[str]:
        """Return the report in plain Dutch, one line each."""
        out = [f"Opgehaald: {item}" for item in self.fetched]
        out += [f"Niet opgehaald (de oude gegevens blijven): {item}" for item in self.failed]
        if self.build_error:
            out.append(f"Bouwen mislukt; de oude gegevensopslag blijft: {self.build_error}")
        elif self.built:
            out += self.changes.lines()
        out.append(f"Duur {self.seconds:.1f} s")
        return out


def boundary_years(store_dir: Path) -> list[int]:
    """Return the years with wijk or buurt figures in the current store (none without a store)."""
    try:
        observations = open_store(store_dir).observations
    except StoreMissingError:
        return []
    regions = observations["region_code"].astype(str)
    local = observations[regions.str.startswith(("WK", "BU")) & observations["value"].notna()]
    return sorted({int(y) for y in local["year"]})


def _has_layer(raw_dirs: Iterable[Path], level: str, year: int) -> bool:
    """Tell whether a raw folder already holds the boundary layer (past years do not change)."""
    return any((root / "pdok-gebieden" / f"{level}_{year}.geojson").is_file() for root in raw_dirs)


def _fetch(target: str, raw: Path, session: requests.Session, report: RefreshReport, **kw) -> None:
    """Fetch one target; record it as fetched or failed (with the Dutch reason)."""
    try:
        done = run_fetch(target, raw, session, **kw)
    except FetchError as error:
        report.failed.append(f"{target}: {error}")
        return
    report.fetched.append(f"{target} ({done.protocol or 'PDOK'}, {done.rows:,} rijen)")


def run_refresh(
    fetch_dir: Path,
    raw_dirs: list[Path],
    store_dir: Path,
    catalogue: Catalogue,
    *,
    session: requests.Session | None = None,
    years: list[int] | None = None,
    progress: Callable[[str], None] = print,
) -> RefreshReport:
    """Fetch tables and missing boundary layers into fetch_dir, rebuild, report the changes."""
    started = time.perf_counter()
    session = session or make_session()
    report = RefreshReport()
    try:
        old = open_store(store_dir)
        old_obs, old_regions = old.observations, old.regions
    except StoreMissingError:
        old_obs = old_regions = None
    for plan in table_plans(catalogue):
        progress(f"  ophalen: {plan.table_id} ...")
        _fetch(
            plan.table_id,
            fetch_dir,
            session,
            report,
            protocols=plan.protocols,
            expected=plan.expected,
        )
    wanted = years if years is not None else boundary_years(store_dir)
    for year in wanted:
        for level in BOUNDARY_LEVELS:
            if not _has_layer([fetch_dir, *raw_dirs], level, year):
                progress(f"  ophalen: grenzen {level} {year} ...")
                _fetch(f"pdok:{level}:{year}", fetch_dir, session, report)
    dirs = raw_dirs if fetch_dir in raw_dirs or not fetch_dir.is_dir() else [fetch_dir, *raw_dirs]
    try:
        build(dirs, store_dir, progress=progress)
    except (BuildError, FileNotFoundError) as error:
        report.build_error = str(error)
    else:
        new = open_store(store_dir)
        report.built = True
        report.changes = store_changes(old_obs, new.observations, old_regions, new.regions)
    report.seconds = round(time.perf_counter() - started, 1)
    return report
