"""Sociale Basis: the router. Page config, navigation, the shared language and view only."""

from __future__ import annotations

import streamlit as st

from sq.config import PROJECT_ROOT
from sq.text.i18n import LANGUAGES, t
from views.admission import page_slot
from views.state import (
    LANGUAGE_CHOICE,
    document_language,
    language,
    recall_view,
    remember_language,
    remember_view,
    switch_language,
)

FAVICON = PROJECT_ROOT / "assets" / "favicon.png"

# (file in views/, title key, url path); the first is the default page at "/"
NAVIGATION = (
    ("kaart", "nav.map", "start"),
    ("profiel", "nav.profile", "profiel"),
    ("trends", "nav.trends", "trends"),
    ("vergelijken", "nav.compare", "vergelijken"),
    ("gesprek", "nav.meeting", "gesprek"),
    ("over", "nav.about", "over"),
)

view_drawn = recall_view()  # first: a reconnected tab brings its view back
lang = language()
PAGES = [
    st.Page(f"views/{name}.py", title=t(key, lang), url_path=url, default=n == 0)
    for n, (name, key, url) in enumerate(NAVIGATION)
]
# The default page lives at "/"; a hidden twin keeps shared links to /kaart working.
PAGES.append(
    st.Page("views/kaart.py", title=t("nav.map", lang), url_path="kaart", visibility="hidden")
)
page = st.navigation(PAGES, position="top")
st.set_page_config(
    page_title=f"{page.title} · {t('app.title', lang)}",
    page_icon=str(FAVICON),
    layout="wide",
    initial_sidebar_state="collapsed",
)
document_language(lang)
st.session_state[LANGUAGE_CHOICE] = lang  # the switch shows the language a link asked for
with st.sidebar:
    st.radio(
        t("app.language", lang),
        LANGUAGES,
        format_func=lambda v: t(f"language.{v}", v),
        horizontal=True,
        key=LANGUAGE_CHOICE,
        on_change=switch_language,  # before the rerun, so the whole page is in the new language
    )
    remember_language(lang)
    st.caption(t("app.start_note", lang))
try:
    with page_slot():  # a few runs at a time per replica
        page.run()
finally:  # also when the page stops early (st.stop) or reruns
    remember_view(view_drawn)
