"""Export altair charts as PNG for slides and memos, rendered locally by vl-convert (no network)."""

from __future__ import annotations

import json

import altair as alt
import vl_convert as vlc

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DUTCH_LOCALE = "nl-NL"
"""d3 locale bundled in vl-convert: decimal comma and thousands dot, as readers expect."""


def chart_png(chart: alt.TopLevelMixin, scale: float = 2.0, locale: str = DUTCH_LOCALE) -> bytes:
    """Render an altair chart to PNG bytes; `scale` 2 gives sharp images on slides."""
    if not scale > 0:
        raise ValueError("scale must be positive")
    spec = chart.to_dict(format="vega-lite")
    spec.setdefault("background", "white")  # no transparent PNGs on dark slide templates
    png = vlc.vegalite_to_png(
        json.dumps(spec),
        scale=scale,
        format_locale=locale,
        time_format_locale=locale,
        # No external data: rendering must work in a village hall without internet.
        allowed_base_urls=[],
    )
    return bytes(png)


def png_size(png: bytes) -> tuple[int, int]:
    """Return (width, height) in pixels read from a PNG header."""
    if png[:8] != PNG_MAGIC:
        raise ValueError("not a PNG")
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
