"""Eigen gegevens: own figures beside the official ones, and the upload form for facilitators."""

from __future__ import annotations

import uuid

import pandas as pd
import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from sq.remarks.own_figures import (
    OwnFigure,
    OwnFiguresStore,
    figures_csv,
    known_indicators,
    make_resolver,
    validate,
)
from sq.remarks.own_figures_template import template_csv, template_xlsx
from sq.remarks.settings import RemarksSettings
from sq.remarks.upload import MAX_UPLOAD_BYTES, UploadError, read_upload
from sq.render.html_table import TABLE_CSS, html_table
from sq.text.formatting import format_value
from sq.text.i18n import t
from views import cache, remarks_form, state


@st.cache_resource(show_spinner=False)
def own_figures_store(url: str) -> OwnFiguresStore:
    """Return the own-figures store (same database as the remarks; one pool per server)."""
    return OwnFiguresStore(url)


def figures_for(code: str, settings: RemarksSettings) -> list[OwnFigure]:
    """Return an area's own figures ([] when remarks are switched off)."""
    if settings.mode == "off":
        return []
    try:
        return own_figures_store(settings.url).for_region(code)
    except SQLAlchemyError:  # database unreachable: the official figures still show
        return []


def figures_table(figures: list[OwnFigure], language: str) -> pd.DataFrame:
    """Return own figures as a plain-text table with their source."""
    return pd.DataFrame(
        {
            t("table.indicator", language): [f.title for f in figures],
            t("table.value", language): [format_value(f.value, f.unit, language) for f in figures],
            t("table.year", language): [str(f.year) for f in figures],
            t("own.source", language): [f.source for f in figures],
        }
    )


def show_beside(figures: list[OwnFigure], condition: str, language: str) -> None:
    """Show the own figures of one condition under the official table, marked as such."""
    show_own([f for f in figures if f.condition == condition], language)


def show_own(own: list[OwnFigure], language: str) -> None:
    """Show own figures as a marked table of their own (never drawn into official lines)."""
    if own:
        st.markdown(f"**{t('own.title', language)}**")
        st.caption(t("own.marked", language))
        table = figures_table(own, language)
        label = t("own.title", language)
        numeric = [t("table.value", language), t("table.year", language)]
        markup = html_table(table, numeric=numeric, label=label)
        st.markdown(TABLE_CSS + markup, unsafe_allow_html=True)


def _handle(code: str, name: str, data: bytes, settings: RemarksSettings, account: str) -> None:
    lang = state.language()
    try:
        table = read_upload(name, data)
    except UploadError as exc:
        st.error(t("own.refused", lang))
        st.text(str(exc))
        return
    store = cache.store()
    figures, errors = validate(
        table, known_indicators(cache.catalogue()), make_resolver(store.latest)
    )
    if errors:
        st.error(t("own.errors", lang, n=len(errors)))
        st.dataframe(pd.DataFrame({t("own.problem", lang): errors}), hide_index=True)
        return
    count = own_figures_store(settings.url).add_all(figures, account, uuid.uuid4().hex)
    st.session_state["own_flash"] = t("own.saved", lang, n=count)
    st.rerun()


def upload_section(code: str, settings: RemarksSettings, figures: list[OwnFigure]) -> None:
    """For an unlocked facilitator: template, upload, own uploads with a delete button."""
    lang = state.language()
    account = st.session_state.get(remarks_form.ACCOUNT_KEY)
    if settings.mode != "write" or not account:
        return
    account = str(account)
    st.subheader(t("own.upload_title", lang))
    if flash := st.session_state.pop("own_flash", None):
        st.success(flash)
    st.caption(t("own.upload_help", lang, mb=MAX_UPLOAD_BYTES // 1024 // 1024))
    left, right = st.columns(2)
    left.download_button(t("own.template_csv", lang), template_csv(), "sjabloon-eigen-gegevens.csv")
    right.download_button(
        t("own.template_xlsx", lang), template_xlsx(), "sjabloon-eigen-gegevens.xlsx"
    )
    with st.form("own_figures", clear_on_submit=True):
        upload = st.file_uploader(t("own.file", lang), type=["csv", "xlsx"])
        if st.form_submit_button(t("own.submit", lang)) and upload is not None:
            _handle(code, upload.name, upload.getvalue(), settings, account)
    mine = sorted({f.upload_id for f in figures if f.account == account})
    for upload_id in mine:
        sources = sorted({f.source for f in figures if f.upload_id == upload_id})
        if st.button(t("own.delete", lang, source="; ".join(sources)), key=f"del-{upload_id}"):
            own_figures_store(settings.url).delete_upload(upload_id, account)
            st.rerun()
    if figures:
        st.download_button(t("own.export", lang), figures_csv(figures), "eigen-gegevens.csv")
