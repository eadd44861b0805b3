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
