"""Map view data on the tiny fictional store: table, layer join, years, levels, scopes."""

from __future__ import annotations

import math

import pytest

from sq.analysis import mapdata


def test_years_and_levels(tiny_store) -> None:
    assert mapdata.years_for(tiny_store, "vrijwilligerswerk", "gemeente") == [2020, 2016]
    assert mapdata.levels_for(tiny_store, "vrijwilligerswerk") == ["gemeente", "wijk"]
    assert mapdata.indicator_years(tiny_store)["afstand_huisarts"] == [2022, 2020]


@pytest.mark.parametrize(
    ("scope", "codes"),
    [("NL00", {"WK990101", "WK990102", "WK990201"}), ("GM9901", {"WK990101", "WK990102"})],
)
def test_table_is_limited_to_the_scope(tiny_store, scope, codes) -> None:
    table = mapdata.map_table(tiny_store, "vrijwilligerswerk", 2020, "wijk", scope)
    assert set(table["region_code"]) == codes
    assert (table["nl_value"] == 25.0).all()


def test_layer_join_keeps_missing_areas_missing(tiny_store) -> None:
    layer = tiny_store.geometries("wijk", 2022)
    view = mapdata.map_view(tiny_store, "vrijwilligerswerk", 2020, "wijk", "GM9901", layer, 2022)
    values = dict(zip(view.layer["region_code"], view.layer["value"], strict=True))
    assert values["WK990101"] == 36.0 and math.isnan(values["WK990102"])
    assert view.missing_on_map == 1 and view.not_on_map == 0


def test_no_boundaries_gives_table_only(tiny_store) -> None:
    assert mapdata.geometry_year_for(tiny_store, "buurt", 2020) is None
    view = mapdata.map_view(tiny_store, "vrijwilligerswerk", 2020, "wijk", None, None, None)
    assert view.layer is None and len(view.table) == 3


@pytest.mark.parametrize(
    ("level", "first", "has_gemeente"),
    [("gemeente", "NL00", False), ("wijk", "PV99", True)],
)
def test_scope_options(tiny_store, level, first, has_gemeente) -> None:
    options = mapdata.scope_options(mapdata.latest_regions(tiny_store), level)
    assert next(iter(options)) == first
    assert ("GM9901" in options) == has_gemeente


@pytest.mark.parametrize(
    ("level", "asked", "expected"),
    [
        ("gemeente", None, "NL00"),
        ("gemeente", "PV99", "PV99"),
        ("gemeente", "GM9901", "NL00"),  # a gemeente map never sits inside one gemeente
        ("wijk", None, "PV21"),
        ("wijk", "GM9901", "GM9901"),
        ("wijk", "NL00", "PV21"),  # all wijken of NL at once would be unreadable
        ("buurt", "", "GM0080"),
        ("buurt", "PV99", "PV99"),
    ],
)
def test_map_scope(level, asked, expected):
    assert mapdata.map_scope(level, asked) == expected
