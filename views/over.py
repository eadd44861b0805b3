"""Over de cijfers: social quality in plain words, every indicator, sources, the whole store."""

from __future__ import annotations

import streamlit as st

from sq.analysis.about import peer_explanation, publishers
from sq.catalogue import CONDITIONS
from sq.text.i18n import t
from views import cache, state, widgets

lang = state.language()
store = widgets.load_or_stop()
cat = cache.catalogue()

st.title(t("about.title", lang))
st.markdown(t("about.intro", lang))
columns = st.columns(2)
for n, cond in enumerate(CONDITIONS):
    with columns[n % 2], st.container(border=True):
        st.subheader(cond.title(lang))
        st.markdown(t("profile.serves", lang, value=cond.serves(lang)))
        st.write(cond.summary(lang))

st.header(t("about.indicators", lang))
overview = cache.indicator_overview_cached(lang)
st.dataframe(overview, hide_index=True, width="stretch")
for indicator in cat.indicators:
    with st.expander(indicator.title(lang)):
        st.write(indicator.definition(lang))
        st.markdown(f"*{indicator.derivation(lang)}*")
        st.caption(
            f"{t('source', lang)}: {indicator.publisher} · {indicator.table_id} · {indicator.url}"
        )

st.header(t("about.peers.title", lang))
for paragraph in peer_explanation(lang):
    st.write(paragraph)

st.header(t("about.sources", lang))
st.write(t("about.open_data", lang))
for publisher in publishers(cat):
    st.markdown(f"- {t('source', lang)}: {publisher}")
st.download_button(
    t("about.download_all", lang),
    data=cache.store_zip_bytes,
    file_name="sociale-basis-alle-cijfers.zip",
    mime="application/zip",
)
