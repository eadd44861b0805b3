"""The contract every source adapter fulfils.

An adapter reads one folder of the raw mirror *as it is* and returns a `SourceResult`:

- ``observations``: one row per region, year and source variable, with columns
  ``OBSERVATION_COLUMNS``. ``variable`` is the source's own column name (e.g.
  ``arbeidsparticipatie`` or ``Vrijwilligerswerk_33``); the indicator catalogue maps
  ``(source, variable)`` to indicators. Missing cells stay as rows with ``value`` NaN and
  ``suppressed`` True. Rows from sources that name regions without codes carry
  ``region_code`` None and their ``region_name``; the build matches them to codes of the same
  year and lists the names it cannot match.
- ``regions``: which codes exist in which year, with their names (``REGION_COLUMNS``).
- ``geometries``: a GeoDataFrame in EPSG:4326 with ``GEOMETRY_COLUMNS`` or None.
- ``messages``: plain sentences for the build report (skipped files, quirks met).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

import geopandas as gpd
import pandas as pd

OBSERVATION_COLUMNS: Final = (
    "region_code",  # str | None: stripped CBS code, NL00 for the Netherlands
    "region_name",  # str: name as the source gives it
    "level",  # land/provincie/gemeente/wijk/dorp/buurt
    "year",  # int: reporting year (peiljaar) of the figure
    "source",  # str: source id = folder name in the mirror
    "variable",  # str: the source's own column/measure name
    "value",  # float, NaN when missing
    "suppressed",  # bool: the source gave '.', 'NA' or empty
    "estimate",  # bool: model estimate (RIVM small-area estimates)
    "year_uncertain",  # bool: the source does not state the year; `year` is our best reading
)

REGION_COLUMNS: Final = (
    "region_code",  # str
    "name",  # str
    "level",  # str
    "year",  # int: a year in which this code exists with this name (indeling)
    "gemeente_code",  # str | None
    "source",  # str
)

GEOMETRY_COLUMNS: Final = ("region_code", "level", "year", "source", "geometry")


def empty_observations() -> pd.DataFrame:
    """Return an empty observation frame with the contract's columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in OBSERVATION_COLUMNS})


def empty_regions() -> pd.DataFrame:
    """Return an empty region frame with the contract's columns."""
    return pd.DataFrame({c: pd.Series(dtype="object") for c in REGION_COLUMNS})


@dataclass
class SourceResult:
    """What one adapter read from one source folder."""

    source: str
    observations: pd.DataFrame = field(default_factory=empty_observations)
    regions: pd.DataFrame = field(default_factory=empty_regions)
    geometries: gpd.GeoDataFrame | None = None
    messages: list[str] = field(default_factory=list)
    files_read: list[str] = field(default_factory=list)
    files_skipped: dict[str, str] = field(default_factory=dict)


def finish_observations(
    frame: pd.DataFrame, source: str, *, estimate: bool = False, year_uncertain: bool = False
) -> pd.DataFrame:
    """Fill defaults and order/cast columns so every adapter returns the same shape."""
    out = frame.copy()
    out["source"] = source
    if "estimate" not in out:
        out["estimate"] = estimate
    if "year_uncertain" not in out:
        out["year_uncertain"] = year_uncertain
    if "suppressed" not in out:
        out["suppressed"] = out["value"].isna()
    if "region_name" not in out:
        out["region_name"] = None
    out["value"] = pd.to_numeric(out["value"], errors="coerce").astype("float64")
    out["year"] = out["year"].astype("int64")
    for flag in ("suppressed", "estimate", "year_uncertain"):
        out[flag] = out[flag].astype(bool)
    return out.loc[:, list(OBSERVATION_COLUMNS)].reset_index(drop=True)
