"""A tiny fictional store for unit and page tests (no real places, no real numbers)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import box

from sq.build.boundaries import CHANGE_COLUMNS
from sq.store.loader import Store, open_store

REGIONS = [
    # region_code, name, level, gemeente_code, provincie_code
    ("NL00", "Nederland", "land", None, None),
    ("PV99", "Fictiefland", "provincie", None, "PV99"),
    ("GM9901", "Dorpum", "gemeente", "GM9901", "PV99"),
    ("GM9902", "Súdwest-Fjildum", "gemeente", "GM9902", "PV99"),
    ("WK990101", "Binnenstad", "wijk", "GM9901", "PV99"),
    ("WK990102", "Súdhoek", "wijk", "GM9901", "PV99"),
    ("WK990201", "Binnenstad", "wijk", "GM9902", "PV99"),
    ("BU99010101", "Kerkbuurt", "buurt", "GM9901", "PV99"),
    ("DP9902-westerwald", "Westerwâld", "dorp", "GM9902", "PV99"),
]
YEARS = (2016, 2020, 2022)

# indicator_id, region_code, year, value (None = suppressed), estimate, computed
OBSERVATIONS = [
    ("vrijwilligerswerk", "NL00", 2016, 28.0, True, False),
    ("vrijwilligerswerk", "NL00", 2020, 25.0, True, False),
    ("vrijwilligerswerk", "PV99", 2020, 30.0, True, True),
    ("vrijwilligerswerk", "GM9901", 2016, 30.0, True, False),
    ("vrijwilligerswerk", "GM9901", 2020, 32.0, True, False),
    ("vrijwilligerswerk", "GM9902", 2020, 24.5, True, False),
    ("vrijwilligerswerk", "WK990101", 2020, 36.0, True, False),
    ("vrijwilligerswerk", "WK990102", 2020, None, True, False),
    ("vrijwilligerswerk", "WK990201", 2020, 22.0, True, False),
    ("vrijwilligerswerk", "DP9902-westerwald", 2020, 40.0, False, False),
    ("mantelzorg", "NL00", 2020, 14.0, True, False),
    ("mantelzorg", "GM9901", 2020, 18.0, True, False),
    ("mantelzorg", "WK990101", 2020, 19.0, True, False),
    ("afstand_huisarts", "NL00", 2022, 1.0, False, True),
    ("afstand_huisarts", "GM9901", 2020, 1.6, False, False),
    ("afstand_huisarts", "GM9901", 2022, 1.5, False, False),
    ("afstand_huisarts", "GM9902", 2022, 3.2, False, False),
    ("afstand_huisarts", "WK990101", 2022, 0.6, False, False),
    ("misdrijven_per_1000", "NL00", 2016, 50.0, False, True),
    ("misdrijven_per_1000", "NL00", 2020, 45.0, False, True),
    ("misdrijven_per_1000", "GM9901", 2016, 40.0, False, False),
    ("misdrijven_per_1000", "GM9901", 2020, 46.0, False, False),
    ("ernstig_eenzaam", "NL00", 2020, 11.0, True, False),
    ("ernstig_eenzaam", "GM9901", 2020, 8.0, True, False),
    ("ernstig_eenzaam", "WK990101", 2020, 14.0, True, False),
    ("moeite_met_rondkomen", "NL00", 2020, 14.0, True, False),
    ("moeite_met_rondkomen", "GM9901", 2020, None, True, False),
]

# region_code, scope, group_id, level, urbanity, band_low, band_high, gemeente_code, members
PEER_GROUPS = [
    ("GM9901", "nl", "PEER-GM-U4-B0", "gemeente", 4, 0.0, 20000.0, None, 6),
    ("GM9902", "nl", "PEER-GM-U4-B0", "gemeente", 4, 0.0, 20000.0, None, 6),
    ("WK990101", "nl", "PEER-WK-U3", "wijk", 3, float("nan"), float("nan"), None, 40),
    (
        "WK990101",
        "gemeente",
        "PEER-WK-U3-GM9901",
        "wijk",
        3,
        float("nan"),
        float("nan"),
        "GM9901",
        3,
    ),
]
# group_id, year, indicator_id, value, parts, members
PEER_VALUES = [
    ("PEER-GM-U4-B0", 2020, "vrijwilligerswerk", 29.0, 6, 6),
    ("PEER-GM-U4-B0", 2022, "afstand_huisarts", 2.1, 5, 6),
    ("PEER-WK-U3", 2020, "vrijwilligerswerk", 33.0, 38, 40),
]

BOUNDARY_CHANGES = [
    (
        "GM9901",
        2016,
        2020,
        "grens gewijzigd",
        "Oppervlakte 12% groter dan in 2016.",
        1.12,
        "",
        "",
        "GM9902",
    ),
]


def _square(col: int, row: int, size: float = 0.1) -> object:
    x, y = 5.0 + col * size, 53.0 + row * size
    return box(x, y, x + size, y + size)


def geometries() -> dict[tuple[str, int], gpd.GeoDataFrame]:
    """Return fictional square layers per (level, year)."""
    gemeenten = gpd.GeoDataFrame(
        {
            "region_code": ["GM9901", "GM9902"],
            "level": "gemeente",
            "year": 2022,
            "name": ["Dorpum", "Súdwest-Fjildum"],
        },
        geometry=[box(5.0, 53.0, 5.2, 53.2), box(5.2, 53.0, 5.4, 53.2)],
        crs="EPSG:4326",
    )
    wijken = gpd.GeoDataFrame(
        {
            "region_code": ["WK990101", "WK990102", "WK990201"],
            "level": "wijk",
            "year": 2022,
            "name": ["Binnenstad", "Súdhoek", "Binnenstad"],
        },
        geometry=[box(5.0, 53.0, 5.1, 53.2), box(5.1, 53.0, 5.2, 53.2), box(5.2, 53.0, 5.4, 53.2)],
        crs="EPSG:4326",
    )
    return {("gemeente", 2022): gemeenten, ("wijk", 2022): wijken}


def _write_peers(folder: Path) -> None:
    """Write the fictional peer groups and their values (as `sq build` does)."""
    columns = ["region_code", "scope", "group_id", "level", "urbanity", "band_low"]
    columns += ["band_high", "gemeente_code", "members"]
    groups = pd.DataFrame(PEER_GROUPS, columns=columns).assign(group_year=2022)
    values = pd.DataFrame(
        PEER_VALUES, columns=["group_id", "year", "indicator_id", "value", "parts", "members"]
    )
    groups.to_parquet(folder / "peer_groups.parquet", index=False)
    values.to_parquet(folder / "peer_values.parquet", index=False)


def write_tiny_store(folder: Path, extra: Sequence[tuple] = ()) -> Store:
    """Write the fictional store to folder (same layout as `sq build`) and open it.

    `extra` adds observations in the shape of OBSERVATIONS (e.g. for a fictional indicator).
    """
    (folder / "geometries").mkdir(parents=True, exist_ok=True)
    regions = pd.DataFrame(
        [
            {
                "region_code": c,
                "name": n,
                "level": lv,
                "year": y,
                "gemeente_code": g,
                "provincie_code": p,
            }
            for c, n, lv, g, p in REGIONS
            for y in YEARS
        ]
    )
    observations = pd.DataFrame(
        [
            {
                "region_code": code,
                "year": year,
                "indicator_id": ind,
                "value": float("nan") if value is None else value,
                "suppressed": value is None,
                "estimate": est,
                "year_uncertain": False,
                "computed": comp,
                "source": "fictief",
                "note": "berekend" if comp else "",
            }
            for ind, code, year, value, est, comp in [*OBSERVATIONS, *extra]
        ]
    )
    changes = pd.DataFrame(BOUNDARY_CHANGES, columns=list(CHANGE_COLUMNS))
    regions.to_parquet(folder / "regions.parquet", index=False)
    observations.to_parquet(folder / "observations.parquet", index=False)
    changes.to_parquet(folder / "boundary_changes.parquet", index=False)
    for (level, year), layer in geometries().items():
        layer.to_parquet(folder / "geometries" / f"{level}_{year}.parquet", index=False)
    _write_peers(folder)
    (folder / "report.json").write_text(json.dumps({"fictief": True}), encoding="utf-8")
    (folder / "manifest.json").write_text(json.dumps({"fingerprint": "tiny"}), encoding="utf-8")
    return open_store(folder)
