"""Adapter for `cbs-2022-wijken-gemeenten/`: CBS 2022 figures with boundaries (tmap's data).

``NLD_muni.gpkg`` (gemeenten) and ``NLD_dist.gpkg`` (wijken), EPSG:28992, year 2022. Every
numeric column becomes a variable under its own name (``employment_rate``, ``income_low`` ...);
the text column ``urbanity`` and the ``province`` name are not observations. The province name
of each gemeente is available through `province_names`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd

from sq.codes import clean_code, gemeente_of
from sq.ingest.geometry import WEB_CRS
from sq.ingest.sources.base import (
    REGION_COLUMNS,
    SourceResult,
    empty_observations,
    finish_observations,
)
from sq.ingest.sources.pdok import geometry_frame, keep_mask, long_observations, numeric_variables

SOURCE: Final = "cbs-2022-wijken-gemeenten"
YEAR: Final = 2022
FILES: Final = (("NLD_muni.gpkg", "gemeente"), ("NLD_dist.gpkg", "wijk"))
_NON_VARIABLES: Final = frozenset({"code", "name", "province", "urbanity"})


def _read_layer(path: Path) -> tuple[gpd.GeoDataFrame, pd.Series, pd.Series]:
    """Read one gpkg and return it with cleaned codes and names, water and Buitenland left out."""
    frame = gpd.read_file(path, engine="pyogrio")
    codes = frame["code"].map(clean_code)
    names = frame["name"].map(lambda n: n.strip() if isinstance(n, str) else None)
    keep = keep_mask(frame, codes, names, "population")
    return frame[keep], codes[keep], names[keep]


def read_cbs2022(folder: Path) -> SourceResult:
    """Read the 2022 gemeente and wijk layers into a SourceResult."""
    folder = Path(folder)
    source = folder.name
    result = SourceResult(source=source)
    regions, observations, geometries = [], [], []
    for filename, level in FILES:
        path = folder / filename
        if not path.is_file():
            result.files_skipped[filename] = "bestand ontbreekt"
            continue
        frame, codes, names = _read_layer(path)
        gm = codes.map(gemeente_of)
        regions.append(
            pd.DataFrame(
                {
                    "region_code": codes.to_numpy(),
                    "name": names.to_numpy(),
                    "level": level,
                    "year": YEAR,
                    "gemeente_code": gm.to_numpy(),
                    "source": source,
                }
            )
        )
        values = numeric_variables(frame, _NON_VARIABLES)
        years = pd.DataFrame({v: np.full(len(frame), YEAR) for v in values}, index=frame.index)
        observations.append(long_observations(codes, names, level, years, values))
        geometries.append(geometry_frame(frame, codes, level, YEAR, source))
        result.files_read.append(filename)
    if not regions:
        result.messages.append(f"Geen NLD_muni.gpkg of NLD_dist.gpkg in {folder}.")
        return result
    result.regions = pd.concat(regions, ignore_index=True).loc[:, list(REGION_COLUMNS)]
    obs = [o for o in observations if not o.empty]
    result.observations = (
        finish_observations(pd.concat(obs, ignore_index=True), source)
        if obs
        else empty_observations()
    )
    result.geometries = gpd.GeoDataFrame(pd.concat(geometries, ignore_index=True), crs=WEB_CRS)
    return result


def province_names(folder: Path) -> pd.DataFrame:
    """Return the province name per 2022 gemeente: columns region_code, province_name."""
    path = Path(folder) / "NLD_muni.gpkg"
    frame = gpd.read_file(path, engine="pyogrio", columns=["code", "province"], read_geometry=False)
    out = pd.DataFrame(
        {
            "region_code": frame["code"].map(clean_code),
            "province_name": frame["province"].map(
                lambda p: p.strip() if isinstance(p, str) else p
            ),
        }
    )
    return out.dropna().drop_duplicates("region_code").reset_index(drop=True)


ADAPTERS: Final[dict[str, Callable[[Path], SourceResult]]] = {SOURCE: read_cbs2022}


URBANITY_CLASSES: Final[dict[str, int]] = {
    "extremely urbanised": 1,
    "strongly urbanised": 2,
    "moderately urbanised": 3,
    "hardly urbanised": 4,
    "not urbanised": 5,
}
"""CBS mate van stedelijkheid: 1 zeer sterk stedelijk ... 5 niet stedelijk."""


def urbanity_classes(folder: Path) -> pd.DataFrame:
    """Return the 2022 urbanity class and inhabitants per gemeente and wijk.

    Columns region_code, level, urbanity (1-5), population; areas without a class are left out.
    """
    frames = []
    for filename, level in FILES:
        path = Path(folder) / filename.replace(".gpkg", ".csv")
        if not path.is_file():
            continue
        frame = pd.read_csv(path, usecols=["code", "urbanity", "population"], dtype=str)
        frames.append(
            pd.DataFrame(
                {
                    "region_code": frame["code"].map(clean_code),
                    "level": level,
                    "urbanity": frame["urbanity"].str.strip().map(URBANITY_CLASSES),
                    "population": pd.to_numeric(frame["population"], errors="coerce"),
                }
            )
        )
    if not frames:
        return pd.DataFrame({"region_code": [], "level": [], "urbanity": [], "population": []})
    out = pd.concat(frames, ignore_index=True).dropna(subset=["region_code", "urbanity"])
    out["urbanity"] = out["urbanity"].astype("int64")
    return out.drop_duplicates("region_code").reset_index(drop=True)
