import math
from datetime import date

import pytest

from sq.text.formatting import (
    axis_title,
    decimals_for,
    format_number,
    format_value,
    is_missing,
    long_date,
)


@pytest.mark.parametrize(
    ("value", "unit", "language", "expected"),
    [
        (32.4, "%", "nl", "32,4%"),
        (32.4, "%", "en", "32.4%"),
        (32.45, "%", "nl", "32,5%"),
        (1.4, "km", "nl", "1,4 km"),
        (1.4, "km", "en", "1.4 km"),
        (24.5, "x 1.000 euro", "nl", "€ 24.500"),
        (24.53, "x 1.000 euro", "nl", "€ 24.500"),
        (24.5, "x 1.000 euro", "en", "€24,500"),
        (1234.5, "x 1.000 euro", "nl", "€ 1.234.500"),
        (54.72, "per 1.000 inwoners", "nl", "54,7 per 1.000 inwoners"),
        (54.72, "per 1.000 inwoners", "en", "54.7 per 1,000 inhabitants"),
        (1234.5, "per 1.000 inwoners", "nl", "1.234,5 per 1.000 inwoners"),
        (0.0123, "score", "nl", "+0,012"),
        (-0.0456, "score", "nl", "-0,046"),
        (-0.0456, "score", "en", "-0.046"),
        (0.0, "score", "nl", "0,000"),
        (-0.0001, "score", "nl", "0,000"),
        (6.24, "score", "nl", "6,2"),
        (12.0, "", "nl", "12,0"),
        (3.0, "jaar", "nl", "3,0 jaar"),
    ],
)
def test_format_value(value, unit, language, expected):
    assert format_value(value, unit, language) == expected


@pytest.mark.parametrize("missing", [math.nan, None, float("nan")])
@pytest.mark.parametrize(("language", "expected"), [("nl", "geen gegevens"), ("en", "no data")])
@pytest.mark.parametrize("unit", ["%", "km", "score", "x 1.000 euro"])
def test_missing_values_read_as_no_data(missing, language, expected, unit):
    assert format_value(missing, unit, language) == expected


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "expected"),
    [(32.44, "%", 0, "32%"), (32.44, "%", 2, "32,44%"), (1.25, "km", 2, "1,25 km")],
)
def test_explicit_decimals(value, unit, decimals, expected):
    assert format_value(value, unit, "nl", decimals=decimals) == expected


@pytest.mark.parametrize(
    ("unit", "compact", "expected"),
    [
        ("per 1.000 inwoners", True, "54,7"),
        ("per 1.000 inwoners", False, "54,7 per 1.000 inwoners"),
        ("km", True, "54,7 km"),
        ("%", True, "54,7%"),
    ],
)
def test_compact_drops_long_unit_words(unit, compact, expected):
    assert format_value(54.7, unit, "nl", compact=compact) == expected


@pytest.mark.parametrize(
    ("unit", "value", "expected"),
    [
        ("%", None, 1),
        ("km", None, 1),
        ("score", None, 3),
        ("score", 0.2, 3),
        ("score", 7.1, 1),
        ("onbekend", None, 1),
    ],
)
def test_decimals_for(unit, value, expected):
    assert decimals_for(unit, value) == expected


@pytest.mark.parametrize(
    ("value", "decimals", "language", "signed", "expected"),
    [
        (1234567.891, 2, "nl", False, "1.234.567,89"),
        (1234567.891, 2, "en", False, "1,234,567.89"),
        (0.5, 1, "nl", True, "+0,5"),
        (-0.04, 1, "nl", True, "0,0"),
    ],
)
def test_format_number(value, decimals, language, signed, expected):
    assert format_number(value, decimals, language, signed) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(None, True), (math.nan, True), (0.0, False), (3, False), ("x", True)]
)
def test_is_missing(value, expected):
    assert is_missing(value) is expected


@pytest.mark.parametrize(
    ("unit", "language", "expected"),
    [
        ("%", "nl", "procent (%)"),
        ("x 1.000 euro", "nl", "duizend euro"),
        ("per 1.000 inwoners", "en", "per 1,000 inhabitants"),
        ("iets", "nl", "iets"),
    ],
)
def test_axis_title(unit, language, expected):
    assert axis_title(unit, language) == expected


def test_output_is_ascii_apart_from_euro_sign():
    # The PDF's core-font fallback drops characters outside Latin-1 (such as a real minus).
    for text in (
        format_value(-0.5, "score"),
        format_value(-3.0, "%"),
        format_value(2.5, "x 1.000 euro"),
    ):
        assert all(ord(ch) < 256 or ch == "€" for ch in text)


@pytest.mark.parametrize(
    ("unit", "value", "source", "expected"),
    [
        ("%", 61.0, 0, "61%"),  # a whole-number source is shown whole
        ("%", 6.8, 1, "6,8%"),
        ("%", 6.84, 2, "6,8%"),  # never more than the unit's decimals
        ("%", 6.8, None, "6,8%"),  # unknown precision: the unit's
        ("x 1.000 euro", 22.0, 0, "€ 22.000"),
        ("km", 1.4, 1, "1,4 km"),
    ],
)
def test_value_keeps_the_source_precision(unit, value, source, expected) -> None:
    from sq.text.formatting import shown_decimals

    assert format_value(value, unit, "nl", shown_decimals(unit, value, source)) == expected


def test_trend_table_shows_whole_number_years_whole() -> None:
    """A series whose older source publishes whole numbers reads '26' next to '27,8'."""
    import pandas as pd

    from sq.render.tables import trend_table

    frame = pd.DataFrame(
        {
            "area": ["Dorpum", "Dorpum"],
            "year": [2019, 2020],
            "value": [26.0, 27.8],
            "decimals": pd.array([0, 1], dtype="Int64"),
        }
    )
    table = trend_table(frame, "%", "nl")
    assert table["Dorpum"].tolist() == ["26%", "27,8%"]


@pytest.mark.parametrize(
    ("day", "lang", "expected"),
    [
        (date(2025, 3, 4), "nl", "4 maart 2025"),
        (date(2024, 12, 31), "nl", "31 december 2024"),
        (date(2025, 3, 4), "en", "4 March 2025"),
        (date(2025, 1, 1), "fy", "1 jannewaris 2025"),
        (date(2025, 1, 1), "xx", "1 januari 2025"),  # unknown language: the Dutch words
    ],
)
def test_long_date(day, lang, expected):
    assert long_date(day, lang) == expected
