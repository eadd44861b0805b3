"""Vergelijken: two to four areas side by side, per condition."""

from __future__ import annotations

import streamlit as st

from sq.analysis.compare import comparison_frame, comparison_table
from sq.analysis.profile import area_profile
from sq.catalogue import CONDITIONS
from sq.render.compare_chart import comparison_chart
from sq.text.i18n import t
from views import cache, state, widgets

lang = state.language()
store = widgets.load_or_stop()
cat = cache.catalogue()
sel, notices = state.selection(store, cat)
st.title(t("nav.compare", lang))
state.show_notices(notices)

chosen = [c for c in (sel.region_code, *sel.compare) if c][:4]
st.caption(t("compare.find_hint", lang))
added = widgets.area_picker("vergelijk", label_key="search.label")
if added and added not in chosen and len(chosen) < 4:
    chosen.append(added)
kept = st.multiselect(
    t("compare.areas", lang), chosen, default=chosen, format_func=cache.area_name, max_selections=4
)
if kept:
    state.update_selection(area=kept[0], compare=tuple(kept[1:]))
if len(kept) < 2:
    st.info(t("compare.need_two", lang))
    st.stop()

profiles = [area_profile(store, cat, code, lang) for code in kept]
for cond in CONDITIONS:
    st.header(cond.title(lang))
    st.caption(t("profile.serves", lang, value=cond.serves(lang)))
    frame = comparison_frame(profiles, cond.id)
    if frame.empty:
        st.caption(t("value.not_yet", lang))
        continue
    chart = comparison_chart(frame, lang)
    widgets.chart_and_table(chart, comparison_table(frame, lang), f"vergelijking-{cond.id}")
