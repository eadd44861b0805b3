"""Small widgets the pages share: the area search box, labels, chart+table, downloads."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import pandas as pd
import streamlit as st

from sq.analysis.export import region_rows
from sq.analysis.search import search_regions
from sq.catalogue import Indicator, condition
from sq.remarks.model import Remark
from sq.remarks.own_figures import OwnFigure
from sq.render.chart_export import chart_png
from sq.render.html_table import TABLE_CSS, html_table
from sq.store.loader import Store, StoreMissingError
from sq.text.i18n import t
from views import cache, state


def tiles_env() -> dict[str, str]:
    """Return the environment that configures optional basemap tiles."""
    return {k: v for k, v in os.environ.items() if k.startswith("SQ_TILES")}


def indicator_label(indicator: Indicator, lang: str) -> str:
    """Return 'Title · Condition' for select boxes."""
    cond = condition(indicator.condition)
    return f"{indicator.title(lang)} · {cond.title(lang)}"


def number_config(columns: list[str]) -> dict[str, object]:
    """Return column settings that show numbers in the visitor's locale, sortable."""
    return {c: st.column_config.NumberColumn(c, format="localized") for c in columns}


def area_picker(key: str, label_key: str = "search.label") -> str | None:
    """Let the visitor find an area by typing part of its name; select it when chosen."""
    lang = state.language()
    query = st.text_input(
        t(label_key, lang),
        placeholder=t("search.placeholder", lang),
        key=f"{key}-query",
        max_chars=60,
    )
    if not query.strip():
        return None
    found = search_regions(cache.search_index(lang), query, limit=30)
    if found.empty:
        st.caption(t("search.none", lang, query=query[:40]))
        return None
    labels = dict(zip(found["region_code"], found["label"], strict=True))
    choice = st.selectbox(
        t("search.choose", lang),
        list(labels),
        index=None,
        format_func=lambda code: labels[code],
        key=f"{key}-choice",
    )
    if choice and choice != state.current_area():
        state.update_selection(area=choice)
    return choice


def profile_downloads(
    code: str, remarks: list[Remark], own_figures: Sequence[OwnFigure] = ()
) -> None:
    """Offer the printable profile (PDF, with the own figures apart) and the figures (CSV)."""
    lang = state.language()
    base_url = cache.public_url()
    cols = st.columns(2)
    cols[0].download_button(
        t("profile.download_pdf", lang),
        data=lambda: cache.profile_pdf_bytes(
            code, lang, tuple(remarks), base_url, tuple(own_figures)
        ),
        file_name=f"sociale-basis-{code}.pdf",
        mime="application/pdf",
    )
    rows = region_rows(cache.store(), cache.catalogue(), code)
    cols[1].download_button(
        t("download.csv", lang),
        data=rows.to_csv(index=False).encode("utf-8-sig"),
        file_name=f"sociale-basis-{code}.csv",
        mime="text/csv",
    )


def png_maker(chart: object) -> Callable[[], bytes]:
    """Return a callable that renders the chart as PNG only when the visitor downloads it."""
    return lambda: chart_png(chart)  # type: ignore[arg-type]


PHONE_CHART_CSS = """<style>
@media (max-width: 640px) {
  /* side-by-side bars of four areas do not fit 390 px; the table under them says it as text */
  [class*="st-key-sq-chart-vergelijking-"] {display: none;}
}
</style>"""


def chart_and_table(chart: object, table: pd.DataFrame, name: str) -> None:
    """Show a chart, the same numbers as a text table under it, and a PNG download."""
    lang = state.language()
    st.markdown(TABLE_CSS + PHONE_CHART_CSS, unsafe_allow_html=True)
    with st.container(key=f"sq-chart-{name}"):
        st.altair_chart(chart, width="stretch")
    st.markdown(html_table(table), unsafe_allow_html=True)
    st.download_button(
        t("download.png", lang),
        data=png_maker(chart),
        file_name=f"{name}.png",
        mime="image/png",
        key=f"png-{name}",
    )


def load_or_stop() -> Store:
    """Return the store, or show a Dutch message (with the command to run) and stop the page."""
    try:
        return cache.store()
    except StoreMissingError:
        st.error(t("app.store_missing", state.language()))
        st.code("python -m sq build", language="bash")
        st.stop()
        raise
    except Exception as exc:  # the page must say what went wrong, never show a traceback
        st.error(t("app.store_error", state.language(), error=str(exc)))
        st.stop()
        raise
