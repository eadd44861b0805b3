"""The arguments of the map component (views/sqmap): codes, classes and labels, no geometry.

The shapes come from the static files of `sq.render.geoassets`; what crosses Streamlit's
websocket is only, per area, ``[name, value label, class]`` plus the legend, so changing the
indicator or the year restyles the open map in place. Labels are plain text (the component
inserts them with ``textContent``); the legend HTML is built by `sq.render.maps.legend_html`,
which escapes every text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from sq.render import palettes
from sq.render.maps import LegendSpec, class_breaks, classify, legend_html, value_label
from sq.text.i18n import section


def map_args(
    layer: pd.DataFrame,
    legend: LegendSpec,
    geo_urls: list[str],
    *,
    view: str,
    selected: str | None = None,
    height: int = 560,
    texts: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Return the component arguments for one map: a value table per region code.

    `layer` needs region_code, name, value and nl_value (one row per area drawn); `view`
    names the extent (level, year, scope): the map refits only when it changes.
    """
    breaks = class_breaks(layer["value"])
    colours = palettes.class_colours(legend.direction, max(len(breaks) - 1, 0))
    classes = classify(layer["value"], breaks)
    names = ["" if pd.isna(n) else str(n) for n in layer["name"]]
    places = layer["decimals"] if "decimals" in layer else [None] * len(layer)
    labels = [value_label(v, legend, p) for v, p in zip(layer["value"], places, strict=True)]
    areas = {
        str(code): [name, label, int(cls)]
        for code, name, label, cls in zip(layer["region_code"], names, labels, classes, strict=True)
    }
    nl = layer["nl_value"].dropna()
    base = section("map", legend.language)
    return {
        "mode": "map",
        "geo": list(geo_urls),
        "view": view,
        "height": int(height),
        "areas": areas,
        "colours": list(colours),
        "nl_label": value_label(float(nl.iloc[0]) if len(nl) else np.nan, legend),
        "legend_html": legend_html(legend, breaks, list(colours)),
        "selected": selected if selected in areas else None,
        "outline": palettes.OUTLINE,
        "missing_line": palettes.MISSING_LINE,
        "selected_line": palettes.SELECTED_LINE,
        "texts": {
            "area": base["area"],
            "title": legend.title,
            "netherlands": base["netherlands"],
            "missing": base["missing"],
            **(texts or {}),
        },
    }


def table_args(
    display: pd.DataFrame,
    number_columns: list[str],
    caption: str,
    *,
    code_column: str,
    selected: str | None,
    formatter: Any,
    places: Mapping[str, Sequence[object]] | None = None,
) -> dict[str, Any]:
    """Return the component arguments for the sortable table beside the map.

    Numeric cells are ``[text, number or None]`` (shown as text, sorted by number);
    `formatter(value, decimals)` turns a number (or NaN) into its text; `places` gives a
    column's source decimals per row (None where not known).
    """
    columns = [{"label": str(c), "numeric": c in number_columns} for c in display.columns]
    rows = []
    places = places or {}
    for n, record in enumerate(display.itertuples(index=False)):
        row: list[Any] = []
        for column, cell in zip(display.columns, record, strict=True):
            if column in number_columns:
                number = None if pd.isna(cell) else float(cell)
                own = places.get(column)
                row.append([formatter(cell, None if own is None else own[n]), number])
            else:
                row.append("" if pd.isna(cell) else str(cell))
        rows.append(row)
    return {
        "mode": "table",
        "columns": columns,
        "rows": rows,
        "caption": caption,
        "code_column": list(display.columns).index(code_column),
        "selected": selected,
    }
