"""Own figures on the pages: beside the official ones, marked, in profile and trends (fictional)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from sq.remarks.own_figures import OwnFigure, OwnFiguresStore

APP = str(Path(__file__).resolve().parent.parent / "app.py")
SOURCE = "Dorpsenquête Dorpum 2025, 120 respondenten"


@pytest.fixture(autouse=True)
def tiny_app(tiny_store, tmp_path, monkeypatch) -> Iterator[None]:
    url = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    figure = OwnFigure(
        region_code="GM9901",
        indicator_id="vrijwilligerswerk",
        title="Vrijwilligerswerk (dorpsenquête)",
        condition="sociale_cohesie",
        unit="%",
        direction="higher_is_better",
        year=2025,
        value=41.5,
        source=SOURCE,
    )
    OwnFiguresStore(url).add_all([figure], "anna", "u1")
    monkeypatch.setenv("SQ_STORE_DIR", str(tiny_store.path))
    monkeypatch.setenv("SQ_REMARKS_URL", url)
    monkeypatch.setenv("SQ_REMARKS_MODE", "read")
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def text_of(page: str, **params: str) -> str:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


@pytest.mark.parametrize(
    ("page", "params"),
    [
        ("views/profiel.py", {"gebied": "GM9901"}),
        ("views/trends.py", {"gebied": "GM9901", "indicator": "vrijwilligerswerk"}),
    ],
)
def test_own_figures_show_marked_with_their_source(page, params):
    text = text_of(page, **params)
    assert "Eigen gegevens" in text
    assert "niet van CBS of RIVM" in text
    assert SOURCE in text and "41,5%" in text


def test_another_area_shows_none():
    assert "Eigen gegevens:" not in text_of("views/trends.py", gebied="GM9902")
