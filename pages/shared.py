"""Streamlit glue shared by the pages: cached data, language, the selection in the URL.

Everything here is about rendering and state; the logic lives in `sq`.
"""

from __future__ import annotations

import os
from dataclasses import replace

import geopandas as gpd
import pandas as pd
import streamlit as st

from sq.catalogue import Catalogue, Indicator, condition, load_catalogue
from sq.i18n import t
from sq.store import Store, StoreMissingError, ensure_store, open_store
from sq.urlstate import DEFAULT_SELECTION, Selection, parse_selection, to_params

LANG_KEY = "taal"


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
    regions = store().regions.sort_values("year")
    return regions.drop_duplicates("region_code", keep="last").set_index("region_code")


def load_or_stop() -> Store:
    """Return the store, or show a Dutch message and stop the page when it cannot be built."""
    try:
        with st.spinner(t("app.store_building", language())):
            return store()
    except Exception as exc:  # the page must say what went wrong, never show a traceback
        st.error(t("app.store_error", language(), error=str(exc)))
        st.stop()
        raise


def language() -> str:
    """Return the interface language chosen by the visitor ('nl' unless ?taal=en)."""
    chosen = st.query_params.get(LANG_KEY) or st.session_state.get(LANG_KEY, "nl")
    return "en" if chosen == "en" else "nl"


def remember_language(lang: str) -> None:
    """Keep the language in the session and in the URL (only when not Dutch)."""
    st.session_state[LANG_KEY] = lang
    if lang == "en":
        st.query_params[LANG_KEY] = "en"
    elif LANG_KEY in st.query_params:
        del st.query_params[LANG_KEY]


def tiles_env() -> dict[str, str]:
    """Return the environment that configures optional basemap tiles."""
    return {k: v for k, v in os.environ.items() if k.startswith("SQ_TILES")}


def show_notices(notices: list[str]) -> None:
    """Show URL notices quietly (st.info renders no HTML)."""
    for notice in notices:
        st.info(notice)


def indicator_label(indicator: Indicator, lang: str) -> str:
    """Return 'Title · Condition' for select boxes."""
    cond = condition(indicator.condition)
    return f"{indicator.title(lang)} · {cond.title_en if lang == 'en' else cond.title_nl}"


def number_config(columns: list[str]) -> dict[str, object]:
    """Return column settings that show numbers in the visitor's locale, sortable."""
    return {c: st.column_config.NumberColumn(c, format="localized") for c in columns}


SEL_KEY = "selectie"
SCOPE_PARAM = "binnen"
SCOPE_DEFAULT = {"gemeente": "NL00", "wijk": "PV21", "buurt": "GM0080"}


@st.cache_resource(show_spinner=False)
def known_codes() -> frozenset[str]:
    """Return every region code in the store."""
    return frozenset(store().regions["region_code"])


@st.cache_resource(show_spinner=False)
def indicator_years() -> dict[str, list[int]]:
    """Return, per indicator, the years with any value (newest first)."""
    obs = store().observations
    with_value = obs[obs["value"].notna()]
    return {
        str(ind): sorted({int(y) for y in part["year"]}, reverse=True)
        for ind, part in with_value.groupby("indicator_id")
    }


def selection(current_store: Store, cat: Catalogue) -> tuple[Selection, list[str]]:
    """Return the shared selection (URL first, then this session), with Dutch notices."""
    lang = language()
    base: Selection = st.session_state.get(SEL_KEY, DEFAULT_SELECTION)
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    years = indicator_years()
    sel, notices = parse_selection(
        params,
        known_codes=set(known_codes()),
        indicator_ids=cat.ids(),
        years_for=lambda ind: years.get(ind, []),
        defaults=base,
        language=lang,
    )
    st.session_state[SEL_KEY] = sel
    scope = st.query_params.get(SCOPE_PARAM)
    if scope is not None:
        if scope in known_codes() and scope[:2] in ("NL", "PV", "GM"):
            st.session_state[SCOPE_PARAM] = scope
        else:
            notices.append(
                "De kaartkeuze uit de link kennen we niet; u ziet de standaardkaart."
                if lang == "nl"
                else "Unknown map area in the link; showing the default map."
            )
    _write_url()
    return sel, notices


def _write_url() -> None:
    """Put the session's selection into the URL, so the view can be shared as a link."""
    sel: Selection = st.session_state.get(SEL_KEY, DEFAULT_SELECTION)
    params = to_params(sel, DEFAULT_SELECTION)
    scope = st.session_state.get(SCOPE_PARAM)
    if scope and scope != SCOPE_DEFAULT.get(sel.level):
        params[SCOPE_PARAM] = scope
    if language() == "en":
        params[LANG_KEY] = "en"
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


def update_selection(**changes: object) -> Selection:
    """Change parts of the selection (area, indicator, year, level, scope, compare)."""
    sel: Selection = st.session_state.get(SEL_KEY, DEFAULT_SELECTION)
    names = {
        "area": "region_code",
        "indicator": "indicator_id",
        "year": "year",
        "level": "level",
        "compare": "compare",
    }
    fields = {names[k]: v for k, v in changes.items() if k in names}
    if "scope" in changes:
        st.session_state[SCOPE_PARAM] = changes["scope"]
    sel = replace(sel, **fields)
    st.session_state[SEL_KEY] = sel
    _write_url()
    return sel


def current_area() -> str | None:
    """Return the selected area's code."""
    sel: Selection = st.session_state.get(SEL_KEY, DEFAULT_SELECTION)
    return sel.region_code


def current_scope(level: str) -> str:
    """Return the map scope (NL00, a provincie or a gemeente) for a level."""
    scope = st.session_state.get(SCOPE_PARAM)
    if not scope:
        return SCOPE_DEFAULT.get(level, "NL00")
    allowed = ("NL", "PV") if level == "gemeente" else ("PV", "GM")
    valid = scope[:2] in allowed
    return scope if valid else SCOPE_DEFAULT.get(level, "NL00")


def remember_map_click(map_key: str) -> None:
    """Select the area the visitor clicked on the map (st_folium on_change callback)."""
    result = st.session_state.get(map_key) or {}
    properties = (result.get("last_active_drawing") or {}).get("properties") or {}
    code = properties.get("region_code")
    if isinstance(code, str) and code in known_codes():
        update_selection(area=code)


def area_name(code: str) -> str:
    """Return the latest name of an area (the code itself when unknown)."""
    regions = latest_regions()
    return str(regions["name"].get(code, code))


def scope_options(current_store: Store, level: str) -> dict[str, str]:
    """Return the areas a map of this level can show: NL, a provincie, or a gemeente."""
    regions = latest_regions()
    provinces = regions[regions["level"] == "provincie"]["name"].sort_values()
    options: dict[str, str] = {}
    if level == "gemeente":
        options["NL00"] = "Heel Nederland" if language() == "nl" else "All of the Netherlands"
    options.update({str(code): str(name) for code, name in provinces.items()})
    if level != "gemeente":
        gemeenten = regions[regions["level"] == "gemeente"]
        recent = gemeenten[gemeenten["year"] >= 2022]["name"].sort_values()
        options.update({str(code): f"{name} (gemeente)" for code, name in recent.items()})
    return options
