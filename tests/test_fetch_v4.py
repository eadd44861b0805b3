"""OData v4 fetch and adapter against hand-written recorded responses (fictional table, areas).

The fictional 99901NED exists in both shapes (tests/fixtures/recorded/odata_* for v3,
odata4_* for v4, the v4 one with empty cells left out); both must give the same observations.
"""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path

import pandas as pd
import pytest
import requests
import responses

from sq.ingest.fetch import FetchError, NotFoundError, fetch_table
from sq.ingest.http import RETRIES
from sq.ingest.shape import Expected
from sq.ingest.sources.fetched import adapters_for
from sq.ingest.sources.odata import read_odata_folder
from sq.ingest.sources.odata_v4 import read_odata4_folder
from tests.test_fetch import OPEN, THIRD, recorded, register_table

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
V4 = "https://datasets.cbs.nl/odata/v1/CBS/99901NED"
CODES = ("LeeftijdCodes", "MargesCodes", "WijkenEnBuurtenCodes", "PeriodenCodes")


def v4(name: str) -> str:
    return recorded(f"odata4_99901NED_{name}.json")


def register_v4(
    rsps: responses.RequestsMock, *, page2: tuple[int, str] | None = None, count: str = "11"
) -> None:
    """Register the fictional 99901NED on datasets.cbs.nl (OData v4), two pages."""
    rsps.get(V4, body=v4("service"))
    for name in ("Properties", "Dimensions", "MeasureCodes", *CODES):
        rsps.get(f"{V4}/{name}", body=v4(name))
    rsps.get(
        f"{V4}/Observations",
        body=v4("Observations_page1"),
        match=[responses.matchers.query_string_matcher("")],
    )
    status, body = page2 or (200, v4("Observations_page2"))
    rsps.get(
        f"{V4}/Observations",
        body=body,
        status=status,
        match=[responses.matchers.query_param_matcher({"$skip": "6"})],
    )
    rsps.get(f"{V4}/Observations/$count", body=count, content_type="text/plain")


def read_rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@responses.activate
def test_v4_follows_next_link_and_keeps_cells_as_received(tmp_path: Path) -> None:
    register_v4(responses.mock)
    report = fetch_table("99901NED", tmp_path)
    folder = tmp_path / "cbs-odata4-99901NED"
    assert (report.path, report.protocol, report.rows, report.pages) == (folder, "v4", 11, 2)
    assert report.messages == []
    rows = read_rows(folder / "observations.csv")
    assert list(rows[0]) == [
        "Id",
        "Measure",
        "ValueAttribute",
        "Value",
        "Leeftijd",
        "Marges",
        "WijkenEnBuurten",
        "Perioden",
    ]
    assert [r["Value"] for r in rows[:3]] == ["76.5", "31.2", "74.1"]
    assert rows[4]["Value"] == "" and rows[4]["ValueAttribute"] == "Confidential"
    fetched = json.loads((folder / "fetched.json").read_text(encoding="utf-8"))
    assert fetched["protocol"] == "v4"
    assert fetched["dimensions"] == ["Leeftijd", "Marges", "Perioden", "WijkenEnBuurten"]
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [
            *("Properties.json", "Dimensions.json", "MeasureCodes.json", "observations.csv"),
            *("fetched.json", *(f"{c}.json" for c in CODES)),
        ]
    )
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def _comparable(frame: pd.DataFrame, measure_names: dict[str, str]) -> pd.DataFrame:
    """Observations with the measure part of variable replaced by its title, source dropped."""
    out = frame.drop(columns=["source", "estimate"]).copy()
    out["variable"] = out["variable"].map(
        lambda v: measure_names.get(v.split("|")[0], v.split("|")[0]) + v[v.find("|") :]
    )
    return out.sort_values(["region_code", "year", "variable"]).reset_index(drop=True)


def test_adapter_reads_v4_exactly_like_v3(tmp_path: Path) -> None:
    with responses.RequestsMock() as rsps:
        register_v4(rsps)
        folder4 = fetch_table("99901NED", tmp_path, protocols=("v4",)).path
    with responses.RequestsMock() as rsps:
        register_table(rsps)
        folder3 = fetch_table("99901NED", tmp_path, protocols=("v3",)).path
    assert set(adapters_for(tmp_path)) == {"cbs-odata-99901NED", "cbs-odata4-99901NED"}
    res3, res4 = read_odata_folder(folder3), read_odata4_folder(folder4)
    titles3 = {
        p["Key"]: p["Title"]
        for p in json.loads(recorded("odata_99901NED_DataProperties.json"))["value"]
        if p["Type"] == "Topic"
    }
    titles4 = {m["Identifier"]: m["Title"] for m in json.loads(v4("MeasureCodes"))["value"]}
    got3, got4 = _comparable(res3.observations, titles3), _comparable(res4.observations, titles4)
    assert len(got4) == 6
    pd.testing.assert_frame_equal(got3, got4)
    by_key = {(r.region_code, r.variable): r.value for r in res4.observations.itertuples()}
    assert by_key[("GM9901", "M000001|Leeftijd=20300")] == 76.5
    assert math.isnan(by_key[("WK990101", "M000001|Leeftijd=20300")])  # null with attribute
    assert math.isnan(by_key[("BU99010101", "M000002|Leeftijd=80200")])  # left out: missing
    assert set(res4.regions["name"]) == {"Dorpum", "Dorpum-Centrum", "Oude Kern"}
    assert "2021KW01" in " ".join(res4.messages) and "GG9999" in " ".join(res4.messages)


def _old_copy(tmp_path: Path) -> Path:
    old = tmp_path / "cbs-odata4-99901NED"
    old.mkdir()
    (old / "observations.csv").write_text("Id\n1\n", encoding="utf-8")
    dims = ["Leeftijd", "Marges", "Perioden", "WijkenEnBuurten"]
    (old / "fetched.json").write_text(json.dumps({"dimensions": dims}), encoding="utf-8")
    return old


def _assert_old_copy_stays(tmp_path: Path, old: Path) -> None:
    assert (old / "observations.csv").read_text(encoding="utf-8") == "Id\n1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cbs-odata4-99901NED"]


@pytest.mark.parametrize(
    ("status", "body", "message"),
    [
        (403, "nee", "weigerde de aanvraag (HTTP 403)"),
        (500, "oeps", "serverfout (HTTP 500)"),
        (200, requests.ReadTimeout("traag"), "Time-out"),
        (200, "{kapot", "geen geldige JSON"),
    ],
)
@responses.activate
def test_v4_failure_mid_paging_names_the_table_and_keeps_the_old_copy(
    tmp_path: Path, status: int, body: object, message: str
) -> None:
    old = _old_copy(tmp_path)
    register_v4(responses.mock, page2=(status, body))  # type: ignore[arg-type]
    with pytest.raises(FetchError, match=re.escape(message)) as raised:
        fetch_table("99901NED", tmp_path, protocols=("v4",))
    text = str(raised.value)
    assert "Tabel 99901NED" in text and "De vorige download blijft staan." in text
    if status == 500:
        page2 = [c for c in responses.calls if "skip" in c.request.url]
        assert len(page2) == RETRIES.total + 1  # urllib3 Retry: bounded, then given up
    _assert_old_copy_stays(tmp_path, old)


@responses.activate
def test_v4_failure_falls_back_to_v3(tmp_path: Path) -> None:
    responses.get(V4, status=503)
    register_table(responses.mock)
    report = fetch_table("99901NED", tmp_path)
    assert (report.protocol, report.rows) == ("v3", 6)
    assert "OData v4 lukte niet" in report.messages[0]
    assert "serverfout (HTTP 503)" in report.messages[0]


@responses.activate
def test_unknown_table_on_every_protocol(tmp_path: Path) -> None:
    old = _old_copy(tmp_path)
    responses.get(V4, status=404, json={"error": "not found"})
    for base in (OPEN, THIRD):
        responses.get(base + "TableInfos", status=404, body=recorded("odata_not_found.json"))
    with pytest.raises(NotFoundError, match=r"Tabel 99901NED bestaat niet op datasets\.cbs\.nl"):
        fetch_table("99901NED", tmp_path)
    _assert_old_copy_stays(tmp_path, old)


@responses.activate
def test_measure_gone_is_refused_and_the_old_copy_stays(tmp_path: Path) -> None:
    old = _old_copy(tmp_path)
    register_v4(responses.mock)
    expected = {"v4": Expected(frozenset({"M000001", "M000003"}), frozenset({"Leeftijd"}))}
    with pytest.raises(FetchError, match="Tabel 99901NED heeft een andere vorm") as raised:
        fetch_table("99901NED", tmp_path, protocols=("v4",), expected=expected)
    assert "M000003 ontbreken" in str(raised.value)
    assert not [c for c in responses.calls if "Observations" in c.request.url]
    _assert_old_copy_stays(tmp_path, old)


@responses.activate
def test_dimension_renamed_is_refused_and_the_old_copy_stays(tmp_path: Path) -> None:
    old = _old_copy(tmp_path)
    renamed = v4("Dimensions").replace('"WijkenEnBuurten"', '"RegioS"')
    responses.get(V4, body=v4("service"))
    responses.get(f"{V4}/Dimensions", body=renamed)
    for name in ("Properties", "MeasureCodes", "LeeftijdCodes", "MargesCodes", "PeriodenCodes"):
        responses.get(f"{V4}/{name}", body=v4(name))
    responses.get(f"{V4}/RegioSCodes", body=v4("WijkenEnBuurtenCodes"))
    with pytest.raises(FetchError, match="dimensie\\(s\\) WijkenEnBuurten ontbreken") as raised:
        fetch_table("99901NED", tmp_path, protocols=("v4",))
    assert "nu wel: RegioS" in str(raised.value)
    _assert_old_copy_stays(tmp_path, old)


@responses.activate
def test_v4_incomplete_download_is_refused(tmp_path: Path) -> None:
    register_v4(responses.mock, count="40")
    with pytest.raises(FetchError, match=re.escape("onvolledig binnengekomen (11 van 40")):
        fetch_table("99901NED", tmp_path, protocols=("v4",))
    assert list(tmp_path.iterdir()) == []


def test_unreadable_v4_folder_is_skipped_with_a_dutch_message(tmp_path: Path) -> None:
    folder = tmp_path / "cbs-odata4-99901NED"
    folder.mkdir()
    (folder / "Dimensions.json").write_text("{kapot", encoding="utf-8")
    result = read_odata4_folder(folder)
    assert result.observations.empty
    assert "niet te lezen" in result.messages[0]
