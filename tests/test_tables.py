"""Tables beside maps and charts (sq.render.tables) on the tiny fictional store."""

from __future__ import annotations

import pandas as pd
import pytest

from sq.analysis.profile import area_profile
from sq.render.tables import map_table_display, profile_table, trend_table


@pytest.fixture(scope="module")
def dorpum(tiny_store, catalogue):
    return area_profile(tiny_store, catalogue, "GM9901")


def _block(profile, condition_id):
    return next(b for b in profile.conditions if b.condition.id == condition_id)


def test_profile_table_shows_values_as_text(dorpum):
    table = profile_table(_block(dorpum, "sociale_cohesie").rows, show_gemeente=False)
    row = table.set_index("Indicator").loc["Vrijwilligerswerk"]
    assert (row["Waarde"], row["Jaar"], row["Nederland"]) == ("32,0%", "2020", "25,0%")
    assert row["Vergeleken met Nederland"] == "gunstiger"
    assert row["Trend"] == [30.0, 32.0]
    assert "schatting" in row["Toelichting"]


def test_profile_table_keeps_missing_rows_missing(dorpum):
    table = profile_table(_block(dorpum, "sociaaleconomische_zekerheid").rows, False)
    row = table.set_index("Indicator").loc["Moeite met rondkomen"]
    assert row["Waarde"] != "0,0%"
    assert row["Vergeleken met Nederland"] == ""


def test_profile_table_names_the_benchmark_year_when_it_differs(dorpum):
    table = profile_table(_block(dorpum, "sociale_inclusie").rows, False, "en")
    row = table.set_index("Indicator").loc["Distance to a GP"]
    assert (row["Value"], row["Year"], row["Netherlands"]) == ("1.5 km", "2022", "1.0 km")


def test_profile_table_of_a_wijk_has_a_gemeente_column(tiny_store, catalogue):
    wijk = area_profile(tiny_store, catalogue, "WK990101")
    table = profile_table(_block(wijk, "sociale_cohesie").rows, show_gemeente=True)
    assert table.set_index("Indicator").loc["Vrijwilligerswerk", "Gemeente"] == "32,0%"


def test_trend_table_is_one_row_per_year():
    frame = pd.DataFrame(
        {"year": [2020, 2016, 2020], "area": ["Dorpum", "Dorpum", "Nederland"],
         "value": [32.0, 30.0, None]}
    )  # fmt: skip
    table = trend_table(frame, "%")
    assert table.to_dict("records") == [
        {"Jaar": "2016", "Dorpum": "30,0%", "Nederland": "geen gegevens"},
        {"Jaar": "2020", "Dorpum": "32,0%", "Nederland": "geen gegevens"},
    ]


def test_map_table_display_localizes_headers(catalogue):
    table = pd.DataFrame(
        {"name": ["Dorpum"], "gemeente": ["Dorpum"], "region_code": ["GM9901"],
         "value": [32.0], "nl_value": [25.0], "flags": ["estimate;computed"]}
    )  # fmt: skip
    display, numbers = map_table_display(table, catalogue.get("vrijwilligerswerk"), "en")
    assert numbers == ["Value (%)", "Netherlands (%)"]
    assert display.iloc[0].tolist() == [
        "Dorpum",
        "Dorpum",
        "GM9901",
        32.0,
        25.0,
        "estimate, computed",
    ]
