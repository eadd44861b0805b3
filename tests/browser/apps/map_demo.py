"""Tiny fictional-data map page for the browser tests (GM9901 'Dorpum' and its wijken)."""

from __future__ import annotations

import os

import geopandas as gpd
import numpy as np
import streamlit as st
from shapely.geometry import box
from streamlit_folium import st_folium

from sq.render.maps import LegendSpec, choropleth, selection_layer, tiles_from_env

NAMES = [
    "Dorpum-Noord",
    "Dorpum-Zuid",
    "<script>alert(1)</script>",
    "Veldhoek",
    "Oosterwaard",
    "Kleihuizen",
]
VALUES = [12.5, 18.25, 22.0, np.nan, 31.75, 9.5]


@st.cache_resource
def demo_layer() -> gpd.GeoDataFrame:
    """Six fictional square wijken in a 3x2 grid."""
    cells = [
        box(5.0 + 0.1 * (i % 3), 52.0 + 0.1 * (i // 3), 5.1 + 0.1 * (i % 3), 52.1 + 0.1 * (i // 3))
        for i in range(6)
    ]
    return gpd.GeoDataFrame(
        {
            "region_code": [f"WK9901{i:02d}" for i in range(1, 7)],
            "name": NAMES,
            "value": VALUES,
            "nl_value": [17.0] * 6,
        },
        geometry=cells,
        crs=4326,
    )


def clicked_code(result: dict | None) -> str | None:
    """Return the region code of the area the user clicked, from st_folium's result."""
    drawing = (result or {}).get("last_active_drawing") or {}
    return (drawing.get("properties") or {}).get("region_code")


def remember_click() -> None:
    """Store the clicked area before the rerun, so the new map already outlines it."""
    code = clicked_code(st.session_state.get("kaart"))
    if code:
        st.session_state["selected_code"] = code


st.set_page_config(page_title="Kaartproef Dorpum", layout="wide")
st.title("Kaartproef Dorpum")
spec = LegendSpec(
    title="Ernstig eenzaam",
    unit="%",
    year=2022,
    direction="lower_is_better",
    source="Bron: fictief",
)
selected = st.session_state.get("selected_code")
layer = demo_layer()
result = st_folium(
    choropleth(layer, spec, tiles=tiles_from_env(os.environ)),
    feature_group_to_add=selection_layer(layer, selected),
    key="kaart",
    height=520,
    use_container_width=True,
    returned_objects=["last_active_drawing"],
    on_change=remember_click,
)
st.markdown(f"Aangeklikt gebied: **{clicked_code(result) or 'geen'}**")
st.markdown(f"Geselecteerd gebied: **{selected or 'geen'}**")
