"""Name matching of sources without codes, and Heerenveen village codes."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from sq.build.matching import (
    canonical_key,
    match_names,
    nearest_year,
    suffixless_key,
    village_codes,
)
from sq.codes import is_valid_code
from sq.config import raw_dir
from sq.ingest.sources.heerenveen import ADAPTERS as HEERENVEEN_ADAPTERS
from sq.ingest.sources.statline import ADAPTERS as STATLINE_ADAPTERS


def regions_frame(rows: list[tuple[str, str, str, int, str | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        rows, columns=["region_code", "name", "level", "year", "gemeente_code"]
    ).assign(source="test")


def obs_frame(pairs: list[tuple[str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "region_code": [None] * len(pairs),
            "region_name": [n for n, _ in pairs],
            "level": "gemeente",
            "year": [y for _, y in pairs],
            "variable": "x",
            "value": 1.0,
        }
    )


REGIONS = regions_frame(
    [
        ("GM9901", "Dorpum", "gemeente", 2017, "GM9901"),
        ("GM9902", "Bergum (L.)", "gemeente", 2017, "GM9902"),
        ("GM9903", "Bergum (NH.)", "gemeente", 2017, "GM9903"),
        ("GM9904", "Hengum", "gemeente", 2017, "GM9904"),
        ("GM9905", "Súdwest-Dorpum", "gemeente", 2017, "GM9905"),
        ("GM9906", "Stadum", "gemeente", 2017, "GM9906"),
        ("GM9907", "Oudum", "gemeente", 2012, "GM9907"),
        ("GM9901", "Dorpum", "gemeente", 2012, "GM9901"),
        ("WK990101", "Dorpum", "wijk", 2017, "GM9901"),
    ]
)


@pytest.mark.parametrize(
    ("name", "year", "expected"),
    [
        ("Dorpum", 2017, "GM9901"),
        ("DORPUM", 2017, "GM9901"),
        ("Bergum (L.)", 2017, "GM9902"),
        ("Bergum (NH)", 2017, "GM9903"),
        ("Bergum", 2017, None),  # ambiguous between (L.) and (NH.): never guessed
        ("Hengum (O.)", 2017, "GM9904"),
        ("Stadum (gemeente)", 2017, "GM9906"),
        ("Sudwest Dorpum", 2017, "GM9905"),
        ("Oudum", 2013, "GM9907"),  # nearest year 2012
        ("Oudum", 2017, None),  # gone by 2017
        ("Stadum", 2013, "GM9906"),  # not yet in the nearest list (2012): found in 2017's
        ("Oudum", 2015, "GM9907"),  # nearest list 2017 has no Oudum; 2012's has
        ("Nergensum", 2017, None),
    ],
)
def test_match_names_table(name: str, year: int, expected: str | None) -> None:
    result = match_names(obs_frame([(name, year)]), REGIONS)
    assert result.observations["region_code"].iloc[0] == expected
    assert ((name, year) in result.unmatched) == (expected is None)


def test_match_names_lists_every_unmatched_name_and_nearest_year() -> None:
    obs = obs_frame([("Dorpum", 2014), ("Nergensum", 2014), ("Nergensum", 2017), ("Bergum", 2017)])
    result = match_names(obs, REGIONS)
    assert sorted(result.unmatched) == [("Bergum", 2017), ("Nergensum", 2014), ("Nergensum", 2017)]
    assert len(result.observations) == len(obs)  # nothing dropped
    assert result.observations["region_code"].tolist()[0] == "GM9901"
    assert any("2014" in m and "2012" in m for m in result.messages)
    assert any("meer dan één" in m and "Bergum" in m for m in result.messages)
    assert any("Nergensum (2014)" in m for m in result.messages)


def test_match_names_keeps_existing_codes_and_levels() -> None:
    obs = obs_frame([("Dorpum", 2017)])
    obs.loc[0, "region_code"] = "GM9999"
    assert match_names(obs, REGIONS).observations["region_code"].iloc[0] == "GM9999"
    wijk = match_names(obs_frame([("Dorpum", 2017)]), REGIONS, levels=("wijk",))
    assert wijk.observations[["region_code", "level"]].iloc[0].tolist() == ["WK990101", "wijk"]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("'s-Gravenhage", "Den Haag"),
        ("'s-Gravenhage (gemeente)", "'s-Gravenhage"),
        ("Súdwest-Fryslân", "Sudwest Fryslan"),
        ("Nuenen, Gerwen en Nederwetten", "Nuenen c.a."),
        ("Tytsjerksteradiel", "Tietjerksteradeel"),
    ],
)
def test_known_spelling_variants_share_a_key(a: str, b: str) -> None:
    assert suffixless_key(a) == suffixless_key(b)


@pytest.mark.parametrize(
    ("name", "key"),
    [("Hengelo (O.)", "hengelo"), ("Bergen (NH.)", "bergen"), ("Beek (Gld.)", "beek")],
)
def test_suffixless_key(name: str, key: str) -> None:
    assert suffixless_key(name) == key
    assert canonical_key(name) != key


@pytest.mark.parametrize(
    ("year", "available", "expected"),
    [
        (2013, [2012, 2017], 2012),
        (2015, [2012, 2017], 2017),
        (2017, [2017], 2017),
        (2019, [], None),
    ],
)
def test_nearest_year(year: int, available: list[int], expected: int | None) -> None:
    assert nearest_year(year, available) == expected


VILLAGE_REGIONS = regions_frame(
    [
        ("GM9901", "Dorpum", "gemeente", 2024, "GM9901"),
        ("WK990101", "Wijk 01 Dorpum", "wijk", 2024, "GM9901"),
        ("WK990102", "Wijk 02 Heidum", "wijk", 2024, "GM9901"),
        ("WK990103", "Wâldum", "wijk", 2024, "GM9901"),
        ("BU99010100", "Centrum", "buurt", 2024, "GM9901"),
        ("BU99010101", "Het meer", "buurt", 2024, "GM9901"),
        ("BU99010201", "Dorp Lytsum", "buurt", 2024, "GM9901"),
        ("BU99010202", "Polderum kern", "buurt", 2024, "GM9901"),
        ("BU99010300", "Wâldum", "buurt", 2024, "GM9901"),
        ("BU99020100", "Heidum", "buurt", 2024, "GM9902"),  # other gemeente
        ("BU99010199", "Centrum", "buurt", 2014, "GM9901"),  # tie with 2024: later wins
    ]
)


@pytest.mark.parametrize(
    ("name", "code", "level"),
    [
        ("Dorpum Centrum", "BU99010100", "buurt"),  # leading gemeente name
        ("Het Meer", "BU99010101", "buurt"),
        ("Lytsum", "BU99010201", "buurt"),  # "Dorp Lytsum"
        ("Polderum", "BU99010202", "buurt"),  # "Polderum kern"
        ("Waldum", "BU99010300", "buurt"),  # buurt preferred over the wijk of the same name
        ("Heidum", "DP9901-heidum", "dorp"),  # not "Wijk 02 Heidum", not another gemeente
        ("Nergensum Polder", "DP9901-nergensum-polder", "dorp"),
    ],
)
def test_village_codes_table(name: str, code: str, level: str) -> None:
    out = village_codes([name], VILLAGE_REGIONS, gemeente_code="GM9901", year=2019)
    assert out[["region_code", "level"]].iloc[0].tolist() == [code, level]
    assert is_valid_code(out["region_code"].iloc[0])
    assert (out["matched_to"].iloc[0] is None) == (level == "dorp")


# --- real mirror -------------------------------------------------------------------------


def pdok_gemeenten(year: int) -> pd.DataFrame:
    frame = gpd.read_file(raw_dir() / "pdok-gebieden" / f"gemeenten_{year}.geojson")
    code = frame["gemeentecode"].str.strip()
    return pd.DataFrame(
        {
            "region_code": code,
            "name": frame["gemeentenaam"].str.strip(),
            "level": "gemeente",
            "year": year,
            "gemeente_code": code,
            "source": "pdok-gebieden",
        }
    ).query("region_code != 'GM0998'")


@pytest.mark.realdata
def test_real_misdrijven_2017_names_match_pdok_2017() -> None:
    res = STATLINE_ADAPTERS["cbs-misdrijven-gemeente-2013-2017"](
        raw_dir() / "cbs-misdrijven-gemeente-2013-2017"
    )
    obs = res.observations[res.observations["year"] == 2017]
    regions = pd.concat([pdok_gemeenten(2012), pdok_gemeenten(2017)])
    result = match_names(obs, regions)
    assert result.unmatched == [("Niet-gemeentelijk ingedeeld", 2017)]
    matched = result.observations.dropna(subset=["region_code"])
    assert matched["region_code"].nunique() == 388
    by_name = matched.drop_duplicates("region_name").set_index("region_name")["region_code"]
    assert by_name["'s-Gravenhage (gemeente)"] == "GM0518"
    assert by_name["Hengelo (O.)"] == "GM0164"
    leeuwarden = matched[
        (matched["region_code"] == "GM0080")
        & (matched["variable"] == "Misdrijven, totaal|per_1000")
    ]
    assert leeuwarden["value"].tolist() == [60.4]


def heerenveen_regions() -> pd.DataFrame:
    wijken = gpd.read_file(raw_dir() / "pdok-gebieden" / "wijken_2024.geojson")
    wijken = wijken[wijken["gemeentecode"].str.strip() == "GM0074"]
    return pd.concat(
        [
            pdok_gemeenten(2024).query("region_code == 'GM0074'"),
            pd.DataFrame(
                {
                    "region_code": wijken["wijkcode"].str.strip(),
                    "name": wijken["wijknaam"].str.strip(),
                    "level": "wijk",
                    "year": 2024,
                    "gemeente_code": "GM0074",
                    "source": "pdok-gebieden",
                }
            ),
        ],
        ignore_index=True,
    )


@pytest.mark.realdata
def test_real_heerenveen_villages_against_wijken_2024() -> None:
    scans = HEERENVEEN_ADAPTERS["heerenveen-gebiedsscans-2019"](
        raw_dir() / "heerenveen-gebiedsscans-2019"
    ).observations
    names = sorted(scans["region_name"].unique())
    regions = heerenveen_regions()
    assert len(regions) == 8  # the gemeente and its 7 wijken of 2024
    out = village_codes(names, regions, gemeente_code="GM0074", year=2019)
    assert len(out) == 30
    # The 2024 wijken are numbered groups of villages ("Wijk 04 Jubbega" holds Oudeschoot, Mildam,
    # ... and Jubbega): none is one of the 30 areas, so every area keeps a synthetic code.
    assert out["level"].eq("dorp").all()
    assert out["region_code"].map(is_valid_code).all()
    assert out["region_code"].is_unique
    assert out.set_index("name").loc["Gersloot Polder", "region_code"] == "DP0074-gersloot-polder"


@pytest.mark.realdata
def test_real_heerenveen_villages_against_buurten_2024() -> None:
    path = next((raw_dir() / "cbs-kwb-2024").glob("Kerncijfers*.csv"))
    kwb = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig")
    code = kwb["Regioaanduiding/Codering (code)"].str.strip()
    level = kwb["Regioaanduiding/Soort regio (omschrijving)"].str.strip().str.lower()
    regions = pd.DataFrame(
        {
            "region_code": code,
            "name": kwb["Wijken en buurten"].str.strip(),
            "level": level,
            "year": 2024,
            "gemeente_code": "GM0074",
            "source": "cbs-kwb-2024",
        }
    )[code.str[2:6].eq("0074") & level.isin(["gemeente", "wijk", "buurt"])]
    scans = HEERENVEEN_ADAPTERS["heerenveen-gebiedsscans-2019"](
        raw_dir() / "heerenveen-gebiedsscans-2019"
    ).observations
    out = village_codes(sorted(scans["region_name"].unique()), regions, gemeente_code="GM0074")
    assert out["level"].eq("buurt").all()  # all 30 areas are 2024 buurten of Heerenveen
    assert out["region_code"].is_unique
    got = out.set_index("name")["region_code"]
    assert got["Heerenveen Noord"] == "BU00740100"
    assert got["Gersloot Polder"] == "BU00740205"
    assert got["Jubbega"] == "BU00740406"
