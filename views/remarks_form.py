"""'Wat zeggen bewoners?': remarks shown to visitors, the form for facilitators."""

from __future__ import annotations

import os
import time
from datetime import date

import streamlit as st

from sq.remarks.db import (
    CONDITION_LABELS,
    Remark,
    RemarkError,
    RemarksSettings,
    RemarksStore,
    check_passphrase,
    remarks_settings,
)
from sq.text.i18n import t
from views import state

MAX_PASSPHRASE_TRIES = 5


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
    lang = state.language()
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
