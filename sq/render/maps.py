"""Choropleth maps of one indicator, served entirely from our own host.

`choropleth` returns a `folium.Map`; pages render it with::

    st_folium(m, key="kaart", height=560, use_container_width=True,
              returned_objects=["last_active_drawing"])

and read ``result["last_active_drawing"]["properties"]["region_code"]`` after a click. Names in
the returned properties are HTML-escaped (they feed the tooltip), so use the region code.
"""

from __future__ import annotations

import html
import json
import warnings
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement
from jinja2 import Template
from shapely.geometry.base import BaseGeometry

from sq.render import palettes
from sq.render.palettes import Direction
from sq.render.webassets import DEFAULT_BASE_URL, localize
from sq.text.formatting import decimals_for, format_number, format_value, shown_decimals
from sq.text.i18n import section

Language = str

PROPERTIES: Final = ("region_code", "name", "value_label", "nl_label")
"""The only feature properties that go into the map's GeoJSON."""

MISSING_PATTERN_ID: Final = "sq-missing-hatch"
NL_CENTRE: Final = (52.2, 5.3)


@dataclass(frozen=True)
class LegendSpec:
    """What the legend and tooltip say about the indicator on the map."""

    title: str
    unit: str
    year: int | str
    direction: Direction = "neutral"
    language: Language = "nl"
    source: str = ""


@dataclass(frozen=True)
class TileConfig:
    """An optional basemap: XYZ tile URL template, attribution and layer name."""

    url: str
    attribution: str
    name: str = "Achtergrondkaart"


PDOK_TILES: Final = TileConfig(
    url="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/grijs/EPSG:3857/{z}/{x}/{y}.png",
    attribution="Kaartgegevens © Kadaster",
    name="BRT-Achtergrondkaart (grijs)",
)
"""PDOK BRT-Achtergrondkaart, grey: set ``SQ_TILES=pdok`` (the map then loads tiles from PDOK)."""


def tiles_from_env(env: Mapping[str, str]) -> TileConfig | None:
    """Read the basemap from SQ_TILES (preset 'pdok') or SQ_TILES_URL/SQ_TILES_ATTRIBUTION."""
    preset = env.get("SQ_TILES", "").strip().lower()
    url = env.get("SQ_TILES_URL", "").strip()
    if url:
        attribution = env.get("SQ_TILES_ATTRIBUTION", "").strip()
        if not attribution:
            raise ValueError("SQ_TILES_URL needs SQ_TILES_ATTRIBUTION (credit the tile publisher)")
        if urlsplit(url).scheme not in ("http", "https"):
            raise ValueError(f"SQ_TILES_URL must be an http(s) URL template, got {url!r}")
        return TileConfig(url=url, attribution=attribution, name=env.get("SQ_TILES_NAME", "Tiles"))
    if preset in ("", "none", "off"):
        return None
    if preset == "pdok":
        return PDOK_TILES
    raise ValueError(f"unknown SQ_TILES preset {preset!r}; use 'pdok' or SQ_TILES_URL")


def value_label(value: float, spec: LegendSpec, source_decimals: object = None) -> str:
    """Return a value with its unit, or 'geen gegevens' for NaN (plain text, not escaped).

    With `source_decimals` the value shows no more decimals than its source published.
    """
    if value is None or pd.isna(value):
        return section("map", spec.language)["missing"]
    places = shown_decimals(spec.unit, float(value), source_decimals)
    return format_value(float(value), spec.unit, spec.language, places)


def class_breaks(values: pd.Series | np.ndarray, n_classes: int = 5) -> list[float]:
    """Return quantile class edges (min, ..., max) of the non-missing values; [] if none.

    The quantiles are mapclassify's ``Quantiles`` (the classification geopandas' ``explore``
    uses). Ties can merge classes; then the distinct values are split instead.
    """
    data = np.asarray(values, dtype="float64")
    data = data[~np.isnan(data)]
    if data.size == 0:
        return []
    distinct = np.unique(data)
    n_classes = min(n_classes, distinct.size)  # no more classes than distinct values
    if n_classes < 2:
        return [float(distinct[0]), float(distinct[0])]
    edges = _quantile_edges(data, n_classes)
    if len(edges) - 1 < n_classes:
        edges = _quantile_edges(distinct, n_classes)
    return edges


def _quantile_edges(data: np.ndarray, n_classes: int) -> list[float]:
    """Return min and mapclassify's quantile upper bounds, ties merged."""
    import mapclassify  # imported on first use: it pulls in scipy and scikit-learn (~3 s CPU)

    with warnings.catch_warnings():  # mapclassify warns when ties merge classes; we handle it
        warnings.simplefilter("ignore")
        bins = mapclassify.Quantiles(data, k=n_classes).bins
    return list(dict.fromkeys([float(data.min()), *(float(b) for b in bins)]))


def classify(values: pd.Series | np.ndarray, breaks: list[float]) -> np.ndarray:
    """Return the class index of each value (0 = lowest class), -1 for missing values."""
    data = np.asarray(values, dtype="float64")
    if not breaks:
        return np.full(data.shape, -1, dtype=int)
    classes = np.searchsorted(np.asarray(breaks[1:-1]), data, side="left")
    return np.where(np.isnan(data), -1, classes).astype(int)


def feature_style(colour: str | None) -> dict[str, Any]:
    """Return the Leaflet style of an area; None means 'geen gegevens' (hatched, dashed)."""
    if colour is None:
        return {
            "fillColor": f"url(#{MISSING_PATTERN_ID})",
            "fillOpacity": 1.0,
            "color": palettes.MISSING_LINE,
            "weight": 1.2,
            "dashArray": "4 3",
        }
    return {"fillColor": colour, "fillOpacity": 0.9, "color": palettes.OUTLINE, "weight": 0.8}


def _class_labels(breaks: list[float], spec: LegendSpec) -> list[str]:
    """Return 'low – high' labels for each class."""
    fmt = [format_number(b, decimals_for(spec.unit, b), spec.language) for b in breaks]
    return [f"{fmt[i]} – {fmt[i + 1]}" for i in range(len(breaks) - 1)]


_HATCH_SVG: Final = (
    '<svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false">'
    f'<defs><pattern id="{MISSING_PATTERN_ID}" patternUnits="userSpaceOnUse" width="6" '
    'height="6" patternTransform="rotate(45)"><rect width="6" height="6" fill="'
    f'{palettes.MISSING_FILL}"/><line x1="1" y1="0" x2="1" y2="6" stroke="'
    f'{palettes.MISSING_LINE}" stroke-width="1.5"/></pattern></defs></svg>'
)

_LEGEND_CSS: Final = (
    "<style>"
    ".leaflet-container{background:#f4f4f2;font-family:'Source Sans Pro',Arial,sans-serif}"
    ".sq-legend{background:#fff;color:#1a1a1a;padding:8px 10px;border-radius:4px;"
    "box-shadow:0 1px 4px rgba(0,0,0,.35);font-size:14px;line-height:1.35;max-width:240px}"
    ".sq-legend .sq-title{font-weight:600;margin-bottom:2px}"
    ".sq-legend .sq-sub{color:#404040;margin-bottom:6px}"
    ".sq-legend ul{list-style:none;margin:0;padding:0}"
    ".sq-legend li{display:flex;align-items:center;gap:6px;margin:2px 0}"
    ".sq-legend .sq-swatch{display:inline-block;width:20px;height:14px;flex:none;"
    "border:1px solid #767676}"
    ".sq-legend .sq-missing{border:1px dashed #5f5f5f}"
    ".leaflet-tooltip table{border-collapse:collapse;font-size:14px;color:#1a1a1a}"
    ".leaflet-tooltip th{text-align:left;padding-right:8px;font-weight:600}"
    "</style>"
)


def legend_html(spec: LegendSpec, breaks: list[float], colours: list[str]) -> str:
    """Build the legend's HTML; every text is escaped."""
    texts = section("map", spec.language)
    esc = html.escape
    unit = f"in {esc(spec.unit)}, " if spec.unit else ""
    direction = texts[spec.direction]
    rows = [
        f'<li><span class="sq-swatch" style="background:{colour}"></span>{esc(label)}</li>'
        for colour, label in zip(colours, _class_labels(breaks, spec), strict=True)
    ]
    rows.append(
        '<li><svg class="sq-swatch sq-missing" width="20" height="14" aria-hidden="true">'
        f'<rect width="20" height="14" fill="url(#{MISSING_PATTERN_ID})"/></svg>'
        f"{esc(texts['missing'])}</li>"
    )
    parts = [
        _LEGEND_CSS,
        _HATCH_SVG,
        f'<div class="sq-title">{esc(spec.title)}</div>',
        f'<div class="sq-sub">{unit}{esc(str(spec.year))}'
        + (f" · {esc(direction)}" if direction else "")
        + "</div>",
        f'<ul aria-label="{esc(texts["legend"])}">{"".join(rows)}</ul>',
    ]
    if spec.source:
        parts.append(f'<div class="sq-sub" style="margin:6px 0 0">{esc(spec.source)}</div>')
    return "".join(parts)


class Legend(MacroElement):
    """A Leaflet control holding our own legend HTML (no branca colormap, so no d3)."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
            var legend = L.control({position: "bottomright"});
            legend.onAdd = function () {
                var div = L.DomUtil.create("div", "sq-legend");
                div.innerHTML = {{ this.html_json }};
                L.DomEvent.disableClickPropagation(div);
                return div;
            };
            legend.addTo({{ this._parent.get_name() }});
            L.control.scale({imperial: false}).addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, legend: str) -> None:
        super().__init__()
        self._name = "Legend"
        self.html = legend
        self.html_json = json.dumps(legend).replace("<", "\\u003c").replace(">", "\\u003e")


def polygonal(geometry: BaseGeometry | None) -> BaseGeometry | None:
    """Keep only the polygon parts of a geometry (make_valid can add stray lines and points)."""
    if geometry is None or geometry.geom_type in ("Polygon", "MultiPolygon"):
        return geometry
    parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def _feature_collection(layer: gpd.GeoDataFrame, spec: LegendSpec) -> dict[str, Any]:
    """Build the GeoJSON with only the tooltip/click properties, names escaped."""
    frame = gpd.GeoDataFrame(
        {
            "region_code": layer["region_code"].astype(str).to_numpy(),
            "name": [html.escape("" if pd.isna(n) else str(n)) for n in layer["name"]],
            "value_label": [html.escape(value_label(v, spec)) for v in layer["value"]],
            "nl_label": [html.escape(value_label(v, spec)) for v in layer["nl_value"]],
        },
        geometry=[polygonal(g) for g in layer.geometry],
        crs=layer.crs,
    )
    collection = json.loads(frame.to_json(drop_id=True))
    for feature in collection["features"]:
        feature["id"] = feature["properties"]["region_code"]
    return collection


def selection_layer(layer: gpd.GeoDataFrame, selected_code: str | None) -> folium.FeatureGroup:
    """Outline the selected area: white halo under a black line, not clickable.

    Pass it to ``st_folium(..., feature_group_to_add=...)`` to outline a new selection without
    remounting the map (the map keeps its zoom and st_folium keeps its last click).
    """
    group = folium.FeatureGroup(name="selectie", control=False)
    chosen = layer.loc[layer["region_code"] == selected_code, ["geometry"]]
    if selected_code is None or chosen.empty:
        return group
    if chosen.crs is not None and chosen.crs.to_epsg() != 4326:
        chosen = chosen.to_crs(4326)
    data = json.loads(chosen.to_json(drop_id=True))
    for colour, weight in (("#ffffff", 6), (palettes.SELECTED_LINE, 3)):
        folium.GeoJson(
            data,
            style_function=lambda _f, c=colour, w=weight: {"color": c, "weight": w, "fill": False},
            interactive=False,
        ).add_to(group)
    return group


def _base_map(layer: gpd.GeoDataFrame, tiles: TileConfig | None) -> folium.Map:
    """Create an empty map without CDN links, fitted to the layer."""
    m = folium.Map(location=NL_CENTRE, zoom_start=7, tiles=None)
    if tiles is not None:
        folium.TileLayer(
            tiles=tiles.url, attr=html.escape(tiles.attribution), name=tiles.name
        ).add_to(m)
    if not layer.empty:
        minx, miny, maxx, maxy = layer.total_bounds
        m.fit_bounds([[float(miny), float(minx)], [float(maxy), float(maxx)]])
    return m


def choropleth(
    layer: gpd.GeoDataFrame,
    legend: LegendSpec,
    *,
    tiles: TileConfig | None = None,
    selected_code: str | None = None,
    base_url: str = DEFAULT_BASE_URL,
) -> folium.Map:
    """Build a classed choropleth of `layer['value']` with tooltip, legend and selection."""
    if layer.crs is not None and layer.crs.to_epsg() != 4326:
        layer = layer.to_crs(4326)
    breaks = class_breaks(layer["value"])
    colours = palettes.class_colours(legend.direction, max(len(breaks) - 1, 0))
    classes = classify(layer["value"], breaks)
    styles = {
        str(code): feature_style(colours[c] if c >= 0 else None)
        for code, c in zip(layer["region_code"], classes, strict=True)
    }
    texts = section("map", legend.language)
    m = _base_map(layer, tiles)
    folium.GeoJson(
        _feature_collection(layer, legend),
        name=html.escape(legend.title),
        style_function=lambda feature: styles[feature["properties"]["region_code"]],
        highlight_function=lambda _f: {"weight": 3, "color": palettes.SELECTED_LINE},
        tooltip=folium.GeoJsonTooltip(
            fields=["name", "value_label", "nl_label"],
            aliases=[html.escape(texts["area"]), html.escape(legend.title), texts["netherlands"]],
            sticky=True,
        ),
    ).add_to(m)
    if selected_code is not None:
        selection_layer(layer, selected_code).add_to(m)
    m.add_child(Legend(legend_html(legend, breaks, colours)))
    return localize(m, base_url)
