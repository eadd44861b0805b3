"""Generic adapter for a StatLine (OData v3) table on disk, as `sq fetch` writes it.

v4 folders (``cbs-odata4-*``) are pivoted to this frame by ``sources.odata_v4``.
A ``cbs-odata-<TABLE>/`` folder holds ``DataProperties.json``, ``data.csv`` (TypedDataSet),
optionally ``TableInfos.json``, ``fetched.json`` and one ``<Dimension>.json`` per dimension.
The same reader also fits an export with ``*meta*.csv`` (DataProperties as CSV) and
``*data*.csv`` (the mirror's ``cbs-kwb-2025-fryslan``).

Rules:

- DataProperties tell the geo dimension (``GeoDimension``/``GeoDetail``, or a dimension called
  WijkenEnBuurten/RegioS/Gemeenten...), the time dimension (``Perioden``), the other
  dimensions and the numeric Topics (String topics such as names and codes are labels).
- ``variable`` is the topic key plus ``|<dim>=<code>`` for every other dimension, in
  DataProperties order, e.g. ``Vrijwilligerswerk_33|Leeftijd=20300``.
- A ``Marges`` dimension keeps only the point estimate ``MW00000`` and is not part of the name.
- Periods ``2020JJ00`` give year 2020; other periods (quarters, months, multi-year) are skipped
  with a message. Without a time dimension the year is TableInfos ``Period`` or the GeoDetail
  ``MapYear``.
- Tables from ``dataderden.cbs.nl`` (RIVM and other third parties) are model estimates.
- Region codes the project does not know (landsdelen, COROP, GGD regions) are skipped with a
  count in the messages.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import numpy as np
import pandas as pd

from sq.codes import clean_code, gemeente_of, level_of, parse_series
from sq.ingest.sources.base import (
    REGION_COLUMNS,
    SourceResult,
    empty_observations,
    finish_observations,
)

FOLDER_PREFIX: Final = "cbs-odata-"
GEO_KEYS: Final = ("WijkenEnBuurten", "RegioS", "Gemeenten", "Regio", "Regios", "Gebieden")
TIME_KEYS: Final = ("Perioden", "Periode")
MARGIN_KEY: Final = "Marges"
POINT_ESTIMATE: Final = "MW00000"
ESTIMATE_HOSTS: Final = ("dataderden.cbs.nl",)
ESTIMATE_CATALOGS: Final = frozenset({"RIVM"})
NAME_COLUMNS: Final = ("Naam_gebied", "Regionaam", "Naam")
"""Extra label columns some exports carry next to the geo code."""

_YEAR_RE: Final = re.compile(r"^(\d{4})JJ00$")
_NUMERIC_TYPES: Final = frozenset(
    {"Double", "Float", "Long", "Integer", "Int", "Short", "Decimal", "Single", "Byte"}
)


@dataclass(frozen=True)
class TableLayout:
    """What DataProperties say about a table's columns."""

    geo: str
    time: str | None
    dimensions: tuple[str, ...]
    topics: tuple[str, ...]
    labels: tuple[str, ...]
    map_year: int | None


def _read_json_list(path: Path) -> list[dict[str, Any]]:
    """Read a JSON file that is a list of objects or an OData ``{"value": [...]}`` document."""
    document = json.loads(path.read_text(encoding="utf-8-sig"))
    if isinstance(document, dict):
        document = document.get("value", [])
    if not isinstance(document, list):
        raise ValueError(f"{path.name}: geen lijst")
    return [row for row in document if isinstance(row, dict)]


def _first(folder: Path, patterns: tuple[str, ...]) -> Path | None:
    """Return the first file in folder matching one of the glob patterns (in pattern order)."""
    for pattern in patterns:
        hits = sorted(p for p in folder.glob(pattern) if p.is_file())
        if hits:
            return hits[0]
    return None


def read_properties(folder: Path) -> list[dict[str, Any]] | None:
    """Read DataProperties from ``DataProperties*.json`` or a ``*meta*.csv``; None if absent."""
    path = _first(folder, ("DataProperties.json", "DataProperties*.json"))
    if path is not None:
        return _read_json_list(path)
    path = _first(folder, ("*meta*.csv",))
    if path is None:
        return None
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    return frame.to_dict("records")


def _as_year(raw: object) -> int | None:
    """Read a year from a number or text like '2025', '2025.0'; None otherwise."""
    match = re.match(r"^\s*(\d{4})(?:\.0+)?\s*$", str(raw if raw is not None else ""))
    return int(match.group(1)) if match else None


def table_layout(properties: list[dict[str, Any]]) -> TableLayout:
    """Classify DataProperties rows into geo, time, other dimensions, topics and labels."""
    geo: str | None = None
    time: str | None = None
    dimensions: list[str] = []
    topics: list[str] = []
    labels: list[str] = []
    map_year: int | None = None
    for prop in properties:
        kind = str(prop.get("Type") or "")
        key = str(prop.get("Key") or "").strip()
        if not key:
            continue
        if kind in ("GeoDimension", "GeoDetail") or (kind == "Dimension" and key in GEO_KEYS):
            geo = geo or key
            map_year = map_year or _as_year(prop.get("MapYear"))
        elif kind == "TimeDimension" or (kind == "Dimension" and key in TIME_KEYS):
            time = time or key
        elif kind == "Dimension":
            dimensions.append(key)
        elif kind == "Topic":
            datatype = str(prop.get("Datatype") or "")
            (topics if datatype in _NUMERIC_TYPES else labels).append(key)
    if geo is None:
        raise ValueError("geen regio-dimensie in DataProperties")
    return TableLayout(geo, time, tuple(dimensions), tuple(topics), tuple(labels), map_year)


def _read_meta(folder: Path, name: str) -> Any:
    """Read an optional JSON file of the folder; None when absent or unreadable."""
    path = folder / name
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError):
        return None


def is_estimate(folder: Path) -> bool:
    """Tell whether the table is a third-party model estimate (RIVM on dataderden.cbs.nl)."""
    fetched = _read_meta(folder, "fetched.json")
    if isinstance(fetched, dict) and str(fetched.get("host", "")) in ESTIMATE_HOSTS:
        return True
    infos = _read_meta(folder, "TableInfos.json")
    if isinstance(infos, dict):
        infos = infos.get("value", [])
    if isinstance(infos, list) and infos and isinstance(infos[0], dict):
        return str(infos[0].get("Catalog", "")).upper() in ESTIMATE_CATALOGS
    return False


def table_year(folder: Path, layout: TableLayout) -> int | None:
    """Return the reporting year of a table without a time dimension."""
    infos = _read_meta(folder, "TableInfos.json")
    if isinstance(infos, dict):
        infos = infos.get("value", [])
    if isinstance(infos, list) and infos and isinstance(infos[0], dict):
        year = _as_year(infos[0].get("Period"))
        if year is not None:
            return year
    return layout.map_year


def dimension_titles(folder: Path, key: str) -> dict[str, str]:
    """Return code -> title from a ``<Dimension>.json`` file (codes stripped), or {}."""
    path = folder / f"{key}.json"
    if not path.is_file():
        return {}
    try:
        rows = _read_json_list(path)
    except ValueError:
        return {}
    return {
        str(row.get("Key", "")).strip(): str(row.get("Title", "")).strip()
        for row in rows
        if row.get("Key") is not None
    }


def period_years(periods: pd.Series) -> pd.Series:
    """Map StatLine period codes to years: '2020JJ00' -> 2020, anything else -> <NA>."""
    extracted = periods.astype("object").map(
        lambda p: int(m.group(1)) if (m := _YEAR_RE.match(str(p).strip())) else None
    )
    return pd.array(extracted.tolist(), dtype="Int64")


def _safe_level(code: str | None) -> str | None:
    """Return the level of a code, None for codes the project does not know."""
    if code is None:
        return None
    try:
        return level_of(code)
    except ValueError:
        return None


def _region_names(
    frame: pd.DataFrame,
    codes: pd.Series,
    levels: pd.Series,
    titles: dict[str, str],
    layout: TableLayout,
) -> pd.Series:
    """Name every row's region: dimension titles, a name column, Gemeentenaam, else the code."""
    names = pd.Series(
        [titles.get(c) if c else None for c in codes], index=frame.index, dtype=object
    )
    for column in NAME_COLUMNS:
        if column in frame:
            extra = frame[column].astype("object").map(lambda v: str(v).strip() or None)
            names = names.where(names.notna(), extra)
    gm_name = next((c for c in layout.labels if c.startswith("Gemeentenaam")), None)
    if gm_name and gm_name in frame:
        extra = frame[gm_name].astype("object").map(lambda v: str(v).strip() or None)
        names = names.where(names.notna() | (levels != "gemeente"), extra)
    return names.where(names.notna(), codes.astype("object"))


def _variable_names(frame: pd.DataFrame, layout: TableLayout) -> pd.Series:
    """Return the per-row suffix ``|dim=code`` for every non-geo, non-time, non-margin dimension."""
    suffix = pd.Series("", index=frame.index, dtype=object)
    for dim in layout.dimensions:
        if dim == MARGIN_KEY or dim not in frame:
            continue
        suffix = suffix + f"|{dim}=" + frame[dim].astype("object").map(lambda v: str(v).strip())
    return suffix


def _frame_years(
    frame: pd.DataFrame, folder: Path, layout: TableLayout, messages: list[str]
) -> tuple[pd.DataFrame, pd.Series]:
    """Return the whole-year rows and their years (from the periods or the table's year)."""
    if layout.time and layout.time in frame:
        years = pd.Series(period_years(frame[layout.time]), index=frame.index)
        skipped = sorted({str(p).strip() for p in frame.loc[years.isna(), layout.time]})
        if skipped:
            messages.append(
                f"{len(skipped)} perioden overgeslagen die geen heel jaar zijn: "
                + ", ".join(skipped[:5])
                + (" ..." if len(skipped) > 5 else "")
            )
        return frame[years.notna()], years[years.notna()]
    year = table_year(folder, layout)
    if year is None:
        raise ValueError("geen jaar te vinden (geen Perioden, Period of MapYear)")
    return frame, pd.Series(year, index=frame.index, dtype="Int64")


def _known_regions(
    frame: pd.DataFrame, years: pd.Series, layout: TableLayout, messages: list[str]
) -> tuple[pd.DataFrame, pd.Series, pd.Series, pd.Series]:
    """Return frame, codes, levels and years of the rows whose area level is known."""
    codes = frame[layout.geo].map(clean_code)
    levels = codes.map(_safe_level)
    unknown = codes.notna() & levels.isna()
    if unknown.any():
        sample = ", ".join(sorted(set(codes[unknown]))[:5])
        messages.append(
            f"{int(unknown.sum())} rijen met een onbekend soort gebied overgeslagen ({sample})."
        )
    keep = levels.notna()
    return frame[keep], codes[keep], levels[keep], years[keep]


def _topic_observations(
    frame: pd.DataFrame,
    keys: pd.DataFrame,
    suffix: pd.Series,
    layout: TableLayout,
    messages: list[str],
) -> pd.DataFrame:
    """Return one long block per topic column; keys holds region_code/name, level and year."""
    missing_topics = [t for t in layout.topics if t not in frame]
    if missing_topics:
        messages.append(f"{len(missing_topics)} onderwerpen ontbreken in de data.")
    parts = []
    for topic in (t for t in layout.topics if t in frame):
        values, suppressed = parse_series(frame[topic])
        parts.append(
            pd.DataFrame(
                {
                    "region_code": keys["region_code"].to_numpy(dtype=object),
                    "region_name": keys["name"].to_numpy(dtype=object),
                    "level": keys["level"].to_numpy(dtype=object),
                    "year": keys["year"].to_numpy(dtype="int64"),
                    "variable": (topic + suffix).to_numpy(dtype=object),
                    "value": values.to_numpy(dtype="float64"),
                    "suppressed": suppressed.to_numpy(dtype=bool),
                }
            )
        )
    return pd.concat(parts, ignore_index=True) if parts else empty_observations().iloc[:, :7]


def observations_from_frame(
    frame: pd.DataFrame,
    folder: Path,
    layout: TableLayout,
    messages: list[str],
    titles: dict[str, str] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Turn a wide text frame into observations and regions; titles: geo code -> name."""
    if MARGIN_KEY in layout.dimensions and MARGIN_KEY in frame:
        margins = frame[MARGIN_KEY].astype("object").map(lambda v: str(v).strip())
        frame = frame[margins == POINT_ESTIMATE]
    frame, years = _frame_years(frame, folder, layout, messages)
    frame, codes, levels, years = _known_regions(frame, years, layout, messages)
    if titles is None:
        titles = dimension_titles(folder, layout.geo)
    names = _region_names(frame, codes, levels, titles, layout)
    keys = pd.DataFrame(
        {
            "region_code": codes.to_numpy(dtype=object),
            "name": names.to_numpy(dtype=object),
            "level": levels.to_numpy(dtype=object),
            "year": years.to_numpy(dtype="int64"),
        }
    )
    observations = _topic_observations(
        frame, keys, _variable_names(frame, layout), layout, messages
    )
    regions = keys.drop_duplicates(["region_code", "year"]).reset_index(drop=True)
    regions["gemeente_code"] = regions["region_code"].map(gemeente_of)
    return observations, regions


def read_odata_folder(folder: Path) -> SourceResult:
    """Read one StatLine table folder (``cbs-odata-<TABLE>`` or the same shape) into a result."""
    folder = Path(folder)
    source = folder.name
    result = SourceResult(source=source)
    try:
        properties = read_properties(folder)
    except (OSError, ValueError) as error:
        result.messages.append(f"{source}: DataProperties niet te lezen ({error}).")
        return result
    data_path = _first(folder, ("data.csv", "*data*.csv"))
    if properties is None or data_path is None:
        result.messages.append(f"{source}: DataProperties of data.csv ontbreekt; overgeslagen.")
        return result
    try:
        layout = table_layout(properties)
    except ValueError as error:
        result.messages.append(f"{source}: {error}; overgeslagen.")
        return result
    try:
        frame = pd.read_csv(
            data_path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig"
        )
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        result.files_skipped[data_path.name] = f"niet te lezen: {error}"
        return result
    return result_from_frame(result, frame, folder, layout, data_path.name)


def result_from_frame(
    result: SourceResult,
    frame: pd.DataFrame,
    folder: Path,
    layout: TableLayout,
    file_name: str,
    titles: dict[str, str] | None = None,
) -> SourceResult:
    """Fill a SourceResult from a wide text frame of one table (shared by v3 and v4)."""
    source = result.source
    if layout.geo not in frame:
        result.files_skipped[file_name] = f"kolom {layout.geo} ontbreekt"
        return result
    try:
        observations, regions = observations_from_frame(
            frame, folder, layout, result.messages, titles
        )
    except ValueError as error:
        result.files_skipped[file_name] = str(error)
        return result
    result.files_read.append(file_name)
    estimate = is_estimate(folder)
    if observations.empty:
        result.messages.append(f"{source}: geen waarnemingen gevonden.")
        return result
    result.observations = finish_observations(observations, source, estimate=estimate)
    regions["source"] = source
    regions["year"] = regions["year"].astype("int64")
    result.regions = regions.loc[:, list(REGION_COLUMNS)]
    n_missing = int(np.count_nonzero(result.observations["suppressed"]))
    if n_missing:
        result.messages.append(f"{source}: {n_missing} cellen zonder waarde (geen gegevens).")
    return result
