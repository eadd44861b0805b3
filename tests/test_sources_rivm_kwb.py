"""RIVM (50090NED, 50120NED), CBS KWB 2024/2025 and Leefbaarometer adapters.

Fixture data are fictional (Dorpum GM9901, Fjildum GM9902); the RIVM xlsx fixtures are written
into tmp_path by the test itself so no binary files live in the repo.
"""

from __future__ import annotations

import math
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from sq.config import raw_dir
from sq.ingest.sources import kwb, leefbaarometer, rivm
from sq.ingest.sources.base import OBSERVATION_COLUMNS, REGION_COLUMNS, SourceResult

FIXTURES = Path(__file__).parent / "fixtures"
KEY = ["region_code", "year", "variable"]

META = {
    "ID": [0, 3, 6, 9, 12],
    "Marges": ["MW00000"] * 4 + ["MOG0095"],
    "WijkenEnBuurten": ["NL01      ", "GM9901    ", "WK990101  ", "BU99010101", "GM9901    "],
    "Gemeentenaam_1": ["Nederland   ", "Dorpum      ", "Dorpum      ", "Dorpum      ", "Dorpum"],
    "SoortRegio_2": ["Land      ", "Gemeente  ", "Wijk      ", "Buurt     ", "Gemeente  "],
    "Codering_3": ["NL01      ", "GM9901    ", "WK990101  ", "BU99010101", "GM9901    "],
}


def _rivm_file(year: int, age_code: int, columns: dict[str, list[object]]) -> pd.DataFrame:
    frame = pd.DataFrame({"Leeftijd": [age_code] * 5, "Perioden": [f"{year}JJ00"] * 5, **META})
    for name, values in columns.items():
        frame[name] = values
    return frame


@pytest.fixture(scope="module")
def rivm_50090(tmp_path_factory: pytest.TempPathFactory) -> SourceResult:
    folder = tmp_path_factory.mktemp("rivm50090")
    empty = [None] * 5
    _rivm_file(
        2016,
        20300,
        {
            "Vrijwilligerswerk_33": ["    28.7", "    31.5", "    30.0", "       .", "    29.0"],
            "ErnstigZeerErnstigEenzaam_29": ["    10.3", "     8.1", "     9.9", "    12.4", "7"],
            "ErnstigeGeluidhinderDoorBuren_37": empty,
        },
    ).to_excel(folder / "2016_18+.xlsx", index=False, engine="openpyxl")
    _rivm_file(
        2020,
        80200,
        {
            "Vrijwilligerswerk_33": ["    27.5", "    30.3", "       .", "    33.0", "1"],
            "ErnstigZeerErnstigEenzaam_29": ["    10.4", "     8.0", "     7.9", "   .", "1"],
            "ErnstigeGeluidhinderDoorBuren_37": ["     5.8", "     4.3", "     4.6", "4.4", "1"],
        },
    ).to_excel(folder / "RIVM_gezondheid2020_65+.xlsx", index=False, engine="openpyxl")
    return rivm.read_rivm_50090(folder)


def _value(result: SourceResult, code: str, variable: str, year: int) -> tuple[float, bool]:
    obs = result.observations
    row = obs[(obs.region_code == code) & (obs.variable == variable) & (obs.year == year)]
    assert len(row) == 1, (code, variable, year, len(row))
    return float(row["value"].iloc[0]), bool(row["suppressed"].iloc[0])


def _assert_contract(result: SourceResult) -> None:
    assert list(result.observations.columns) == list(OBSERVATION_COLUMNS)
    assert list(result.regions.columns) == list(REGION_COLUMNS)
    assert not result.observations.duplicated(KEY).any()


@pytest.mark.parametrize(
    ("code", "variable", "year", "expected", "suppressed"),
    [
        ("NL00", "Vrijwilligerswerk_33|18+", 2016, 28.7, False),
        ("GM9901", "Vrijwilligerswerk_33|18+", 2016, 31.5, False),
        ("BU99010101", "Vrijwilligerswerk_33|18+", 2016, math.nan, True),
        ("WK990101", "ErnstigZeerErnstigEenzaam_29|18+", 2016, 9.9, False),
        ("WK990101", "Vrijwilligerswerk_33|65+", 2020, math.nan, True),
        ("BU99010101", "ErnstigZeerErnstigEenzaam_29|65+", 2020, math.nan, True),
        ("GM9901", "ErnstigeGeluidhinderDoorBuren_37|65+", 2020, 4.3, False),
    ],
)
def test_rivm_50090_values(
    rivm_50090: SourceResult,
    code: str,
    variable: str,
    year: int,
    expected: float,
    suppressed: bool,
) -> None:
    value, flag = _value(rivm_50090, code, variable, year)
    assert flag is suppressed
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)


def test_rivm_50090_shape(rivm_50090: SourceResult) -> None:
    _assert_contract(rivm_50090)
    obs = rivm_50090.observations
    # the confidence-margin row (MOG0095) never becomes an observation
    assert not (obs["value"] == 1.0).any() and not (obs["value"] == 7.0).any()
    # 4 regions x (2 variables in 2016 + 3 in 2020); the empty 2016 column gives no rows
    assert len(obs) == 4 * 5
    assert "ErnstigeGeluidhinderDoorBuren_37|18+" not in set(obs.variable)
    assert any(
        "niet in deze editie" in m and "ErnstigeGeluidhinderDoorBuren_37" in m
        for m in rivm_50090.messages
    )
    assert obs["estimate"].all()
    assert any("indeling 2020" in m for m in rivm_50090.messages)


@pytest.mark.parametrize(
    ("code", "level", "name", "gemeente"),
    [
        ("NL00", "land", "Nederland", None),
        ("GM9901", "gemeente", "Dorpum", "GM9901"),
        ("WK990101", "wijk", None, "GM9901"),
        ("BU99010101", "buurt", None, "GM9901"),
    ],
)
def test_rivm_50090_regions(
    rivm_50090: SourceResult, code: str, level: str, name: str | None, gemeente: str | None
) -> None:
    regions = rivm_50090.regions.set_index("region_code")
    assert regions.loc[code, "level"] == level
    assert regions.loc[code, "year"] == 2020
    assert (pd.isna(regions.loc[code, "name"]) and name is None) or regions.loc[
        code, "name"
    ] == name
    got = regions.loc[code, "gemeente_code"]
    assert (pd.isna(got) and gemeente is None) or got == gemeente


@pytest.mark.parametrize(
    ("code", "year", "expected", "suppressed"),
    [
        ("NL00", 2022, 69.0, False),
        ("NL00", 2012, 76.1, False),
        ("NL00", 2020, 78.4, False),
        ("GM9901", 2022, 72.5, False),
        ("WK990101", 2022, 70.1, False),
        ("BU99010101", 2022, math.nan, True),
        ("BU99010102", 2022, math.nan, True),
    ],
)
def test_rivm_50120(code: str, year: int, expected: float, suppressed: bool) -> None:
    result = rivm.read_rivm_50120(FIXTURES / "rivm" / "50120")
    _assert_contract(result)
    value, flag = _value(result, code, "ErvarenGezondheidGoedZeerGoed_4|18+", year)
    assert flag is suppressed
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)
    assert result.observations["estimate"].all()
    assert set(result.regions["year"]) == {2022}
    assert result.regions.set_index("region_code").loc["NL00", "name"] == "Nederland"


@pytest.mark.parametrize(
    ("code", "variable", "expected", "suppressed"),
    [
        ("NL00", "AantalInwoners_5", 17942942, False),
        ("GM9901", "AantalInwoners_5", 12345, False),  # CSV wins over the JSON basics
        ("BU99010101", "Mannen_6", math.nan, True),  # padded '.'
        ("GM9901", "GemiddeldeHuishoudensgrootte_33", 2.3, False),  # decimal comma
        ("GM9901", "PercentageTweeOnderEenKapWoningEe_43", 25, False),  # title cut at 40
        ("WK990101", "PercentageTweeOnderEenKapWoningEe_43", math.nan, True),
        ("GM9901", "Bevolkingsdichtheid_34", 120, False),  # from the JSON basics
        ("WK990101", "Bevolkingsdichtheid_34", math.nan, True),  # JSON null
        ("WK990101", "OppervlakteTotaal_122", 58, False),
    ],
)
def test_kwb_2024(code: str, variable: str, expected: float, suppressed: bool) -> None:
    result = kwb.read_kwb_2024(FIXTURES / "kwb" / "2024")
    _assert_contract(result)
    value, flag = _value(result, code, variable, 2024)
    assert flag is suppressed
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)


def test_kwb_2024_regions_and_empty_column() -> None:
    result = kwb.read_kwb_2024(FIXTURES / "kwb" / "2024")
    regions = result.regions.set_index("region_code")
    assert regions["level"].to_dict() == {
        "NL00": "land",
        "GM9901": "gemeente",
        "WK990101": "wijk",
        "BU99010101": "buurt",
        "BU99010109": "buurt",
    }
    assert regions.loc["BU99010101", "name"] == "Oosterveld"
    assert set(regions["year"]) == {2024}
    assert "SterfteTotaal_27" not in set(result.observations.variable)
    assert "IndelingswijzigingGemeenteWijkBuurt_4" not in set(result.observations.variable)


def test_kwb_variable_metadata() -> None:
    meta = kwb.variable_metadata(FIXTURES / "kwb" / "2024").set_index("variable")
    assert list(meta.columns) == ["title", "unit", "description"]
    assert meta.loc["AantalInwoners_5", "unit"] == "aantal"
    assert meta.loc["AantalInwoners_5", "description"] == "Inwoners op 1 januari."
    meta25 = kwb.variable_metadata(FIXTURES / "kwb" / "2025").set_index("variable")
    assert meta25.loc["AfstandTotHuisartsenpraktijk_110", "unit"] == "km"


@pytest.mark.parametrize(
    ("code", "variable", "expected", "suppressed"),
    [
        ("GM9902", "AantalInwoners_5", 20000, False),
        ("WK990200", "AfstandTotHuisartsenpraktijk_110", 0.9, False),
        ("BU99020009", "AfstandTotHuisartsenpraktijk_110", math.nan, True),
    ],
)
def test_kwb_2025(code: str, variable: str, expected: float, suppressed: bool) -> None:
    result = kwb.read_kwb_2025(FIXTURES / "kwb" / "2025")
    _assert_contract(result)
    value, flag = _value(result, code, variable, 2025)
    assert flag is suppressed
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)


def test_kwb_2025_drops_unpublished_and_says_provisional() -> None:
    result = kwb.read_kwb_2025(FIXTURES / "kwb" / "2025")
    variables = set(result.observations.variable)
    assert "GemiddeldInkomenPerInwoner_78" not in variables
    assert "MeestVoorkomendePostcode_118" not in variables  # a code, not a number
    assert any("GemiddeldInkomenPerInwoner_78" in m for m in result.messages)
    assert any("voorlopig" in m for m in result.messages)
    assert result.regions.set_index("region_code").loc["WK990200", "name"] == "Wijk 00 Fjildum"
    assert set(result.regions["year"]) == {2025}


@pytest.mark.parametrize(
    ("code", "variable", "year", "expected", "suppressed"),
    [
        ("WK990101", "lbm", 2012, 4.2, False),
        ("WK990102", "afw", 2012, -0.1023, False),
        ("WK990101", "soc", 2014, 0.03, False),
        ("WK990102", "lbm", 2014, math.nan, True),  # a single NA stays a suppressed row
        ("WK990102", "fys", 2014, math.nan, True),
        ("WK990101", "won", 2022, 0.0577, False),
    ],
)
def test_leefbaarometer(
    code: str, variable: str, year: int, expected: float, suppressed: bool
) -> None:
    result = leefbaarometer.read_leefbaarometer(FIXTURES / "lbm")
    _assert_contract(result)
    value, flag = _value(result, code, variable, year)
    assert flag is suppressed
    assert (math.isnan(value) and math.isnan(expected)) or value == pytest.approx(expected)


def test_leefbaarometer_unpublished_dimensions_and_regions() -> None:
    result = leefbaarometer.read_leefbaarometer(FIXTURES / "lbm")
    obs = result.observations
    assert obs[(obs.year == 2012) & (obs.variable == "soc")].empty
    assert any("soc 2012" in m for m in result.messages)
    assert set(obs.level) == {"wijk"}
    regions = result.regions.set_index("region_code")
    assert set(regions.index) == {"WK990101", "WK990102"}
    assert set(regions["year"]) == {2022}
    assert regions.loc["WK990102", "gemeente_code"] == "GM9901"


# ---- real mirror -----------------------------------------------------------------------------

ALL_ADAPTERS = {**rivm.ADAPTERS, **kwb.ADAPTERS, **leefbaarometer.ADAPTERS}


@pytest.fixture(scope="module")
def real_results() -> dict[str, SourceResult]:
    return {sid: adapter(raw_dir() / sid) for sid, adapter in ALL_ADAPTERS.items()}


def _xlsx_cell(path: Path, code: str, column: str) -> str:
    workbook = openpyxl.load_workbook(path, read_only=True)
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = list(next(rows))
    at_code, at_col = header.index("WijkenEnBuurten"), header.index(column)
    for row in rows:
        if str(row[at_code]).strip() == code:
            return str(row[at_col])
    raise AssertionError(f"{code} not in {path.name}")


@pytest.mark.realdata
def test_real_leeuwarden_volunteers_matches_xlsx(real_results: dict[str, SourceResult]) -> None:
    path = raw_dir() / rivm.SOURCE_50090 / "RIVM_gezondheid2020_18+.xlsx"
    expected = float(_xlsx_cell(path, "GM0080", "Vrijwilligerswerk_33").strip())
    value, flag = _value(
        real_results[rivm.SOURCE_50090], "GM0080", "Vrijwilligerswerk_33|18+", 2020
    )
    assert not flag
    assert value == pytest.approx(expected)


@pytest.mark.realdata
@pytest.mark.parametrize("source", sorted(ALL_ADAPTERS))
def test_real_contract_and_unique_keys(real_results: dict[str, SourceResult], source: str) -> None:
    result = real_results[source]
    _assert_contract(result)
    assert len(result.observations) > 0
    assert not result.files_skipped


@pytest.mark.realdata
@pytest.mark.parametrize(
    ("source", "level", "count"),
    [
        (rivm.SOURCE_50090, "land", 1),
        (rivm.SOURCE_50090, "gemeente", 355),
        (rivm.SOURCE_50090, "buurt", 13808),
        (rivm.SOURCE_50120, "land", 1),
        (rivm.SOURCE_50120, "wijk", 3340),
        (kwb.SOURCE_2024, "gemeente", 342),
        (kwb.SOURCE_2024, "wijk", 3393),
        (kwb.SOURCE_2024, "buurt", 14574),
        (kwb.SOURCE_2025, "gemeente", 18),
        (kwb.SOURCE_2025, "buurt", 936),
        (leefbaarometer.SOURCE, "wijk", 3310),
    ],
)
def test_real_region_counts(
    real_results: dict[str, SourceResult], source: str, level: str, count: int
) -> None:
    regions = real_results[source].regions
    assert (regions["level"] == level).sum() == count


@pytest.mark.realdata
@pytest.mark.parametrize("source", [rivm.SOURCE_50090, rivm.SOURCE_50120])
def test_real_rivm_has_nl00(real_results: dict[str, SourceResult], source: str) -> None:
    obs = real_results[source].observations
    assert (obs.region_code == "NL00").any()
    assert not obs.region_code.isin(["NL01"]).any()


@pytest.mark.realdata
def test_real_kwb_2025_keeps_distances_drops_income(
    real_results: dict[str, SourceResult],
) -> None:
    variables = set(real_results[kwb.SOURCE_2025].observations.variable)
    assert "AfstandTotHuisartsenpraktijk_110" in variables
    assert "GemiddeldInkomenPerInwoner_78" not in variables


def test_rivm_reads_only_the_needed_columns_and_files(tmp_path: Path) -> None:
    """With the catalogue's variables, other columns stay unread and other ages are skipped."""
    values = ["    28.7", "    31.5", "    30.0", "       .", "    29.0"]
    _rivm_file(2016, 20300, {"Vrijwilligerswerk_33": values, "Roker_11": values}).to_excel(
        tmp_path / "2016_18+.xlsx", index=False, engine="openpyxl"
    )
    _rivm_file(2016, 80200, {"Vrijwilligerswerk_33": values}).to_excel(
        tmp_path / "2016_65+.xlsx", index=False, engine="openpyxl"
    )
    result = rivm.read_rivm_50090(tmp_path, needed=frozenset({"Vrijwilligerswerk_33|18+"}))
    assert set(result.observations["variable"]) == {"Vrijwilligerswerk_33|18+"}
    assert "2016_65+.xlsx" in result.files_skipped
    assert _value(result, "GM9901", "Vrijwilligerswerk_33|18+", 2016) == (31.5, False)
    # the margin row (MOG0095) is not read as a second value for GM9901
    assert len(result.observations[result.observations.region_code == "GM9901"]) == 1
    assert rivm.read_rivm_50090.reads_needed is True
