"""Shared helpers for the AppTest page tests: open a page as a link would, read what it shows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parent.parent / "app.py")


def run(page: str, timeout: int = 60, **params: str) -> AppTest:
    """Open `page` (e.g. 'views/profiel.py') with the link's parameters; no exception allowed."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def shown(at: AppTest) -> str:
    """Everything a page writes as text (Markdown, captions, headings, options, expanders)."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [h.value for h in (*at.title, *at.header, *at.subheader)]
    parts += [str(o) for box in (*at.selectbox, *at.multiselect) for o in box.options]
    parts += [e.label for e in at.expander]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


@contextmanager
def tiny_app(
    monkeypatch: pytest.MonkeyPatch, store_path: Path, remarks_url: str, **env: str
) -> Iterator[None]:
    """Point the app at a fictional store and remarks database, with fresh caches around."""
    monkeypatch.setenv("SQ_STORE_DIR", str(store_path))
    monkeypatch.setenv("SQ_REMARKS_URL", remarks_url)
    monkeypatch.setenv("SQ_REMARKS_MODE", "read")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        yield
    finally:
        st.cache_resource.clear()
        st.cache_data.clear()
