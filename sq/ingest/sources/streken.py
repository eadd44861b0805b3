"""Adapter for `fryslan-streken/`: Fries Sociaal Planbureau gemeenten and "streken".

``geo.json`` is not a FeatureCollection but ``{"Gemeente": [features], "Streek": [features]}``
with properties ``regio_code``/``regio_label``. Streek codes are empty, so membership of a
gemeente in a streek is found spatially (the streek that holds its representative point).
The gemeente list has no year: regions carry the year of the file's indeling, taken as
`INDELING_YEAR` (the 18 gemeenten exist from 2019 on).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Final

import geopandas as gpd
import pandas as pd

from sq.codes import clean_code, gemeente_of
from sq.ingest.geometry import WEB_CRS, make_valid
from sq.ingest.sources.base import REGION_COLUMNS, SourceResult

SOURCE: Final = "fryslan-streken"
FILENAME: Final = "geo.json"
INDELING_YEAR: Final = 2019


def _features(folder: Path, group: str) -> gpd.GeoDataFrame:
    """Return the features of one group ('Gemeente' or 'Streek') as a GeoDataFrame."""
    data = json.loads((Path(folder) / FILENAME).read_text(encoding="utf-8"))
    features = data.get(group, []) if isinstance(data, dict) else []
    if not features:
        return gpd.GeoDataFrame({"regio_code": [], "regio_label": []}, geometry=[], crs=WEB_CRS)
    frame = gpd.GeoDataFrame.from_features(features, crs=WEB_CRS)
    return make_valid(frame)


def read_streken(folder: Path) -> SourceResult:
    """Read the Frisian gemeenten listed in geo.json as regions (no observations)."""
    folder = Path(folder)
    result = SourceResult(source=folder.name)
    if not (folder / FILENAME).is_file():
        result.files_skipped[FILENAME] = "bestand ontbreekt"
        return result
    gemeenten = _features(folder, "Gemeente")
    codes = gemeenten["regio_code"].map(clean_code)
    result.regions = (
        pd.DataFrame(
            {
                "region_code": codes.to_numpy(),
                "name": gemeenten["regio_label"].astype(str).str.strip().to_numpy(),
                "level": "gemeente",
                "year": INDELING_YEAR,
                "gemeente_code": codes.map(lambda c: gemeente_of(c) if c else None).to_numpy(),
                "source": result.source,
            }
        )
        .dropna(subset=["region_code"])
        .loc[:, list(REGION_COLUMNS)]
    )
    result.files_read.append(FILENAME)
    result.messages.append(
        f"{FILENAME}: {len(result.regions)} Friese gemeenten; het jaar van de indeling staat niet"
        f" in het bestand (gelezen als {INDELING_YEAR})."
    )
    return result


ADAPTERS: Final[dict[str, Callable[[Path], SourceResult]]] = {SOURCE: read_streken}
