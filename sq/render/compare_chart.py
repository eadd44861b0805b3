"""The comparison chart: two to four areas side by side per indicator, with the Netherlands' tick.

Shares the calm look and series styles of `sq.render.charts`.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from sq.render.charts import (
    INK,
    Language,
    Width,
    _configure,
    _lang,
    number_label_expr,
    series_styles,
)
from sq.text.formatting import axis_title, format_value
from sq.text.i18n import section


def _bar_domain(values: pd.Series, room: float = 0.35) -> list[float]:
    """Return an x domain from zero (or the lowest value) with room for labels at the bar ends."""
    lo, hi = min(0.0, float(values.min())), max(0.0, float(values.max()))
    span = (hi - lo) or 1.0
    return [lo - (room * span if lo < 0 else 0.0), hi + room * span]


def _nl_tick(value: float, text: str, domain: list[float], title: str) -> alt.Chart:
    """Return the dashed tick that marks the Netherlands' value across the bars."""
    return (
        alt.Chart(pd.DataFrame({"nl_value": [value], "nl_text": [text]}))
        .mark_rule(color=INK, strokeWidth=3, strokeDash=[4, 2])
        .encode(
            x=alt.X("nl_value:Q", scale=alt.Scale(domain=domain, nice=False)),
            tooltip=[alt.Tooltip("nl_text:N", title=title)],
        )
    )


def _comparison_panel(
    part: pd.DataFrame, styles: pd.DataFrame, language: Language, width: Width
) -> alt.LayerChart:
    """Build the bars of one indicator with a tick for the Netherlands."""
    texts = section("chart", language)
    unit = str(part["unit"].iloc[0])
    title = str(part["title"].iloc[0])
    data = part.copy()
    data["value_text"] = [format_value(v, unit, language) for v in data["value"]]
    data["label_text"] = [format_value(v, unit, language, compact=True) for v in data["value"]]
    data["label_x"] = data["value"].fillna(0.0).clip(lower=0.0)
    nl_value = data["nl_value"].iloc[0]
    nl_text = format_value(nl_value, unit, language)
    values = pd.concat([data["value"], data["nl_value"]]).dropna()
    domain = _bar_domain(values if len(values) else pd.Series([0.0, 1.0]))
    names = list(styles["area"])
    x = alt.X(
        "value:Q",
        title=None,
        scale=alt.Scale(domain=domain, nice=False),
        axis=alt.Axis(labelExpr=number_label_expr(language), tickCount=4, grid=False),
    )
    y = alt.Y("area:N", title=None, sort=names, axis=alt.Axis(labelLimit=160, ticks=False))
    tooltip = [
        alt.Tooltip("area:N", title=texts["area"]),
        alt.Tooltip("value_text:N", title=texts["value"]),
    ]
    base = alt.Chart(data).encode(y=y)
    bars = base.mark_bar(height={"band": 0.7}).encode(
        x=x,
        color=alt.Color(
            "area:N", scale=alt.Scale(domain=names, range=list(styles["colour"])), legend=None
        ),
        tooltip=tooltip,
    )
    labels = base.mark_text(align="left", dx=5, fontSize=14, color=INK).encode(
        x=alt.X("label_x:Q", scale=alt.Scale(domain=domain, nice=False)), text="label_text:N"
    )
    layers: list[alt.Chart] = [bars]
    if pd.notna(nl_value):
        layers.append(_nl_tick(nl_value, nl_text, domain, texts["nederland"]))
    layers.append(labels)  # value labels on top of the tick
    nl_line = texts["nl_tick"] if pd.notna(nl_value) else texts["nl_missing"]
    subtitle = [nl_line.format(value=nl_text)]
    if format_value(1.0, unit, language) != format_value(1.0, unit, language, compact=True):
        subtitle.insert(0, axis_title(unit, language))
    parts = "; ".join(f"{a}: {t}" for a, t in zip(data["area"], data["value_text"], strict=True))
    parts += f"; {texts['nederland']}: {nl_text}."
    return alt.layer(*layers).properties(
        title=alt.TitleParams(text=title, subtitle=subtitle),
        description=texts["bar_desc"].format(title=title, parts=parts),
        width=width,
        height=alt.Step(34),
    )


def comparison_chart(frame: pd.DataFrame, language: str = "nl", width: Width = "container") -> Any:
    """Return bars per area for each indicator (2-4 areas), with a dashed tick for Nederland.

    `frame` has columns area, indicator_id, title, value, nl_value and unit.
    """
    lang = _lang(language)
    styles = series_styles(frame[["area"]])
    panels = [
        _comparison_panel(part, styles, lang, width)
        for _, part in frame.groupby("indicator_id", sort=False)
    ]
    chart = alt.vconcat(*panels, spacing=28).properties(
        description=", ".join(dict.fromkeys(frame["title"]))
    )
    return _configure(chart.resolve_scale(x="independent"), title_size=17, label_size=14)
