import io

import altair as alt
import pandas as pd
import pytest
from PIL import Image

from sq.render.chart_export import PNG_MAGIC, chart_png, png_size


def _trend_chart(width: int = 300, height: int = 150) -> alt.Chart:
    frame = pd.DataFrame({"jaar": [2020, 2021, 2022], "waarde": [1234.5, 22.3, 25.1]})
    return (
        alt.Chart(frame, title="Dorpum")
        .mark_line(point=True)
        .encode(x="jaar:O", y=alt.Y("waarde:Q", axis=alt.Axis(format=",.1f")))
        .properties(width=width, height=height)
    )


@pytest.mark.parametrize("scale", [1.0, 2.0, 3.0])
def test_chart_png_is_png_scaled(scale):
    base = png_size(chart_png(_trend_chart(), scale=1.0))
    png = chart_png(_trend_chart(), scale=scale)
    assert png[:8] == PNG_MAGIC
    width, height = png_size(png)
    assert abs(width - base[0] * scale) <= scale
    assert abs(height - base[1] * scale) <= scale
    assert width > 300 * scale  # plot area plus axes
    assert Image.open(io.BytesIO(png)).size == (width, height)


def test_chart_png_has_opaque_white_background():
    image = Image.open(io.BytesIO(chart_png(_trend_chart()))).convert("RGBA")
    assert image.getpixel((0, 0)) == (255, 255, 255, 255)


def test_chart_png_works_for_layered_charts():
    chart = _trend_chart() + _trend_chart().mark_rule()
    assert chart_png(chart)[:8] == PNG_MAGIC


def test_chart_png_never_fetches_external_data():
    chart = alt.Chart(alt.UrlData("https://example.org/data.csv")).mark_bar().encode(x="a:Q")
    with pytest.raises(ValueError, match="not allowed"):
        chart_png(chart)


@pytest.mark.parametrize("scale", [0, -1.0])
def test_chart_png_refuses_bad_scale(scale):
    with pytest.raises(ValueError):
        chart_png(_trend_chart(), scale=scale)


def test_png_size_refuses_non_png():
    with pytest.raises(ValueError):
        png_size(b"GIF89a....")
