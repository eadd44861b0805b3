"""Own figures on the pages: beside the official ones, marked, in profile and trends (fictional)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sq.remarks.own_figures import OwnFiguresStore
from tests.apptest import run, shown, tiny_app
from tests.fictional import own_figure

SOURCE = "Dorpsenquête Dorpum 2025, 120 respondenten"


@pytest.fixture(autouse=True)
def app_on_tiny_store(tiny_store, tmp_path, monkeypatch) -> Iterator[None]:
    url = f"sqlite:///{tmp_path / 'remarks.sqlite'}"
    figure = own_figure(source=SOURCE)
    OwnFiguresStore(url).add_all([figure], "anna", "u1")
    with tiny_app(monkeypatch, tiny_store.path, url):
        yield


def text_of(page: str, **params: str) -> str:
    return shown(run(page, **params))


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
