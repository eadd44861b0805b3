"""Tests for `sq fetch` over OData v3 and PDOK against hand-written recorded responses.

Fictional areas only. OData v4 has its own tests in test_fetch_v4.py.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import geopandas as gpd
import pytest
import requests
import responses
from responses import matchers

from sq.ingest import fetch, pdok
from sq.ingest.fetch import FetchError, NotFoundError, fetch_table, run_fetch
from sq.ingest.http import RETRIES

RECORDED = Path(__file__).parent / "fixtures" / "recorded"
OPEN = "https://opendata.cbs.nl/ODataApi/odata/99901NED/"
THIRD = "https://dataderden.cbs.nl/ODataApi/odata/99901NED/"
FEED = "https://dataderden.cbs.nl/ODataFeed/odata/99901NED/"
PDOK = "https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/buurten/items"
DIMENSIONS = ("Leeftijd", "Marges", "WijkenEnBuurten", "Perioden")


def recorded(name: str) -> str:
    return (RECORDED / name).read_text(encoding="utf-8")


def fetch_v3(table_id: str, raw: Path, **kwargs: object) -> fetch.FetchReport:
    """Fetch over OData v3 only (these tests record v3 replies)."""
    return fetch_table(table_id, raw, protocols=("v3",), **kwargs)  # type: ignore[arg-type]


def register_table(
    rsps: responses.RequestsMock, *, page2: str | None = None, count: str = "6"
) -> None:
    """Register the fictional RIVM table 99901NED: unknown on opendata, present on dataderden."""
    rsps.get(OPEN + "TableInfos", status=404, body=recorded("odata_not_found.json"))
    for name in ("TableInfos", "DataProperties", *DIMENSIONS):
        rsps.get(THIRD + name, body=recorded(f"odata_99901NED_{name}.json"))
    rsps.get(
        FEED + "TypedDataSet",
        body=recorded("odata_99901NED_TypedDataSet_page1.json"),
        match=[matchers.query_param_matcher({"$format": "json"})],
    )
    rsps.get(
        "https://dataderden.cbs.nl/ODataFeed/OData/99901NED/TypedDataSet",
        body=page2 if page2 is not None else recorded("odata_99901NED_TypedDataSet_page2.json"),
        match=[matchers.query_param_matcher({"$format": "json", "$skip": "3"})],
    )
    rsps.get(THIRD + "TypedDataSet/$count", body=count, content_type="text/plain")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@responses.activate
def test_fetch_table_follows_next_link_and_falls_back_to_dataderden(tmp_path: Path) -> None:
    register_table(responses.mock)
    report = fetch_v3("99901ned", tmp_path)
    folder = tmp_path / "cbs-odata-99901NED"
    assert report.path == folder
    assert (report.rows, report.pages, report.url) == (6, 2, THIRD)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["TableInfos.json", "DataProperties.json", "data.csv", "fetched.json"]
        + [f"{d}.json" for d in DIMENSIONS]
    )
    rows = read_csv(folder / "data.csv")
    assert list(rows[0]) == [
        "ID",
        *DIMENSIONS,
        "ErvarenGezondheidGoedZeerGoed_4",
        "Vrijwilligerswerk_33",
    ]
    # values exactly as received: padding kept, decimals as written, null -> empty
    assert rows[0]["WijkenEnBuurten"] == "GM9901    "
    assert [r["ErvarenGezondheidGoedZeerGoed_4"] for r in rows] == [
        "76.5",
        "74.1",
        "",
        "61.05",
        "70.0",
        "80.0",
    ]
    fetched = json.loads((folder / "fetched.json").read_text(encoding="utf-8"))
    assert fetched["host"] == "dataderden.cbs.nl"
    assert fetched["rows"] == 6
    assert responses.calls[0].request.headers["User-Agent"].startswith("sociale-basis/")
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize(
    ("count", "outcome"),
    [
        ("6", None),
        ("  6\n", None),
        ("", "Het aantal rijen kon niet"),  # no count: a message, not an error
        ("12", "onvolledig binnengekomen (6 van 12 rijen)"),
    ],
)
@responses.activate
def test_row_count_is_checked_against_the_server(
    tmp_path: Path, count: str, outcome: str | None
) -> None:
    register_table(responses.mock, count=count)
    if outcome and "onvolledig" in outcome:
        with pytest.raises(FetchError, match=re.escape(outcome)):
            fetch_v3("99901NED", tmp_path)
        assert list(tmp_path.iterdir()) == []
        return
    report = fetch_v3("99901NED", tmp_path)
    assert report.rows == 6
    assert (outcome is None) == (report.messages == [])


@pytest.mark.parametrize(
    ("body", "status", "error", "message"),
    [
        (None, 404, NotFoundError, "Tabel 99901NED bestaat niet"),
        (requests.ConnectionError("no route"), None, FetchError, "Geen internetverbinding"),
        (requests.ConnectTimeout("slow"), None, FetchError, "Time-out"),
        (requests.ReadTimeout("slow"), None, FetchError, "Time-out"),
        ("{not json", 200, FetchError, "geen geldige JSON"),
        ('{"odata.metadata": "x"}', 200, FetchError, "geen 'value'-lijst"),
        ("[]", 200, FetchError, "geen 'value'-lijst"),
        ("oops", 503, FetchError, "serverfout (HTTP 503)"),
        ("no", 403, FetchError, "weigerde de aanvraag (HTTP 403)"),
    ],
)
@responses.activate
def test_fetch_table_errors_are_dutch_and_leave_nothing(
    tmp_path: Path,
    body: object,
    status: int | None,
    error: type[Exception],
    message: str,
) -> None:
    for base in (OPEN, THIRD):
        if isinstance(body, Exception):
            responses.get(base + "TableInfos", body=body)
        else:
            responses.get(base + "TableInfos", body=body or "", status=status or 200)
    with pytest.raises(error, match=re.escape(message)) as raised:
        fetch_v3("99901NED", tmp_path)
    if isinstance(body, requests.ConnectionError) and not isinstance(body, requests.Timeout):
        assert "Gebruik de meegeleverde gegevens of probeer het later opnieuw." in str(raised.value)
    if status == 503:
        assert len(responses.calls) == RETRIES.total + 1  # urllib3 Retry, bounded
    if isinstance(body, Exception):
        assert len(responses.calls) == 1  # nothing else tried after a network failure
    assert list(tmp_path.iterdir()) == []


@responses.activate
def test_fetch_table_retries_a_server_error_then_succeeds(tmp_path: Path) -> None:
    responses.get(OPEN + "TableInfos", status=502)
    register_table(responses.mock)
    report = fetch_v3("99901NED", tmp_path)
    assert report.rows == 6


@responses.activate
def test_failed_page_keeps_the_old_copy_and_no_temp_folder(tmp_path: Path) -> None:
    old = tmp_path / "cbs-odata-99901NED"
    old.mkdir()
    (old / "data.csv").write_text("ID\n1\n", encoding="utf-8")
    register_table(responses.mock, page2="{broken")
    with pytest.raises(FetchError, match="geen geldige JSON"):
        fetch_v3("99901NED", tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cbs-odata-99901NED"]
    assert (old / "data.csv").read_text(encoding="utf-8") == "ID\n1\n"


@responses.activate
def test_refetch_replaces_the_old_copy(tmp_path: Path) -> None:
    old = tmp_path / "cbs-odata-99901NED"
    old.mkdir()
    (old / "stale.txt").write_text("x", encoding="utf-8")
    register_table(responses.mock)
    fetch_v3("99901NED", tmp_path)
    assert not (old / "stale.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cbs-odata-99901NED"]


@pytest.mark.parametrize("table_id", ["", "85984", "85984NED/../x", "abc", "pdok"])
def test_fetch_table_rejects_bad_ids_without_network(tmp_path: Path, table_id: str) -> None:
    with pytest.raises(FetchError):
        fetch_table(table_id, tmp_path, session=requests.Session())


def register_pdok(rsps: responses.RequestsMock) -> None:
    rsps.get(
        PDOK,
        body=recorded("pdok_buurten_2024_page1.json"),
        match=[matchers.query_param_matcher({"f": "json", "limit": "1000"})],
    )
    rsps.get(
        PDOK,
        body=recorded("pdok_buurten_2024_page2.json"),
        match=[
            matchers.query_param_matcher({"cursor": "Ag~Fictief", "f": "json", "limit": "1000"})
        ],
    )


@responses.activate
def test_fetch_boundaries_follows_next_and_writes_mirror_layout(tmp_path: Path) -> None:
    register_pdok(responses.mock)
    report = run_fetch("pdok:buurt:2024", tmp_path)
    path = tmp_path / "pdok-gebieden" / "buurten_2024.geojson"
    assert report.path == path
    assert (report.rows, report.pages, report.target) == (3, 2, "pdok:buurten:2024")
    document = json.loads(path.read_text(encoding="utf-8"))
    assert document["metadata"]["year"] == 2024
    assert document["metadata"]["type"] == "buurten"
    frame = gpd.read_file(path)
    assert frame.crs.to_epsg() == 4326
    assert list(frame["buurtcode"]) == ["BU99010101", "BU99010102", "BU99010201"]
    assert list(frame["buurtnaam"]) == ["Oude Kern", "Nieuwe Kern", "Buitengebied Dorpum"]
    assert list(frame["gemeentecode"]) == ["GM9901"] * 3
    assert list(frame["aantal_inwoners"]) == [1234, -99997, 210]
    assert frame.geometry.is_valid.all()
    # collinear points simplified away, area kept
    assert len(frame.geometry.iloc[0].exterior.coords) == 5
    assert frame.geometry.iloc[0].bounds == pytest.approx((3.0, 53.5, 3.01, 53.51))
    assert [p.name for p in (tmp_path / "pdok-gebieden").iterdir()] == ["buurten_2024.geojson"]


@responses.activate
def test_fetch_boundaries_unknown_year(tmp_path: Path) -> None:
    url = "https://api.pdok.nl/cbs/wijken-en-buurten-1999/ogc/v1/collections/wijken/items"
    responses.get(url, status=404, json={"code": "Not Found"})
    with pytest.raises(NotFoundError, match="geen Wijken en Buurten 1999"):
        run_fetch("pdok:wijken:1999", tmp_path)
    assert not (tmp_path / "pdok-gebieden" / "wijken_1999.geojson").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"type": "FeatureCollection"}', "geen FeatureCollection"),
        ('{"type": "FeatureCollection", "features": []}', "geen gebieden"),
        ("<html>", "geen geldige JSON"),
    ],
)
@responses.activate
def test_fetch_boundaries_malformed(tmp_path: Path, body: str, message: str) -> None:
    responses.get(PDOK, body=body)
    with pytest.raises(FetchError, match=message):
        run_fetch("pdok:buurten:2024", tmp_path)


@pytest.mark.parametrize(
    ("properties", "level", "expected"),
    [
        (
            {"gm_code": "GM9901", "gm_naam": "Dorpum", "x": 1},
            "gemeenten",
            {"gemeentecode": "GM9901", "gemeentenaam": "Dorpum", "x": 1},
        ),
        (
            {"wk_code": "WK990101", "wk_naam": "Centrum", "gm_code": "GM9901"},
            "wijken",
            {"wijkcode": "WK990101", "wijknaam": "Centrum", "gemeentecode": "GM9901"},
        ),
        (
            {"statcode": "BU99010101", "statnaam": "Oude Kern"},
            "buurten",
            {"buurtcode": "BU99010101", "buurtnaam": "Oude Kern"},
        ),
        (
            {"buurtcode": "BU99010101", "buurtnaam": "Oude Kern", "wijkcode": "WK990101"},
            "buurten",
            {"buurtcode": "BU99010101", "buurtnaam": "Oude Kern", "wijkcode": "WK990101"},
        ),
    ],
)
def test_rename_pdok_properties(properties: dict, level: str, expected: dict) -> None:
    assert pdok.rename_properties(properties, level) == expected


@pytest.mark.parametrize(
    ("target", "called", "args"),
    [
        ("pdok:wijken:2024", "fetch_boundaries", (2024, "wijken")),
        ("PDOK:Buurt:2023", "fetch_boundaries", (2023, "buurt")),
        (" 85984NED ", "fetch_table", ("85984NED",)),
        ("50090NED", "fetch_table", ("50090NED",)),
    ],
)
def test_run_fetch_dispatches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, called: str, args: tuple
) -> None:
    seen: list[tuple] = []

    def boundaries(*a: object, **_k: object) -> dict:
        seen.append(("fetch_boundaries", *a[:2]))
        written = {"table": "pdok", "url": "u", "fetched_at": "t", "rows": 1, "pages": 1}
        return {**written, "path": str(tmp_path)}

    monkeypatch.setattr(fetch, "fetch_boundaries", boundaries)
    monkeypatch.setattr(fetch, "fetch_table", lambda *a, **k: seen.append(("fetch_table", a[0])))
    run_fetch(target, tmp_path)
    assert seen == [(called, *args)]


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("pdok:wijken", "gebruik pdok:"),
        ("pdok:dorpen:2024", "Onbekend niveau"),
        ("hallo", "geen geldig tabelnummer"),
    ],
)
def test_run_fetch_rejects(tmp_path: Path, target: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        run_fetch(target, tmp_path, session=requests.Session())


def test_run_fetch_reports_an_unwritable_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(fetch, "fetch_table", refuse)
    with pytest.raises(FetchError, match="Kan niet schrijven"):
        run_fetch("85984NED", tmp_path)


@responses.activate
def test_invalid_pdok_geometry_is_repaired_or_skipped_with_a_count(tmp_path: Path) -> None:
    bowtie = [[[3.0, 53.5], [3.01, 53.51], [3.01, 53.5], [3.0, 53.51], [3.0, 53.5]]]
    line = {"type": "LineString", "coordinates": [[3.0, 53.5], [3.01, 53.5]]}
    features = [
        {
            "type": "Feature",
            "properties": {"buurtcode": "BU99010101"},
            "geometry": {"type": "Polygon", "coordinates": bowtie},
        },
        {"type": "Feature", "properties": {"buurtcode": "BU99010102"}, "geometry": line},
    ]
    responses.get(PDOK, json={"type": "FeatureCollection", "features": features, "links": []})
    report = run_fetch("pdok:buurten:2024", tmp_path)
    assert report.rows == 1
    assert report.messages == [
        "1 gebied(en) met ongeldige grenzen hersteld.",
        "1 gebied(en) met ongeldige grenzen overgeslagen.",
    ]
    frame = gpd.read_file(report.path)
    assert list(frame["buurtcode"]) == ["BU99010101"]
    assert frame.geometry.is_valid.all() and not frame.geometry.iloc[0].is_empty
