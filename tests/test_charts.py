import json

import pandas as pd
import pytest
import vl_convert as vlc

from sq.analysis.trends import boundary_marks, comparison_areas, trend_frame
from sq.render.chart_export import chart_png, png_size
from sq.render.charts import (
    NL_COLOUR,
    SERIES_COLOURS,
    number_label_expr,
    sparkline,
    trend_chart,
    trend_data,
)
from sq.render.compare_chart import comparison_chart
from sq.render.meeting_chart import meeting_chart

CODES = ["GM9901", "PV99", "NL00"]


def _layers(spec: dict, data: dict | None = None) -> list[dict]:
    """All leaf views of a (nested) spec, each with the data it inherits."""
    data = spec.get("data", data)
    for key in ("layer", "vconcat", "hconcat", "concat"):
        if key in spec:
            return [leaf for sub in spec[key] for leaf in _layers(sub, data)]
    return [{**spec, "data": data}]


def _mark(layer: dict) -> dict:
    mark = layer["mark"]
    return mark if isinstance(mark, dict) else {"type": mark}


def _by_mark(spec: dict, mark_type: str) -> list[dict]:
    return [leaf for leaf in _layers(spec) if _mark(leaf)["type"] == mark_type]


def _data(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][layer["data"]["name"]]


@pytest.fixture
def vrijwilligers(tiny_store, catalogue):
    frame = trend_frame(tiny_store, "vrijwilligerswerk", CODES)
    marks = boundary_marks(tiny_store, CODES, list(frame["year"].unique()))
    return frame, marks, catalogue.get("vrijwilligerswerk")


def test_trend_chart_encodings(vrijwilligers):
    frame, marks, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, marks).to_dict()
    assert spec["title"]["text"] == "Vrijwilligerswerk"
    assert spec["width"] == "container"
    assert "Dorpum" in spec["description"]
    (line,) = _by_mark(spec, "line")
    assert line["encoding"]["detail"]["field"] == "run"
    assert line["encoding"]["strokeDash"]["field"] == "area"
    x = line["encoding"]["x"]
    assert x["axis"]["format"] == "d" and x["axis"]["values"] == [2016, 2020]
    assert line["encoding"]["y"]["title"] == "procent (%)"
    assert "replace" in line["encoding"]["y"]["axis"]["labelExpr"]


def test_trend_chart_line_breaks_at_boundary_change(vrijwilligers):
    frame, marks, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, marks).to_dict()
    (line,) = _by_mark(spec, "line")
    runs = {(r["region_code"], r["year"]): r["run"] for r in _data(spec, line)}
    assert runs[("GM9901", 2016)] != runs[("GM9901", 2020)]
    assert runs[("NL00", 2016)] == runs[("NL00", 2020)]
    assert ("PV99", 2016) not in runs  # a gap, not a zero


def test_trend_chart_boundary_rule_and_label(vrijwilligers):
    frame, marks, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, marks).to_dict()
    (rule,) = _by_mark(spec, "rule")
    assert _mark(rule)["strokeDash"]
    assert _data(spec, rule)[0]["year"] == 2018.0
    texts = _by_mark(spec, "text")
    assert {_mark(t)["align"] for t in texts} == {"left", "right"}  # never clipped at an edge
    assert _data(spec, texts[0])[0]["label"] == "Grens gewijzigd (Dorpum)"
    assert _data(spec, texts[0])[0]["right"]  # the rule sits in the right half
    assert _by_mark(spec, "rect")


def test_trend_chart_without_marks_has_no_rules(vrijwilligers):
    frame, _, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, None).to_dict()
    assert not _by_mark(spec, "rule") and not _by_mark(spec, "text")


@pytest.mark.parametrize(
    ("language", "titles", "note"),
    [
        ("nl", ["Gebied", "Jaar", "Waarde", "Toelichting"], "schatting"),
        ("en", ["Area", "Year", "Value", "Note"], "estimate"),
    ],
)
def test_trend_chart_tooltips(vrijwilligers, language, titles, note):
    frame, marks, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, marks, language=language).to_dict()
    points = _by_mark(spec, "point")
    assert len(points) == 2
    for layer in points:
        assert [t["title"] for t in layer["encoding"]["tooltip"]] == titles
    rows = _data(spec, points[0])
    dorpum = {r["year_text"]: r for r in rows if r["region_code"] == "GM9901"}
    separator = "," if language == "nl" else "."
    assert dorpum["2016"]["value_text"] == f"30{separator}0%"
    assert dorpum["2016"]["note"] == note


def test_estimates_are_hollow_points(vrijwilligers):
    frame, marks, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, marks).to_dict()
    filled = {_mark(p)["filled"]: p for p in _by_mark(spec, "point")}
    assert filled[False]["transform"] == [{"filter": "datum.estimate"}]
    assert filled[True]["transform"] == [{"filter": "!datum.estimate"}]
    assert spec["title"]["subtitle"] == ["Open punt: schatting"]


def test_series_styles_distinguish_without_colour(vrijwilligers):
    frame, marks, indicator = vrijwilligers
    spec = trend_chart(frame, indicator, marks).to_dict()
    (line,) = _by_mark(spec, "line")
    colours = line["encoding"]["color"]["scale"]["range"]
    dashes = line["encoding"]["strokeDash"]["scale"]["range"]
    assert colours == [SERIES_COLOURS[0], SERIES_COLOURS[1], NL_COLOUR]
    assert len({json.dumps(d) for d in dashes}) == 3


def test_trend_data_computed_note(tiny_store):
    frame = trend_frame(tiny_store, "misdrijven_per_1000", ["GM9901", "NL00"])
    data = trend_data(frame, "per 1.000 inwoners")
    nl = data[data["region_code"] == "NL00"]
    assert nl["note"].tolist() == ["berekend", "berekend"]
    assert nl["value_text"].tolist() == ["50,0 per 1.000 inwoners", "45,0 per 1.000 inwoners"]


def test_sparkline_is_tiny_and_bare(tiny_store):
    frame = trend_frame(tiny_store, "afstand_huisarts", ["GM9901", "NL00"])
    spec = sparkline(frame, "km").to_dict()
    assert (spec["width"], spec["height"]) == (120, 30)
    for layer in _layers(spec):
        assert layer["encoding"]["x"]["axis"] is None and layer["encoding"]["y"]["axis"] is None
    (line,) = _by_mark(spec, "line")
    assert {r["region_code"] for r in _data(spec, line)} == {"GM9901"}
    assert "1,5 km in 2022" in spec["description"]


def _comparison_frame() -> pd.DataFrame:
    rows = [
        ("Dorpum", "vrijwilligerswerk", "Vrijwilligerswerk", 32.0, 25.0, "%"),
        ("Westerwâld", "vrijwilligerswerk", "Vrijwilligerswerk", 40.0, 25.0, "%"),
        ("Dorpum", "misdrijven_per_1000", "Misdrijven", 46.0, 45.0, "per 1.000 inwoners"),
        (
            "Westerwâld",
            "misdrijven_per_1000",
            "Misdrijven",
            float("nan"),
            45.0,
            "per 1.000 inwoners",
        ),
    ]
    return pd.DataFrame(
        rows, columns=["area", "indicator_id", "title", "value", "nl_value", "unit"]
    )


@pytest.mark.parametrize(
    ("language", "tick"),
    [("nl", "Streepje = Nederland: 25,0%"), ("en", "Tick = the Netherlands: 25.0%")],
)
def test_comparison_chart(language, tick):
    spec = comparison_chart(_comparison_frame(), language).to_dict()
    panels = spec["vconcat"]
    assert [p["title"]["text"] for p in panels] == ["Vrijwilligerswerk", "Misdrijven"]
    assert tick in panels[0]["title"]["subtitle"]
    assert all(p["description"] for p in panels)
    assert len(_by_mark(spec, "rule")) == 2  # one NL tick per indicator
    texts = _by_mark(spec, "text")
    labels = [r["label_text"] for t in texts for r in _data(spec, t)]
    missing = "geen gegevens" if language == "nl" else "no data"
    assert "46,0" in labels or "46.0" in labels
    assert missing in labels
    assert spec["resolve"]["scale"]["x"] == "independent"


@pytest.mark.parametrize(("language", "value_text"), [("nl", "32,0%"), ("en", "32.0%")])
def test_meeting_chart_big_and_simple(catalogue, language, value_text):
    indicator = catalogue.get("vrijwilligerswerk")
    spec = meeting_chart("Uw dorp", 32.0, "Nederland", 25.0, indicator, language).to_dict()
    (bar,) = _by_mark(spec, "bar")
    (text,) = _by_mark(spec, "text")
    assert bar["encoding"]["y"]["axis"]["labelFontSize"] >= 24
    assert _mark(text)["fontSize"] >= 24
    assert spec["config"]["title"]["fontSize"] >= 24
    assert [r["value_text"] for r in _data(spec, text)] == [
        value_text,
        "25,0%" if language == "nl" else "25.0%",
    ]
    assert [r["label"] for r in _data(spec, bar)] == ["Uw dorp", "Nederland"]
    assert spec["description"]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("nl", "replace(toString(datum.value), '.', ',')"), ("en", "toString(datum.value)")],
)
def test_number_label_expr_ignores_locale(language, expected):
    assert number_label_expr(language) == expected


def test_every_chart_has_description_and_white_background(vrijwilligers, catalogue):
    frame, marks, indicator = vrijwilligers
    charts = [
        trend_chart(frame, indicator, marks),
        sparkline(frame, "%"),
        comparison_chart(_comparison_frame()),
        meeting_chart("Uw gemeente", 32.0, "Nederland", 25.0, indicator),
    ]
    for chart in charts:
        spec = chart.to_dict()
        assert spec["description"]
        assert spec["config"]["background"] == "white"


def test_charts_render_to_png(tmp_path, vrijwilligers):
    frame, marks, indicator = vrijwilligers
    charts = {
        "trend": trend_chart(frame, indicator, marks, width=600),
        "meeting": meeting_chart("Uw gemeente", 32.0, "Nederland", 25.0, indicator),
        "comparison": comparison_chart(_comparison_frame(), width=300),
    }
    for name, chart in charts.items():
        png = vlc.vegalite_to_png(chart.to_json(), scale=2)
        (tmp_path / f"{name}.png").write_bytes(png)
        assert png_size(png)[0] > 400
    width, height = png_size(chart_png(charts["meeting"], scale=1))
    assert width <= 1280 and height <= 720  # fits a projector


def test_trend_chart_for_wijk_with_all_comparisons(tiny_store, catalogue):
    codes = [c for c, _, _ in comparison_areas(tiny_store, "WK990101")]
    frame = trend_frame(tiny_store, "mantelzorg", codes)
    spec = trend_chart(frame, catalogue.get("mantelzorg"), None).to_dict()
    (line,) = _by_mark(spec, "line")
    assert line["encoding"]["color"]["scale"]["domain"] == [
        "Binnenstad",
        "Dorpum",
        "Fictiefland",
        "Nederland",
    ]
