"""Trends break and explain where a series is not comparable: a definition or source change."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from sq.analysis.series_marks import combined_marks, series_marks
from sq.analysis.trends import MARK_COLUMNS, trend_frame
from sq.build.breaks import comparability_break, definition_breaks, series_labels
from sq.catalogue import parse_catalogue
from sq.store.loader import Store

DESCRIPTION = (
    "De gemiddelde afstand tot de dichtstbijzijnde praktijk. Met ingang van verslagjaar 2021 "
    "levert de bron de praktijken anders aan. Door deze wijziging zijn de uitkomsten vanaf "
    "verslagjaar 2021 niet meer vergelijkbaar met die van de voorgaande jaren. Meer informatie."
)


def test_comparability_break_read_from_a_description() -> None:
    found = comparability_break(DESCRIPTION)
    assert found is not None
    year, reason = found
    assert year == 2021
    assert reason.startswith("Met ingang van verslagjaar 2021") and "niet meer" in reason
    assert "Meer informatie" not in reason
    assert comparability_break("Het aandeel mensen met werk.") is None


def test_definition_breaks_from_the_sources_metadata(tmp_path) -> None:
    folder = tmp_path / "kwb-fictief"
    folder.mkdir()
    pd.DataFrame(
        [
            {
                "Type": "Topic",
                "Key": "AfstandTotPraktijk_1",
                "Title": "Afstand",
                "Description": DESCRIPTION,
            },
            {"Type": "Topic", "Key": "Anders_2", "Title": "Anders", "Description": "Geen breuk."},
        ]
    ).to_csv(folder / "kerncijfers_meta.csv", index=False)
    text = """
[[indicator]]
id = "afstand"
condition = "sociale_inclusie"
title_nl = "A"
title_en = "A"
unit = "km"
direction = "lower_is_better"
definition_nl = "d"
definition_en = "d"
derivation_nl = "d"
publisher = "p"
table_id = "t"
url = "https://example.org"
aggregation = "weighted_mean"
questions_nl = ["V?"]
questions_en = ["Q?"]
[[indicator.sources]]
source = "kwb-fictief"
variable = "AfstandTotPraktijk_1"
"""
    breaks = definition_breaks([tmp_path], parse_catalogue(text))
    assert breaks[["indicator_id", "year", "kind"]].values.tolist() == [
        ["afstand", 2021, "definitie"]
    ]


def test_series_labels_join_the_statistics_of_computed_rows() -> None:
    catalogue = parse_catalogue('[source_series]\n"a" = "Stat A"\n"b" = "Stat A"\n')
    labels = series_labels(pd.Series(["a", "a, b", "c"]), catalogue)
    assert labels.tolist() == ["Stat A", "Stat A", "c"]


def with_series(store: Store, labels: dict[tuple[str, int], str], breaks: pd.DataFrame) -> Store:
    obs = store.observations.copy()
    obs["series"] = [
        labels.get((c, int(y)), "Stat A")
        for c, y in zip(obs["region_code"], obs["year"], strict=True)
    ]
    return replace(store, observations=obs, series_breaks=breaks)


def test_source_switch_breaks_the_line_and_explains(tiny_store: Store) -> None:
    store = with_series(
        tiny_store,
        {("GM9901", 2016): "Politie", ("NL00", 2016): "Politie"},
        pd.DataFrame(),
    )
    frame = trend_frame(store, "misdrijven_per_1000", ["GM9901", "NL00"])
    nl = frame[frame.region_code == "NL00"].sort_values("year")
    assert nl["segment"].tolist() == [0, 1]  # NL has no boundary change: the switch breaks it
    marks = series_marks(store, "misdrijven_per_1000", ["GM9901", "NL00"], [2016, 2020])
    assert list(marks.columns) == list(MARK_COLUMNS)
    assert len(marks) == 1  # the same switch in two lines is one note
    mark = marks.iloc[0]
    assert (mark["kind"], mark["x_from"], mark["x_to"]) == ("bron", 2016, 2020)
    assert "Politie" in mark["detail"] and "Stat A" in mark["detail"]
    assert "onderbroken" in mark["detail"]


def test_same_statistic_is_not_a_switch(tiny_store: Store) -> None:
    store = with_series(tiny_store, {}, pd.DataFrame())
    assert series_marks(store, "misdrijven_per_1000", ["NL00"], [2016, 2020]).empty
    frame = trend_frame(store, "misdrijven_per_1000", ["NL00"])
    assert frame["segment"].tolist() == [0, 0]


@pytest.mark.parametrize(
    ("language", "word"), [("nl", "Definitie gewijzigd"), ("en", "Definition changed")]
)
def test_definition_break_breaks_the_line_and_explains(tiny_store: Store, language, word) -> None:
    breaks = pd.DataFrame(
        [
            {
                "indicator_id": "afstand_huisarts",
                "year": 2021,
                "kind": "definitie",
                "detail": "Anders geteld.",
            }
        ]
    )
    store = with_series(tiny_store, {}, breaks)
    frame = trend_frame(store, "afstand_huisarts", ["GM9901"])
    assert frame.sort_values("year")["segment"].tolist() == [0, 1]
    marks = series_marks(store, "afstand_huisarts", ["GM9901"], [2020, 2022], language)
    assert marks["label"].tolist() == [word]
    assert "Anders geteld." in marks["detail"].iloc[0] and "2021" in marks["detail"].iloc[0]
    assert len(combined_marks(marks.iloc[0:0], marks)) == 1


def test_definition_break_outside_the_shown_years_is_not_marked(tiny_store: Store) -> None:
    breaks = pd.DataFrame(
        [{"indicator_id": "afstand_huisarts", "year": 2030, "kind": "definitie", "detail": "x"}]
    )
    store = with_series(tiny_store, {}, breaks)
    assert series_marks(store, "afstand_huisarts", ["GM9901"], [2020, 2022]).empty
