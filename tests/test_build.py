"""The build on small fictional raw folders: bad files are reported, never fatal; reruns skip."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sq.build.pipeline import BuildError, build
from sq.store.loader import open_store

FIXTURES = Path(__file__).parent / "fixtures"


def raw_folder(tmp_path: Path, *, good: bool = True) -> Path:
    raw = tmp_path / "raw"
    (raw / "pdok-gebieden").mkdir(parents=True)
    (raw / "pdok-gebieden" / "gemeenten_2020.geojson").write_text("{not json")
    (raw / "cbs-misdrijven-gemeente-2013-2017").mkdir()
    (raw / "cbs-misdrijven-gemeente-2013-2017" / "x.csv").write_bytes(b"\x00\x01binary")
    if good:
        shutil.copytree(FIXTURES / "lbm", raw / "leefbaarometer-wijken")
    return raw


def test_broken_sources_only_give_a_dutch_error_and_keep_the_old_store(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    (store / "marker").write_text("old store")
    with pytest.raises(BuildError, match="Geen bruikbare gegevens gevonden"):
        build([raw_folder(tmp_path, good=False)], store, progress=lambda _m: None)
    assert (store / "marker").read_text() == "old store"


def test_one_good_source_builds_and_reports_the_bad_files(tmp_path: Path) -> None:
    store = tmp_path / "store"
    report = build([raw_folder(tmp_path)], store, progress=lambda _m: None)
    by_source = {s.source: s for s in report.sources}
    assert "gemeenten_2020.geojson" in by_source["pdok-gebieden"].files_skipped
    assert by_source["cbs-misdrijven-gemeente-2013-2017"].files_skipped
    assert by_source["leefbaarometer-wijken"].kept_rows > 0
    opened = open_store(store)
    assert set(opened.observations["indicator_id"]) >= {"leefbaarometer_sociale_samenhang"}
    assert opened.report["fingerprint"] == report.fingerprint


def test_unchanged_sources_skip_the_rebuild_and_changes_trigger_it(tmp_path: Path) -> None:
    raw, store = raw_folder(tmp_path), tmp_path / "store"
    first = build([raw], store, progress=lambda _m: None)
    again = build([raw], store, progress=lambda _m: None)
    assert not first.skipped_build and again.skipped_build
    (raw / "leefbaarometer-wijken" / "extra.txt").write_text("changed")
    assert not build([raw], store, progress=lambda _m: None).skipped_build


def test_missing_raw_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="niet gevonden"):
        build([tmp_path / "bestaat-niet"], tmp_path / "store", progress=lambda _m: None)
