"""AppTest: the app never builds the store in a request, and never invents a public address."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sq.text.i18n import t

APP = str(Path(__file__).resolve().parent.parent / "app.py")


@pytest.fixture(autouse=True)
def clean_caches() -> Iterator[None]:
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(f"views/{page}.py")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


@pytest.mark.parametrize("page", ["kaart", "profiel", "trends", "vergelijken", "gesprek", "over"])
def test_without_a_store_every_page_says_which_command_to_run(page, tmp_path, monkeypatch):
    empty = tmp_path / "store"
    monkeypatch.setenv("SQ_STORE_DIR", str(empty))
    monkeypatch.setenv("SQ_RAW_DIR", str(tmp_path / "raw-that-must-not-be-read"))
    at = run(page, gebied="GM9901")
    assert [e.value for e in at.error] == [t("app.store_missing", "nl")]
    assert [c.value for c in at.code] == ["python -m sq build"]
    assert not empty.exists()  # nothing was built inside the visitor's request


def test_without_public_url_no_qr_code_leads_to_localhost(tiny_store, tmp_path, monkeypatch):
    monkeypatch.setenv("SQ_STORE_DIR", str(tiny_store.path))
    monkeypatch.setenv("SQ_REMARKS_URL", f"sqlite:///{tmp_path / 'r.sqlite'}")
    monkeypatch.setenv("SQ_REMARKS_MODE", "read")
    monkeypatch.delenv("SQ_PUBLIC_URL", raising=False)
    at = run("gesprek", gebied="GM9901", stap="6")
    assert not at.get("image")  # no request address in a test run: no QR code at all
    assert t("address.unknown", "nl") in [w.value for w in at.warning]
    assert all("localhost" not in c.value for c in at.code)


def test_unusable_public_url_is_not_encoded(tiny_store, tmp_path, monkeypatch):
    monkeypatch.setenv("SQ_STORE_DIR", str(tiny_store.path))
    monkeypatch.setenv("SQ_REMARKS_URL", f"sqlite:///{tmp_path / 'r.sqlite'}")
    monkeypatch.setenv("SQ_REMARKS_MODE", "read")
    monkeypatch.setenv("SQ_PUBLIC_URL", "javascript:alert(1)")
    at = run("gesprek", gebied="GM9901", stap="6")
    assert not at.get("image")
    assert all("javascript" not in c.value for c in at.code)
