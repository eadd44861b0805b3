import math

import pytest

from sq.analysis.verdict import (
    compare,
    position,
    relative_difference,
    tolerance_for,
    verdict,
)
from sq.catalogue import UNITS, load_catalogue

NAN = float("nan")
COHESION = load_catalogue().get("ervaren_sociale_cohesie").tolerance


@pytest.mark.parametrize(
    ("value", "bench", "unit", "direction", "expected"),
    [
        # percentages: 2 procentpunten either way is comparable
        (36.0, 25.0, "%", "higher_is_better", "gunstiger"),
        (27.0, 25.0, "%", "higher_is_better", "vergelijkbaar"),
        (23.0, 25.0, "%", "higher_is_better", "vergelijkbaar"),
        (22.9, 25.0, "%", "higher_is_better", "ongunstiger"),
        (14.0, 11.0, "%", "lower_is_better", "ongunstiger"),
        (8.0, 11.0, "%", "lower_is_better", "gunstiger"),
        # neutral indicators are never judged
        (19.0, 14.0, "%", "neutral", "geen oordeel"),
        (9.0, 14.0, "%", "neutral", "geen oordeel"),
        (15.0, 14.0, "%", "neutral", "vergelijkbaar"),
        # km: 10%, but at least 0.1 km (the published precision)
        (1.1, 1.0, "km", "lower_is_better", "vergelijkbaar"),
        (1.2, 1.0, "km", "lower_is_better", "ongunstiger"),
        (0.6, 1.0, "km", "lower_is_better", "gunstiger"),
        (0.3, 0.2, "km", "lower_is_better", "vergelijkbaar"),
        (0.0, 0.0, "km", "lower_is_better", "vergelijkbaar"),
        # rates per 1.000: 10%, at least 1
        (46.0, 45.0, "per 1.000 inwoners", "lower_is_better", "vergelijkbaar"),
        (55.0, 45.0, "per 1.000 inwoners", "lower_is_better", "ongunstiger"),
        (3.0, 2.2, "per 1.000 inwoners", "lower_is_better", "vergelijkbaar"),
        # income: 5%
        (31.0, 30.0, "x 1.000 euro", "higher_is_better", "vergelijkbaar"),
        (27.0, 30.0, "x 1.000 euro", "higher_is_better", "ongunstiger"),
        # Leefbaarometer deviations: 0.01 absolute
        (0.015, 0.006, "score", "higher_is_better", "vergelijkbaar"),
        (0.05, 0.006, "score", "higher_is_better", "gunstiger"),
        (-0.04, 0.006, "score", "higher_is_better", "ongunstiger"),
        # unknown unit: 10% relative
        (105.0, 100.0, "stuks", "higher_is_better", "vergelijkbaar"),
        (120.0, 100.0, "stuks", "higher_is_better", "gunstiger"),
        # missing values
        (NAN, 25.0, "%", "higher_is_better", "geen gegevens"),
        (30.0, NAN, "%", "higher_is_better", "geen gegevens"),
        (None, 25.0, "%", "neutral", "geen gegevens"),
        (30.0, float("inf"), "%", "higher_is_better", "geen gegevens"),
    ],
)
def test_verdict_table(value, bench, unit, direction, expected):
    assert verdict(value, bench, unit, direction) == expected


def test_indicator_override_for_a_0_to_10_score():
    # 6.4 vs 6.3 on a 0-10 scale is noise; as a Leefbaarometer deviation it would not be.
    assert verdict(6.4, 6.3, "score", "higher_is_better") == "gunstiger"
    assert verdict(6.4, 6.3, "score", "higher_is_better", tolerance=COHESION) == "vergelijkbaar"
    assert tolerance_for("score", COHESION).amount == 0.2


@pytest.mark.parametrize(
    ("value", "bench", "unit", "expected"),
    [
        (27.0, 25.0, "%", 1.0),
        (21.0, 25.0, "%", -2.0),
        (1.5, 1.0, "km", 5.0),
        (49.5, 45.0, "per 1.000 inwoners", 1.0),
        (0.03, 0.0, "score", 3.0),
    ],
)
def test_relative_difference_is_in_tolerance_bands(value, bench, unit, expected):
    assert relative_difference(value, bench, unit) == pytest.approx(expected)


def test_relative_difference_missing_is_nan():
    assert math.isnan(relative_difference(NAN, 1.0, "%"))
    assert math.isnan(relative_difference(1.0, None, "%"))


@pytest.mark.parametrize(
    ("value", "bench", "expected"),
    [
        (30.0, 25.0, "hoger"),
        (20.0, 25.0, "lager"),
        (26.0, 25.0, "vergelijkbaar"),
        (NAN, 1, "geen gegevens"),
    ],
)
def test_position_never_judges(value, bench, expected):
    assert position(value, bench, "%") == expected


@pytest.mark.parametrize(
    ("value", "direction", "language", "expected"),
    [
        (36.0, "higher_is_better", "nl", "gunstiger"),
        (36.0, "lower_is_better", "nl", "ongunstiger"),
        (36.0, "neutral", "nl", "hoger"),
        (14.0, "neutral", "nl", "lager"),
        (36.0, "neutral", "en", "higher"),
        (25.5, "neutral", "nl", "vergelijkbaar"),
        (36.0, "higher_is_better", "en", "more favourable"),
        (NAN, "higher_is_better", "nl", "geen gegevens"),
    ],
)
def test_comparison_label(value, direction, language, expected):
    assert compare(value, 25.0, "%", direction).label(language) == expected


@pytest.mark.parametrize("unit", [*UNITS, "onbekend"])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_unit_has_an_explanation(unit, language):
    text = tolerance_for(unit).text(language)
    assert text.endswith(".")
    assert ("vergelijkbaar" in text) == (language == "nl")


def test_every_catalogue_unit_is_declared_with_a_tolerance(catalogue):
    assert {i.unit for i in catalogue.indicators} <= set(UNITS)
    assert all(u.tolerance.amount > 0 for u in UNITS.values())


def test_tolerance_text_names_the_band():
    assert "2 procentpunten" in tolerance_for("%").text()
    assert "0,1 km" in tolerance_for("km").text()
    assert "0,2" in tolerance_for("score", COHESION).text()
