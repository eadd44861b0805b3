"""The big two-bar chart of meeting mode, sized to its own labels so nothing is cut off.

An area against its benchmark, readable from the back of a village hall. The unit is said once,
in the subtitle; the value labels at the bar ends are numbers only. Names, title and labels are
measured (`sq.render.textfit`) and the font sizes, line breaks and the x domain are chosen so
every text lies inside the chart at the given size.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

import altair as alt
import pandas as pd

from sq.catalogue import Indicator
from sq.render.charts import INK, NL_COLOUR, SERIES_COLOURS, _configure, _lang
from sq.render.textfit import CHART_FONT, fit_lines, fitting_size, text_width, wrap_words
from sq.text.formatting import axis_title, format_value
from sq.text.i18n import section

BASE_WIDTH: Final = 560
"""The width the font sizes are designed for: the chart column at 1280×720."""
PADDING: Final = 12
LABEL_GAP: Final = 14
"""Pixels between a bar's end and its value label."""
NAME_PADDING: Final = 16
NAME_SHARE: Final = 0.42
"""At most this share of the width goes to the names on the left."""
MIN_BAR_SHARE: Final = 0.3
"""The longest bar takes at least this share of the plot; else the value labels shrink."""


@dataclass(frozen=True)
class MeetingLayout:
    """Font sizes, line breaks and x domain of one meeting chart."""

    title_lines: list[str]
    title_size: float
    subtitle_size: float
    names: list[str]
    name_size: float
    value_size: float
    domain: list[float]


def _scale(width: int) -> float:
    """Return how much larger than the design size the fonts may be (never smaller)."""
    return min(max(width / BASE_WIDTH, 1.0), 1.6)


def _names(labels: list[str], room: float, largest: float) -> tuple[list[str], float]:
    """Fit the names into `room`: a smaller font first, then up to two lines (never cut)."""
    size = fitting_size(labels, room, largest, largest * 0.7)
    if all(text_width(label, size) <= room for label in labels):
        return labels, size
    size = min(fit_lines(label, room, size, largest * 0.45)[1] for label in labels)
    return ["\n".join(wrap_words(label, size, room)) for label in labels], size


def _domain(values: list[float], label_widths: list[float], plot: float) -> list[float]:
    """Return an x domain in which every value label fits after its bar's end."""
    finite = [v for v in values if v == v]
    lo = min([0.0, *finite])
    hi = max([0.0, *finite])
    span = (hi - lo) or 1.0
    for value, label in zip(values, label_widths, strict=True):
        end = max(value, 0.0) if value == value else 0.0
        free = plot - LABEL_GAP - label
        span = max(span, (end - lo) * plot / free) if free > 0 else span
    return [lo, lo + span]


def meeting_layout(
    title: str, labels: list[str], value_texts: list[str], values: list[float], width: int
) -> MeetingLayout:
    """Choose font sizes, line breaks and domain so all texts fit `width` pixels."""
    k = _scale(width)
    inner = width - 2 * PADDING
    title_lines, title_size = fit_lines(title, inner, 26 * k, 18 * k, bold=True)
    names, name_size = _names(labels, inner * NAME_SHARE - NAME_PADDING, 30 * k)
    name_room = max(text_width(line, name_size) for n in names for line in n.split("\n"))
    plot = inner - name_room - NAME_PADDING
    value_size = fitting_size(
        value_texts, plot * (1 - MIN_BAR_SHARE) - LABEL_GAP, 40 * k, 20 * k, bold=True
    )
    widths = [text_width(text, value_size, bold=True) for text in value_texts]
    return MeetingLayout(
        title_lines=title_lines,
        title_size=title_size,
        subtitle_size=20 * k,
        names=names,
        name_size=name_size,
        value_size=value_size,
        domain=_domain(values, widths, plot),
    )


def _name_axis(layout: MeetingLayout) -> alt.Y:
    """Return the y channel: the two names in big type, wrapped where the layout broke them."""
    return alt.Y(
        "label:N",
        title=None,
        sort=layout.names,
        axis=alt.Axis(
            labelFontSize=layout.name_size,
            labelLimit=0,
            labelExpr="split(datum.label, '\\n')",
            ticks=False,
            domain=False,
            labelPadding=NAME_PADDING,
            labelFont=CHART_FONT,
        ),
    )


def meeting_chart(
    area_label: str,
    value: float,
    bench_label: str,
    bench_value: float,
    indicator: Indicator,
    language: str = "nl",
    width: int = BASE_WIDTH,
    height: int = 340,
) -> Any:
    """Return two big horizontal bars (area vs benchmark), `width` × `height` in all."""
    lang = _lang(language)
    unit = indicator.unit
    title = indicator.title(lang)
    full = [format_value(v, unit, lang) for v in (value, bench_value)]
    short = [format_value(v, unit, lang, compact=True) for v in (value, bench_value)]
    layout = meeting_layout(title, [area_label, bench_label], short, [value, bench_value], width)
    data = pd.DataFrame(
        {
            "label": layout.names,
            "value": [value, bench_value],
            "colour": [SERIES_COLOURS[0], NL_COLOUR],
            "value_text": short,
        }
    )
    data["label_x"] = data["value"].fillna(0.0).clip(lower=0.0)
    x_scale = alt.Scale(domain=layout.domain, nice=False)
    base = alt.Chart(data).encode(y=_name_axis(layout))
    bars = base.mark_bar(height={"band": 0.62}, cornerRadiusEnd=4).encode(
        x=alt.X("value:Q", title=None, scale=x_scale, axis=None),
        color=alt.Color("colour:N", scale=None, legend=None),
    )
    labels = base.mark_text(
        align="left",
        dx=LABEL_GAP,
        fontSize=layout.value_size,
        fontWeight="bold",
        color=INK,
        font=CHART_FONT,
    ).encode(x=alt.X("label_x:Q", scale=x_scale), text="value_text:N")
    parts = f"{area_label}: {full[0]}; {bench_label}: {full[1]}."
    chart = alt.layer(bars, labels).properties(
        title=alt.TitleParams(
            text=layout.title_lines,
            subtitle=[axis_title(unit, lang)],
            fontSize=layout.title_size,
            subtitleFontSize=layout.subtitle_size,
            font=CHART_FONT,
            subtitleFont=CHART_FONT,
            anchor="start",
            offset=14,
        ),
        description=section("chart", lang)["bar_desc"].format(title=title, parts=parts),
        width=width,
        height=height,
        padding={side: PADDING for side in ("left", "right", "top", "bottom")},
        autosize=alt.AutoSizeParams(type="fit", contains="padding"),
    )
    return _configure(chart, title_size=int(layout.title_size), label_size=int(layout.name_size))
