"""Adapter for an OData v4 table on disk (``cbs-odata4-<TABLE>/``, as `sq fetch` writes it).

v4 is long (one row per measure and cell, empty cells left out). The reader pivots it to the
wide v3 shape, one column per measure, with an absent cell as an empty one, and then applies the
v3 rules of :mod:`sq.ingest.sources.odata` unchanged: the same regions, years, values and
missing cells. Variables are ``<Measure>|<Dimension>=<code>``, where Measure is the v4
measure code (v4 has no v3 topic keys).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import pandas as pd

from sq.ingest.sources.base import SourceResult
from sq.ingest.sources.odata import GEO_KEYS, TIME_KEYS, TableLayout, result_from_frame

FOLDER_PREFIX_V4: Final = "cbs-odata4-"
DATA_FILE: Final = "observations.csv"
_GEO_KINDS: Final = frozenset({"GeoDimension", "GeoDetail"})


def _json_list(path: Path) -> list[dict[str, Any]]:
    """Read a JSON list of objects (or an OData ``{"value": [...]}``); ValueError otherwise."""
    document = json.loads(path.read_text(encoding="utf-8-sig"))
    if isinstance(document, dict):
        document = document.get("value", [])
    if not isinstance(document, list):
        raise ValueError(f"{path.name}: geen lijst")
    return [row for row in document if isinstance(row, dict)]


def layout_v4(dimensions: list[dict[str, Any]], measures: list[dict[str, Any]]) -> TableLayout:
    """Classify v4 Dimensions (Kind) and MeasureCodes into the v3 TableLayout."""
    geo = time = None
    others: list[str] = []
    for dim in dimensions:
        key, kind = str(dim.get("Identifier") or ""), str(dim.get("Kind") or "")
        if not key:
            continue
        if geo is None and (kind in _GEO_KINDS or key in GEO_KEYS):
            geo = key
        elif time is None and (kind == "TimeDimension" or key in TIME_KEYS):
            time = key
        else:
            others.append(key)
    if geo is None:
        raise ValueError("geen regio-dimensie in Dimensions")
    topics = tuple(str(m["Identifier"]) for m in measures if m.get("Identifier"))
    return TableLayout(geo, time, tuple(others), topics, (), None)


def wide_frame(long: pd.DataFrame, layout: TableLayout) -> pd.DataFrame:
    """Pivot v4 observations to one text column per measure; absent cells become ''."""
    keys = [k for k in (layout.geo, layout.time, *layout.dimensions) if k]
    missing = [k for k in [*keys, "Measure", "Value"] if k not in long]
    if missing:
        raise ValueError(f"kolom(men) {', '.join(missing)} ontbreken")
    wide = long.pivot_table(
        index=keys, columns="Measure", values="Value", aggfunc="first", sort=False
    )
    wide = wide.reindex(columns=[t for t in layout.topics if t in wide.columns])
    return wide.fillna("").reset_index().astype(str)


def code_titles(folder: Path, key: str) -> dict[str, str]:
    """Return code -> title of one dimension from ``<key>Codes.json``, or {}."""
    path = folder / f"{key}Codes.json"
    try:
        rows = _json_list(path) if path.is_file() else []
    except ValueError:
        return {}
    return {
        str(r.get("Identifier", "")).strip(): str(r.get("Title", "")).strip()
        for r in rows
        if r.get("Identifier") is not None
    }


def read_odata4_folder(folder: Path) -> SourceResult:
    """Read one OData v4 table folder into a result, by the same rules as a v3 folder."""
    folder = Path(folder)
    result = SourceResult(source=folder.name)
    data_path = folder / DATA_FILE
    try:
        layout = layout_v4(
            _json_list(folder / "Dimensions.json"), _json_list(folder / "MeasureCodes.json")
        )
        long = pd.read_csv(
            data_path, dtype=str, keep_default_na=False, na_filter=False, encoding="utf-8-sig"
        )
        frame = wide_frame(long, layout)
    except (OSError, ValueError, pd.errors.ParserError, UnicodeDecodeError) as error:
        result.messages.append(f"{folder.name}: niet te lezen ({error}); overgeslagen.")
        return result
    titles = code_titles(folder, layout.geo)
    return result_from_frame(result, frame, folder, layout, DATA_FILE, titles)
