"""`sq export` carries a village's own figures, flagged, apart from NL and peers (fictional)."""

from __future__ import annotations

import csv
import io
import math

import pytest

from sq.analysis.export import EXPORT_COLUMNS, OWN_FIGURE_FLAG, region_rows
from sq.catalogue import load_catalogue
from sq.cli import main
from sq.remarks.own_figures import OwnFigure, OwnFiguresStore
from tests.fictional import own_figure

SOURCE = '=HYPERLINK("http://example.invalid") Dorpsenquête Dorpum 2025'


def figure(region: str = "GM9901", value: float = 41.5) -> OwnFigure:
    return own_figure(region, value, SOURCE)


@pytest.fixture
def own_url(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    OwnFiguresStore(url).add_all([figure(), figure("GM9902", 12.0)], "anna", "u1")
    return url


def test_region_rows_append_own_figures_flagged_without_benchmarks(tiny_store):
    rows = region_rows(tiny_store, load_catalogue(), "GM9901", [figure(), figure("GM9902")])
    assert list(rows.columns) == list(EXPORT_COLUMNS)
    own = rows[rows["own_figure"]]
    assert len(own) == 1  # the other area's figure is not this area's
    row = own.iloc[0]
    assert row["value"] == 41.5 and row["year"] == 2025
    assert row["flags"] == OWN_FIGURE_FLAG and row["source"] == SOURCE
    assert math.isnan(row["nl_value"]) and math.isnan(row["peer_value"])
    official = rows[~rows["own_figure"]]
    assert not official.empty and (official["flags"] != OWN_FIGURE_FLAG).all()
    # the official 2020 value is unchanged by the own figure
    vw = official[(official["indicator_id"] == "vrijwilligerswerk") & (official["year"] == 2020)]
    assert vw["value"].iloc[0] != 41.5


def test_cli_csv_export_flags_own_figures_and_neutralises_formulas(tiny_store, own_url, capsys):
    code = main(["export", "--region", "GM9901", "--format", "csv",
                 "--store", str(tiny_store.path), "--remarks-url", own_url])  # fmt: skip
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    own = [r for r in rows if r["own_figure"] == "True"]
    assert len(own) == 1
    assert own[0]["flags"] == "eigen_gegevens"
    assert own[0]["source"].startswith("'=")  # a spreadsheet shows it as text
    assert all(not r["source"].startswith(("=", "+", "-", "@")) for r in rows)
    assert any(r["own_figure"] == "False" for r in rows)


def test_cli_export_can_leave_own_figures_out(tiny_store, own_url, capsys):
    code = main(["export", "--region", "GM9901", "--format", "json", "--zonder-eigen",
                 "--store", str(tiny_store.path), "--remarks-url", own_url])  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "Dorpsenquête" not in out and '"own_figure":false' in out.replace(" ", "")


def test_cli_export_without_remarks_database_creates_none(tiny_store, tmp_path, capsys):
    missing = tmp_path / "nowhere" / "remarks.sqlite"
    url = f"sqlite:///{missing}"
    code = main(["export", "--region", "GM9901", "--format", "csv",
                 "--store", str(tiny_store.path), "--remarks-url", url])  # fmt: skip
    assert code == 0
    assert not missing.exists()
    assert "eigen_gegevens" not in capsys.readouterr().out


def test_cli_export_with_unreachable_database_warns_in_dutch(tiny_store, capsys):
    url = "postgresql+psycopg://nobody@127.0.0.1:9/none?connect_timeout=1"
    code = main(["export", "--region", "GM9901", "--format", "csv",
                 "--store", str(tiny_store.path), "--remarks-url", url])  # fmt: skip
    assert code == 0
    captured = capsys.readouterr()
    assert "niet bereikbaar" in captured.err
    assert "vrijwilligerswerk" in captured.out
