"""Gebiedsprofiel: one area across the four conditions, against the Netherlands."""

from __future__ import annotations

import streamlit as st

from sq.analysis.profile import area_profile, highlights, peer_highlights
from sq.analysis.verdict import TOLERANCE, tolerance_text
from sq.render.html_table import TABLE_CSS, html_table
from sq.render.tables import profile_table
from sq.text.i18n import t
from views import cache, own_figures_form, remarks_form, state, widgets

lang = state.language()
store = widgets.load_or_stop()
cat = cache.catalogue()
sel, notices = state.selection(store, cat)
state.show_notices(notices)
st.markdown(TABLE_CSS, unsafe_allow_html=True)

widgets.area_picker("profiel")
code = state.current_area()
if not code:
    st.info(t("profile.choose_area", lang))
    st.stop()
profile = area_profile(store, cat, code, lang)
area = profile.area

st.title(area.name)
context = [area.level_label]
if area.gemeente_name and area.level != "gemeente":
    context.append(f"{t('level.gemeente', lang)} {area.gemeente_name}")
if area.provincie_name:
    context.append(area.provincie_name)
st.caption(" · ".join(context) + f" · {area.code}")

with st.container(border=True):
    st.subheader(t("profile.what_stands_out", lang))
    notes = highlights(profile) + peer_highlights(profile)
    if notes:
        for sentence in notes:
            st.markdown(f"- {sentence}")
    else:
        st.write(
            "Er zijn geen grote verschillen met Nederland."
            if lang == "nl"
            else "There are no large differences with the Netherlands."
        )
    st.caption(t("app.start_note", lang))

with st.expander(t("profile.tolerance", lang)):
    st.write(
        "We noemen een cijfer *gunstiger* of *ongunstiger* dan Nederland als het verschil groter"
        " is dan een marge. Binnen die marge heet het *vergelijkbaar*. Bij onderwerpen waar hoger"
        " niet beter of slechter is (zoals mantelzorg) zeggen we alleen *hoger* of *lager*."
        if lang == "nl"
        else "We call a figure *more favourable* or *less favourable* than the Netherlands when"
        " the difference is larger than a margin; within it, *comparable*."
    )
    for unit in TOLERANCE:
        st.markdown(f"- **{unit}**: {tolerance_text(unit, lang)}")
for note in profile.boundary_notes:
    st.warning(note)
if profile.peer_group is not None:
    st.caption(t("peers.basis", lang, basis=profile.peer_group.basis(lang)))

remark_settings = remarks_form.remarks_config()
remarks, remarks_available = remarks_form.load_remarks(remark_settings, area.code)
own_figures = own_figures_form.figures_for(area.code, remark_settings)

for block in profile.conditions:
    cond = block.condition
    title = cond.title_en if lang == "en" else cond.title_nl
    st.header(title)
    st.caption(
        t("profile.serves", lang, value=cond.serves_en if lang == "en" else cond.serves_nl)
        + " — "
        + (cond.summary_en if lang == "en" else cond.summary_nl)
    )
    table = profile_table(block.rows, show_gemeente=area.level != "gemeente", language=lang)
    numbers = [
        t(k, lang)
        for k in ("table.value", "table.year", "table.nl", "table.gemeente", "peers.column")
    ]
    st.markdown(html_table(table, numeric=numbers, label=title), unsafe_allow_html=True)
    own_figures_form.show_beside(own_figures, cond.id, lang)
    if block.questions:
        st.markdown(f"**{t('profile.questions', lang)}**")
        for question in block.questions:
            st.markdown(f"- {question}")
    own = [r for r in remarks if r.condition == cond.id]
    if own:
        st.markdown("**" + t("nav.remarks", lang) + "**")
        for remark in own:
            st.text(f"{remark.meeting_date or ''} {remark.meeting}: {remark.text}".strip())

own_figures_form.show_beside(own_figures, "algemeen", lang)
remarks_form.remarks_section(area.code, remark_settings, remarks, remarks_available)
own_figures_form.upload_section(area.code, remark_settings, own_figures)
widgets.profile_downloads(area.code, remarks)
st.page_link("views/trends.py", label=t("nav.trends", lang), query_params={"gebied": area.code})
st.page_link("views/gesprek.py", label=t("nav.meeting", lang), query_params={"gebied": area.code})
