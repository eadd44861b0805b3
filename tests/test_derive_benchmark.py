"""Deriving indicators from raw variables, and computing benchmarks, on fictional rows."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from sq.build.benchmark import add_benchmarks, benchmark_series, round_half_up
from sq.build.derive import derive_observations, keep_needed, needed_variables, population_series
from sq.catalogue import parse_catalogue

CATALOGUE_TEXT = """
[[indicator]]
id = "pct"
condition = "sociale_cohesie"
title_nl = "P"
title_en = "P"
unit = "%"
direction = "higher_is_better"
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
source = "first"
variable = "a"
[[indicator.sources]]
source = "second"
variable = "b"

[[indicator]]
id = "rate"
condition = "sociaaleconomische_zekerheid"
title_nl = "R"
title_en = "R"
unit = "per 1.000 inwoners"
direction = "lower_is_better"
definition_nl = "d"
definition_en = "d"
derivation_nl = "d"
publisher = "p"
table_id = "t"
url = "https://example.org"
aggregation = "ratio"
questions_nl = ["V?"]
questions_en = ["Q?"]
[[indicator.sources]]
source = "first"
numerator = "count"
scale = 1000

[population]
[[population.sources]]
source = "first"
variable = "inwoners"
"""
CATALOGUE = parse_catalogue(CATALOGUE_TEXT)


def raw_rows(rows: list[tuple[str, int, str, str, float | None]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "region_code": code,
                "region_name": code,
                "level": "gemeente",
                "year": year,
                "source": source,
                "variable": variable,
                "value": float("nan") if value is None else value,
                "suppressed": value is None,
                "estimate": False,
                "year_uncertain": False,
            }
            for code, year, source, variable, value in rows
        ]
    )


RAW = raw_rows(
    [
        ("GM9901", 2020, "first", "a", 30.0),
        ("GM9901", 2020, "second", "b", 99.0),  # lower priority: ignored
        ("GM9902", 2020, "first", "a", None),  # suppressed in first ...
        ("GM9902", 2020, "second", "b", 20.0),  # ... so second is used
        ("GM9903", 2020, "first", "a", None),  # suppressed everywhere: stays missing
        ("GM9901", 2020, "first", "count", 50.0),
        ("GM9902", 2020, "first", "count", 10.0),
        ("GM9901", 2020, "first", "inwoners", 1000.0),
        ("GM9902", 2020, "first", "inwoners", 3000.0),
        ("GM9903", 2020, "first", "inwoners", 500.0),
        ("GM9901", 2020, "first", "unused", 1.0),
    ]
)


def derived() -> pd.DataFrame:
    return derive_observations(RAW, CATALOGUE, population_series(RAW, CATALOGUE))


def value_of(frame: pd.DataFrame, code: str, indicator: str, year: int = 2020) -> float:
    rows = frame[
        (frame.region_code == code) & (frame.indicator_id == indicator) & (frame.year == year)
    ]
    assert len(rows) == 1
    return float(rows["value"].iloc[0])


def test_needed_variables_and_filter() -> None:
    needed = needed_variables(CATALOGUE)
    assert ("first", "unused") not in needed
    kept = keep_needed(RAW, needed)
    assert "unused" not in set(kept["variable"])
    assert len(kept) == len(RAW) - 1


@pytest.mark.parametrize(
    ("code", "indicator", "expected"),
    [
        ("GM9901", "pct", 30.0),  # first source wins
        ("GM9902", "pct", 20.0),  # a later source fills a suppressed cell
        ("GM9901", "rate", 50.0),  # 50 / 1000 x 1000
        ("GM9902", "rate", 10.0 / 3000 * 1000),
    ],
)
def test_derived_values(code: str, indicator: str, expected: float) -> None:
    assert value_of(derived(), code, indicator) == pytest.approx(expected)


def test_suppressed_stays_missing_never_zero() -> None:
    rows = derived()
    row = rows[(rows.region_code == "GM9903") & (rows.indicator_id == "pct")].iloc[0]
    assert math.isnan(row["value"]) and bool(row["suppressed"])


def regions_frame() -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "region_code": c,
                "name": c,
                "level": "gemeente",
                "year": 2020,
                "gemeente_code": c,
                "provincie_code": "PV99",
            }
            for c in ("GM9901", "GM9902", "GM9903")
        ]
    )


def test_benchmark_weighted_by_inhabitants_when_coverage_suffices() -> None:
    obs = derived()
    obs = obs[obs.region_code != "GM9903"]  # two of two listed gemeenten with values
    regions = regions_frame()[lambda r: r.region_code != "GM9903"]
    result = add_benchmarks(obs, regions, population_series(RAW, CATALOGUE), CATALOGUE)
    nl = value_of(result, "NL00", "pct")
    # (30 x 1000 + 20 x 3000) / 4000 = 22.5, stored at the sources' precision (whole numbers)
    assert nl == 23.0
    # a rate aggregated by inhabitants equals sum of counts / sum of inhabitants (1 decimal)
    assert value_of(result, "NL00", "rate") == pytest.approx(round(60 / 4000 * 1000, 1))
    row = result[(result.region_code == "PV99") & (result.indicator_id == "pct")].iloc[0]
    assert bool(row["computed"]) and "gewogen naar inwoners" in row["note"]


def test_no_benchmark_when_too_few_areas_have_values() -> None:
    obs = derived()  # GM9903 is missing: 2 of 3 gemeenten = 67% < 90%
    result = add_benchmarks(obs, regions_frame(), population_series(RAW, CATALOGUE), CATALOGUE)
    assert result[(result.region_code == "NL00") & (result.indicator_id == "pct")].empty


def test_source_benchmark_is_never_overwritten() -> None:
    obs = derived()
    obs = obs[obs.region_code != "GM9903"]
    source_nl = pd.DataFrame(
        [{**obs.iloc[0].to_dict(), "region_code": "NL00", "value": 11.0, "indicator_id": "pct"}]
    )
    result = add_benchmarks(
        pd.concat([obs, source_nl]),
        regions_frame()[:2],
        population_series(RAW, CATALOGUE),
        CATALOGUE,
    )
    assert value_of(result, "NL00", "pct") == 11.0


@pytest.mark.parametrize(
    ("year", "expected_value", "expected_year"),
    [(2020, 25.0, 2020), (2019, 25.0, 2020), (2017, 28.0, 2016), (2010, None, None)],
)
def test_benchmark_series_nearest_year(year, expected_value, expected_year) -> None:
    obs = pd.DataFrame(
        [
            {
                "region_code": "NL00",
                "indicator_id": "x",
                "year": 2016,
                "value": 28.0,
                "computed": False,
            },
            {
                "region_code": "NL00",
                "indicator_id": "x",
                "year": 2020,
                "value": 25.0,
                "computed": False,
            },
        ]
    )
    out = benchmark_series(obs, "NL00", pd.DataFrame({"indicator_id": ["x"], "year": [year]}))
    value = out["benchmark_value"].iloc[0]
    if expected_value is None:
        assert math.isnan(value) and pd.isna(out["benchmark_year"].iloc[0])
    else:
        assert value == expected_value and out["benchmark_year"].iloc[0] == expected_year


def gemeente_regions(codes_by_year: dict[int, list[str]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "region_code": c,
                "name": c,
                "level": "gemeente",
                "year": y,
                "gemeente_code": c,
                "provincie_code": "PV99",
            }
            for y, codes in codes_by_year.items()
            for c in codes
        ]
    )


def store_rows(rows: list[tuple[str, int, int, float, int]]) -> pd.DataFrame:
    """Observation rows (code, year, area_year, value, decimals) of indicator pct."""
    return pd.DataFrame(
        [
            {
                "region_code": code,
                "year": year,
                "area_year": area_year,
                "indicator_id": "pct",
                "value": value,
                "suppressed": False,
                "estimate": False,
                "year_uncertain": False,
                "computed": False,
                "source": "first",
                "note": "",
                "decimals": decimals,
            }
            for code, year, area_year, value, decimals in rows
        ]
    ).astype({"decimals": "Int64"})


def population_of(codes: list[str], years: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        [{"region_code": c, "year": y, "population": 1000.0} for c in codes for y in years]
    )


def test_benchmark_counts_one_years_set_of_gemeenten() -> None:
    """GM9904 (a 2021 merger of GM9902 and GM9903) is not added on top of its predecessors."""
    regions = gemeente_regions({2020: ["GM9901", "GM9902", "GM9903"], 2021: ["GM9901", "GM9904"]})
    obs = store_rows(
        [
            ("GM9901", 2020, 2020, 10.0, 1),
            ("GM9902", 2020, 2020, 20.0, 1),
            ("GM9903", 2020, 2020, 30.0, 1),
            ("GM9904", 2020, 2020, 90.0, 1),  # a later source's figure on the later code
        ]
    )
    population = population_of(["GM9901", "GM9902", "GM9903", "GM9904"], [2020])
    result = add_benchmarks(obs, regions, population, CATALOGUE)
    row = result[(result.region_code == "NL00") & (result.year == 2020)].iloc[0]
    assert row["value"] == 20.0
    assert "3 gemeenten" in row["note"] and "indeling van 2020" in row["note"]


def test_benchmark_uses_the_region_list_of_the_boundary_year() -> None:
    """Figures of 2012 on 2020 boundaries (RIVM) are summed over the gemeenten of 2020."""
    later = ["GM9901", "GM9906", "GM9907", "GM9908"]  # 2020: two mergers since 2012
    regions = gemeente_regions(
        {2012: ["GM9901", "GM9902", "GM9903", "GM9904", "GM9905"], 2020: later}
    )
    obs = store_rows([(code, 2012, 2020, 10.0 * (i + 1), 1) for i, code in enumerate(later)])
    population = population_of(later, [2020])
    result = add_benchmarks(obs, regions, population, CATALOGUE)
    row = result[(result.region_code == "PV99") & (result.year == 2012)].iloc[0]
    assert row["value"] == 25.0 and int(row["area_year"]) == 2020
    assert "4 gemeenten (100%" in row["note"]


def test_computed_benchmark_rounded_but_summed_exactly() -> None:
    """Wijk values give exact gemeente values; the provincie sums those, then all are rounded."""
    regions = pd.concat(
        [
            gemeente_regions({2020: ["GM9901"]}),
            pd.DataFrame(
                [
                    {
                        "region_code": w,
                        "name": w,
                        "level": "wijk",
                        "year": 2020,
                        "gemeente_code": "GM9901",
                        "provincie_code": "PV99",
                    }
                    for w in ("WK990101", "WK990102", "WK990103")
                ]
            ),
        ]
    )
    obs = store_rows(
        [
            ("WK990101", 2020, 2020, 29.4, 1),
            ("WK990102", 2020, 2020, 29.4, 1),
            ("WK990103", 2020, 2020, 29.45, 2),
        ]
    )
    population = population_of(["WK990101", "WK990102", "WK990103", "GM9901"], [2020])
    result = add_benchmarks(obs, regions, population, CATALOGUE)
    exact = (29.4 + 29.4 + 29.45) / 3  # 29.41666...
    gemeente = result[result.region_code == "GM9901"].iloc[0]
    assert gemeente["value"] == round(exact, 2) and int(gemeente["decimals"]) == 2
    assert value_of(result, "PV99", "pct") == round(exact, 2)


@pytest.mark.parametrize(
    ("values", "expected"),
    [([61.0, 59.0], 0), ([19.6, 22.0], 1), ([12.69, 1.0], 2), ([0.12345], 3), ([None], None)],
)
def test_source_precision_read_from_the_values(values, expected) -> None:
    raw = raw_rows([(f"GM99{i:02d}", 2020, "first", "a", v) for i, v in enumerate(values)])
    rows = derive_observations(raw, CATALOGUE, population_series(raw, CATALOGUE))
    got = rows["decimals"].max()
    assert (pd.isna(got) and expected is None) or int(got) == expected


def test_declared_precision_wins() -> None:
    text = CATALOGUE_TEXT.replace(
        'source = "first"\nvariable = "a"', 'source = "first"\nvariable = "a"\ndecimals = 1'
    )
    catalogue = parse_catalogue(text)
    raw = raw_rows([("GM9901", 2020, "first", "a", 30.0)])
    rows = derive_observations(raw, catalogue, population_series(raw, catalogue))
    assert int(rows["decimals"].iloc[0]) == 1


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [(22.5, 0, 23.0), (29.422755197651536, 1, 29.4), (0.05, 1, 0.1)],
)
def test_round_half_up(value: float, places: int, expected: float) -> None:
    assert round_half_up(value, places) == expected


def test_source_given_gemeente_mean_is_flagged_as_source() -> None:
    """A mean of the areas that the source itself publishes is the source's figure, not ours."""
    text = CATALOGUE_TEXT.replace(
        'source = "first"\nvariable = "a"',
        'source = "first"\nvariable = "a"\ngemeente_variable = "a_mean"',
    )
    catalogue = parse_catalogue(text)
    raw = raw_rows(
        [("WK990101", 2019, "first", "a", 16.0), ("WK990101", 2019, "first", "a_mean", 14.0)]
    )
    rows = derive_observations(raw, catalogue, population_series(raw, catalogue))
    gemeente = rows[(rows.region_code == "GM9901") & (rows.indicator_id == "pct")].iloc[0]
    assert gemeente["value"] == 14.0
    assert not bool(gemeente["computed"]) and "zoals de bron" in gemeente["note"]


REFERENCE_TEXT = """
[[reference_year]]
source = "first"
editions = [2024]
reference_offset = -3
evidence = "fictional: the metadata says the income is of three years before"
[[reference_year]]
source = "second"
editions = [2020]
variables = ["b"]
evidence = "no metadata: not established"
"""


def test_reference_years_move_or_flag_edition_rows() -> None:
    from sq.build.derive import apply_reference_years

    catalogue = parse_catalogue(CATALOGUE_TEXT + REFERENCE_TEXT)
    raw = raw_rows(
        [
            ("GM9901", 2024, "first", "a", 30.0),
            ("GM9901", 2020, "second", "b", 20.0),
            ("GM9901", 2020, "second", "other", 1.0),
            ("GM9901", 2020, "first", "a", 25.0),  # an edition without a block: unchanged
        ]
    )
    out = apply_reference_years(raw, catalogue)
    rows = list(
        zip(out["year"], out["edition"].astype("object"), out["year_uncertain"], strict=True)
    )
    assert rows[0] == (2021, 2024, False)  # established: the year it describes
    assert rows[1] == (2020, 2020, True)  # not established: edition year, flagged
    assert rows[2][1] is pd.NA and not rows[2][2]
    assert rows[3][1] is pd.NA and rows[3][0] == 2020
    derived = derive_observations(out, catalogue, population_series(out, catalogue))
    moved = derived[(derived.year == 2021) & (derived.indicator_id == "pct")].iloc[0]
    assert int(moved["edition"]) == 2024


@pytest.mark.parametrize(
    ("year", "edition", "language", "expected"),
    [
        (2021, 2024, "nl", "2021 (Kerncijfers 2024)"),
        (2024, 2024, "nl", "2024"),
        (2024, None, "en", "2024"),
        (None, None, "nl", ""),
    ],
)
def test_year_label_names_a_different_edition(year, edition, language, expected) -> None:
    from sq.render.tables import year_label

    assert year_label(year, edition, language) == expected
