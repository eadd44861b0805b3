"""Benchmark app, our approach: cached simplified store layer, 4 properties, `choropleth`.

Started by bench/map_benchmark.py with BENCH_CASE (gemeenten / fryslan_wijken) and
BENCH_RUNLOG (a file that gets one line per script run).
"""

from __future__ import annotations

import os
import time

import geopandas as gpd
import streamlit as st
from streamlit_folium import st_folium

from bench.cases import CASES, case_from_env, our_geometry, our_layer
from sq.render.maps import choropleth
from sq.store.loader import Store, open_store

if os.environ.get("BENCH_RUNLOG"):
    with open(os.environ["BENCH_RUNLOG"], "a", encoding="utf-8") as log:
        log.write(f"{time.time()}\n")


@st.cache_resource
def store() -> Store:
    return open_store()


@st.cache_resource
def geometry(key: str) -> gpd.GeoDataFrame:
    return our_geometry(store(), CASES[key])


st.set_page_config(page_title="Benchmark: ours", layout="wide")
case = case_from_env()
st.title(f"Ours: {case.label}")
layer = our_layer(store(), case, geometry(case.key))
st_folium(
    choropleth(layer, case.spec),
    key="kaart",
    height=560,
    use_container_width=True,
    returned_objects=["last_active_drawing"],
)
