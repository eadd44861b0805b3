"""Coverage per indicator (sq.analysis.coverage) and the about page overview (sq.analysis.about)."""

from __future__ import annotations

import pandas as pd
import pytest

from sq.analysis.about import indicator_overview, publishers
from sq.analysis.coverage import coverage_table, markdown_table
from sq.text.i18n import t


@pytest.fixture(scope="module")
def coverage(tiny_store, catalogue):
    return coverage_table(tiny_store, catalogue).set_index("indicator_id")


@pytest.mark.parametrize(
    ("indicator_id", "levels", "years", "regions", "nl"),
    [
        ("vrijwilligerswerk", "gemeente, wijk, dorp", "2016, 2020", 5, "bron 2016, 2020"),
        ("afstand_huisarts", "gemeente, wijk", "2020, 2022", 3, "berekend 2022"),
        ("misdrijven_per_1000", "gemeente", "2016, 2020", 1, "berekend 2016, 2020"),
        ("moeite_met_rondkomen", "-", "nog geen gegevens", 0, "bron 2020"),
        ("ervaren_sociale_cohesie", "-", "nog geen gegevens", 0, "nee"),
    ],
)
def test_coverage_rows(coverage, indicator_id, levels, years, regions, nl):
    row = coverage.loc[indicator_id]
    assert (row["levels"], row["years"], row["regions"], row["nl_benchmark"]) == (
        levels,
        years,
        regions,
        nl,
    )


def test_coverage_has_every_catalogue_indicator_once(coverage, catalogue):
    assert list(coverage.index) == [i.id for i in catalogue.indicators]


def test_markdown_table():
    frame = pd.DataFrame({"a": [1, 2], "b": ["x", "y"]})
    assert markdown_table(frame) == "| a | b |\n|---|---|\n| 1 | x |\n| 2 | y |"


def test_overview_says_what_is_missing(tiny_store, catalogue):
    overview = indicator_overview(tiny_store, catalogue).set_index("Indicator")
    assert len(overview) == len(catalogue.indicators)
    levels = [t(f"level.{lv}", "nl") for lv in ("gemeente", "wijk", "dorp")]
    assert overview.loc["Vrijwilligerswerk", "Niveaus"] == ", ".join(levels)
    assert overview.loc["Vrijwilligerswerk", "Jaren"] == "2016, 2020"
    assert overview.loc["Ervaren sociale samenhang", "Jaren"] == "nog geen gegevens"
    assert overview.loc["Ervaren sociale samenhang", "Niveaus"] == "-"


def test_overview_in_english(tiny_store, catalogue):
    overview = indicator_overview(tiny_store, catalogue, "en")
    assert "Condition" in overview.columns
    assert "Social cohesion" in set(overview["Condition"])


def test_publishers_are_sorted_and_unique(catalogue):
    names = publishers(catalogue)
    assert names == sorted(set(names))
    assert "CBS" in names
