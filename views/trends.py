"""Trends: indicators over the years for an area, its gemeente, its provincie and NL."""

from __future__ import annotations

import streamlit as st

from sq.analysis.series_marks import combined_marks, series_marks
from sq.analysis.trends import boundary_marks, comparison_areas, relevant_marks, trend_frame
from sq.render.charts import trend_chart
from sq.render.tables import trend_table
from sq.text.i18n import t
from views import cache, own_figures_form, remarks_form, state, widgets

lang = state.language()
store = widgets.load_or_stop()
cat = cache.catalogue()
sel, notices = state.selection(store, cat)
st.title(t("nav.trends", lang))
state.show_notices(notices)
widgets.area_picker("trends")
code = state.current_area()
if not code:
    st.info(t("profile.choose_area", lang))
    st.stop()
areas = comparison_areas(store, code)
codes = [c for c, _name, _role in areas]
st.subheader(" · ".join(name for _c, name, _role in areas))

with_data = [i for i in cat.ids() if i in cache.indicator_years()]
default = [sel.indicator_id] if sel.indicator_id in with_data else with_data[:1]
chosen = st.multiselect(
    t("trends.indicators", lang),
    with_data,
    default=default,
    format_func=lambda i: widgets.indicator_label(cat.get(i), lang),
    max_selections=6,
)
if chosen and chosen[0] != sel.indicator_id:
    state.update_selection(indicator=chosen[0])

own_figures = own_figures_form.figures_for(code, remarks_form.remarks_config())
for indicator_id in chosen:
    indicator = cat.get(indicator_id)
    own = [f for f in own_figures if f.indicator_id == indicator_id]
    frame = trend_frame(store, indicator_id, codes)
    if frame.empty or frame["value"].notna().sum() == 0:
        st.caption(f"{indicator.title(lang)}: {t('trends.no_data', lang)}")
        continue
    years = sorted({int(y) for y in frame["year"]})
    boundary = relevant_marks(boundary_marks(store, codes, years, lang), frame)
    breaks = series_marks(store, indicator_id, codes, years, lang)
    marks = combined_marks(boundary, breaks)
    chart = trend_chart(frame, indicator, marks, lang)
    widgets.chart_and_table(
        chart, trend_table(frame, indicator.unit, lang), f"trend-{code}-{indicator_id}"
    )
    st.caption(
        f"{t('source', lang)}: {indicator.publisher} ({indicator.table_id}). "
        + indicator.definition(lang)
    )
    if not boundary.empty:
        st.caption(t("trends.boundary_note", lang))
    own_figures_form.show_own(own, lang)
    for label, detail in dict.fromkeys(zip(breaks["label"], breaks["detail"], strict=True)):
        st.caption(f"{label}: {detail}")
