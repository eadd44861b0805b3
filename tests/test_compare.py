"""Areas side by side (sq.analysis.compare) on the tiny fictional store."""

from __future__ import annotations

import pytest

from sq.analysis.compare import comparison_frame, comparison_table
from sq.analysis.profile import area_profile


@pytest.fixture(scope="module")
def profiles(tiny_store, catalogue):
    return [area_profile(tiny_store, catalogue, code) for code in ("GM9901", "GM9902")]


def test_frame_keeps_indicators_both_areas_have(profiles):
    frame = comparison_frame(profiles, "sociale_cohesie")
    # mantelzorg exists only for Dorpum, so it is left out of the comparison
    assert list(frame["indicator_id"]) == ["vrijwilligerswerk", "vrijwilligerswerk"]
    assert list(frame["region_code"]) == ["GM9901", "GM9902"]
    assert list(frame["value"]) == [32.0, 24.5]
    assert set(frame["nl_value"]) == {25.0}


def test_frame_of_one_area_keeps_all_its_values(profiles):
    frame = comparison_frame(profiles[:1], "sociale_cohesie")
    assert set(frame["indicator_id"]) == {"vrijwilligerswerk", "mantelzorg"}


def test_table_is_one_row_per_indicator_with_years(profiles):
    table = comparison_table(comparison_frame(profiles, "sociale_cohesie"))
    assert list(table.columns) == [
        "Indicator",
        "Dorpum",
        "Súdwest-Fjildum",
        "Nederland",
        "Dorpum: vergelijkbare gebieden",
        "Súdwest-Fjildum: vergelijkbare gebieden",
    ]
    assert table.iloc[0].tolist() == [
        "Vrijwilligerswerk",
        "32,0% (2020)",
        "24,5% (2020)",
        "25,0%",
        "29,0%",
        "29,0%",
    ]


def test_table_in_english(profiles):
    table = comparison_table(comparison_frame(profiles, "sociale_inclusie"), "en")
    assert list(table.columns)[3] == "Netherlands"
    assert table.iloc[0, 1:4].tolist() == ["1.5 km (2022)", "3.2 km (2022)", "1.0 km"]
    assert table.iloc[0, 4:].tolist() == ["2.1 km", "2.1 km"]


def test_empty_comparison_is_an_empty_table(profiles):
    assert comparison_table(comparison_frame(profiles, "no_such_condition")).empty
