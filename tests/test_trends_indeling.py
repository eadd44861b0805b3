"""A trend breaks only where the boundaries behind two figures differ."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sq.analysis.trends import boundary_marks, relevant_marks, trend_frame
from sq.store.loader import open_store


def gm9901_segments(store) -> list[int]:
    frame = trend_frame(store, "vrijwilligerswerk", ["GM9901"])
    return frame.loc[frame["value"].notna(), "segment"].tolist()


def test_figures_on_their_own_year_break_at_the_boundary_change(tiny_store) -> None:
    obs = tiny_store.observations.assign(area_year=tiny_store.observations["year"])
    assert gm9901_segments(replace(tiny_store, observations=obs)) == [0, 1]


def test_figures_recomputed_on_one_set_of_boundaries_stay_one_line(tiny_store) -> None:
    obs = tiny_store.observations.assign(area_year=2022)  # as RIVM publishes 2012-2020
    store = replace(tiny_store, observations=obs)
    assert gm9901_segments(store) == [0, 0]
    frame = trend_frame(store, "vrijwilligerswerk", ["GM9901"])
    marks = boundary_marks(store, ["GM9901"], [2016, 2020])
    assert not marks.empty and relevant_marks(marks, frame).empty


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("indicator", "single_line"), [("vrijwilligerswerk", True), ("misdrijven_per_1000", False)]
)
def test_leeuwarden_rivm_is_one_line_and_crime_breaks(indicator: str, single_line: bool) -> None:
    frame = trend_frame(open_store(), indicator, ["GM0080"])
    assert (frame["segment"].max() == 0) == single_line
