"""AppTest over every page, on the real store: what a visitor sees, deep links, bad links."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from sq.build.pipeline import build
from sq.catalogue import load_catalogue
from sq.config import raw_dirs, store_dir
from sq.store.loader import open_store
from sq.text.formatting import format_value
from tests import apptest
from tests.html_tables import page_tables

pytestmark = pytest.mark.realdata
CONDITIONS = [
    "Sociaaleconomische zekerheid",
    "Sociale cohesie",
    "Sociale empowerment",
    "Sociale inclusie",
]


@pytest.fixture(scope="module", autouse=True)
def built_store() -> None:
    build(raw_dirs(), store_dir(), progress=lambda _m: None)


def run(page: str, **params: str) -> AppTest:
    return apptest.run(page, 180, **params)  # the real store: the first run reads it


def store_value(code: str, indicator_id: str, year: int) -> float:
    obs = open_store().observations
    row = obs[
        (obs.region_code == code) & (obs.indicator_id == indicator_id) & (obs.year == year)
    ].iloc[0]
    return float(row["value"])


def all_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [d.value.to_csv() for d in at.dataframe]
    parts += [table.to_csv() for table in page_tables(at)]
    return "\n".join(parts)


def component_args(at: AppTest) -> dict[str, dict]:
    """Return the map page's component arguments by mode ('map', 'table')."""
    found = [json.loads(e.proto.json_args) for e in at.get("component_instance")]
    return {args["mode"]: args for args in found}


def test_map_page_defaults_and_table() -> None:
    at = run("views/kaart.py")
    assert at.title[0].value == "Kaart"
    assert {s.label for s in at.selectbox} >= {"Indicator", "Jaar", "Gebied op de kaart"}
    args = component_args(at)
    rows = args["table"]["rows"]
    assert len(rows) > 300  # every gemeente of NL
    assert "Leeuwarden" in {row[0] for row in rows}
    shown = args["map"]
    assert len(shown["areas"]) == len(open_store().geometries("gemeente", 2020))
    assert shown["geo"] and all(
        u.startswith("/app/static/geo/gemeente-2020-NL-") for u in shown["geo"]
    )
    assert "coordinates" not in json.dumps(shown)  # no geometry over the websocket


def test_map_page_buurt_level_without_boundaries_keeps_the_table() -> None:
    at = run("views/kaart.py", niveau="buurt", indicator="vrijwilligerswerk", binnen="GM0080")
    layers = open_store().geometry_layers()
    args = component_args(at)
    if any(level == "buurt" for level, _ in layers):  # the store may have buurt boundaries
        assert args["map"]["areas"] and args["map"]["geo"][0].startswith("/app/static/geo/buurt-")
    else:
        assert any("geen kaart beschikbaar" in w.value for w in at.warning)
    assert len(args["table"]["rows"]) > 10


def test_profile_of_leeuwarden_lists_four_conditions_and_store_value() -> None:
    at = run("views/profiel.py", gebied="GM0080")
    assert at.title[0].value == "Leeuwarden"
    assert [h.value for h in at.header][:4] == CONDITIONS
    assert format_value(store_value("GM0080", "vrijwilligerswerk", 2020), "%") in all_text(at)


def test_deep_link_opens_the_wijk() -> None:
    at = run("views/profiel.py", gebied="WK008010")
    assert at.caption[0].value.endswith("WK008010")
    assert "Leeuwarden" in at.caption[0].value


def test_wijk_profile_shows_both_peer_groups() -> None:
    at = run("views/profiel.py", gebied="WK008050")
    text = all_text(at)
    assert "vergelijkbare wijken in Nederland (sterk stedelijk)" in text
    assert "De kolom 'Vergelijkbare wijken in de gemeente': vergeleken met 4" in text
    tables = page_tables(at)
    assert any("Vergelijkbare wijken in de gemeente" in table.columns for table in tables)


@pytest.mark.parametrize("bad", ["<script>alert(1)</script>", "GM99999", "'; DROP TABLE"])
def test_bad_area_in_link_shows_notice_and_default(bad: str) -> None:
    at = run("views/profiel.py", gebied=bad)
    notices = [i.value for i in at.info]
    assert any("kennen we niet" in n for n in notices)
    assert all("<" not in n and ">" not in n for n in notices)
    assert at.title[0].value == "Leeuwarden"


def test_bad_year_and_indicator_fall_back() -> None:
    at = run("views/kaart.py", jaar="abc", indicator="bestaat_niet")
    notices = " ".join(i.value for i in at.info)
    assert "jaar" in notices.lower() and "onderwerp" in notices.lower()


def test_village_profile_compares_with_gemeente() -> None:
    at = run("views/profiel.py", gebied="BU00740901")
    assert at.title[0].value == "Akkrum"
    assert "Heerenveen" in at.caption[0].value
    tables = page_tables(at)
    assert len(tables) == 4  # one per condition, every indicator a row
    assert all("Gemeente" in table.columns for table in tables)
    assert sum(len(table) for table in tables) == len(load_catalogue().indicators)


def test_trends_page_for_a_wijk_shows_area_gemeente_provincie_nl() -> None:
    at = run("views/trends.py", gebied="WK008010", indicator="vrijwilligerswerk")
    assert at.subheader[0].value.count("·") == 3
    assert "Fryslân" in at.subheader[0].value and "Nederland" in at.subheader[0].value
    table = page_tables(at)[0]
    assert "2020" in set(table.iloc[:, 0])


def test_compare_page_with_three_areas() -> None:
    at = run("views/vergelijken.py", gebied="GM0080", vergelijk="GM0074,BU00740901")
    assert [h.value for h in at.header][:4] == CONDITIONS
    table = page_tables(at)[0]
    assert {"Leeuwarden", "Heerenveen", "Akkrum"} <= set(table.columns)


def test_about_page_lists_every_indicator() -> None:
    at = run("views/over.py")
    overview = at.dataframe[0].value
    assert len(overview) == len(load_catalogue().indicators)
    assert overview.iloc[:, 3].str.contains("nog geen gegevens").any()


def test_english_switch() -> None:
    at = run("views/profiel.py", gebied="GM0080", taal="en")
    assert at.header[0].value == "Socio-economic security"
    tables = page_tables(at)
    assert len(tables) == 4  # one table per condition
    first = tables[0]
    assert {"Indicator", "Value", "Year", "Netherlands"} <= set(first.columns)
    assert "Municipality" not in first.columns  # a gemeente is not compared with itself
    assert "Net labour participation" in set(first["Indicator"])
    verdicts = {v for table in tables for v in table["Compared with the Netherlands"]}
    assert verdicts & {"similar", "more favourable", "less favourable"}
    assert not verdicts & {"vergelijkbaar", "gunstiger", "ongunstiger"}


def test_frisian_profile_of_leeuwarden() -> None:
    at = run("views/profiel.py", gebied="GM0080", taal="fy")
    assert at.title[0].value == "Leeuwarden / Ljouwert"  # official name first, Frisian beside it
    headers = [h.value for h in at.header][:4]
    assert headers != CONDITIONS  # the conditions have their Frisian names
    assert at.query_params["taal"] == "fy"
    value = store_value("GM0080", "vrijwilligerswerk", 2020)
    assert format_value(value, "%", "fy") in all_text(at)
