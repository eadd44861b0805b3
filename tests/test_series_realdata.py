"""Honest series on the real mirror: one set of gemeenten per benchmark, wijk labour
participation, provincie values for every RIVM year, source precision (issues 10 and 13)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from sq.build.pipeline import build
from sq.codes import NL_CODE
from sq.config import raw_dirs, store_dir
from sq.ingest.sources.kwb2020 import read_kwb2020
from sq.store.loader import Store, open_store

pytestmark = pytest.mark.realdata
MIRROR = raw_dirs()[-1]


@pytest.fixture(scope="module")
def real_store() -> Store:
    assert MIRROR.is_dir(), f"real data mirror missing: {MIRROR}"
    build(raw_dirs(), store_dir(), progress=lambda _m: None)
    return open_store(store_dir())


def row(store: Store, code: str, indicator: str, year: int) -> pd.Series:
    obs = store.observations
    rows = obs[(obs.region_code == code) & (obs.indicator_id == indicator) & (obs.year == year)]
    assert len(rows) == 1, (code, indicator, year, len(rows))
    return rows.iloc[0]


def test_nl_2020_lowest_incomes_from_the_355_gemeenten_of_2020(real_store: Store) -> None:
    """The five later mergers are not counted on top of their predecessors."""
    raw = read_kwb2020(MIRROR / "cbs-kwb-2020-gemeenten").observations
    wide = raw.pivot_table(index="region_code", columns="variable", values="value")
    codes = set(
        real_store.regions.loc[
            (real_store.regions.level == "gemeente") & (real_store.regions.year == 2020),
            "region_code",
        ]
    )
    assert len(codes) == 355
    part = wide.loc[wide.index.isin(codes)].dropna(
        subset=["Huishoudens met laagste inkomen (%)", "Aantal inwoners"]
    )
    weights = part["Aantal inwoners"]
    exact = (part["Huishoudens met laagste inkomen (%)"] * weights).sum() / weights.sum()
    assert exact == pytest.approx(39.36, abs=0.01)
    nl = row(real_store, NL_CODE, "huishoudens_laagste_inkomens", 2020)
    assert nl["value"] == round(exact, 1)  # stored at the source's one decimal
    assert "355 gemeenten" in nl["note"] and "360" not in nl["note"]
    income = row(real_store, NL_CODE, "inkomen_per_inwoner", 2020)
    assert "355 gemeenten" in income["note"]


@pytest.mark.parametrize("year", [2012, 2017, 2018, 2019, 2020, 2022])
def test_every_computed_benchmark_counts_one_region_list(real_store: Store, year: int) -> None:
    obs = real_store.observations
    computed = obs[(obs.region_code == NL_CODE) & obs.computed & (obs.year == year)]
    assert not computed.empty
    listed = real_store.regions[real_store.regions.level == "gemeente"]
    for note, area_year in zip(computed["note"], computed["area_year"], strict=True):
        count = int(note.split("berekend uit ")[1].split(" ")[0])
        assert count <= (listed.year == area_year).sum(), note


def test_wijk_labour_participation_2022_read(real_store: Store) -> None:
    wijk = row(real_store, "WK008050", "arbeidsparticipatie", 2022)
    assert wijk["value"] == 50.0 and not wijk["computed"]
    obs = real_store.observations
    wijken = obs[
        (obs.indicator_id == "arbeidsparticipatie")
        & (obs.year == 2022)
        & obs.region_code.str.startswith("WK")
        & obs.value.notna()
    ]
    assert 3000 <= wijken["region_code"].nunique() <= 3072


@pytest.mark.parametrize(
    ("indicator", "years"),
    [
        ("eenzaam", [2012, 2016, 2020]),
        ("mantelzorg", [2012, 2016, 2020]),
        ("vrijwilligerswerk", [2016, 2020]),  # RIVM has no 2012 figure for volunteering
    ],
)
def test_fryslan_has_every_rivm_year_its_gemeenten_have(
    real_store: Store, indicator: str, years: list[int]
) -> None:
    obs = real_store.observations
    frisian = set(
        real_store.regions.loc[
            (real_store.regions.provincie_code == "PV21")
            & (real_store.regions.level == "gemeente")
            & (real_store.regions.year == 2020),
            "region_code",
        ]
    )
    gemeente_years = set(
        obs.loc[
            (obs.indicator_id == indicator) & obs.region_code.isin(frisian) & obs.value.notna(),
            "year",
        ]
    )
    assert gemeente_years == set(years)
    for year in years:
        pv = row(real_store, "PV21", indicator, year)
        assert pv["computed"] and int(pv["area_year"]) == 2020
        assert "18 gemeenten" in pv["note"]
        assert not row(real_store, NL_CODE, indicator, year)["computed"]  # NL from RIVM


def test_computed_benchmarks_carry_the_source_precision(real_store: Store) -> None:
    obs = real_store.observations
    computed = obs[obs.computed & obs.value.notna()]
    assert computed["decimals"].notna().all()
    for value, places in zip(computed["value"], computed["decimals"], strict=True):
        assert value == round(value, int(places))
    rivm = computed[computed.source.str.startswith("rivm")]
    assert set(rivm["decimals"]) == {1}


@pytest.mark.parametrize(
    ("code", "indicator", "year", "decimals"),
    [
        ("GM0080", "inkomen_per_inwoner", 2019, 0),  # PDOK income in whole thousands
        ("GM0080", "arbeidsparticipatie", 2019, 0),
        ("GM0080", "rond_sociaal_minimum", 2022, 0),
        ("GM0080", "inkomen_per_inwoner", 2012, 1),
        ("GM0080", "vrijwilligerswerk", 2020, 1),
    ],
)
def test_source_precision_is_stored(
    real_store: Store, code: str, indicator: str, year: int, decimals: int
) -> None:
    assert int(row(real_store, code, indicator, year)["decimals"]) == decimals


def test_heerenveen_mean_of_30_areas_is_the_sources(real_store: Store) -> None:
    obs = real_store.observations
    rows = obs[(obs.region_code == "GM0074") & obs.source.str.startswith("heerenveen")]
    assert not rows.empty
    assert not rows["computed"].any()
    assert rows["note"].str.contains("zoals de bron").all()


def test_distance_to_gp_breaks_in_2020_from_cbs_metadata(real_store: Store) -> None:
    from sq.analysis.series_marks import series_marks
    from sq.analysis.trends import trend_frame

    breaks = real_store.series_breaks
    row_ = breaks[breaks.indicator_id == "afstand_huisarts"].iloc[0]
    assert int(row_["year"]) == 2020 and "niet meer vergelijkbaar" in row_["detail"]
    assert breaks["indicator_id"].tolist() == ["afstand_huisarts"]  # only where CBS says so
    frame = trend_frame(real_store, "afstand_huisarts", ["NL00"]).sort_values("year")
    before = frame.loc[frame.year < 2020, "segment"]
    after = frame.loc[frame.year >= 2020, "segment"]
    assert before.max() < after.min()
    marks = series_marks(real_store, "afstand_huisarts", ["NL00"], frame["year"].tolist())
    definition = marks[marks.kind == "definitie"]
    assert len(definition) == 1 and int(definition["x_to"].iloc[0]) == 2020
    assert "nevenadressen" in definition["detail"].iloc[0]


def test_crime_source_switch_2017_2018_is_marked(real_store: Store) -> None:
    from sq.analysis.series_marks import series_marks

    sw2017 = row(real_store, "GM1900", "misdrijven_per_1000", 2017)
    sw2018 = row(real_store, "GM1900", "misdrijven_per_1000", 2018)
    assert sw2017["value"] == 32.0 and sw2017["source"] == "cbs-misdrijven-gemeente-2013-2017"
    assert sw2018["source"] == "pdok-gebieden"
    years = sorted(
        real_store.observations.loc[
            real_store.observations.indicator_id == "misdrijven_per_1000", "year"
        ].unique()
    )
    marks = series_marks(real_store, "misdrijven_per_1000", ["GM1900"], years)
    switch = marks[(marks.kind == "bron") & (marks.x_from == 2017)]
    assert len(switch) == 1 and int(switch["x_to"].iloc[0]) == 2018
    assert "CBS/Politie" in switch["detail"].iloc[0]


def test_de_friese_meren_2014_is_matched(real_store: Store) -> None:
    gm = row(real_store, "GM1940", "misdrijven_per_1000", 2014)
    assert gm["value"] == 32.6
    unmatched = {u["name"] for u in real_store.report["unmatched"]}
    assert "De Friese Meren" not in unmatched
    assert unmatched <= {"Niet-gemeentelijk ingedeeld"}  # not a gemeente


def test_reference_years_per_edition(real_store: Store) -> None:
    """Editions whose metadata says so describe their own year; others are flagged, not guessed."""
    kwb2025 = row(real_store, "GM0080", "afstand_huisarts", 2025)
    assert int(kwb2025["edition"]) == 2025 and not kwb2025["year_uncertain"]
    pdok = row(real_store, "GM0080", "inkomen_per_inwoner", 2019)
    assert int(pdok["edition"]) == 2019 and pdok["year_uncertain"]
    crime = row(real_store, "GM0080", "misdrijven_per_1000", 2019)  # cr_jaar states its year
    assert pd.isna(crime["edition"]) and not crime["year_uncertain"]
    catalogue_text = (Path(__file__).parents[1] / "data" / "indicators.toml").read_text("utf-8")
    assert "twee à drie jaar achter" not in catalogue_text


def test_export_carries_the_edition(real_store: Store) -> None:
    from sq.analysis.export import EXPORT_COLUMNS, region_rows
    from sq.catalogue import load_catalogue

    rows = region_rows(real_store, load_catalogue(), "GM0080")
    assert list(rows.columns) == list(EXPORT_COLUMNS) and "edition" in rows.columns
    income = rows[(rows.indicator_id == "inkomen_per_inwoner") & (rows.year == 2019)].iloc[0]
    assert int(income["edition"]) == 2019 and "jaar_onzeker" in income["flags"]
