"""Remarks about the area as a whole ('Algemeen') are shown to visitors (tiny fictional store)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sq.remarks.db import RemarksStore
from tests.apptest import run, tiny_app


@pytest.fixture(autouse=True)
def app_on_tiny_store(tiny_store, tmp_path, monkeypatch) -> Iterator[None]:
    url = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    store = RemarksStore(url)
    store.add("GM9901", "algemeen", "Het dorpshuis is het hart van <b>Dorpum</b>.", "Dorpsavond")
    store.add("GM9901", "sociale_cohesie", "Iedereen kent iedereen.", "Dorpsavond")
    with tiny_app(monkeypatch, tiny_store.path, url):
        yield


def test_a_general_remark_shows_once_as_plain_text_for_visitors():
    at = run("views/profiel.py", gebied="GM9901")
    shown = [x.value for x in at.text]
    general = [s for s in shown if "dorpshuis" in s]
    assert general == ["Dorpsavond: Het dorpshuis is het hart van <b>Dorpum</b>."]  # as typed
    assert any("Iedereen kent iedereen." in s for s in shown)  # under its condition
