"""The visitor's state: interface language and the selection, kept in the URL."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from sq.analysis import mapdata
from sq.analysis.selection import (
    DEFAULT_SELECTION,
    PARAM_AREA,
    PARAM_COMPARE,
    PARAM_INDICATOR,
    PARAM_LEVEL,
    PARAM_YEAR,
    Selection,
    kept_view,
    parse_selection,
    to_params,
)
from sq.catalogue import Catalogue
from sq.store.loader import Store
from sq.text.i18n import DEFAULT_LANGUAGE, language_or_default, t
from views import cache

LANG_KEY = "taal"


def language() -> str:
    """Return the interface language chosen by the visitor ('nl' unless ?taal=en or ?taal=fy)."""
    chosen = st.query_params.get(LANG_KEY) or st.session_state.get(LANG_KEY, DEFAULT_LANGUAGE)
    return language_or_default(chosen)


LANGUAGE_CHOICE = "sq-language-choice"
"""Session key of the language switch (Nederlands · English · Frysk)."""


def switch_language() -> None:
    """Take the switch's choice (a callback: it runs before the page is drawn again)."""
    remember_language(language_or_default(st.session_state.get(LANGUAGE_CHOICE)))


def remember_language(lang: str) -> None:
    """Keep the language in the session and in the URL (only when not Dutch)."""
    st.session_state[LANG_KEY] = lang
    if lang != DEFAULT_LANGUAGE:
        st.query_params[LANG_KEY] = lang
    elif LANG_KEY in st.query_params:
        del st.query_params[LANG_KEY]


_DOCUMENT_LANGUAGE_JS = """<style>[class*="st-key-sq-doc-lang"] {{display: none;}}</style><script>
(() => {{
  const root = document.documentElement;
  const want = "{lang}";
  if (root.lang !== want) root.lang = want;
  if (!window.__sqLangObserver) {{
    window.__sqLangObserver = new MutationObserver(() => {{
      const now = window.__sqLang || want;
      if (root.lang !== now) root.lang = now;
    }});
    window.__sqLangObserver.observe(root, {{ attributes: true, attributeFilter: ["lang"] }});
  }}
  window.__sqLang = want;
}})();
</script>"""


def document_language(lang: str) -> None:
    """Set `<html lang>` to the interface language (Streamlit's page says 'en' whatever we show).

    WCAG 3.1.1: screen readers pronounce by this attribute. A small script sets it on every
    run and keeps it against later resets; `lang` is always one of LANGUAGES, never user text.
    """
    code = language_or_default(lang)
    # keyed by language: a switch mounts a new element, so its script runs again
    with st.container(key=f"sq-doc-lang-{code}"):
        st.html(_DOCUMENT_LANGUAGE_JS.format(lang=code), unsafe_allow_javascript=True)


def show_notices(notices: list[str]) -> None:
    """Show URL notices quietly (st.info renders no HTML)."""
    for notice in notices:
        st.info(notice)


SEL_KEY = "selectie"


SCOPE_PARAM = "binnen"

VIEW_PARAMS: frozenset[str] = frozenset(
    {PARAM_AREA, PARAM_INDICATOR, PARAM_YEAR, PARAM_LEVEL, PARAM_COMPARE, LANG_KEY, SCOPE_PARAM}
)
"""The URL parameters that make up a view (what a shared link or a reconnected tab keeps)."""


def selection(current_store: Store, cat: Catalogue) -> tuple[Selection, list[str]]:
    """Return the shared selection (URL first, then this session), with Dutch notices."""
    lang = language()
    base: Selection = st.session_state.get(SEL_KEY, DEFAULT_SELECTION)
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    years = cache.indicator_years()
    sel, notices = parse_selection(
        params,
        known_codes=set(cache.known_codes()),
        indicator_ids=cat.ids(),
        years_for=lambda ind: years.get(ind, []),
        defaults=base,
        language=lang,
    )
    st.session_state[SEL_KEY] = sel
    scope = st.query_params.get(SCOPE_PARAM)
    if scope is not None:
        if scope in cache.known_codes() and scope[:2] in ("NL", "PV", "GM"):
            st.session_state[SCOPE_PARAM] = scope
        else:
            notices.append(t("notice.unknown_scope", lang))
    _write_url()
    return sel, notices


def _view_params() -> dict[str, str]:
    """Return the session's view (selection, map scope, language) as URL parameters."""
    sel: Selection = st.session_state.get(SEL_KEY, DEFAULT_SELECTION)
    params = to_params(sel, DEFAULT_SELECTION)
    scope = st.session_state.get(SCOPE_PARAM)
    if scope and scope != mapdata.DEFAULT_SCOPE.get(sel.level):
        params[SCOPE_PARAM] = scope
    if language() != DEFAULT_LANGUAGE:
        params[LANG_KEY] = language()
    return params


def _write_url() -> None:
    """Put the session's selection into the URL, so the view can be shared as a link."""
    params = _view_params()
    if dict(st.query_params) != params:
        st.query_params.from_dict(params)


VIEW_MEMORY = "sq-view-memory"
"""Key of the hidden field in which the visitor's browser tab keeps the view."""

_VIEW_MEMORY_CSS = "<style>.st-key-sq-view-memory-box {display: none;}</style>"


def _view_memory_field(default: str | None = None) -> str:
    """Draw the hidden view field; its value travels with every rerun the tab sends."""
    with st.container(key="sq-view-memory-box"):
        st.html(_VIEW_MEMORY_CSS)
        kwargs = {} if default is None else {"value": default}
        return st.text_input("weergave", key=VIEW_MEMORY, label_visibility="collapsed", **kwargs)


def recall_view() -> bool:
    """Continue the tab's view in a new server session; True if the field is drawn now.

    A session lives in one replica. When that replica stops, Streamlit's client reconnects to
    another one, which starts a new session, and does not run the page again: the next thing
    it sends is the visitor's next click. A click on the navigation sends no URL parameters,
    so without this the visitor (or a facilitator about to save a remark) would land on the
    default area in Dutch. What the tab does send is its widgets' values; this hidden field
    holds the view (see `remember_view`). Parameters in the request itself win over it.
    Called at the top of every run, before anything reads the language or the selection.
    """
    if VIEW_MEMORY in st.session_state:  # this session has drawn the field before
        return False
    incoming = {k: st.query_params[k] for k in st.query_params}
    kept = _view_memory_field(default=urlencode(incoming))
    restored = {**kept_view(kept, VIEW_PARAMS), **incoming}
    if restored != incoming:
        st.query_params.from_dict(restored)
    return True


def remember_view(drawn: bool) -> None:
    """Keep the view as it ends this run in the tab's hidden field (the end of every run)."""
    if drawn:  # a new session drew the field at the top (with the view it started from)
        return
    st.session_state[VIEW_MEMORY] = urlencode(_view_params())
    _view_memory_field()


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
    return mapdata.map_scope(level, st.session_state.get(SCOPE_PARAM))


def remember_map_click(map_key: str) -> None:
    """Select the area the visitor clicked on the map (the map component's on_change)."""
    value = st.session_state.get(map_key)
    code = value.get("code") if isinstance(value, dict) else None
    if isinstance(code, str) and code in cache.known_codes():
        update_selection(area=code)


def scope_options(level: str) -> dict[str, str]:
    """Return what a map of this level can show (see sq.analysis.mapdata.scope_options)."""
    return mapdata.scope_options(cache.latest_regions(), level, language())
