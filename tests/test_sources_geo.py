"""Geometry-bearing adapters on tiny fictional fixtures, plus checks on the real mirror."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sq.config import raw_dir
from sq.ingest.sources.base import GEOMETRY_COLUMNS, OBSERVATION_COLUMNS, REGION_COLUMNS
from sq.ingest.sources.cbs2022 import province_names, read_cbs2022
from sq.ingest.sources.kwb2020 import clean_header, read_kwb2020
from sq.ingest.sources.pdok import ADAPTERS as PDOK_ADAPTERS
from sq.ingest.sources.pdok import numeric_column, read_pdok
from sq.ingest.sources.streken import read_streken

FIXTURES = Path(__file__).parent / "fixtures" / "geo"
FRISIAN_2019 = {
    "GM0059", "GM0060", "GM0072", "GM0074", "GM0080", "GM0085", "GM0086", "GM0088", "GM0090",
    "GM0093", "GM0096", "GM0098", "GM0737", "GM1891", "GM1900", "GM1940", "GM1949", "GM1970",
}  # fmt: skip


@pytest.fixture(scope="module")
def pdok():
    return read_pdok(FIXTURES / "pdok-gebieden")


def _obs(result, code: str, variable: str) -> pd.DataFrame:
    frame = result.observations
    return frame[(frame["region_code"] == code) & (frame["variable"] == variable)]


def test_pdok_contract_columns(pdok):
    assert tuple(pdok.observations.columns) == OBSERVATION_COLUMNS
    assert tuple(pdok.regions.columns) == REGION_COLUMNS
    assert tuple(pdok.geometries.columns) == GEOMETRY_COLUMNS
    assert pdok.geometries.crs.to_epsg() == 4326
    assert "LEESMIJ.txt" in pdok.files_skipped
    assert set(PDOK_ADAPTERS) == {"pdok-gebieden"}


@pytest.mark.parametrize(
    ("year", "level", "codes"),
    [
        (2020, "gemeente", {"GM9901", "GM9902", "GM9903", "GM9904"}),
        (2021, "gemeente", {"GM9903", "GM9904", "GM9905"}),
        (2021, "wijk", {"WK990500", "WK990501"}),
    ],
)
def test_pdok_regions_leave_out_buitenland_and_water(pdok, year, level, codes):
    regions = pdok.regions[(pdok.regions["year"] == year) & (pdok.regions["level"] == level)]
    assert set(regions["region_code"]) == codes
    geoms = pdok.geometries[(pdok.geometries["year"] == year) & (pdok.geometries["level"] == level)]
    assert set(geoms["region_code"]) == codes


def test_pdok_wijk_keeps_its_gemeente(pdok):
    wijken = pdok.regions[pdok.regions["level"] == "wijk"]
    assert set(wijken["gemeente_code"]) == {"GM9905"}


def test_pdok_geometries_valid_after_bowtie(pdok):
    assert pdok.geometries.is_valid.all()
    bowtie = pdok.geometries[pdok.geometries["region_code"] == "WK990501"].geometry.iloc[0]
    assert bowtie.geom_type == "MultiPolygon"
    assert any("ongeldige" in m for m in pdok.messages)


@pytest.mark.parametrize(
    ("code", "variable", "year", "value", "suppressed"),
    [
        ("GM9901", "aantal_inwoners", 2020, 1200.0, False),  # padded code in the file
        ("GM9902", "gem_inkomen_inwoner", 2020, math.nan, True),  # -99999999 sentinel
        ("GM9902", "cr_totaal_misdrijven", 2019, math.nan, True),  # -99997, year from cr_jaar
        ("GM9901", "cr_totaal_misdrijven", 2019, 40.0, False),
        ("GM9903", "cr_totaal_misdrijven", 2019, math.nan, True),  # no cr_jaar: file metadata
        ("GM9901", "zk_kosten_totaal", 2019, 2100.5, False),
        ("GM9903", "zk_kosten_totaal", 2020, 2222.0, False),  # zk_jaar in the 2021 file
        ("GM9905", "arbeidsparticipatie", 2021, 64.0, False),  # text column parsed
        ("GM9903", "arbeidsparticipatie", 2021, math.nan, True),  # '.'
        ("GM9904", "arbeidsparticipatie", 2021, math.nan, True),  # padded '   .'
    ],
)
def test_pdok_observations(pdok, code, variable, year, value, suppressed):
    rows = _obs(pdok, code, variable)
    rows = rows[rows["year"] == year]
    assert len(rows) == 1
    got = rows["value"].iloc[0]
    assert (math.isnan(got) and math.isnan(value)) or got == value
    assert bool(rows["suppressed"].iloc[0]) is suppressed


def test_pdok_year_columns_are_not_variables(pdok):
    assert not {"cr_jaar", "zk_jaar", "bbg_peiljaar"} & set(pdok.observations["variable"])
    assert not pdok.observations.duplicated(["region_code", "year", "variable"]).any()


@pytest.mark.parametrize(
    ("cells", "values", "suppressed"),
    [
        ([1.0, -99999999.0, -99997.0, 3.5], [1.0, None, None, 3.5], [False, True, True, False]),
        ([-5.0, 0.0], [-5.0, 0.0], [False, False]),  # ordinary negatives and zero stay
        (["12,5", ".", "   .", "NA"], [12.5, None, None, None], [False, True, True, True]),
    ],
)
def test_numeric_column(cells, values, suppressed):
    parsed, flags = numeric_column(pd.Series(cells))
    assert [None if math.isnan(v) else v for v in parsed] == values
    assert list(flags) == suppressed


def test_numeric_column_rejects_text():
    assert numeric_column(pd.Series(["Dorpum", "Stadum"])) is None


def test_cbs2022_reads_both_levels_in_wgs84():
    result = read_cbs2022(FIXTURES / "cbs-2022-wijken-gemeenten")
    assert set(result.regions["region_code"]) == {"GM9901", "GM9902", "WK990100"}
    assert result.geometries.crs.to_epsg() == 4326
    minx, miny, maxx, maxy = result.geometries.total_bounds
    assert 4.99 < minx < maxx < 5.03 and 51.99 < miny < maxy < 52.02
    rows = _obs(result, "GM9902", "employment_rate")
    assert rows["suppressed"].iloc[0] and math.isnan(rows["value"].iloc[0])
    assert set(result.observations["year"]) == {2022}
    assert "urbanity" not in set(result.observations["variable"])


def test_cbs2022_province_names():
    names = province_names(FIXTURES / "cbs-2022-wijken-gemeenten")
    assert dict(zip(names["region_code"], names["province_name"], strict=True)) == {
        "GM9901": "Fryslan",
        "GM9902": "Groningen",
    }


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Aantal personenauto\x92s rijdend op benzine", "Aantal personenauto's rijdend op benzine"),
        ("Aantal  grote supermarkten binnen 1 km", "Aantal  grote supermarkten binnen 1 km"),
    ],
)
def test_kwb2020_clean_header(raw, clean):
    assert clean_header(raw) == clean


def test_kwb2020_adapter():
    result = read_kwb2020(FIXTURES / "cbs-kwb-2020-gemeenten")
    variables = set(result.observations["variable"])
    assert "Aantal personenauto's rijdend op benzine" in variables
    assert "Aantal  grote supermarkten binnen 1 km" in variables
    assert not {"JAAR", "JRSTATCODE", "H2O"} & variables
    petrol = _obs(result, "GM9902", "Aantal personenauto's rijdend op benzine")
    assert petrol["suppressed"].iloc[0] and math.isnan(petrol["value"].iloc[0])
    assert set(result.regions["region_code"]) == {"GM9901", "GM9902"}
    assert result.geometries.is_valid.all()


def test_streken():
    result = read_streken(FIXTURES / "fryslan-streken")
    assert set(result.regions["region_code"]) == {"GM9901", "GM9902"}


@pytest.mark.parametrize(
    "reader", [read_pdok, read_cbs2022, read_kwb2020, read_streken], ids=lambda f: f.__name__
)
def test_missing_folder_does_not_crash(tmp_path, reader):
    result = reader(tmp_path / "leeg")
    assert result.observations.empty and result.regions.empty


# --- real mirror -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_pdok():
    return read_pdok(raw_dir() / "pdok-gebieden")


@pytest.mark.realdata
@pytest.mark.parametrize("year", [2019, 2022, 2023, 2024])
def test_real_all_frisian_gemeenten_present(real_pdok, year):
    regions = real_pdok.regions
    codes = set(
        regions[(regions["year"] == year) & (regions["level"] == "gemeente")]["region_code"]
    )
    assert codes >= FRISIAN_2019


@pytest.mark.realdata
def test_real_geometries_valid_and_no_buitenland(real_pdok):
    geoms = real_pdok.geometries
    assert geoms.is_valid.all()
    assert not geoms["region_code"].isin(["GM0998", "GM9999", "WK099899"]).any()
    wijken = real_pdok.regions[real_pdok.regions["level"] == "wijk"]
    assert not (wijken["name"] == "Groot water").any()
    assert len(wijken[wijken["year"] == 2024]) == 3393


@pytest.mark.realdata
def test_real_crime_year_from_cr_jaar(real_pdok):
    obs = real_pdok.observations
    zk = obs[(obs["variable"] == "zk_kosten_totaal") & obs["value"].notna()]
    assert 2024 not in set(zk["year"])  # the 2024 file carries zk_jaar 2023


@pytest.mark.realdata
def test_real_cbs2022_and_kwb2020():
    c22 = read_cbs2022(raw_dir() / "cbs-2022-wijken-gemeenten")
    counts = c22.regions.groupby("level").size().to_dict()
    assert counts == {"gemeente": 345, "wijk": 3340}
    kwb = read_kwb2020(raw_dir() / "cbs-kwb-2020-gemeenten")
    assert len(kwb.regions) == 355
    assert not any("\x92" in v for v in kwb.observations["variable"].unique())


def test_text_column_with_r_missing_marks_is_numeric() -> None:
    """tmap's 2022 wijk file writes R's NA as the text '<NA>' in employment_rate: still read."""
    from sq.ingest.sources.pdok import numeric_column

    parsed = numeric_column(pd.Series(["59", "<NA>", "62"], dtype="str"))
    assert parsed is not None
    values, missing = parsed
    assert values.iloc[0] == 59.0 and math.isnan(values.iloc[1]) and values.iloc[2] == 62.0
    assert missing.tolist() == [False, True, False]
