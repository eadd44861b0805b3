"""Kaart: one indicator for one year on a choropleth, with the same numbers in a table."""

from __future__ import annotations

import streamlit as st

from sq.analysis import mapdata
from sq.render.maps import LegendSpec
from sq.render.mapview import map_args, table_args
from sq.render.tables import map_table_display
from sq.text.formatting import format_value, shown_decimals
from sq.text.i18n import t
from views import cache, mapcomponent, state, widgets

MAP_KEY = "kaart-map"  # one key for every indicator, year and level: the map is restyled in place

lang = state.language()
store = widgets.load_or_stop()
cat = cache.catalogue()
sel, notices = state.selection(store, cat)

st.title(t("nav.map", lang))
st.caption(t("app.tagline", lang))
state.show_notices(notices)

left, mid, right, scope_col = st.columns([3, 2, 1, 2])
with left:
    indicator_id = st.selectbox(
        t("map.indicator", lang),
        cat.ids(),
        index=cat.ids().index(sel.indicator_id or cat.ids()[0]),
        format_func=lambda i: widgets.indicator_label(cat.get(i), lang),
    )
indicator = cat.get(indicator_id)
levels = mapcomponent.levels_for(indicator_id) or ["gemeente"]
with mid:
    level = st.radio(
        t("map.level", lang),
        levels,
        index=levels.index(sel.level) if sel.level in levels else 0,
        format_func=lambda lv: t(f"level.{lv}", lang),
        horizontal=True,
    )
years = mapcomponent.years_for(indicator_id, level)
with right:
    year = st.selectbox(
        t("map.year", lang),
        years or [sel.year],
        index=years.index(sel.year) if sel.year in years else 0,
    )
scopes = state.scope_options(level)
wanted_scope = state.current_scope(level)
with scope_col:
    scope = st.selectbox(
        t("map.scope", lang),
        list(scopes),
        index=list(scopes).index(wanted_scope) if wanted_scope in scopes else 0,
        format_func=lambda code: scopes[code],
    )
state.update_selection(indicator=indicator_id, year=year, level=level, scope=scope)

st.markdown(f"**{indicator.title(lang)}** — {indicator.definition(lang)}")
st.caption(f"{t('source', lang)}: {indicator.publisher} ({indicator.table_id})")
if not years:
    st.warning(t("map.no_data", lang, title=indicator.title(lang)))
    st.stop()

geometry_year = mapdata.geometry_year_for(store, level, year)
view = mapcomponent.map_view(indicator_id, year, level, scope, geometry_year)
area = state.current_area()

if view.layer is None or view.layer.empty:
    st.warning(t("map.no_geometry", lang, level=t(f"level.{level}", lang), year=year))
else:
    legend = LegendSpec(
        title=indicator.title(lang),
        unit=indicator.unit,
        year=year,
        direction=indicator.direction,
        language=lang,
        source=f"{t('source', lang)}: {indicator.publisher}",
    )
    codes = view.layer["region_code"].astype(str).tolist()
    args = map_args(
        view.layer.drop(columns="geometry"),
        legend,
        mapcomponent.geo_manifest().urls(level, int(geometry_year), codes),
        view=f"{level}-{scope}",  # the map refits only when this changes
        selected=area,
        texts={
            "map_label": t("map.label", lang, title=indicator.title(lang)),
            "failed": t("map.failed", lang),
        },
    )
    mapcomponent.area_map(args, key=MAP_KEY, on_change=lambda: state.remember_map_click(MAP_KEY))
    st.caption(t("map.click_hint", lang))
    if view.missing_on_map:
        st.caption(t("map.missing_count", lang, n=view.missing_on_map))
    if view.not_on_map:
        st.caption(t("map.not_on_map", lang, n=view.not_on_map))

if area:
    name = cache.area_name(area)
    st.success(t("map.selected", lang, name=name))
    st.page_link(
        "views/profiel.py",
        label=t("map.open_profile", lang, name=name),
        query_params={"gebied": area},
    )

st.subheader(t("map.table_title", lang))
display, number_columns = map_table_display(view.table, indicator, lang)
mapcomponent.area_table(
    table_args(
        display,
        number_columns,
        t("map.table_caption", lang, title=indicator.title(lang), year=year),
        code_column=t("table.code", lang),
        selected=area,
        formatter=lambda v, p: format_value(
            v, indicator.unit, lang, shown_decimals(indicator.unit, v, p)
        ),
        places={number_columns[0]: list(view.table["decimals"])},
    ),
    key="kaart-table",
)
st.download_button(
    t("map.download", lang),
    data=display.to_csv(index=False).encode("utf-8-sig"),
    file_name=f"sociale-basis-{indicator_id}-{level}-{year}.csv",
    mime="text/csv",
)
