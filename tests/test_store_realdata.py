"""The store built from the real mirror (../shared/data): coverage, ranges, exact values.

These tests build the store when it is missing or stale (about a minute). They need the mirror
and fail when it is absent: CI runs with ../shared beside the clone.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pandas as pd
import pytest

from sq.analysis.export import region_rows
from sq.build.pipeline import build
from sq.catalogue import load_catalogue
from sq.codes import parse_number
from sq.config import raw_dirs, store_dir
from sq.store.loader import Store, open_store

pytestmark = pytest.mark.realdata
MIRROR = raw_dirs()[-1]


@pytest.fixture(scope="module")
def real_store() -> Store:
    assert MIRROR.is_dir(), f"real data mirror missing: {MIRROR}"
    build(raw_dirs(), store_dir(), progress=lambda _m: None)
    return open_store(store_dir())


def value(store: Store, code: str, indicator: str, year: int) -> float:
    obs = store.observations
    rows = obs[(obs.region_code == code) & (obs.indicator_id == indicator) & (obs.year == year)]
    assert len(rows) == 1, (code, indicator, year, len(rows))
    return float(rows["value"].iloc[0])


def csv_cell(path: Path, key_col: str, key: str, col: str, sep: str, encoding: str) -> float:
    with path.open(encoding=encoding, newline="") as handle:
        for row in csv.DictReader(handle, delimiter=sep):
            if row[key_col].strip() == key:
                return parse_number(row[col])
    raise AssertionError(f"{key} not in {path.name}")


@pytest.mark.parametrize("year", [2019, 2022, 2023, 2024])
def test_all_18_frisian_gemeenten_per_year(real_store: Store, year: int) -> None:
    regions = real_store.regions
    frisian = regions[
        (regions.level == "gemeente") & (regions.year == year) & (regions.provincie_code == "PV21")
    ]
    assert frisian["region_code"].nunique() == 18


@pytest.mark.parametrize(
    ("indicator", "year"),
    [
        ("vrijwilligerswerk", 2020),
        ("arbeidsparticipatie", 2022),
        ("afstand_huisarts", 2025),
        ("ervaren_gezondheid", 2022),
    ],
)
def test_frisian_gemeenten_have_values(real_store: Store, indicator: str, year: int) -> None:
    frisian = set(
        real_store.regions.loc[
            (real_store.regions.provincie_code == "PV21")
            & (real_store.regions.level == "gemeente")
            & (real_store.regions.year >= 2019),
            "region_code",
        ]
    )
    obs = real_store.observations
    rows = obs[
        (obs.indicator_id == indicator)
        & (obs.year == year)
        & obs.region_code.isin(frisian)
        & obs.value.notna()
    ]
    assert rows["region_code"].nunique() == 18


def test_percentages_within_0_100(real_store: Store) -> None:
    percent = [i.id for i in load_catalogue().indicators if i.unit == "%"]
    obs = real_store.observations
    values = obs.loc[obs.indicator_id.isin(percent), "value"].dropna()
    assert len(values) > 100_000
    assert values.between(0, 100).all()


def test_no_duplicate_keys(real_store: Store) -> None:
    keys = real_store.observations[["region_code", "year", "indicator_id"]]
    assert not keys.duplicated().any()
    assert not real_store.regions[["region_code", "year"]].duplicated().any()


def test_suppressed_stays_missing(real_store: Store) -> None:
    obs = real_store.observations
    suppressed = obs[obs.suppressed]
    assert len(suppressed) > 1000
    assert suppressed["value"].isna().all()
    assert not (obs["value"].isna() & ~obs["suppressed"]).any()
    # a '.' in the RIVM 50120 file is missing in the store, not zero
    path = (
        MIRROR / "rivm-50120NED-ervaren-gezondheid-2022" / "ervaren_gezondheid_wijk_buurt_2022.csv"
    )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        dotted = next(
            r["WijkenEnBuurten"].strip()
            for r in csv.DictReader(handle, delimiter=";")
            if r["ErvarenGezondheidGoedZeerGoed_4"].strip() == "."
        )
    assert math.isnan(value(real_store, dotted, "ervaren_gezondheid", 2022))


@pytest.mark.parametrize(
    ("indicator", "year", "relpath", "key_col", "key", "col", "sep", "encoding"),
    [
        (
            "ervaren_gezondheid",
            2022,
            "rivm-50120NED-ervaren-gezondheid-2022/ervaren_gezondheid_wijk_buurt_2022.csv",
            "WijkenEnBuurten",
            "GM0080",
            "ErvarenGezondheidGoedZeerGoed_4",
            ";",
            "utf-8-sig",
        ),
        (
            "arbeidsparticipatie",
            2022,
            "cbs-2022-wijken-gemeenten/NLD_muni.csv",
            "code",
            "GM0080",
            "employment_rate",
            ",",
            "utf-8",
        ),
        (
            "personen_laag_inkomen",
            2022,
            "cbs-2022-wijken-gemeenten/NLD_muni.csv",
            "code",
            "GM0080",
            "income_low",
            ",",
            "utf-8",
        ),
        (
            "afstand_huisarts",
            2025,
            "cbs-kwb-2025-fryslan/kerncijfers_data.csv",
            "WijkenEnBuurten",
            "GM0080",
            "AfstandTotHuisartsenpraktijk_110",
            ",",
            "utf-8",
        ),
    ],
)
def test_leeuwarden_equals_source_file(
    real_store: Store, indicator, year, relpath, key_col, key, col, sep, encoding
) -> None:
    expected = csv_cell(MIRROR / relpath, key_col, key, col, sep, encoding)
    assert value(real_store, "GM0080", indicator, year) == pytest.approx(expected)


def test_leeuwarden_crime_2017_equals_statline_file(real_store: Store) -> None:
    path = (
        MIRROR
        / "cbs-misdrijven-gemeente-2013-2017"
        / "Veiligheid_geregistreerde_misdrijven_gemeente_2013_2017.csv"
    )
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.reader(handle, delimiter=";")
        next(reader)
        cell = next(
            r[5]
            for r in reader
            if r[0] == "Misdrijven, totaal" and r[1] == "2017" and r[2] == "Leeuwarden"
        )
    assert value(real_store, "GM0080", "misdrijven_per_1000", 2017) == parse_number(cell)


def test_leeuwarden_export_spans_four_conditions_with_nl(real_store: Store) -> None:
    rows = region_rows(real_store, load_catalogue(), "GM0080")
    with_value = rows[rows["value"].notna()]
    assert set(with_value["condition"]) == {
        "sociaaleconomische_zekerheid",
        "sociale_cohesie",
        "sociale_empowerment",
        "sociale_inclusie",
    }
    assert with_value["nl_value"].notna().mean() > 0.8
    assert (with_value["region_name"] == "Leeuwarden").all()


def test_nl_benchmark_from_source_where_published(real_store: Store) -> None:
    obs = real_store.observations
    nl = obs[
        (obs.region_code == "NL00") & (obs.indicator_id == "vrijwilligerswerk") & (obs.year == 2020)
    ]
    assert len(nl) == 1 and not bool(nl["computed"].iloc[0])


def test_merged_frisian_gemeenten_are_marked(real_store: Store) -> None:
    changes = real_store.boundary_changes
    noardeast = changes[(changes.region_code == "GM1970") & (changes.kind == "nieuw")]
    assert len(noardeast) == 1 and int(noardeast["year_to"].iloc[0]) == 2019
    assert not changes[(changes.region_code == "GM0080")].empty


def test_leeuwarden_boundary_notes_read_as_plain_dutch(real_store: Store) -> None:
    from sq.analysis.boundary_notes import boundary_notes, latest_names

    first, second = boundary_notes(
        real_store.boundary_changes, "GM0080", latest_names(real_store.regions)
    )
    assert first.startswith(
        "Tussen 2012 en 2017 is een deel van de voormalige gemeente Boarnsterhim bij Leeuwarden"
        " gekomen. Leeuwarden is daardoor ongeveer 2 keer zo groot geworden. Cijfers van 2012"
        " en eerder gaan over een kleiner gebied."
    )
    assert "Leeuwarderadeel" in second and "Littenseradiel" in second


def test_heerenveen_villages_have_codes(real_store: Store) -> None:
    obs = real_store.observations
    scans = obs[obs.source == "heerenveen-gebiedsscans-2019"]
    assert scans["region_code"].str.startswith("BU0074").sum() > 0
    report = real_store.report
    assert len(report["matched_villages"]) == 30
    unmatched = pd.DataFrame(report["unmatched"])
    assert list(unmatched.columns) == ["source", "name", "year"]
    assert "heerenveen-gebiedsscans-2019" not in set(unmatched["source"])
