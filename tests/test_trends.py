import math
from dataclasses import replace

import pandas as pd
import pytest

from sq.analysis.trends import (
    MARK_COLUMNS,
    TREND_COLUMNS,
    boundary_marks,
    comparison_areas,
    trend_frame,
)


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (
            "WK990101",
            [
                ("WK990101", "Binnenstad", "area"),
                ("GM9901", "Dorpum", "gemeente"),
                ("PV99", "Fictiefland", "provincie"),
                ("NL00", "Nederland", "nederland"),
            ],
        ),
        (
            "BU99010101",
            [
                ("BU99010101", "Kerkbuurt", "area"),
                ("GM9901", "Dorpum", "gemeente"),
                ("PV99", "Fictiefland", "provincie"),
                ("NL00", "Nederland", "nederland"),
            ],
        ),
        (
            "DP9902-westerwald",
            [
                ("DP9902-westerwald", "Westerwâld", "area"),
                ("GM9902", "Súdwest-Fjildum", "gemeente"),
                ("PV99", "Fictiefland", "provincie"),
                ("NL00", "Nederland", "nederland"),
            ],
        ),
        (
            "GM9901",
            [
                ("GM9901", "Dorpum", "area"),
                ("PV99", "Fictiefland", "provincie"),
                ("NL00", "Nederland", "nederland"),
            ],
        ),
        ("PV99", [("PV99", "Fictiefland", "area"), ("NL00", "Nederland", "nederland")]),
        ("NL00", [("NL00", "Nederland", "area")]),
    ],
)
def test_comparison_areas(tiny_store, code, expected):
    assert comparison_areas(tiny_store, code) == expected


def test_comparison_areas_unknown_code(tiny_store):
    with pytest.raises(KeyError):
        comparison_areas(tiny_store, "GM0000")


def _series(frame: pd.DataFrame, code: str, column: str) -> list:
    return frame.loc[frame["region_code"] == code, column].tolist()


def test_trend_frame_columns_and_years(tiny_store):
    frame = trend_frame(tiny_store, "vrijwilligerswerk", ["GM9901", "PV99", "NL00"])
    assert tuple(frame.columns) == TREND_COLUMNS
    assert frame["year"].dtype == "int64"
    for code in ("GM9901", "PV99", "NL00"):
        assert _series(frame, code, "year") == [2016, 2020]
    assert _series(frame, "GM9901", "role") == ["area", "area"]
    assert _series(frame, "PV99", "role") == ["provincie", "provincie"]
    assert _series(frame, "NL00", "area") == ["Nederland", "Nederland"]


def test_trend_frame_breaks_segment_at_boundary_change(tiny_store):
    frame = trend_frame(tiny_store, "vrijwilligerswerk", ["GM9901", "PV99", "NL00"])
    # GM9901's boundaries changed between 2016 and 2020: two segments, never one line.
    assert _series(frame, "GM9901", "segment") == [0, 1]
    assert _series(frame, "NL00", "segment") == [0, 0]
    assert _series(frame, "PV99", "segment") == [0, 0]


def test_trend_frame_keeps_missing_as_nan(tiny_store):
    frame = trend_frame(tiny_store, "vrijwilligerswerk", ["GM9901", "PV99", "NL00"])
    pv = frame[frame["region_code"] == "PV99"].set_index("year")
    assert math.isnan(pv.loc[2016, "value"])  # not observed: a gap, not a zero
    assert pv.loc[2020, "value"] == pytest.approx(30.0)
    assert bool(pv.loc[2020, "computed"]) and bool(pv.loc[2020, "estimate"])


def test_trend_frame_suppressed_value(tiny_store):
    frame = trend_frame(tiny_store, "vrijwilligerswerk", ["WK990102", "GM9901"])
    wijk = frame[frame["region_code"] == "WK990102"].set_index("year")
    assert math.isnan(wijk.loc[2020, "value"])
    assert bool(wijk.loc[2020, "suppressed"])
    assert not bool(wijk.loc[2016, "suppressed"])  # merely not observed
    assert _series(frame, "GM9901", "role") == ["gemeente", "gemeente"]


@pytest.mark.parametrize(
    ("indicator_id", "codes", "years"),
    [
        ("afstand_huisarts", ["GM9901", "NL00"], [2020, 2022]),
        ("mantelzorg", ["WK990101", "GM9901", "NL00"], [2020]),
        ("misdrijven_per_1000", ["GM9901"], [2016, 2020]),
    ],
)
def test_trend_frame_union_of_years(tiny_store, indicator_id, codes, years):
    frame = trend_frame(tiny_store, indicator_id, codes)
    assert sorted(frame["year"].unique()) == years
    assert len(frame) == len(codes) * len(years)


def test_trend_frame_names_are_unique(tiny_store):
    frame = trend_frame(tiny_store, "vrijwilligerswerk", ["WK990101", "WK990201"])
    names = frame.drop_duplicates("region_code")["area"].tolist()
    assert len(set(names)) == 2
    assert all(name.startswith("Binnenstad") for name in names)


def test_trend_frame_empty_inputs(tiny_store):
    assert trend_frame(tiny_store, "vrijwilligerswerk", []).empty
    frame = trend_frame(tiny_store, "bestaat_niet", ["GM9901"])
    assert frame.empty and tuple(frame.columns) == TREND_COLUMNS


@pytest.mark.parametrize(
    ("language", "label"),
    [("nl", "Grens gewijzigd (Dorpum)"), ("en", "Boundary changed (Dorpum)")],
)
def test_boundary_marks_between_shown_years(tiny_store, language, label):
    marks = boundary_marks(tiny_store, ["GM9901", "NL00"], [2016, 2020], language)
    assert tuple(marks.columns) == MARK_COLUMNS
    assert marks["label"].tolist() == [label]
    row = marks.iloc[0]
    assert (row["year_from"], row["year_to"], row["year"]) == (2016, 2020, 2018.0)
    assert "12%" in row["detail"]


@pytest.mark.parametrize(
    ("codes", "years"),
    [
        (["GM9901"], [2020, 2022]),  # change lies before the shown years
        (["GM9901"], [2016]),  # one year: nothing to break
        (["GM9902", "NL00"], [2016, 2020]),  # no change for these areas
    ],
)
def test_boundary_marks_none(tiny_store, codes, years):
    marks = boundary_marks(tiny_store, codes, years)
    assert marks.empty and tuple(marks.columns) == MARK_COLUMNS


def _with_changes(store, rows):
    changes = pd.DataFrame(rows, columns=["region_code", "year_from", "year_to", "kind", "detail"])
    return replace(store, boundary_changes=changes)


def test_touching_windows_merge_and_clip(tiny_store):
    store = _with_changes(
        tiny_store,
        [
            ("GM9901", 2012, 2017, "grens gewijzigd", "Nam GM9902 op."),
            ("GM9901", 2017, 2018, "nieuw", "Nieuwe code."),
        ],
    )
    marks = boundary_marks(store, ["GM9901"], [2016, 2020])
    assert len(marks) == 1
    row = marks.iloc[0]
    assert (row["year_from"], row["year_to"]) == (2012, 2018)  # the true window
    assert (row["x_from"], row["x_to"], row["year"]) == (2016, 2018, 2017.0)  # as drawn
    assert row["label"] == "Gemeentelijke herindeling (Dorpum)"
    assert "Súdwest-Fjildum" in row["detail"]  # codes named


def test_segments_break_at_every_year_inside_an_uncertain_window(tiny_store):
    store = _with_changes(tiny_store, [("GM9901", 2012, 2020, "grens gewijzigd", "")])
    frame = trend_frame(store, "afstand_huisarts", ["GM9901", "NL00"])
    # 2020 and 2022 both lie after the window: one segment.
    assert _series(frame, "GM9901", "segment") == [0, 0]
    frame = trend_frame(store, "vrijwilligerswerk", ["GM9901"])
    assert _series(frame, "GM9901", "segment") == [0, 1]
