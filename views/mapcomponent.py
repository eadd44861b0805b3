"""The map page's own Streamlit component (views/sqmap/): the map and its sortable table.

One small frontend, no build step, in two modes: ``map`` draws the static boundary files of
`sq.render.geoassets` with our own Leaflet and colours them from the arguments of
`sq.render.mapview.map_args`; ``table`` shows the same numbers as an HTML table.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st
import streamlit.components.v1 as components

from sq.analysis import mapdata
from sq.render.geoassets import GeoManifest, export_layers
from views import cache

FRONTEND = Path(__file__).resolve().parent / "sqmap"
_component = components.declare_component("sq_map", path=str(FRONTEND))
_table = components.declare_component("sq_table", path=str(FRONTEND))  # same frontend


@st.cache_resource(show_spinner=False)
def geo_manifest() -> GeoManifest:
    """Write the static boundary files once per server (skipped when already up to date)."""
    return export_layers(cache.store())


def area_map(args: dict[str, Any], key: str, on_change: Callable[[], None]) -> Any:
    """Show the map; return the last click ``{"code": ..., "at": ...}`` or None."""
    return _component(**args, key=key, default=None, on_change=on_change)


def area_table(args: dict[str, Any], key: str) -> None:
    """Show the sortable table beside the map."""
    _table(**args, key=key, default=None)


def clicked_code(value: Any) -> str | None:
    """Return the region code in a map click value, or None."""
    code = value.get("code") if isinstance(value, dict) else None
    return code if isinstance(code, str) else None


@st.cache_resource(show_spinner=False, max_entries=64)
def map_view(
    indicator_id: str, year: int, level: str, scope: str, geometry_year: int | None
) -> mapdata.MapView:
    """Return one map view (table and drawn areas), computed once per server and choice.

    The store does not change while the server runs; joining the observations costs ~0.8 s of
    CPU per run, which every visitor of the landing page would otherwise wait for.
    """
    layer = cache.geometry_layer(level, geometry_year) if geometry_year else None
    return mapdata.map_view(cache.store(), indicator_id, year, level, scope, layer, geometry_year)


@st.cache_resource(show_spinner=False, max_entries=256)
def levels_for(indicator_id: str) -> list[str]:
    """Return the map levels with values for an indicator, once per server."""
    return mapdata.levels_for(cache.store(), indicator_id)


@st.cache_resource(show_spinner=False, max_entries=256)
def years_for(indicator_id: str, level: str) -> list[int]:
    """Return the years with values for an indicator at a level, once per server."""
    return mapdata.years_for(cache.store(), indicator_id, level)
