"""Streamlit caches over the one store: data read once per server, builders cached per key."""

from __future__ import annotations

import os
from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from sq.analysis import mapdata
from sq.analysis.about import indicator_overview
from sq.analysis.search import build_search_index
from sq.catalogue import Catalogue, load_catalogue
from sq.remarks.db import (
    Remark,
)
from sq.store.export import store_zip
from sq.store.loader import Store, StoreMissingError, ensure_store, open_store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """Return the store, read once per server (built first when missing or stale)."""
    try:
        return open_store()
    except StoreMissingError:
        return ensure_store()


@st.cache_resource(show_spinner=False)
def catalogue() -> Catalogue:
    """Return the indicator catalogue, read once per server."""
    return load_catalogue()


@st.cache_resource(show_spinner=False, max_entries=24)
def geometry_layer(level: str, year: int) -> gpd.GeoDataFrame:
    """Return one simplified boundary layer, read once per server."""
    return store().geometries(level, year)


@st.cache_resource(show_spinner=False)
def latest_regions() -> pd.DataFrame:
    """Return the latest name, level and parents per region code."""
    return mapdata.latest_regions(store())


@st.cache_resource(show_spinner=False)
def known_codes() -> frozenset[str]:
    """Return every region code in the store."""
    return frozenset(store().regions["region_code"])


@st.cache_resource(show_spinner=False)
def indicator_years() -> dict[str, list[int]]:
    """Return, per indicator, the years with any value (newest first), once per server."""
    return mapdata.indicator_years(store())


def area_name(code: str) -> str:
    """Return the latest name of an area (the code itself when unknown)."""
    regions = latest_regions()
    return str(regions["name"].get(code, code))


@st.cache_resource(show_spinner=False)
def search_index(lang: str) -> pd.DataFrame:
    """Return the area search index, built once per server and language."""
    return build_search_index(store().regions, language=lang)


def public_url() -> str:
    """Return the address residents use (for QR codes and the PDF), from $SQ_PUBLIC_URL."""
    return os.environ.get("SQ_PUBLIC_URL", "http://localhost:8501")


@st.cache_data(show_spinner=False, max_entries=64)
def profile_pdf_bytes(code: str, lang: str, remarks: tuple[Remark, ...]) -> bytes:
    """Build the printable profile once per area, language and set of remarks."""
    from sq.render.pdf.profile import profile_pdf

    return profile_pdf(
        store(), catalogue(), code, list(remarks), public_url(), lang, today=date.today()
    )


@st.cache_resource(show_spinner=False)
def store_zip_bytes() -> bytes:
    """Return the whole store as zipped CSV, built once per server (on first download)."""
    return store_zip(store(), catalogue())


@st.cache_resource(show_spinner=False)
def indicator_overview_cached(lang: str) -> pd.DataFrame:
    """Return the about page's indicator overview, built once per server and language."""
    return indicator_overview(store(), catalogue(), lang)
