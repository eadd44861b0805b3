"""Benchmark app, the naive approach: raw PDOK GeoJSON, every attribute, `gdf.explore()`.

Only two concessions so that it renders offline at all: the map goes through
`sq.render.webassets.localize` (folium would load Leaflet etc. from CDNs) and ``legend=False`` (the
branca colour bar makes streamlit-folium load d3 from a CDN). ``tiles=None`` matches our maps,
which have no basemap by default. The store (for the values) is cached like in ours; the
boundaries are read from the raw file on every run.
"""

from __future__ import annotations

import os
import time

import streamlit as st
from streamlit_folium import st_folium

from bench import explore_shim
from bench.cases import case_from_env, naive_frame
from sq.render.webassets import localize
from sq.store.loader import Store, open_store

explore_shim.install()  # no-op when matplotlib and mapclassify are installed

if os.environ.get("BENCH_RUNLOG"):
    with open(os.environ["BENCH_RUNLOG"], "a", encoding="utf-8") as log:
        log.write(f"{time.time()}\n")


@st.cache_resource
def store() -> Store:
    return open_store()


st.set_page_config(page_title="Benchmark: naive", layout="wide")
case = case_from_env()
st.title(f"Naive: {case.label}")
gdf = naive_frame(store(), case)
m = gdf.explore(column="value", legend=False, tiles=None)
st_folium(localize(m), height=560, use_container_width=True)
