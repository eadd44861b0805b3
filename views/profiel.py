"""Gebiedsprofiel: one area across the four conditions, against the Netherlands."""

from __future__ import annotations

import streamlit as st

from sq.analysis.profile import area_profile, highlights, peer_highlights
from sq.catalogue import UNITS
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

st.title(area.shown_name)
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
        st.write(t("profile.no_differences", lang))
    st.caption(t("app.start_note", lang))

with st.expander(t("profile.tolerance", lang)):
    st.write(t("profile.tolerance_intro", lang))
    for unit in UNITS.values():
        st.markdown(f"- **{unit.id}**: {unit.tolerance.text(lang)}")
for note in profile.boundary_notes:
    st.warning(note)
if profile.peer_group is not None:
    st.caption(t("peers.basis", lang, basis=profile.peer_group.basis(lang)))
if profile.local_group is not None:
    st.caption(t("peers.local_basis", lang, basis=profile.local_group.basis(lang)))
if profile.peer_group is None and area.level in ("dorp", "buurt"):
    st.caption(t("peers.none", lang))

remark_settings = remarks_form.remarks_config()
remarks, remarks_available = remarks_form.load_remarks(remark_settings, area.code)
own_figures = own_figures_form.figures_for(area.code, remark_settings)

for block in profile.conditions:
    cond = block.condition
    title = cond.title(lang)
    st.header(title)
    st.caption(t("profile.serves", lang, value=cond.serves(lang)) + " — " + cond.summary(lang))
    table = profile_table(block.rows, show_gemeente=area.level != "gemeente", language=lang)
    numbers = [
        t(k, lang)
        for k in (
            "table.value",
            "table.year",
            "table.nl",
            "table.gemeente",
            "peers.column",
            "peers.local_column",
        )
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
            st.text(remarks_form.remark_line(remark))

own_figures_form.show_beside(own_figures, "algemeen", lang)
remarks_form.remarks_section(area.code, remark_settings, remarks, remarks_available)
own_figures_form.upload_section(area.code, remark_settings, own_figures)
widgets.profile_downloads(area.code, remarks, own_figures)
st.page_link("views/trends.py", label=t("nav.trends", lang), query_params={"gebied": area.code})
st.page_link("views/gesprek.py", label=t("nav.meeting", lang), query_params={"gebied": area.code})
