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
if lang == "en":
    st.markdown(
        "**Social quality** looks at the social base of a place through four conditions. Each "
        "condition makes one value tangible for residents. The figures are a starting point: "
        "residents' stories and what professionals know complete them."
    )
else:
    st.markdown(
        "**Sociale kwaliteit** kijkt naar de sociale basis van een plek via vier voorwaarden. "
        "Elke voorwaarde maakt één waarde zichtbaar voor bewoners. De cijfers zijn een begin: "
        "verhalen van bewoners en wat professionals weten maken ze compleet."
    )
columns = st.columns(2)
for n, cond in enumerate(CONDITIONS):
    with columns[n % 2], st.container(border=True):
        st.subheader(cond.title_en if lang == "en" else cond.title_nl)
        st.markdown(
            t("profile.serves", lang, value=cond.serves_en if lang == "en" else cond.serves_nl)
        )
        st.write(cond.summary_en if lang == "en" else cond.summary_nl)

st.header("Indicatoren" if lang == "nl" else "Indicators")
overview = cache.indicator_overview_cached(lang)
st.dataframe(overview, hide_index=True, width="stretch")
for indicator in cat.indicators:
    with st.expander(indicator.title(lang)):
        st.write(indicator.definition(lang))
        st.markdown(f"*{indicator.derivation_nl}*")
        st.caption(
            f"{t('source', lang)}: {indicator.publisher} · {indicator.table_id} · {indicator.url}"
        )

st.header(t("about.peers.title", lang))
for paragraph in peer_explanation(lang):
    st.write(paragraph)

st.header("Bronnen" if lang == "nl" else "Sources")
st.write(
    "Alle cijfers zijn openbare gegevens (open data, CC BY 4.0 waar van toepassing)."
    if lang == "nl"
    else "All figures are public open data (CC BY 4.0 where applicable)."
)
for publisher in publishers(cat):
    st.markdown(f"- {t('source', lang)}: {publisher}")
st.download_button(
    "Download alle cijfers (CSV in een zip-bestand)"
    if lang == "nl"
    else "Download all figures (CSV in a zip file)",
    data=cache.store_zip_bytes,
    file_name="sociale-basis-alle-cijfers.zip",
    mime="application/zip",
)
