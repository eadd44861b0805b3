"""Sociale Basis: the router. Page config, navigation and the shared language; nothing else."""

from __future__ import annotations

import streamlit as st

from sq.config import PROJECT_ROOT
from sq.i18n import t
from views.shared import language, remember_language

FAVICON = PROJECT_ROOT / "assets" / "favicon.png"

lang = language()
PAGES = [
    st.Page(
        "views/kaart.py",
        title=t("nav.map", lang),
        url_path="start",
        default=True,
    ),
    st.Page(
        "views/profiel.py",
        title=t("nav.profile", lang),
        url_path="profiel",
    ),
    st.Page(
        "views/trends.py",
        title=t("nav.trends", lang),
        url_path="trends",
    ),
    st.Page(
        "views/vergelijken.py",
        title=t("nav.compare", lang),
        url_path="vergelijken",
    ),
    st.Page(
        "views/gesprek.py",
        title=t("nav.meeting", lang),
        url_path="gesprek",
    ),
    st.Page("views/over.py", title=t("nav.about", lang), url_path="over"),
    # The default page lives at "/"; this hidden twin keeps shared links to /kaart working.
    st.Page(
        "views/kaart.py",
        title=t("nav.map", lang),
        url_path="kaart",
        visibility="hidden",
    ),
]
page = st.navigation(PAGES, position="top")
st.set_page_config(
    page_title=f"{page.title} · {t('app.title', lang)}",
    page_icon=str(FAVICON),
    layout="wide",
    initial_sidebar_state="collapsed",
)
with st.sidebar:
    choice = st.radio(
        t("app.language", lang),
        ["nl", "en"],
        index=0 if lang == "nl" else 1,
        format_func=lambda v: {"nl": "Nederlands", "en": "English"}[v],
        horizontal=True,
    )
    remember_language(choice)
    st.caption(t("app.start_note", lang))
page.run()
