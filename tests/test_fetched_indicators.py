"""Fetched tables reach the store, the profile and the map (recorded fictional responses).

- The Veiligheidsmonitor indicators (85146NED, recorded in its v3 shape with fictional areas)
  arrive on the profile of a gemeente; at a wijk the profile says plainly that
  the source covers only the country, provinces and larger gemeenten.
- A fetched PDOK buurten layer reaches the store's geometry in the same form as the wijk layers
  and the map data at buurt level.
"""

from __future__ import annotations

import pytest
import responses

from sq.analysis.mapdata import geometry_year_for, map_view
from sq.analysis.profile import area_profile
from sq.build.pipeline import build
from sq.catalogue import load_catalogue
from sq.ingest.fetch import fetch_table, run_fetch
from sq.store.loader import Store, open_store
from tests.test_fetch import recorded, register_pdok, register_table

OPEN = "https://opendata.cbs.nl/ODataApi/odata/85146NED/"
FEED = "https://opendata.cbs.nl/ODataFeed/odata/85146NED/TypedDataSet"
VM_INDICATORS = ("ervaren_sociale_cohesie", "respectloos_gedrag", "ervaren_discriminatie")


def register_85146(rsps: responses.RequestsMock) -> None:
    """Register a fictional 85146NED (Veiligheidsmonitor; kerncijfers, regio) over OData v3."""
    for name in ("TableInfos", "DataProperties", "Marges", "RegioS", "Perioden"):
        rsps.get(OPEN + name, body=recorded(f"odata_85146NED_{name}.json"))
    rsps.get(FEED, body=recorded("odata_85146NED_TypedDataSet.json"))
    rsps.get(OPEN + "TypedDataSet/$count", body="4", content_type="text/plain")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    raw = tmp_path_factory.mktemp("raw")
    with responses.RequestsMock() as rsps:
        register_85146(rsps)
        fetch_table("85146NED", raw, protocols=("v3",))
    with responses.RequestsMock() as rsps:
        register_table(rsps)  # fictional 99901NED: gives the store the wijk WK990101
        fetch_table("99901NED", raw, protocols=("v3",))
    with responses.RequestsMock() as rsps:
        register_pdok(rsps)
        run_fetch("pdok:buurten:2024", raw)
    folder = tmp_path_factory.mktemp("store") / "store"
    build([raw], folder, progress=lambda _m: None)
    return open_store(folder)


def _rows(store: Store, code: str, language: str = "nl") -> dict:
    profile = area_profile(store, load_catalogue(), code, language)
    return {row.indicator.id: row for row in profile.rows()}


def test_veiligheidsmonitor_indicators_arrive_on_the_gemeente_profile(store: Store) -> None:
    rows = _rows(store, "GM9901")
    got = {i: (rows[i].year, rows[i].value) for i in VM_INDICATORS}
    assert got["ervaren_sociale_cohesie"] == (2023, pytest.approx(6.8))
    assert got["respectloos_gedrag"] == (2023, pytest.approx(17.2))
    assert got["ervaren_discriminatie"] == (2023, pytest.approx(8.4))  # point estimate, not MOG
    assert rows["ervaren_sociale_cohesie"].trend == ((2021, 6.6), (2023, 6.8))
    assert all(rows[i].has_value for i in VM_INDICATORS)
    assert rows["beweegvriendelijke_omgeving"].status == "nog geen gegevens"  # no open table


@pytest.mark.parametrize(("language", "words"), [("nl", "grotere gemeenten"), ("en", "larger")])
def test_a_wijk_is_told_the_source_does_not_cover_it(
    store: Store, language: str, words: str
) -> None:
    rows = _rows(store, "WK990101", language)
    for indicator_id in VM_INDICATORS:
        assert not rows[indicator_id].has_value
        assert words in rows[indicator_id].status_label(language)
    # an indicator without level limits keeps the ordinary label
    assert words not in rows["beweegvriendelijke_omgeving"].status_label(language)


def test_fetched_buurten_reach_the_store_and_the_buurt_map(store: Store) -> None:
    assert ("buurt", 2024) in store.geometry_layers()
    layer = store.geometries("buurt", 2024)
    assert sorted(layer["region_code"]) == ["BU99010101", "BU99010102", "BU99010201"]
    assert {"region_code", "level", "year", "geometry"} <= set(layer.columns)
    assert layer.crs.to_epsg() == 4326 and layer.geometry.is_valid.all()
    year = geometry_year_for(store, "buurt", 2024)
    view = map_view(store, "ervaren_gezondheid", 2024, "buurt", None, layer, year)
    assert view.layer is not None
    assert set(view.layer["region_code"]) == set(layer["region_code"])
    assert "Oude Kern" in set(view.layer["name"])
