"""Adapter for `cbs-kwb-2020-gemeenten/`: CBS Kerncijfers wijken en buurten 2020, gemeenten.

``gemeenten_kwb2020.gpkg`` holds the boundaries (EPSG:4326) and all attributes; key ``GM_CODE``,
year 2020. Every numeric column is a variable named by its header as in the file, with one
repair: the stray C1 control character U+0092 (a cp1252 apostrophe read as latin-1, e.g.
"Aantal personenauto<U+0092>s rijdend op benzine") becomes the ASCII apostrophe that the other
headers use. ``H2O``, ``JRSTATCODE``, ``JAAR``, ``Shape_Leng`` and ``Shape_Area`` are
bookkeeping, not observations.
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

SOURCE: Final = "cbs-kwb-2020-gemeenten"
YEAR: Final = 2020
GPKG: Final = "gemeenten_kwb2020.gpkg"
_NON_VARIABLES: Final = frozenset(
    {"GM_CODE", "GM_NAAM", "H2O", "JRSTATCODE", "JAAR", "Shape_Leng", "Shape_Area"}
)
_HEADER_REPAIRS: Final = {"\x92": "'", "\u2019": "'"}


def clean_header(header: str) -> str:
    """Repair encoding debris in a column header (U+0092 -> apostrophe); keep the rest as is."""
    for bad, good in _HEADER_REPAIRS.items():
        header = header.replace(bad, good)
    return header


def read_kwb2020(folder: Path) -> SourceResult:
    """Read the KWB 2020 gemeente layer into a SourceResult."""
    folder = Path(folder)
    source = folder.name
    result = SourceResult(source=source)
    path = folder / GPKG
    if not path.is_file():
        result.files_skipped[GPKG] = "bestand ontbreekt"
        result.messages.append(f"Geen {GPKG} in {folder}.")
        return result
    frame = gpd.read_file(path, engine="pyogrio")
    repaired = {c: clean_header(c) for c in frame.columns if clean_header(c) != c}
    if repaired:
        frame = frame.rename(columns=repaired)
        result.messages.append(
            f"{GPKG}: {len(repaired)} kolomnamen met een los U+0092-teken;"
            " dat teken is vervangen door een apostrof."
        )
    codes = frame["GM_CODE"].map(clean_code)
    names = frame["GM_NAAM"].map(lambda n: n.strip() if isinstance(n, str) else None)
    keep = keep_mask(frame, codes, names, "Aantal inwoners")
    frame, codes, names = frame[keep], codes[keep], names[keep]
    result.regions = pd.DataFrame(
        {
            "region_code": codes.to_numpy(),
            "name": names.to_numpy(),
            "level": "gemeente",
            "year": YEAR,
            "gemeente_code": codes.map(gemeente_of).to_numpy(),
            "source": source,
        }
    ).loc[:, list(REGION_COLUMNS)]
    values = numeric_variables(frame, _NON_VARIABLES)
    years = pd.DataFrame({v: np.full(len(frame), YEAR) for v in values}, index=frame.index)
    obs = long_observations(codes, names, "gemeente", years, values)
    result.observations = (
        finish_observations(obs, source) if not obs.empty else empty_observations()
    )
    result.geometries = gpd.GeoDataFrame(
        geometry_frame(frame, codes, "gemeente", YEAR, source), crs=WEB_CRS
    )
    result.files_read.append(GPKG)
    return result


ADAPTERS: Final[dict[str, Callable[[Path], SourceResult]]] = {SOURCE: read_kwb2020}
