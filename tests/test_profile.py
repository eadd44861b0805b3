import math

import pytest

from sq.analysis.profile import area_profile, badge_label, highlights, level_label
from sq.catalogue import CONDITION_IDS
from sq.store.loader import open_store


def row_of(profile, indicator_id):
    return next(r for r in profile.rows() if r.indicator.id == indicator_id)


@pytest.mark.parametrize(
    ("code", "name", "level", "label", "gemeente"),
    [
        ("GM9901", "Dorpum", "gemeente", "gemeente", "Dorpum"),
        ("WK990101", "Binnenstad", "wijk", "wijk of dorp", "Dorpum"),
        ("BU99010101", "Kerkbuurt", "buurt", "buurt", "Dorpum"),
        ("DP9902-westerwald", "Westerwâld", "dorp", "dorp", "Súdwest-Fjildum"),
        ("PV99", "Fictiefland", "provincie", "provincie", None),
    ],
)
def test_area(tiny_store, catalogue, code, name, level, label, gemeente):
    area = area_profile(tiny_store, catalogue, code).area
    assert (area.code, area.name, area.level, area.level_label) == (code, name, level, label)
    assert area.gemeente_name == gemeente
    assert area.provincie_name == "Fictiefland"


def test_unknown_code_raises_key_error(tiny_store, catalogue):
    with pytest.raises(KeyError):
        area_profile(tiny_store, catalogue, "GM0000")


def test_conditions_in_catalogue_order_with_every_indicator(tiny_store, catalogue):
    profile = area_profile(tiny_store, catalogue, "GM9901")
    assert tuple(b.condition.id for b in profile.conditions) == CONDITION_IDS
    assert tuple(r.indicator.id for r in profile.rows()) == catalogue.ids()
    for block in profile.conditions:
        assert block.questions
        assert all(r.indicator.condition == block.condition.id for r in block.rows)


@pytest.mark.parametrize(
    ("code", "indicator_id", "status", "year", "value", "nl", "gemeente", "verdict", "badges"),
    [
        (
            "GM9901",
            "vrijwilligerswerk",
            "gegevens",
            2020,
            32.0,
            25.0,
            None,
            "gunstiger",
            ("schatting",),
        ),
        (
            "WK990101",
            "vrijwilligerswerk",
            "gegevens",
            2020,
            36.0,
            25.0,
            32.0,
            "gunstiger",
            ("schatting",),
        ),
        (
            "WK990101",
            "mantelzorg",
            "gegevens",
            2020,
            19.0,
            14.0,
            18.0,
            "geen oordeel",
            ("schatting",),
        ),
        (
            "WK990101",
            "ernstig_eenzaam",
            "gegevens",
            2020,
            14.0,
            11.0,
            8.0,
            "ongunstiger",
            ("schatting",),
        ),
        ("GM9901", "misdrijven_per_1000", "gegevens", 2020, 46.0, 45.0, None, "vergelijkbaar", ()),
        ("GM9901", "afstand_huisarts", "gegevens", 2022, 1.5, 1.0, None, "ongunstiger", ()),
        # suppressed value: a year, but no number
        (
            "WK990102",
            "vrijwilligerswerk",
            "geen gegevens",
            2020,
            None,
            25.0,
            32.0,
            "geen gegevens",
            ("geen gegevens",),
        ),
        (
            "GM9901",
            "moeite_met_rondkomen",
            "geen gegevens",
            2020,
            None,
            14.0,
            None,
            "geen gegevens",
            ("geen gegevens",),
        ),
        # no rows at all for this area
        (
            "GM9902",
            "mantelzorg",
            "nog geen gegevens",
            None,
            None,
            None,
            None,
            "geen gegevens",
            ("geen gegevens",),
        ),
        (
            "DP9902-westerwald",
            "vrijwilligerswerk",
            "gegevens",
            2020,
            40.0,
            25.0,
            24.5,
            "gunstiger",
            ("schatting",),
        ),
        (
            "NL00",
            "afstand_huisarts",
            "gegevens",
            2022,
            1.0,
            1.0,
            None,
            "vergelijkbaar",
            ("berekend",),
        ),
    ],
)
def test_rows(
    tiny_store, catalogue, code, indicator_id, status, year, value, nl, gemeente, verdict, badges
):
    row = row_of(area_profile(tiny_store, catalogue, code), indicator_id)
    assert row.status == status
    assert row.year == year
    if value is None:
        assert math.isnan(row.value)
    else:
        assert row.value == value
    if nl is None:
        assert math.isnan(row.nl_value)
    else:
        assert row.nl_value == nl
    assert row.gemeente_value == gemeente
    assert row.comparison.verdict == verdict
    assert row.badges == badges


def test_trend_and_source(tiny_store, catalogue):
    row = row_of(area_profile(tiny_store, catalogue, "GM9901"), "misdrijven_per_1000")
    assert row.trend == ((2016, 40.0), (2020, 46.0))
    assert row.source == "fictief"
    assert row.publisher == "CBS/Politie"
    assert row.nl_year == 2020 and row.nl_computed


def test_nl_benchmark_from_another_year_is_named(tiny_store, catalogue):
    # GM9901 has afstand_huisarts 2022; NL has only 2022 → same year, computed flag kept
    row = row_of(area_profile(tiny_store, catalogue, "WK990101"), "afstand_huisarts")
    assert (row.year, row.nl_year, row.nl_computed) == (2022, 2022, True)
    assert row.gemeente_comparison.verdict == "gunstiger"


def test_boundary_notes(tiny_store, catalogue):
    assert area_profile(tiny_store, catalogue, "GM9901").boundary_notes == (
        "Tussen 2016 en 2020 is de grens tussen Dorpum en Súdwest-Fjildum verlegd."
        " Dorpum is daardoor ongeveer 12% groter geworden. Cijfers van 2016 en eerder gaan"
        " over een kleiner gebied. Daarom loopt de lijn in de grafiek tussen 2016 en 2020"
        " niet door.",
    )
    (english,) = area_profile(tiny_store, catalogue, "GM9901", "en").boundary_notes
    assert english.startswith("Between 2016 and 2020, the border between Dorpum and Súdwest")


def test_questions_follow_the_language(tiny_store, catalogue):
    nl = area_profile(tiny_store, catalogue, "GM9901").conditions[1].questions
    en = area_profile(tiny_store, catalogue, "GM9901", "en").conditions[1].questions
    assert nl[0] == catalogue.get("vrijwilligerswerk").questions("nl")[0]
    assert en[0] == catalogue.get("vrijwilligerswerk").questions("en")[0]


@pytest.mark.parametrize(
    ("code", "n", "expected"),
    [
        (
            "WK990101",
            2,
            (
                "Meer vrijwilligers dan gemiddeld in Nederland (36% tegen 25%).",
                "Meer mensen die zich ernstig eenzaam voelen dan gemiddeld in Nederland "
                "(14% tegen 11%).",
            ),
        ),
        (
            "GM9901",
            3,
            (
                "Meer vrijwilligers dan gemiddeld in Nederland (32% tegen 25%).",
                "Afstand tot de huisarts: groter dan gemiddeld in Nederland (1,5 km tegen 1,0 km).",
                "Minder mensen die zich ernstig eenzaam voelen dan gemiddeld in Nederland "
                "(8% tegen 11%).",
            ),
        ),
        (
            "DP9902-westerwald",
            2,
            ("Meer vrijwilligers dan gemiddeld in Nederland (40% tegen 25%).",),
        ),
        ("NL00", 2, ()),
        ("WK990102", 2, ()),
    ],
)
def test_highlights(tiny_store, catalogue, code, n, expected):
    assert highlights(area_profile(tiny_store, catalogue, code), n=n) == expected


def test_highlights_skip_neutral_indicators(tiny_store, catalogue):
    text = " ".join(highlights(area_profile(tiny_store, catalogue, "WK990101"), n=10))
    assert "mantelzorg" not in text.lower()


def test_highlights_in_english(tiny_store, catalogue):
    assert highlights(area_profile(tiny_store, catalogue, "WK990101", "en"), n=1) == (
        "More volunteers than the Dutch average (36% against 25%).",
    )


@pytest.mark.parametrize(
    ("level", "language", "expected"),
    [("wijk", "nl", "wijk of dorp"), ("buurt", "en", "neighbourhood"), ("dorp", "nl", "dorp")],
)
def test_level_label(level, language, expected):
    assert level_label(level, language) == expected


def test_badge_label():
    assert badge_label("jaar onzeker", "en") == "year uncertain"
    assert badge_label("schatting") == "schatting"


@pytest.fixture(scope="module")
def real_store():
    return open_store()


@pytest.mark.realdata
def test_leeuwarden_profile(real_store, catalogue):
    profile = area_profile(real_store, catalogue, "GM0080")
    assert profile.area.name == "Leeuwarden"
    assert profile.area.provincie_name == "Fryslân"
    assert tuple(b.condition.id for b in profile.conditions) == CONDITION_IDS
    assert all(any(r.has_value for r in b.rows) for b in profile.conditions)
    obs = real_store.observations
    stored = obs[
        (obs["region_code"] == "GM0080")
        & (obs["indicator_id"] == "vrijwilligerswerk")
        & (obs["year"] == 2020)
    ]["value"]
    row = row_of(profile, "vrijwilligerswerk")
    assert dict(row.trend)[2020] == pytest.approx(float(stored.iloc[0]))
    assert len(highlights(profile)) == 2


@pytest.mark.realdata
def test_leeuwarden_wijk_has_gemeente_benchmark(real_store, catalogue):
    profile = area_profile(real_store, catalogue, "WK008010")
    assert profile.area.gemeente_name == "Leeuwarden"
    assert row_of(profile, "vrijwilligerswerk").gemeente_value is not None
