"""Tiny fictional-data map page for the browser tests (GM9901 'Dorpum' and its wijken).

It draws through the same path as the Kaart page: the boundaries are written as a static,
content-hashed file (`sq.render.geoassets.write_layer`) and the map component gets only codes,
classes and labels (`sq.render.mapview.map_args`).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import streamlit as st
from shapely.geometry import box

from sq.render.geoassets import GEO_DIR, GEO_URL, write_layer
from sq.render.maps import LegendSpec
from sq.render.mapview import map_args
from views import mapcomponent

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


@st.cache_resource
def demo_geo_urls() -> list[str]:
    """Write the demo boundaries as a static file once per server; return its URL."""
    GEO_DIR.mkdir(parents=True, exist_ok=True)
    regions = pd.DataFrame(columns=["region_code", "year", "provincie_code"])
    files, _ = write_layer(demo_layer(), "proef", 2022, regions, GEO_DIR)
    return [f"{GEO_URL}/{name}" for name in files.values()]


def remember_click() -> None:
    """Store the clicked area before the rerun, so the new map already outlines it."""
    code = mapcomponent.clicked_code(st.session_state.get("kaart"))
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
args = map_args(
    layer.drop(columns="geometry"),
    spec,
    demo_geo_urls(),
    view="proef",
    selected=selected,
    height=520,
    texts={"map_label": "Kaart: Ernstig eenzaam", "failed": "De kaart kon niet worden geladen"},
)
result = mapcomponent.area_map(args, key="kaart", on_change=remember_click)
st.markdown(f"Aangeklikt gebied: **{mapcomponent.clicked_code(result) or 'geen'}**")
st.markdown(f"Geselecteerd gebied: **{selected or 'geen'}**")
