"""The two map layers of the benchmark and how each approach prepares them.

Shared by the Streamlit apps in ``bench/apps/`` and by ``bench/map_benchmark.py``; the apps
import it as ``bench.cases`` (the benchmark starts them with ``PYTHONPATH`` = repo root).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd

from sq.render.maps import LegendSpec
from sq.store.loader import Store

REPO: Final = Path(__file__).resolve().parents[1]
RAW_DIR: Final = Path(os.environ.get("SQ_BENCH_RAW", REPO.parent / "shared/data/pdok-gebieden"))
NL_CODE: Final = "NL00"
FRYSLAN: Final = "PV21"


@dataclass(frozen=True)
class Case:
    """One map: a boundary layer, a scope and one indicator."""

    key: str
    label: str
    level: str  # store level: gemeente / wijk
    geometry_year: int
    raw_file: str  # file in RAW_DIR (raw PDOK GeoJSON, all attributes)
    raw_code: str  # code column in the raw file
    indicator_id: str
    year: int
    spec: LegendSpec
    real_query: str = ""  # the link that opens this map on the real Kaart page (app.py)
    other_indicator: tuple[str, str] = ("regie_eigen_leven", "Regie over het eigen leven")
    provincie: str | None = None  # None = all of NL


CASES: Final = {
    "gemeenten": Case(
        key="gemeenten",
        label="NL gemeenten 2024",
        level="gemeente",
        geometry_year=2024,
        raw_file="gemeenten_2024.geojson",
        raw_code="gemeentecode",
        indicator_id="vrijwilligerswerk",
        year=2020,
        spec=LegendSpec(title="Vrijwilligerswerk", unit="%", year=2020, direction="neutral"),
        real_query="/?indicator=vrijwilligerswerk&jaar=2020",
    ),
    "fryslan_wijken": Case(
        key="fryslan_wijken",
        label="Fryslân wijken 2024",
        level="wijk",
        geometry_year=2024,
        raw_file="wijken_2024.geojson",
        raw_code="wijkcode",
        indicator_id="vrijwilligerswerk",
        year=2020,
        spec=LegendSpec(title="Vrijwilligerswerk", unit="%", year=2020, direction="neutral"),
        real_query="/?indicator=vrijwilligerswerk&jaar=2020&niveau=wijk&binnen=PV21",
        provincie=FRYSLAN,
    ),
}


def case_from_env() -> Case:
    """Return the case named by BENCH_CASE (the apps read it)."""
    return CASES[os.environ.get("BENCH_CASE", "gemeenten")]


def values(store: Store, case: Case) -> pd.DataFrame:
    """Return region_code, value of the case's indicator and year (from store.observations)."""
    obs = store.observations
    rows = obs[(obs["indicator_id"] == case.indicator_id) & (obs["year"] == case.year)]
    return rows[["region_code", "value"]].drop_duplicates("region_code")


def nl_value(store: Store, case: Case) -> float:
    """Return the Netherlands value of the indicator (NaN when absent)."""
    rows = values(store, case)
    found = rows.loc[rows["region_code"] == NL_CODE, "value"]
    return float(found.iloc[0]) if len(found) else float("nan")


def scope_codes(store: Store, case: Case) -> set[str]:
    """Return the region codes of the case's level in scope (Fryslân: provincie_code PV21)."""
    regions = store.regions
    rows = regions[(regions["level"] == case.level) & (regions["year"] == case.geometry_year)]
    if case.provincie is not None:
        rows = rows[rows["provincie_code"] == case.provincie]
    return set(rows["region_code"])


def frisian_gemeenten(store: Store, year: int) -> set[str]:
    """Return the codes of the Frisian gemeenten in a year."""
    regions = store.regions
    rows = regions[
        (regions["level"] == "gemeente")
        & (regions["year"] == year)
        & (regions["provincie_code"] == FRYSLAN)
    ]
    return set(rows["region_code"])


def our_geometry(store: Store, case: Case) -> gpd.GeoDataFrame:
    """Return the simplified store layer in scope, with names (what the app caches)."""
    layer = store.geometries(case.level, case.geometry_year)
    layer = layer[layer["region_code"].isin(scope_codes(store, case))]
    regions = store.regions
    names = regions[regions["year"] == case.geometry_year].drop_duplicates("region_code")
    names = names.set_index("region_code")["name"]
    return gpd.GeoDataFrame(
        {
            "region_code": layer["region_code"].to_numpy(),
            "name": layer["region_code"].map(names).fillna(layer["region_code"]).to_numpy(),
        },
        geometry=layer.geometry.to_numpy(),
        crs=layer.crs,
    )


def our_layer(store: Store, case: Case, geometry: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Join the values: only region_code, name, value and nl_value go to `choropleth`."""
    joined = geometry.merge(values(store, case), on="region_code", how="left")
    joined["nl_value"] = nl_value(store, case)
    return gpd.GeoDataFrame(
        joined[["region_code", "name", "value", "nl_value", "geometry"]],
        geometry="geometry",
        crs=geometry.crs,
    )


def naive_frame(store: Store, case: Case) -> gpd.GeoDataFrame:
    """Read the raw PDOK GeoJSON (every attribute) and join the values, as a quick script would."""
    gdf = gpd.read_file(RAW_DIR / case.raw_file)
    if case.provincie is not None:
        gdf = gdf[gdf["gemeentecode"].isin(frisian_gemeenten(store, case.geometry_year))]
    rows = values(store, case).rename(columns={"region_code": case.raw_code})
    return gdf.merge(rows, on=case.raw_code, how="left")
