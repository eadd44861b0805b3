"""Streamlit glue shared by the pages: cached data, language, the selection in the URL.

Everything here is about rendering and state; the logic lives in `sq`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import date

import geopandas as gpd
import pandas as pd
import streamlit as st

from sq.analysis import mapdata
from sq.analysis.about import indicator_overview
from sq.analysis.search import build_search_index, search_regions
from sq.analysis.selection import DEFAULT_SELECTION, Selection, parse_selection, to_params
from sq.catalogue import Catalogue, Indicator, condition, load_catalogue
from sq.remarks.db import (
    CONDITION_LABELS,
    Remark,
    RemarkError,
    RemarksSettings,
    RemarksStore,
    check_passphrase,
    remarks_settings,
)
from sq.render.chart_export import chart_png
from sq.store.export import region_rows, store_zip
from sq.store.loader import Store, StoreMissingError, ensure_store, open_store
from sq.text.i18n import t

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
    return mapdata.latest_regions(store())


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
MAX_PASSPHRASE_TRIES = 5
SCOPE_PARAM = "binnen"
SCOPE_DEFAULT = {"gemeente": "NL00", "wijk": "PV21", "buurt": "GM0080"}


@st.cache_resource(show_spinner=False)
def known_codes() -> frozenset[str]:
    """Return every region code in the store."""
    return frozenset(store().regions["region_code"])


@st.cache_resource(show_spinner=False)
def indicator_years() -> dict[str, list[int]]:
    """Return, per indicator, the years with any value (newest first), once per server."""
    return mapdata.indicator_years(store())


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


def scope_options(level: str) -> dict[str, str]:
    """Return what a map of this level can show (see sq.analysis.mapdata.scope_options)."""
    return mapdata.scope_options(latest_regions(), level, language())


@st.cache_resource(show_spinner=False)
def search_index(lang: str) -> pd.DataFrame:
    """Return the area search index, built once per server and language."""
    return build_search_index(store().regions, language=lang)


def area_picker(key: str, label_key: str = "search.label") -> str | None:
    """Let the visitor find an area by typing part of its name; select it when chosen."""
    lang = language()
    query = st.text_input(
        t(label_key, lang),
        placeholder=t("search.placeholder", lang),
        key=f"{key}-query",
        max_chars=60,
    )
    if not query.strip():
        return None
    found = search_regions(search_index(lang), query, limit=30)
    if found.empty:
        st.caption(t("search.none", lang, query=query[:40]))
        return None
    labels = dict(zip(found["region_code"], found["label"], strict=True))
    choice = st.selectbox(
        t("search.choose", lang),
        list(labels),
        index=None,
        format_func=lambda code: labels[code],
        key=f"{key}-choice",
    )
    if choice and choice != current_area():
        update_selection(area=choice)
    return choice


@st.cache_resource(show_spinner=False)
def remarks_store(url: str) -> RemarksStore:
    """Return the residents' remarks store (one connection pool per server)."""
    return RemarksStore(url)


def remarks_config() -> RemarksSettings:
    """Return how remarks are configured for this deployment (env and st.secrets)."""
    try:
        secrets: object = dict(st.secrets)
    except Exception:  # no secrets.toml: nothing configured there
        secrets = {}
    return remarks_settings(os.environ, secrets)  # type: ignore[arg-type]


def remarks_section(code: str, settings: RemarksSettings, remarks: list[Remark]) -> None:
    """Show 'Wat zeggen bewoners?': read-only for visitors, a form for facilitators."""
    lang = language()
    if settings.mode == "off":
        return
    st.header(t("nav.remarks", lang))
    if settings.notice:
        st.caption(settings.notice)
    if not remarks:
        st.caption(
            "Nog geen opmerkingen vastgelegd voor dit gebied."
            if lang == "nl"
            else "No remarks recorded for this area yet."
        )
    if settings.mode != "write":
        st.caption(
            "Alleen begeleiders van een bijeenkomst kunnen opmerkingen vastleggen."
            if lang == "nl"
            else "Only meeting facilitators can record remarks."
        )
        return
    if not st.session_state.get("facilitator"):
        with st.form("unlock"):
            given = st.text_input(
                "Wachtwoord voor begeleiders" if lang == "nl" else "Facilitator passphrase",
                type="password",
            )
            if st.form_submit_button("Ontgrendelen" if lang == "nl" else "Unlock"):
                failures = int(st.session_state.get("passphrase_failures", 0))
                if failures < MAX_PASSPHRASE_TRIES and check_passphrase(given, settings.passphrase):
                    st.session_state["facilitator"] = True
                    st.rerun()
                st.session_state["passphrase_failures"] = failures + 1
                time.sleep(min(failures, 5))  # each wrong try waits longer
                st.error(
                    ("Dat wachtwoord klopt niet." if lang == "nl" else "Wrong passphrase.")
                    if failures + 1 < MAX_PASSPHRASE_TRIES
                    else (
                        "Te vaak geprobeerd. Open de pagina later opnieuw."
                        if lang == "nl"
                        else "Too many tries. Reopen the page later."
                    )
                )
        return
    store_ = remarks_store(settings.url)
    with st.form("remark", clear_on_submit=True):
        st.subheader("Opmerking vastleggen" if lang == "nl" else "Record a remark")
        cond = st.selectbox(
            t("table.condition", lang),
            list(CONDITION_LABELS),
            format_func=lambda c: CONDITION_LABELS[c],
        )
        meeting = st.text_input("Bijeenkomst" if lang == "nl" else "Meeting", max_chars=120)
        day = st.date_input(
            "Datum" if lang == "nl" else "Date", value=date.today(), format="DD-MM-YYYY"
        )
        text = st.text_area(
            "Wat zeiden bewoners? (geen namen of andere persoonsgegevens)"
            if lang == "nl"
            else "What did residents say? (no personal data)",
            max_chars=2000,
        )
        if st.form_submit_button("Opslaan" if lang == "nl" else "Save"):
            try:
                store_.add(code, cond, text, meeting, day)
            except RemarkError as exc:
                st.error(str(exc))
            else:
                st.success("Opgeslagen." if lang == "nl" else "Saved.")
                st.rerun()
    st.download_button(
        "Download alle opmerkingen (CSV)" if lang == "nl" else "Download all remarks (CSV)",
        data=store_.to_csv(),
        file_name="sociale-basis-opmerkingen.csv",
        mime="text/csv",
    )


def profile_downloads(code: str, remarks: list[Remark]) -> None:
    """Offer the printable profile (PDF) and the area's figures (CSV)."""
    lang = language()
    cols = st.columns(2)
    cols[0].download_button(
        t("profile.download_pdf", lang),
        data=lambda: profile_pdf_bytes(code, lang, tuple(remarks)),
        file_name=f"sociale-basis-{code}.pdf",
        mime="application/pdf",
    )
    rows = region_rows(store(), catalogue(), code)
    cols[1].download_button(
        t("download.csv", lang),
        data=rows.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"sociale-basis-{code}.csv",
        mime="text/csv",
    )


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


def png_maker(chart: object) -> Callable[[], bytes]:
    """Return a callable that renders the chart as PNG only when the visitor downloads it."""
    return lambda: chart_png(chart)  # type: ignore[arg-type]


def chart_and_table(chart: object, table: pd.DataFrame, name: str) -> None:
    """Show a chart with the same numbers as a table beside it (tabs), and a PNG download."""
    lang = language()
    graph_tab, table_tab = st.tabs(
        ["Grafiek" if lang == "nl" else "Chart", "Tabel" if lang == "nl" else "Table"]
    )
    with graph_tab:
        st.altair_chart(chart, use_container_width=True)
        st.download_button(
            t("download.png", lang),
            data=png_maker(chart),
            file_name=f"{name}.png",
            mime="image/png",
            key=f"png-{name}",
        )
    with table_tab:
        st.dataframe(table, hide_index=True, width="stretch")
