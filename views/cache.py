"""Streamlit caches over the one store: data read once per server, builders cached per key."""

from __future__ import annotations

import os
from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from sq.analysis import mapdata
from sq.analysis.about import indicator_overview
from sq.analysis.address import choose_base_url, client_is_local, parse_allowed_hosts
from sq.analysis.export import store_zip
from sq.analysis.search import build_search_index
from sq.catalogue import Catalogue, load_catalogue
from sq.remarks.model import Remark
from sq.remarks.own_figures import OwnFigure
from sq.store.loader import Store, open_store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    """Return the store, read once per server; never built inside a visitor's request.

    Raises StoreMissingError (not cached, so the next visitor retries) until `python -m sq build`
    (or scripts/serve.sh, which runs it first) has built it.
    """
    return open_store()


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


def public_url() -> str | None:
    """Return this visitor's base URL for QR codes and links; None when none can be trusted.

    $SQ_PUBLIC_URL when set, else the address the visitor's browser used (checked against
    $SQ_ALLOWED_HOSTS); computed per visitor, never cached across visitors.
    """
    headers = st.context.headers
    return choose_base_url(
        setting=os.environ.get("SQ_PUBLIC_URL"),
        browser_url=st.context.url,
        headers=headers,
        allowed_hosts=parse_allowed_hosts(os.environ.get("SQ_ALLOWED_HOSTS")),
        client_is_local=client_is_local(st.context.ip_address, headers),
        base_path=str(st.get_option("server.baseUrlPath") or ""),
    )


@st.cache_data(show_spinner=False, max_entries=32)
def profile_pdf_bytes(
    code: str,
    lang: str,
    remarks: tuple[Remark, ...],
    base_url: str | None,
    own_figures: tuple[OwnFigure, ...] = (),
) -> bytes:
    """Build the printable profile once per area, language, remarks and public address.

    The address is part of the key, so a visitor with a forged Host header only ever gets a
    PDF for their own request, never one another visitor downloads.
    """
    from sq.render.pdf.profile import profile_pdf

    return profile_pdf(
        store(),
        catalogue(),
        code,
        list(remarks),
        base_url,
        lang,
        today=date.today(),
        own_figures=own_figures,
    )


@st.cache_resource(show_spinner=False)
def store_zip_bytes() -> bytes:
    """Return the whole store as zipped CSV, built once per server (on first download)."""
    return store_zip(store(), catalogue())


@st.cache_resource(show_spinner=False)
def indicator_overview_cached(lang: str) -> pd.DataFrame:
    """Return the about page's indicator overview, built once per server and language."""
    return indicator_overview(store(), catalogue(), lang)
