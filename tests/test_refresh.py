"""`sq refresh` against recorded responses (fictional areas): fetch, rebuild, report changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import responses

from sq.build.pipeline import build
from sq.catalogue import load_catalogue
from sq.cli import main
from sq.ingest.fetch import fetch_table
from sq.refresh import run_refresh
from sq.store.loader import open_store
from tests.test_fetch import recorded, register_pdok, register_table
from tests.test_fetched_indicators import FEED, OPEN, register_85146

HOSTS = ("https://opendata.cbs.nl", "https://dataderden.cbs.nl")
WIJKEN_2024 = "https://api.pdok.nl/cbs/wijken-en-buurten-2024/ogc/v1/collections/wijken/items"


def old_85146() -> str:
    """The recorded 85146NED as it was before a revision: no 2021, cohesion 2023 at 6.5."""
    document = json.loads(recorded("odata_85146NED_TypedDataSet.json"))
    rows = [r for r in document["value"] if r["Perioden"] != "2021JJ00"]
    for row in rows:
        if row["RegioS"].strip() == "GM9901" and row["Marges"] == "MW00000":
            row["SocialeCohesieSchaalscore_15"] = 6.5
    document["value"] = rows
    return json.dumps(document)


def unknown_elsewhere(rsps: responses.RequestsMock) -> None:
    """The catalogue's other tables are unknown here (404 on every protocol and host)."""
    for table in ("50090NED", "50120NED"):
        rsps.get(f"https://datasets.cbs.nl/odata/v1/CBS/{table}", status=404)
        for host in HOSTS:
            rsps.get(f"{host}/ODataApi/odata/{table}/TableInfos", status=404)


@pytest.fixture
def raw_and_store(tmp_path: Path) -> tuple[Path, Path]:
    """A raw folder with the old 85146NED and 99901NED (a wijk), and a store built from it."""
    raw, store = tmp_path / "raw", tmp_path / "store"
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register_85146(rsps)
        rsps.replace(responses.GET, FEED, body=old_85146())
        rsps.replace(responses.GET, OPEN + "TypedDataSet/$count", body="3")
        fetch_table("85146NED", raw, protocols=("v3",))
        register_table(rsps)
        fetch_table("99901NED", raw, protocols=("v3",))
    build([raw], store, progress=lambda _m: None)
    return raw, store


def test_refresh_updates_the_store_and_reports_what_changed(
    raw_and_store: tuple[Path, Path],
) -> None:
    raw, store = raw_and_store
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register_85146(rsps)
        unknown_elsewhere(rsps)
        register_pdok(rsps)
        rsps.get(WIJKEN_2024, status=404)
        report = run_refresh(
            raw, [raw], store, load_catalogue(), years=[2024], progress=lambda _m: None
        )
    assert report.built and not report.build_error
    assert any(item.startswith("85146NED (v3, 4 rijen)") for item in report.fetched)
    assert any(item.startswith("pdok:buurten:2024") for item in report.fetched)
    failed = " ".join(report.failed)
    assert "50090NED" in failed and "50120NED" in failed and "pdok:wijken:2024" in failed
    changes = report.changes
    assert changes.new_years["ervaren_sociale_cohesie"] == [2021]
    assert changes.revised == 1
    assert changes.largest == {
        "indicator_id": "ervaren_sociale_cohesie",
        "region_code": "GM9901",
        "year": 2023,
        "old": 6.5,
        "new": pytest.approx(6.8),
    }
    assert {"BU99010102", "BU99010201"} <= set(changes.new_codes)
    assert changes.vanished_codes == []
    lines = "\n".join(report.lines())
    assert "1 cijfer(s) herzien" in lines and "6.5 → 6.8" in lines
    assert "Niet opgehaald (de oude gegevens blijven): 50090NED" in lines
    rows = open_store(store).observations
    cohesion = rows[(rows["indicator_id"] == "ervaren_sociale_cohesie") & (rows["year"] == 2023)]
    assert cohesion.set_index("region_code").loc["GM9901", "value"] == pytest.approx(6.8)
    assert ("buurt", 2024) in open_store(store).geometry_layers()


def test_a_failed_fetch_keeps_the_old_raw_data_and_store(
    raw_and_store: tuple[Path, Path],
) -> None:
    raw, store = raw_and_store
    data = raw / "cbs-odata-85146NED" / "data.csv"
    before = data.read_bytes()
    built_before = json.loads((store / "manifest.json").read_text(encoding="utf-8"))["built"]
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register_85146(rsps)
        rsps.replace(responses.GET, FEED, status=500, body="oeps")
        unknown_elsewhere(rsps)
        report = run_refresh(
            raw, [raw], store, load_catalogue(), years=[], progress=lambda _m: None
        )
    failed = [item for item in report.failed if item.startswith("85146NED")]
    assert failed and "serverfout (HTTP 500)" in failed[0]
    assert "De vorige download blijft staan." in failed[0]
    assert data.read_bytes() == before
    assert not [p for p in raw.iterdir() if p.name.startswith(".")]
    assert report.built and not report.changes.any  # nothing new: the store stays as it was
    assert (
        json.loads((store / "manifest.json").read_text(encoding="utf-8"))["built"] == built_before
    )


def test_refresh_cli_rejects_bad_years(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["refresh", "--years", "twintig"]) == 2
    assert "zijn geen jaren" in capsys.readouterr().err


def test_fetch_cli_uses_the_catalogue_protocol(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # 85146NED is known by v3 keys in the catalogue: `sq fetch` must not stop at a v4 copy
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        register_85146(rsps)
        assert main(["fetch", "85146ned", "--raw", str(tmp_path)]) == 0
        assert not [c for c in rsps.calls if "datasets.cbs.nl" in c.request.url]
    assert (tmp_path / "cbs-odata-85146NED" / "data.csv").is_file()
    assert "4 rijen" in capsys.readouterr().out
