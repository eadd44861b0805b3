"""Altair chart builders: trends and sparklines (comparison and meeting charts: own modules).

Builders return `alt.Chart` objects and never render. Numbers shown to people (tooltips, value
labels) are formatted in pandas with `sq.text.formatting`, so they read the same whatever d3 locale
the browser or the PNG export uses. Series differ by colour (colour-blind-safe Okabe-Ito),
stroke dash and point shape, so the charts also work in black and white.
"""

from __future__ import annotations

from typing import Any, Final, Literal

import altair as alt
import pandas as pd

from sq.catalogue import Indicator
from sq.text.formatting import axis_title, format_number, format_value, shown_decimals
from sq.text.i18n import language_or_default, section, t

Language = str
Width = int | Literal["container"]

SERIES_COLOURS: Final = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8c6d1f")
"""Okabe-Ito blue, vermillion, green, purple and a dark ochre: distinct for colour-blind readers."""
SERIES_DASHES: Final = ((1, 0), (10, 4), (2, 3), (10, 3, 2, 3), (6, 2))
SERIES_SHAPES: Final = ("circle", "square", "triangle-up", "cross", "triangle-down")
NL_COLOUR: Final = "#4d4d4d"
NL_DASH: Final = (5, 5)
NL_SHAPE: Final = "diamond"

INK: Final = "#212529"
MUTED: Final = "#495057"
GRID: Final = "#e9ecef"
BAND: Final = "#6c757d"


def _lang(language: str) -> Language:
    """Return the interface language (Dutch for anything unknown)."""
    return language_or_default(language)


def number_label_expr(language: Language = "nl") -> str:
    """Return a Vega expression for axis labels that ignores the d3 locale (decimal comma in nl)."""
    plain = "toString(datum.value)"
    decimal_comma = format_number(1.5, 1, language) == "1,5"
    return f"replace({plain}, '.', ',')" if decimal_comma else plain


def _configure(chart: alt.TopLevelMixin, title_size: int = 18, label_size: int = 13) -> Any:
    """Apply the calm, high-contrast look shared by all charts."""
    return (
        chart.configure(background="white")
        .configure_view(stroke=None)
        # Marks are left out of the accessibility tree: every chart has a description and a
        # table with the same numbers beside it; unlabeled SVG groups would only add noise.
        .configure_mark(aria=False)
        .configure_axis(
            labelColor=INK,
            titleColor=INK,
            labelFontSize=label_size,
            titleFontSize=label_size,
            titleFontWeight="normal",
            gridColor=GRID,
            domainColor=BAND,
            tickColor=BAND,
        )
        .configure_legend(labelColor=INK, labelFontSize=label_size, symbolStrokeWidth=2.5)
        .configure_title(
            color=INK,
            fontSize=title_size,
            subtitleColor=MUTED,
            subtitleFontSize=label_size,
            anchor="start",
        )
    )


def series_styles(frame: pd.DataFrame) -> pd.DataFrame:
    """Return one row per area (in frame order) with its colour, dash and shape."""
    cols = ["area", "role"] if "role" in frame.columns else ["area"]
    areas = frame[cols].drop_duplicates("area").reset_index(drop=True)
    rows, i = [], 0
    for row in areas.itertuples(index=False):
        if getattr(row, "role", None) == "nederland" or row.area == "Nederland":
            rows.append((row.area, NL_COLOUR, list(NL_DASH), NL_SHAPE))
            continue
        k = i % len(SERIES_COLOURS)
        rows.append((row.area, SERIES_COLOURS[k], list(SERIES_DASHES[k]), SERIES_SHAPES[k]))
        i += 1
    return pd.DataFrame(rows, columns=["area", "colour", "dash", "shape"])


def _note(estimate: bool, computed: bool, language: Language) -> str:
    """Return the tooltip note for a value ('schatting', 'berekend' or both)."""
    words = [t("chart.estimate", language)] * estimate + [t("chart.computed", language)] * computed
    return ", ".join(words)


def trend_data(frame: pd.DataFrame, unit: str, language: Language = "nl") -> pd.DataFrame:
    """Return the drawable rows of a trend frame with formatted tooltip fields and line runs."""
    data = frame.sort_values(["region_code", "year"], kind="stable").copy()
    gaps = data["value"].isna().astype(int).groupby(data["region_code"]).cumsum()
    # A line runs within one boundary segment and stops at every missing year.
    data["run"] = data["region_code"] + "|" + data["segment"].astype(str) + "|" + gaps.astype(str)
    data = data[data["value"].notna()].copy()
    data["year_text"] = data["year"].astype(int).astype(str)
    places = data["decimals"] if "decimals" in data else pd.Series(None, index=data.index)
    data["value_text"] = [
        format_value(v, unit, language, shown_decimals(unit, v, p))
        for v, p in zip(data["value"], places, strict=True)
    ]
    data["note"] = [
        _note(e, c, language) for e, c in zip(data["estimate"], data["computed"], strict=True)
    ]
    data["estimate"] = data["estimate"].astype(bool)
    order = {a: i for i, a in enumerate(dict.fromkeys(frame["area"]))}
    return data.sort_values(["area", "year"], key=lambda s: s.map(order) if s.name == "area" else s)


def _summary(data: pd.DataFrame, language: Language) -> str:
    """Describe the latest value of each area in words, for screen readers."""
    if data.empty:
        return section("chart", language)["no_data"]
    last = data.sort_values("year").groupby("area", sort=False).tail(1)
    parts = [f"{r.area}: {r.value_text} in {r.year_text}" for r in last.itertuples()]
    return "; ".join(parts) + "."


def _year_axis(years: list[int], language: Language) -> alt.X:
    """Return an x encoding of years as integers (never '2,016') with a tick per observed year."""
    lo, hi = (min(years), max(years)) if years else (2000, 2001)
    pad = 0.4 if hi > lo else 1.0
    return alt.X(
        "year:Q",
        title=None,
        scale=alt.Scale(domain=[lo - pad, hi + pad], nice=False, zero=False),
        axis=alt.Axis(values=years, format="d", labelAngle=0, grid=False, labelFlush=False),
    )


def _series_channels(styles: pd.DataFrame) -> tuple[alt.Color, alt.StrokeDash, alt.Shape]:
    """Return the colour, dash and shape channels that tell the series apart."""
    names = list(styles["area"])
    legend = alt.Legend(
        title=None, orient="bottom", direction="horizontal", symbolSize=120, symbolDash=[1, 0]
    )
    colour = alt.Color(
        "area:N", scale=alt.Scale(domain=names, range=list(styles["colour"])), legend=legend
    )
    # The legend shows colour and shape; dashed symbols there would blur the shapes.
    dash = alt.StrokeDash(
        "area:N", scale=alt.Scale(domain=names, range=list(styles["dash"])), legend=None
    )
    shape = alt.Shape(
        "area:N", scale=alt.Scale(domain=names, range=list(styles["shape"])), legend=legend
    )
    return colour, dash, shape


def _trend_layers(
    frame: pd.DataFrame,
    indicator: Indicator,
    marks: pd.DataFrame | None,
    language: Language,
    width: Width,
    height: int,
) -> alt.LayerChart:
    """Build the unconfigured layers of one trend chart (so several can be concatenated)."""
    texts = section("chart", language)
    data = trend_data(frame, indicator.unit, language)
    years = sorted(int(y) for y in frame["year"].unique())
    colour, dash, shape = _series_channels(series_styles(frame))
    tooltip = [
        alt.Tooltip("area:N", title=texts["area"]),
        alt.Tooltip("year_text:N", title=texts["year"]),
        alt.Tooltip("value_text:N", title=texts["value"]),
        alt.Tooltip("note:N", title=texts["note"]),
    ]
    y = alt.Y(
        "value:Q",
        title=axis_title(indicator.unit, language),
        scale=alt.Scale(zero=indicator.unit != "score"),
        axis=alt.Axis(labelExpr=number_label_expr(language), tickCount=5),
    )
    base = alt.Chart(data).encode(x=_year_axis(years, language), y=y, color=colour)
    lines = base.mark_line(strokeWidth=3).encode(strokeDash=dash, detail="run:N")
    solid = (
        base.transform_filter("!datum.estimate")
        .mark_point(filled=True, size=90, opacity=1)
        .encode(shape=shape, tooltip=tooltip)
    )
    hollow = (
        base.transform_filter("datum.estimate")
        .mark_point(filled=False, fill="white", size=90, strokeWidth=2.5, opacity=1)
        .encode(shape=shape, tooltip=tooltip)
    )
    layers: list[alt.Chart] = []
    if marks is not None and not marks.empty:
        layers += _boundary_layers(marks, years, language)
    layers += [lines, solid, hollow]
    subtitle = [texts["hollow"]] if bool(data["estimate"].any()) else []
    title = indicator.title(language)
    description = texts["trend_desc"].format(title=title, parts=_summary(data, language))
    return alt.layer(*layers).properties(
        title=alt.TitleParams(text=title, subtitle=subtitle),
        description=description,
        width=width,
        height=height,
    )


def _boundary_layers(marks: pd.DataFrame, years: list[int], language: Language) -> list[alt.Chart]:
    """Return a light band, a dashed rule and a label for every boundary-change window."""
    texts = section("chart", language)
    data = marks.reset_index(drop=True).copy()
    data["between"] = [
        texts["between"].format(a=a, b=b)
        for a, b in zip(data["year_from"], data["year_to"], strict=True)
    ]
    data["row"] = [32 * (i % 2) for i in range(len(data))]  # stagger neighbouring labels
    middle = (min(years) + max(years)) / 2 if years else float(data["year"].mean())
    data["right"] = data["year"] >= middle  # labels in the right half run leftwards
    # Two short lines ("Grens gewijzigd" / "(Leeuwarden)") fit narrow phone charts.
    data["label_lines"] = data["label"].str.replace(" (", "\n(", regex=False)
    tooltip = [
        alt.Tooltip("label:N", title=texts["change"]),
        alt.Tooltip("between:N", title=texts["year"]),
        alt.Tooltip("detail:N", title=texts["note"]),
    ]
    base = alt.Chart(data)
    band = base.mark_rect(color=BAND, opacity=0.08).encode(
        x="x_from:Q", x2="x_to:Q", tooltip=tooltip
    )
    rule = base.mark_rule(color=BAND, strokeDash=[6, 4], strokeWidth=1.5).encode(
        x="year:Q", tooltip=tooltip
    )
    labels = [
        base.transform_filter(test)
        .mark_text(
            align=align,
            baseline="top",
            dx=dx,
            fontSize=12,
            color=MUTED,
            fontStyle="italic",
            lineBreak="\n",
        )
        .encode(x="year:Q", y=alt.Y("row:Q", scale=None), text="label_lines:N")
        for test, align, dx in (("!datum.right", "left", 4), ("datum.right", "right", -4))
    ]
    return [band, rule, *labels]


def trend_chart(
    frame: pd.DataFrame,
    indicator: Indicator,
    marks: pd.DataFrame | None = None,
    language: str = "nl",
    width: Width = "container",
    height: int = 280,
) -> Any:
    """Return a line chart of one indicator over time per area, broken at boundary changes."""
    return _configure(_trend_layers(frame, indicator, marks, _lang(language), width, height))


def sparkline(
    frame: pd.DataFrame,
    unit: str = "",
    language: str = "nl",
    width: int = 120,
    height: int = 30,
) -> Any:
    """Return a tiny line of the first area's trend (no axes), ending in a dot at the last value."""
    lang = _lang(language)
    if "role" in frame.columns and (frame["role"] == "area").any():
        own = frame[frame["role"] == "area"]
    else:
        own = frame[frame["region_code"] == frame["region_code"].iloc[0]] if len(frame) else frame
    own = own[own["region_code"] == own["region_code"].iloc[0]] if len(own) else own
    data = trend_data(own, unit, lang)
    x = alt.X("year:Q", axis=None, scale=alt.Scale(zero=False, nice=False, padding=3))
    y = alt.Y("value:Q", axis=None, scale=alt.Scale(zero=False, padding=3))
    base = alt.Chart(data).encode(x=x, y=y)
    line = base.mark_line(color=SERIES_COLOURS[0], strokeWidth=2).encode(detail="run:N")
    # Small dots keep values visible that have no neighbour to join (gaps, boundary changes).
    dots = base.mark_point(filled=True, size=6, color=SERIES_COLOURS[0], opacity=1)
    last = (
        base.transform_window(rank="rank()", sort=[alt.SortField("year", order="descending")])
        .transform_filter("datum.rank == 1")
        .mark_point(filled=True, size=30, color=SERIES_COLOURS[0], opacity=1)
    )
    spark = alt.layer(line, dots, last).properties(
        width=width,
        height=height,
        description=section("chart", lang)["spark_desc"].format(parts=_summary(data, lang)),
    )
    return spark.configure(background="white").configure_view(stroke=None)
