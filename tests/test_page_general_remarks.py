"""Remarks about the area as a whole ('Algemeen') are shown to visitors (tiny fictional store)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sq.remarks.db import RemarksStore

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def tiny_app(tiny_store, tmp_path, monkeypatch) -> Iterator[None]:
    url = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    store = RemarksStore(url)
    store.add("GM9901", "algemeen", "Het dorpshuis is het hart van <b>Dorpum</b>.", "Dorpsavond")
    store.add("GM9901", "sociale_cohesie", "Iedereen kent iedereen.", "Dorpsavond")
    monkeypatch.setenv("SQ_STORE_DIR", str(tiny_store.path))
    monkeypatch.setenv("SQ_REMARKS_URL", url)
    monkeypatch.setenv("SQ_REMARKS_MODE", "read")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_general_remark_shows_once_as_plain_text_for_visitors():
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["gebied"] = "GM9901"
    at.switch_page("views/profiel.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [x.value for x in at.text]
    general = [s for s in shown if "dorpshuis" in s]
    assert general == ["Dorpsavond: Het dorpshuis is het hart van <b>Dorpum</b>."]  # as typed
    assert any("Iedereen kent iedereen." in s for s in shown)  # under its condition
