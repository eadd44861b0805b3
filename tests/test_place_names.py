"""Frisian place names: shown beside the official name in Frisian mode only."""

from __future__ import annotations

import tomllib

from sq.analysis.place_names import PLACE_NAMES_PATH, frisian_name, shown_name


def test_leeuwarden_is_ljouwert_beside_its_official_name_in_frisian_mode():
    assert shown_name("GM0080", "Leeuwarden", "PV21", "fy") == "Leeuwarden / Ljouwert"
    assert shown_name("GM0080", "Leeuwarden", "PV21", "nl") == "Leeuwarden"
    assert shown_name("GM0080", "Leeuwarden", "PV21", "en") == "Leeuwarden"


def test_places_are_matched_by_name_only_inside_fryslan():
    assert frisian_name("WK999901", "Sneek", "PV21") == "Snits"
    assert frisian_name("WK999901", "Sneek", "PV26") is None  # a namesake elsewhere: no
    assert shown_name("GM9901", "Dorpum", "PV99", "fy") == "Dorpum"


def test_the_list_is_valid_and_never_repeats_the_official_name():
    data = tomllib.loads(PLACE_NAMES_PATH.read_text(encoding="utf-8"))
    assert data["gemeente"] and data["place"]
    for official, frisian in data["place"].items():
        assert frisian.strip() and frisian != official, official
    assert all(code.startswith("GM") and len(code) == 6 for code in data["gemeente"])
