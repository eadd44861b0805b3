"""Adapter for `pdok-gebieden/`: CBS/Kadaster Wijk- en Buurtkaart GeoJSON with key figures.

Files: ``gemeenten_YYYY.geojson``, ``wijken_YYYY.geojson`` and ``buurten_YYYY.geojson``.
Rules met in the real files:

- ``GM0998 Buitenland`` (and ``GM9999`` with a blank name in 2012: the same Belgian enclaves
  at Baarle) and wijk ``WK099899`` are not Dutch areas: left out.
- CBS gives every gemeente with open water a wijk ``WKgggg99`` named "Groot water" without
  inhabitants: a wijk/buurt whose folded name is "groot water" or "water" and whose
  ``aantal_inwoners`` is missing or 0 is left out.
- Crime counts ``cr_*`` have their year in ``cr_jaar``, health-care costs ``zk_*`` in ``zk_jaar``
  and land use (``pct_bebouwd`` ...) in ``bbg_peiljaar`` (2017 in the 2018-2024 files), read per
  row. When two files give the same (code, year, variable), the file of that year wins.
- Negative CBS sentinels (-99999999, -99997, ...) are missing and suppressed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio

from sq.codes import MISSING_TOKENS, clean_code, fold_name, gemeente_of, parse_series
from sq.ingest.geometry import WEB_CRS, make_valid
from sq.ingest.sources.base import (
    GEOMETRY_COLUMNS,
    REGION_COLUMNS,
    SourceResult,
    empty_observations,
    finish_observations,
)

SOURCE: Final = "pdok-gebieden"

SENTINEL_LIMIT: Final = -99995.0
"""CBS writes secret/missing as large negative numbers (-99995 ... -99999999): all missing."""

BUITENLAND_CODES: Final = frozenset({"GM0998", "GM9999", "WK099899"})

WATER_NAMES: Final = frozenset({"groot water", "water"})

_FILE_RE: Final = re.compile(r"^(gemeenten|wijken|buurten)_(\d{4})\.geojson$")

_KEYS: Final = {
    "gemeenten": ("gemeente", "gemeentecode", "gemeentenaam"),
    "wijken": ("wijk", "wijkcode", "wijknaam"),
    "buurten": ("buurt", "buurtcode", "buurtnaam"),
}

_BBG_VARIABLES: Final = frozenset(
    {
        "pct_bebouwd",
        "pct_agrarisch",
        "pct_natuur",
        "pct_recreatie",
        "opp_woonterrein_ha",
        "opp_bedrijventerrein_ha",
    }
)

_YEAR_COLUMNS: Final = {"cr_": "cr_jaar", "zk_": "zk_jaar"}

_NON_VARIABLES: Final = frozenset(
    {"cr_jaar", "zk_jaar", "bbg_peiljaar", "gemeentecode", "gemeentenaam", "wijkcode", "wijknaam"}
    | {"buurtcode", "buurtnaam", "geometry"}
)


def numeric_column(values: pd.Series) -> tuple[pd.Series, pd.Series] | None:
    """Parse one attribute column to floats with sentinels as NaN; None if it is not numeric."""
    if pd.api.types.is_bool_dtype(values):
        return None
    if pd.api.types.is_numeric_dtype(values):
        parsed = values.astype("float64")
    else:
        parsed, missing = parse_series(values)
        stated = values.notna() & ~values.astype(str).str.strip().isin(MISSING_TOKENS)
        if (missing & stated).any() or not (~missing).any():
            return None
    parsed = parsed.where(~(parsed <= SENTINEL_LIMIT))
    return parsed, parsed.isna()


def numeric_variables(frame: pd.DataFrame, exclude: Iterable[str]) -> dict[str, pd.Series]:
    """Return every numeric attribute column of a frame (sentinels as NaN), keyed by name."""
    skip = set(exclude)
    out: dict[str, pd.Series] = {}
    for column in frame.columns:
        if column in skip or column == getattr(frame, "_geometry_column_name", None):
            continue
        parsed = numeric_column(frame[column])
        if parsed is not None:
            out[str(column)] = parsed[0]
    return out


def long_observations(
    codes: pd.Series,
    names: pd.Series,
    level: str,
    years: pd.DataFrame,
    values: dict[str, pd.Series],
) -> pd.DataFrame:
    """Turn wide attribute columns into observation rows; `years` has one column per variable."""
    if not values:
        return empty_observations()
    parts = [
        pd.DataFrame(
            {
                "region_code": codes.to_numpy(),
                "region_name": names.to_numpy(),
                "level": level,
                "year": years[variable].to_numpy(),
                "variable": variable,
                "value": series.to_numpy(),
            }
        )
        for variable, series in values.items()
    ]
    out = pd.concat(parts, ignore_index=True)
    out["suppressed"] = out["value"].isna()
    return out


def geometry_frame(
    frame: gpd.GeoDataFrame, codes: pd.Series, level: str, year: int, source: str
) -> gpd.GeoDataFrame:
    """Return the contract's geometry frame in EPSG:4326 with valid polygons."""
    geo = gpd.GeoDataFrame(
        {"region_code": codes.to_numpy(), "level": level, "year": year, "source": source},
        geometry=frame.geometry.to_numpy(),
        crs=frame.crs if frame.crs is not None else WEB_CRS,
    )
    geo = make_valid(geo.to_crs(WEB_CRS))
    return geo.loc[:, list(GEOMETRY_COLUMNS)]


def metadata_years(path: Path) -> dict[str, int]:
    """Read the file-level year fields (cr_jaar, zk_jaar, bbg_peiljaar) from the GeoJSON header."""
    with path.open("rb") as handle:
        head = handle.read(65536).decode("utf-8", errors="replace")
    head = head.split('"features"', 1)[0]
    found = re.findall(r'"(cr_jaar|zk_jaar|bbg_peiljaar)"\s*:\s*"?(\d{4})', head)
    return {key: int(value) for key, value in found}


def _row_years(
    frame: pd.DataFrame, variables: Iterable[str], file_year: int, fallback: dict[str, int]
) -> pd.DataFrame:
    """Return the reporting year per row for each variable (cr_jaar, zk_jaar, bbg_peiljaar)."""

    def per_row(column: str) -> np.ndarray:
        default = fallback.get(column, file_year)
        if column not in frame:
            return np.full(len(frame), default, dtype="int64")
        years = pd.to_numeric(frame[column], errors="coerce")
        years = years.where((years > 1900) & (years < 2100))
        return years.fillna(default).astype("int64").to_numpy()

    out: dict[str, np.ndarray] = {}
    for variable in variables:
        column = next((c for p, c in _YEAR_COLUMNS.items() if variable.startswith(p)), None)
        if column is None and variable in _BBG_VARIABLES:
            column = "bbg_peiljaar"
        out[variable] = per_row(column) if column else np.full(len(frame), file_year, dtype="int64")
    return pd.DataFrame(out, index=frame.index)


def keep_mask(
    frame: pd.DataFrame, codes: pd.Series, names: pd.Series, inhabitants_column: str
) -> pd.Series:
    """Tell which rows are Dutch land areas (no Buitenland, no water-only wijk or buurt)."""
    inhabitants = (
        pd.to_numeric(frame[inhabitants_column], errors="coerce")
        if inhabitants_column in frame
        else pd.Series(np.nan, index=frame.index)
    )
    folded = names.fillna("").map(fold_name)
    water = folded.isin(WATER_NAMES) & (inhabitants.isna() | (inhabitants <= 0))
    buitenland = codes.isin(BUITENLAND_CODES) | (folded == "buitenland")
    return codes.notna() & ~water & ~buitenland


def read_geojson(path: Path, kind: str, year: int, source: str = SOURCE) -> SourceResult:
    """Read one gemeenten/wijken/buurten GeoJSON file into a SourceResult."""
    level, code_key, name_key = _KEYS[kind]
    result = SourceResult(source=source)
    frame = gpd.read_file(path, engine="pyogrio")
    if code_key not in frame:
        result.files_skipped[path.name] = f"kolom {code_key} ontbreekt"
        return result
    codes = frame[code_key].map(clean_code)
    names = frame[name_key].astype("object").where(frame[name_key].notna(), None)
    names = names.map(lambda n: n.strip() if isinstance(n, str) else n)
    keep = keep_mask(frame, codes, names, "aantal_inwoners")
    dropped = sorted({str(c) for c in codes[~keep].dropna()})
    if dropped:
        result.messages.append(
            f"{path.name}: {len(dropped)} gebieden weggelaten (buitenland of alleen water)."
        )
    frame, codes, names = frame[keep], codes[keep], names[keep]
    if "gemeentecode" in frame and level != "gemeente":
        gm = frame["gemeentecode"].map(clean_code)
        gm = gm.where(gm.notna(), codes.map(gemeente_of))
    else:
        gm = codes.map(gemeente_of)
    result.regions = pd.DataFrame(
        {
            "region_code": codes.to_numpy(),
            "name": names.to_numpy(),
            "level": level,
            "year": year,
            "gemeente_code": gm.to_numpy(),
            "source": source,
        }
    ).loc[:, list(REGION_COLUMNS)]
    variables = numeric_variables(frame, _NON_VARIABLES)
    years = _row_years(frame, variables, year, metadata_years(path))
    obs = long_observations(codes, names, level, years, variables)
    obs["file_year"] = year
    result.observations = obs
    invalid = int((~frame.geometry.is_valid).sum())
    if invalid:
        result.messages.append(f"{path.name}: {invalid} ongeldige geometrieën hersteld.")
    result.geometries = geometry_frame(frame, codes, level, year, source)
    result.files_read.append(path.name)
    return result


def _dedupe(obs: pd.DataFrame) -> pd.DataFrame:
    """Keep one row per (code, year, variable): the file of that year, else the latest file."""
    if obs.empty:
        return obs
    ranked = obs.assign(
        _own=(obs["file_year"] == obs["year"]).astype(int),
        _has=obs["value"].notna().astype(int),
    ).sort_values(["_own", "_has", "file_year"], ascending=False, kind="stable")
    kept = ranked.drop_duplicates(["region_code", "level", "year", "variable"], keep="first")
    return kept.drop(columns=["_own", "_has", "file_year"])


def read_pdok(folder: Path) -> SourceResult:
    """Read every gemeenten/wijken/buurten GeoJSON of the PDOK folder."""
    folder = Path(folder)
    source = folder.name
    result = SourceResult(source=source)
    parts: list[SourceResult] = []
    for path in sorted(folder.iterdir()) if folder.is_dir() else []:
        match = _FILE_RE.match(path.name)
        if not match:
            if path.is_file():
                result.files_skipped[path.name] = "geen gemeenten/wijken/buurten-bestand"
            continue
        try:
            parts.append(read_geojson(path, match.group(1), int(match.group(2)), source))
        except (pyogrio.errors.DataSourceError, ValueError, KeyError) as error:
            result.files_skipped[path.name] = f"niet te lezen: {error}"
    if not parts:
        result.messages.append(f"Geen bruikbare GeoJSON-bestanden in {folder}.")
        return result
    for part in parts:
        result.messages.extend(part.messages)
        result.files_read.extend(part.files_read)
        result.files_skipped.update(part.files_skipped)
    result.regions = pd.concat([p.regions for p in parts], ignore_index=True)
    obs = [p.observations for p in parts if not p.observations.empty]
    result.observations = (
        finish_observations(_dedupe(pd.concat(obs, ignore_index=True)), source)
        if obs
        else empty_observations()
    )
    geoms = [p.geometries for p in parts if p.geometries is not None]
    result.geometries = gpd.GeoDataFrame(pd.concat(geoms, ignore_index=True), crs=WEB_CRS)
    return result


ADAPTERS: Final[dict[str, Callable[[Path], SourceResult]]] = {SOURCE: read_pdok}
