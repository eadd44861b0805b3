"""'Wat zeggen bewoners?': remarks shown to visitors; login, form and corrections for facilitators.

Remarks are extra: when their database cannot be reached the page keeps its figures and says so,
and a facilitator's unsaved text stays in the form.
"""

from __future__ import annotations

import os
from datetime import date

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError

from sq.remarks.accounts import MAX_PASSPHRASE_CHARS, is_active, login
from sq.remarks.db import RemarksStore
from sq.remarks.model import (
    CONDITIONS,
    GENERAL,
    Remark,
    RemarkError,
    RemarksUnavailableError,
    condition_label,
)
from sq.remarks.settings import RemarksSettings, remarks_settings
from sq.remarks.throttle import client_key
from sq.remarks.validation import MAX_MEETING_CHARS, MAX_TEXT_CHARS
from sq.text.i18n import t
from views import state

UNAVAILABLE = (RemarksUnavailableError, SQLAlchemyError)
ACCOUNT_KEY = "facilitator"
TEXT_KEY = "remark_text"
CLEAR_KEY = "remark_clear"
FLASH_KEY = "remark_flash"


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


def load_remarks(settings: RemarksSettings, code: str) -> tuple[list[Remark], bool]:
    """Return the area's visible remarks and whether the remarks database could be read."""
    if settings.mode == "off":
        return [], True
    try:
        return remarks_store(settings.url).for_region(code), True
    except UNAVAILABLE:
        return [], False


def _client(settings: RemarksSettings) -> str:
    """Return the visitor's address as our proxy saw it (forged headers are not believed)."""
    headers = st.context.headers
    return client_key(
        st.context.ip_address, headers.get("X-Forwarded-For"), settings.trusted_proxies
    )


def _login_form(settings: RemarksSettings, lang: str) -> None:
    """Ask for account name and passphrase; every try goes through the database throttle."""
    with st.form("login"):
        st.subheader(t("remarks.login_title", lang))
        name = st.text_input(t("remarks.account", lang), max_chars=60)
        given = st.text_input(t("remarks.passphrase", lang), type="password")
        if not st.form_submit_button(t("remarks.login", lang)):
            return
    try:
        result = login(remarks_store(settings.url).engine, name, given, _client(settings))
    except UNAVAILABLE:
        st.error(t("remarks.unavailable", lang))
        return
    if result.outcome == "ok":
        st.session_state[ACCOUNT_KEY] = result.account
        st.rerun()
    values = {"seconds": result.wait_seconds, "n": MAX_PASSPHRASE_CHARS}
    st.error(t(f"remarks.{result.outcome}", lang, **values))


def _kept_text(lang: str) -> None:
    """Keep a remark that was typed while its server went away, until the facilitator is back.

    A facilitator's login lives in one replica's session. When that replica stops, the page
    still shows its form; a click on 'Opslaan' then reaches a new session on another replica,
    which has no login and so draws the login form instead. The form's text does arrive with
    that click: this hidden field has the text box's key, so it takes the text, and after the
    login the form shows it again. Nothing is stored without a login.
    """
    if st.session_state.pop(CLEAR_KEY, False):
        st.session_state[TEXT_KEY] = ""
    with st.container(key="sq-kept-remark"):
        st.html("<style>.st-key-sq-kept-remark {display: none;}</style>")
        kept = st.text_area(
            "bewaarde tekst", max_chars=MAX_TEXT_CHARS, key=TEXT_KEY, label_visibility="collapsed"
        )
    if kept.strip():
        st.info(t("remarks.kept_text", lang))


def _save(store_: RemarksStore | None, code: str, fields: tuple, account: str, lang: str) -> None:
    """Store a new remark; on success clear the form, otherwise keep the text and explain."""
    try:
        if store_ is None:
            raise RemarksUnavailableError("not reachable at page load")
        store_.add(code, *fields, author=account)
    except RemarkError as exc:
        st.error(str(exc))
    except UNAVAILABLE:
        st.error(t("remarks.unavailable_save", lang))
    else:
        st.session_state[CLEAR_KEY] = True
        st.session_state[FLASH_KEY] = "remarks.saved"
        st.rerun()


def _remark_form(store_: RemarksStore | None, code: str, account: str, lang: str) -> None:
    """The form a logged-in facilitator records a remark with."""
    if st.session_state.pop(CLEAR_KEY, False):
        st.session_state[TEXT_KEY] = ""
    with st.form("remark"):
        st.subheader(t("remarks.form_title", lang))
        cond = st.selectbox(
            t("remarks.condition", lang),
            list(CONDITIONS),
            format_func=lambda c: condition_label(c, lang),
        )
        meeting = st.text_input(t("remarks.meeting", lang), max_chars=MAX_MEETING_CHARS)
        day = st.date_input(t("remarks.date", lang), value=date.today(), format="DD-MM-YYYY")
        text = st.text_area(t("remarks.text", lang), max_chars=MAX_TEXT_CHARS, key=TEXT_KEY)
        if st.form_submit_button(t("remarks.save", lang)):
            _save(store_, code, (cond, text, meeting, day), account, lang)


def _label(remark: Remark) -> str:
    """Return how a remark is named in the facilitator's choice list."""
    head = remark.text if len(remark.text) <= 60 else remark.text[:57] + "..."
    return f"#{remark.id} · {remark.meeting or condition_label(remark.condition)} · {head}"


def _manage(store_: RemarksStore, remarks: list[Remark], account: str, lang: str) -> None:
    """Let a facilitator correct or withdraw a remark; the old version stays as an audit row."""
    if not remarks:
        return
    with st.form("manage"):
        st.subheader(t("remarks.manage_title", lang))
        by_id = {r.id: r for r in remarks}
        chosen = st.selectbox(
            t("remarks.choose", lang), list(by_id), format_func=lambda i: _label(by_id[i])
        )
        new_text = st.text_area(t("remarks.new_text", lang), max_chars=MAX_TEXT_CHARS)
        fix = st.form_submit_button(t("remarks.correct", lang))
        pull = st.form_submit_button(t("remarks.withdraw", lang))
    if not (fix or pull):
        return
    try:
        if fix:
            store_.correct(chosen, new_text, author=account)
        else:
            store_.withdraw(chosen, author=account)
    except RemarkError as exc:
        st.error(str(exc))
        return
    except UNAVAILABLE:
        st.error(t("remarks.unavailable_save", lang))
        return
    st.session_state[FLASH_KEY] = "remarks.corrected" if fix else "remarks.withdrawn"
    st.rerun()


def _facilitator(settings: RemarksSettings, code: str, remarks: list[Remark], lang: str) -> None:
    """Everything a logged-in facilitator sees: who they are, the form, corrections, export."""
    account = str(st.session_state[ACCOUNT_KEY])
    try:
        store_: RemarksStore | None = remarks_store(settings.url)
        if not is_active(store_.engine, account):  # disabled or removed meanwhile
            del st.session_state[ACCOUNT_KEY]
            st.rerun()
    except UNAVAILABLE:
        store_ = None
    st.caption(t("remarks.logged_in", lang, name=account))
    flash = st.session_state.pop(FLASH_KEY, None)
    if flash:
        st.success(t(flash, lang))
    _remark_form(store_, code, account, lang)
    # Below the form, not above it: a tap or click that lands while the page is still moving
    # (slow connection, busy server) must never turn "Opslaan" into a logout.
    if st.button(t("remarks.logout", lang)):
        del st.session_state[ACCOUNT_KEY]
        st.session_state[CLEAR_KEY] = True  # the next facilitator here starts with an empty form
        st.rerun()
    if store_ is None:
        return
    _manage(store_, remarks, account, lang)
    try:
        data = store_.to_csv(audit=True)
    except UNAVAILABLE:
        return
    st.download_button(
        t("remarks.download", lang),
        data=data,
        file_name="sociale-basis-opmerkingen.csv",
        mime="text/csv",
    )


def remark_line(remark: Remark) -> str:
    """Return how the profile shows one remark: date, meeting, text."""
    return f"{remark.meeting_date or ''} {remark.meeting}: {remark.text}".strip()


def remarks_section(
    code: str, settings: RemarksSettings, remarks: list[Remark], available: bool = True
) -> None:
    """Show 'Wat zeggen bewoners?': read-only for visitors, login and form for facilitators.

    Remarks about a condition appear under that condition's block; the general ones
    ('Algemeen') have no block, so they are listed here, for visitors too.
    """
    lang = state.language()
    if settings.mode == "off":
        return
    st.header(t("nav.remarks", lang))
    if settings.notice:
        st.caption(settings.notice)
    for remark in remarks:
        if remark.condition == GENERAL:
            st.text(remark_line(remark))
    if not available:
        st.warning(t("remarks.unavailable", lang))
    elif not remarks:
        st.caption(t("remarks.none", lang))
    if settings.mode != "write":
        st.caption(t("remarks.read_only", lang))
    elif st.session_state.get(ACCOUNT_KEY):
        _facilitator(settings, code, remarks, lang)
    elif available:
        _kept_text(lang)
        _login_form(settings, lang)
