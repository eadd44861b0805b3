"""The profile says which places like it an area is compared with, or that there are none."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.apptest import run, shown, tiny_app

NONE_NOTE = "rekenen we (nog) geen vergelijkbare gebieden uit"


@pytest.fixture(autouse=True)
def app_on_tiny_store(tiny_store, tmp_path, monkeypatch) -> Iterator[None]:
    with tiny_app(monkeypatch, tiny_store.path, f"sqlite:///{tmp_path / 'remarks.sqlite'}"):
        yield


def test_wijk_names_both_groups():
    text = shown(run("views/profiel.py", gebied="WK990101"))
    assert "vergelijkbare wijken in Nederland" in text
    assert "De kolom 'Vergelijkbare wijken in de gemeente': vergeleken met 3" in text
    assert NONE_NOTE not in text


@pytest.mark.parametrize("code", ["DP9902-westerwald", "BU99010101"])
def test_dorp_and_buurt_say_there_is_no_group(code):
    text = shown(run("views/profiel.py", gebied=code))
    assert NONE_NOTE in text
    assert "Vergelijkbare gebieden" not in text


def test_english_profile_says_it_in_english():
    text = shown(run("views/profiel.py", gebied="BU99010101", taal="en"))
    assert "we do not (yet) compute similar areas" in text
