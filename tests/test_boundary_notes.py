"""Boundary changes read as plain sentences (B1) that say what they mean for the trend line."""

import pandas as pd
import pytest

from sq.analysis.boundary_notes import boundary_notes, size_sentence

NAMES = pd.Series(
    {"GM9901": "Dorpum", "GM9902": "Súdwest-Fjildum", "GM9903": "Heidewâld", "GM9904": "Oerd"}
)


def _changes(*rows):
    columns = ["region_code", "year_from", "year_to", "kind", "detail", "area_ratio"]
    columns += ["sources", "targets", "neighbours"]
    return pd.DataFrame(list(rows), columns=columns)


TOOK = ("GM9901", 2012, 2017, "grens gewijzigd", "tech", 2.031, "GM9903:0.512", "", "")
TOOK_TWO = (
    "GM9901",
    2017,
    2018,
    "grens gewijzigd",
    "tech",
    1.502,
    "GM9903:1.000,GM9904:0.330",
    "",
    "",
)
GONE = ("GM9903", 2017, 2018, "opgeheven", "tech", float("nan"), "", "GM9901,GM9902", "")
NEW = ("GM9904", 2012, 2017, "nieuw", "tech", float("nan"), "GM9903:1.000", "", "")


def test_takeover_in_plain_dutch():
    (note,) = boundary_notes(_changes(TOOK), "GM9901", NAMES)
    assert note == (
        "Tussen 2012 en 2017 is een deel van de voormalige gemeente Heidewâld bij Dorpum gekomen."
        " Dorpum is daardoor ongeveer 2 keer zo groot geworden. Cijfers van 2012 en eerder gaan"
        " over een kleiner gebied. Daarom loopt de lijn in de grafiek tussen 2012 en 2017 niet"
        " door."
    )
    for puzzle in ("Oppervlakte", "%", "(deels", "GM99", "nam"):
        assert puzzle not in note


def test_two_former_gemeenten_take_the_plural():
    (note,) = boundary_notes(_changes(TOOK_TWO), "GM9901", NAMES)
    assert note.startswith(
        "Tussen 2017 en 2018 zijn de voormalige gemeente Heidewâld en een deel van de voormalige"
        " gemeente Oerd bij Dorpum gekomen. Dorpum is daardoor ongeveer 1,5 keer zo groot"
    )


def test_english_notes():
    first, second = boundary_notes(_changes(TOOK_TWO, TOOK), "GM9901", NAMES, "en")
    assert first.startswith("Between 2012 and 2017, part of the former municipality of Heidewâld")
    assert "about 2 times as large" in first
    assert "Figures from 2012 and earlier are about a smaller area" in first
    assert "the line in the chart breaks between 2017 and 2018" in second


def test_dissolved_and_new_gemeenten():
    (gone,) = boundary_notes(_changes(GONE), "GM9903", NAMES)
    assert gone == (
        "Tussen 2017 en 2018 is de gemeente Heidewâld opgeheven. Het gebied hoort nu bij Dorpum"
        " en Súdwest-Fjildum. Daarom zijn er na 2017 geen nieuwe cijfers voor Heidewâld."
    )
    (new,) = boundary_notes(_changes(NEW), "GM9904", NAMES)
    assert new == (
        "Tussen 2012 en 2017 is de gemeente Oerd ontstaan. Daarin is de voormalige gemeente"
        " Heidewâld opgegaan. Daarom zijn er pas vanaf 2017 cijfers voor Oerd."
    )


@pytest.mark.parametrize(
    ("ratio", "language", "expected"),
    [
        (2.031, "nl", "Dorpum is daardoor ongeveer 2 keer zo groot geworden."),
        (1.502, "en", "Dorpum has become about 1.5 times as large."),
        (1.12, "nl", "Dorpum is daardoor ongeveer 12% groter geworden."),
        (0.75, "nl", "Dorpum is daardoor ongeveer 25% kleiner geworden."),
        (1.004, "nl", ""),
        (float("nan"), "nl", ""),
    ],
)
def test_size_in_words(ratio, language, expected):
    assert size_sentence("Dorpum", ratio, language) == expected


def test_old_store_without_change_data_gives_no_puzzle():
    old = pd.DataFrame(
        [TOOK[:5]], columns=["region_code", "year_from", "year_to", "kind", "detail"]
    )
    assert boundary_notes(old, "GM9901", NAMES) == ()
