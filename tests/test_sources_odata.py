"""Tests for the generic StatLine OData folder adapter (fictional areas; one realdata test)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest
import responses

from sq import config
from sq.ingest.fetch import fetch_table
from sq.ingest.sources.base import OBSERVATION_COLUMNS, REGION_COLUMNS
from sq.ingest.sources.fetched import adapters_for
from sq.ingest.sources.odata import period_years, read_odata_folder, table_layout
from tests.test_fetch import register_table


@pytest.fixture
def fetched_folder(tmp_path: Path) -> Path:
    with responses.RequestsMock() as rsps:
        register_table(rsps)
        return fetch_table("99901NED", tmp_path, protocols=("v3",)).path


def test_round_trip_values_exact(fetched_folder: Path) -> None:
    result = read_odata_folder(fetched_folder)
    obs = result.observations
    assert list(obs.columns) == list(OBSERVATION_COLUMNS)
    got = {
        (r.region_code, r.year, r.variable): (None if math.isnan(r.value) else r.value)
        for r in obs.itertuples()
    }
    assert got == {
        ("GM9901", 2020, "ErvarenGezondheidGoedZeerGoed_4|Leeftijd=20300"): 76.5,
        ("GM9901", 2020, "Vrijwilligerswerk_33|Leeftijd=20300"): 31.2,
        ("WK990101", 2020, "ErvarenGezondheidGoedZeerGoed_4|Leeftijd=20300"): None,
        ("WK990101", 2020, "Vrijwilligerswerk_33|Leeftijd=20300"): 28.4,
        ("BU99010101", 2022, "ErvarenGezondheidGoedZeerGoed_4|Leeftijd=80200"): 61.05,
        ("BU99010101", 2022, "Vrijwilligerswerk_33|Leeftijd=80200"): None,
    }
    assert (obs["suppressed"] == obs["value"].isna()).all()
    assert obs["suppressed"].sum() == 2
    assert obs["estimate"].all()  # dataderden (RIVM) table
    assert not obs["year_uncertain"].any()
    assert set(obs["source"]) == {"cbs-odata-99901NED"}
    names = dict(zip(obs["region_code"], obs["region_name"], strict=False))
    assert names == {"GM9901": "Dorpum", "WK990101": "Dorpum-Centrum", "BU99010101": "Oude Kern"}
    levels = dict(zip(obs["region_code"], obs["level"], strict=False))
    assert levels == {"GM9901": "gemeente", "WK990101": "wijk", "BU99010101": "buurt"}
    messages = " ".join(result.messages)
    assert "2021KW01" in messages  # quarter skipped with a message
    assert "GG9999" in messages  # unknown region type skipped with a message
    assert result.files_read == ["data.csv"]


def test_round_trip_regions(fetched_folder: Path) -> None:
    regions = read_odata_folder(fetched_folder).regions
    assert list(regions.columns) == list(REGION_COLUMNS)
    rows = {tuple(r) for r in regions[["region_code", "name", "year", "gemeente_code"]].values}
    assert rows == {
        ("GM9901", "Dorpum", 2020, "GM9901"),
        ("WK990101", "Dorpum-Centrum", 2020, "GM9901"),
        ("BU99010101", "Oude Kern", 2022, "GM9901"),
    }


def write_kwb_shape(folder: Path, cells: list[str]) -> None:
    """Write a KWB-style export: DataProperties as *meta*.csv and a *data*.csv without time."""
    folder.mkdir()
    meta = pd.DataFrame(
        [
            {"Type": "GeoDetail", "Key": "WijkenEnBuurten", "Datatype": "", "MapYear": "2025.0"},
            {"Type": "TopicGroup", "Key": "", "Datatype": "", "MapYear": ""},
            {"Type": "Topic", "Key": "Gemeentenaam_1", "Datatype": "String", "MapYear": ""},
            {"Type": "Topic", "Key": "AantalInwoners_5", "Datatype": "Long", "MapYear": ""},
            {"Type": "Topic", "Key": "AfstandTotHuisartsenpraktijk_110", "Datatype": "Double"},
        ]
    )
    meta.to_csv(folder / "kerncijfers_meta.csv", index=False)
    lines = ["ID,WijkenEnBuurten,Gemeentenaam_1,AantalInwoners_5,AfstandTotHuisartsenpraktijk_110"]
    codes = ["GM9901", "WK990101", "BU99010101", "BU99010102"]
    for i, (code, cell) in enumerate(zip(codes, cells, strict=True)):
        lines.append(f'{i},{code},Dorpum                  ,{100 * (i + 1)},"{cell}"')
    (folder / "kerncijfers_data.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    ("cells", "expected"),
    [
        (["1.2", "0.8", "3.0", "2.5"], [1.2, 0.8, 3.0, 2.5]),
        ([".", "   .", "NA", ""], [None, None, None, None]),
        (["0", "0.0", ".", "1,5"], [0.0, 0.0, None, 1.5]),
    ],
)
def test_kwb_shape_without_time_dimension(
    tmp_path: Path, cells: list[str], expected: list[float | None]
) -> None:
    folder = tmp_path / "kwb-fictief"
    write_kwb_shape(folder, cells)
    result = read_odata_folder(folder)
    obs = result.observations
    assert set(obs["year"]) == {2025}  # MapYear of the GeoDetail
    assert set(obs["variable"]) == {"AantalInwoners_5", "AfstandTotHuisartsenpraktijk_110"}
    assert not obs["estimate"].any()
    distance = obs[obs["variable"] == "AfstandTotHuisartsenpraktijk_110"]
    values = [None if math.isnan(v) else v for v in distance["value"]]
    assert values == expected
    assert list(distance["suppressed"]) == [v is None for v in expected]
    inhabitants = obs[obs["variable"] == "AantalInwoners_5"]
    assert list(inhabitants["value"]) == [100.0, 200.0, 300.0, 400.0]
    gemeente = obs[obs["region_code"] == "GM9901"]
    assert set(gemeente["region_name"]) == {"Dorpum"}  # from Gemeentenaam for gemeente rows


@pytest.mark.parametrize(
    ("periods", "years"),
    [
        (["2020JJ00", "2022JJ00"], [2020, 2022]),
        (["2021KW01", "2021MM03", "2019G300"], [None, None, None]),
        (["  2016JJ00 ", ""], [2016, None]),
    ],
)
def test_period_years(periods: list[str], years: list[int | None]) -> None:
    got = period_years(pd.Series(periods))
    assert [None if pd.isna(v) else int(v) for v in got] == years


@pytest.mark.parametrize(
    ("properties", "geo", "time", "dimensions", "topics"),
    [
        (
            [
                {"Type": "Dimension", "Key": "Marges"},
                {"Type": "GeoDimension", "Key": "WijkenEnBuurten"},
                {"Type": "TimeDimension", "Key": "Perioden"},
                {"Type": "Topic", "Key": "Eenzaam_28", "Datatype": "Double"},
            ],
            "WijkenEnBuurten",
            "Perioden",
            ("Marges",),
            ("Eenzaam_28",),
        ),
        (
            [
                {"Type": "Dimension", "Key": "RegioS"},
                {"Type": "Dimension", "Key": "Perioden"},
                {"Type": "Dimension", "Key": "Geslacht"},
                {"Type": "Topic", "Key": "Naam_1", "Datatype": "String"},
                {"Type": "Topic", "Key": "Totaal_2", "Datatype": "Long"},
            ],
            "RegioS",
            "Perioden",
            ("Geslacht",),
            ("Totaal_2",),
        ),
    ],
)
def test_table_layout(
    properties: list[dict], geo: str, time: str, dimensions: tuple, topics: tuple
) -> None:
    layout = table_layout(properties)
    assert (layout.geo, layout.time, layout.dimensions, layout.topics) == (
        geo,
        time,
        dimensions,
        topics,
    )


def test_table_layout_without_region_dimension() -> None:
    with pytest.raises(ValueError, match="regio"):
        table_layout([{"Type": "Topic", "Key": "X_1", "Datatype": "Double"}])


def test_variable_carries_every_other_dimension(tmp_path: Path) -> None:
    folder = tmp_path / "cbs-odata-99903NED"
    folder.mkdir()
    properties = [
        {"Type": "Dimension", "Key": "Geslacht"},
        {"Type": "Dimension", "Key": "Leeftijd"},
        {"Type": "GeoDimension", "Key": "RegioS"},
        {"Type": "TimeDimension", "Key": "Perioden"},
        {"Type": "Topic", "Key": "Aantal_1", "Datatype": "Long"},
    ]
    (folder / "DataProperties.json").write_text(json.dumps(properties), encoding="utf-8")
    (folder / "data.csv").write_text(
        "ID,Geslacht,Leeftijd,RegioS,Perioden,Aantal_1\n0,3000   ,20300,GM9901    ,2021JJ00,7\n",
        encoding="utf-8",
    )
    obs = read_odata_folder(folder).observations
    assert list(obs["variable"]) == ["Aantal_1|Geslacht=3000|Leeftijd=20300"]
    assert list(obs["region_name"]) == ["GM9901"]  # no dimension file: the code stands in


@pytest.mark.parametrize(
    "files",
    [
        {},
        {"data.csv": "ID,RegioS\n"},
        {"DataProperties.json": "[]", "data.csv": "ID\n"},
        {"DataProperties.json": "{broken", "data.csv": "ID\n"},
        {
            "DataProperties.json": '[{"Type": "GeoDimension", "Key": "RegioS"}]',
            "data.csv": 'ID,RegioS\n1,GM9901,"x\n2\n',
        },
    ],
)
def test_incomplete_folders_give_a_message_not_a_crash(tmp_path: Path, files: dict) -> None:
    folder = tmp_path / "cbs-odata-99904NED"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = read_odata_folder(folder)
    assert result.observations.empty
    assert result.messages or result.files_skipped


def test_adapters_for(tmp_path: Path) -> None:
    for name in ("cbs-odata-99901NED", "cbs-odata-50090NED", "pdok-gebieden", ".tmp-cbs-odata-X"):
        (tmp_path / name).mkdir()
    (tmp_path / "cbs-odata-notes.txt").write_text("x", encoding="utf-8")
    adapters = adapters_for(tmp_path)
    assert sorted(adapters) == ["cbs-odata-50090NED", "cbs-odata-99901NED"]
    assert all(adapter is read_odata_folder for adapter in adapters.values())
    assert adapters_for(tmp_path / "absent") == {}


@pytest.mark.realdata
def test_real_kwb_2025_fryslan_fits_the_generic_reader() -> None:
    folder = config.raw_dir() / "cbs-kwb-2025-fryslan"
    result = read_odata_folder(folder)
    regions = result.regions
    assert regions["level"].value_counts().to_dict() == {"buurt": 936, "wijk": 246, "gemeente": 18}
    obs = result.observations
    assert set(obs["year"]) == {2025}
    assert "Gemeentenaam_1" not in set(obs["variable"])  # label topics are not values
    income = obs[obs["variable"] == "GemiddeldInkomenPerInwoner_78"]
    assert len(income) == 1200 and income["suppressed"].all()  # not yet published: missing
    people = obs[obs["variable"] == "AantalInwoners_5"]
    assert people["value"].notna().sum() > 1000
    assert (people["value"].dropna() >= 0).all()
