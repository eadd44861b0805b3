import pytest

from sq.analysis.selection import (
    DEFAULT_SELECTION,
    MAX_COMPARE,
    Selection,
    echo,
    kept_view,
    link_params,
    parse_selection,
    to_params,
)

KNOWN = {"GM9901", "GM9902", "WK990101", "BU99010101", "DP9902-westerwald", "NL00"}
IDS = ("vrijwilligerswerk", "mantelzorg", "afstand_huisarts")
YEARS = {"vrijwilligerswerk": [2016, 2020], "mantelzorg": [2020], "afstand_huisarts": [2020, 2022]}
DEFAULTS = Selection(
    region_code="GM9901", indicator_id="vrijwilligerswerk", year=2020, level="gemeente"
)


def parse(params, years=True, language="nl"):
    return parse_selection(
        params,
        known_codes=KNOWN,
        indicator_ids=IDS,
        years_for=YEARS.__getitem__ if years else None,
        defaults=DEFAULTS,
        language=language,
    )


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, DEFAULTS),
        ({"gebied": "GM9902"}, Selection("GM9902", "vrijwilligerswerk", 2020, "gemeente")),
        ({"gebied": "gm9902"}, Selection("GM9902", "vrijwilligerswerk", 2020, "gemeente")),
        ({"gebied": " WK990101 "}, Selection("WK990101", "vrijwilligerswerk", 2020, "gemeente")),
        (
            {"gebied": "DP9902-westerwald"},
            Selection("DP9902-westerwald", "vrijwilligerswerk", 2020),
        ),
        ({"jaar": "2016"}, Selection("GM9901", "vrijwilligerswerk", 2016)),
        ({"indicator": "afstand_huisarts"}, Selection("GM9901", "afstand_huisarts", 2020)),
        (
            {"indicator": "afstand_huisarts", "jaar": "2022"},
            Selection("GM9901", "afstand_huisarts", 2022),
        ),
        ({"niveau": "WIJK"}, Selection("GM9901", "vrijwilligerswerk", 2020, "wijk")),
        (
            {"vergelijk": "GM9902,WK990101"},
            Selection("GM9901", "vrijwilligerswerk", 2020, "gemeente", ("GM9902", "WK990101")),
        ),
        (  # repeated parameter, duplicates and the area itself dropped
            {"vergelijk": ["GM9902", "GM9902,GM9901"]},
            Selection("GM9901", "vrijwilligerswerk", 2020, "gemeente", ("GM9902",)),
        ),
        ({"gebied": ["GM9901", "GM9902"]}, Selection("GM9902", "vrijwilligerswerk", 2020)),
        ({"utm_source": "nieuwsbrief"}, DEFAULTS),
        ({"gebied": []}, DEFAULTS),
    ],
)
def test_valid_params(params, expected):
    selection, notices = parse(params)
    assert selection == expected
    assert notices == []


@pytest.mark.parametrize(
    ("params", "expected", "notice_part"),
    [
        ({"gebied": "<script>alert(1)</script>"}, DEFAULTS, "scriptalert1script"),
        ({"gebied": "GM0000"}, DEFAULTS, "GM0000"),
        ({"jaar": "abc"}, DEFAULTS, "abc"),
        ({"jaar": "1850"}, DEFAULTS, "1850"),
        ({"jaar": "2012"}, DEFAULTS, "U ziet 2020"),
        ({"jaar": "20200"}, DEFAULTS, "20200"),
        ({"jaar": "-2020"}, DEFAULTS, "-2020"),
        ({"indicator": "bestaat_niet"}, DEFAULTS, "bestaatniet"),
        ({"niveau": "straat"}, DEFAULTS, "straat"),
        (
            {"vergelijk": "GM9902,XX"},
            Selection("GM9901", "vrijwilligerswerk", 2020, "gemeente", ("GM9902",)),
            "XX",
        ),
        ({"gebied": "[klik](javascript:alert(1))"}, DEFAULTS, "klikjavascriptalert1"),
        ({"gebied": "**vet** :red[rood] $x$"}, DEFAULTS, "vet redrood x"),
    ],
)
def test_hostile_or_malformed_params_fall_back(params, expected, notice_part):
    selection, notices = parse(params)
    assert selection == expected
    assert len(notices) == 1
    assert notice_part[:19] in notices[0]
    for char in "<>[]()*:$`&\"'_#|\\":
        assert char not in notices[0].replace("“", "").replace("”", "")


def test_year_not_available_for_chosen_indicator_uses_its_latest():
    selection, notices = parse({"indicator": "mantelzorg"})
    assert (selection.indicator_id, selection.year) == ("mantelzorg", 2020)
    assert notices == []
    selection, notices = parse({"indicator": "afstand_huisarts", "jaar": "2016"})
    assert selection.year == 2020
    assert "2016" in notices[0]


def test_without_a_years_list_any_plausible_year_is_kept():
    assert parse({"jaar": "2019"}, years=False)[0].year == 2019
    assert parse({"jaar": "2200"}, years=False)[0].year == 2020


def test_too_many_compare_codes_keep_the_first():
    codes = ["GM9902", "WK990101", "BU99010101", "DP9902-westerwald", "NL00"]
    many = {f"GM99{n:02d}" for n in range(10, 20)}
    known = KNOWN | many
    params = {"vergelijk": ",".join(codes + sorted(many))}
    selection, notices = parse_selection(
        params,
        known_codes=known,
        indicator_ids=IDS,
        years_for=None,
        defaults=DEFAULTS,
        language="nl",
    )
    assert selection.compare == tuple(codes[:MAX_COMPARE])
    assert notices == [
        f"U kunt tot {MAX_COMPARE} gebieden vergelijken; de eerste {MAX_COMPARE} zijn gekozen."
    ]


def test_many_unknown_compare_codes_give_few_notices():
    selection, notices = parse({"vergelijk": ",".join(f"X{n}" for n in range(50))})
    assert selection.compare == ()
    assert len(notices) == 4
    assert notices[-1].startswith("Nog 47 onbekende gebieden")


def test_huge_value_is_cut_and_never_raises():
    selection, notices = parse({"gebied": "A" * 1_000_000, "vergelijk": "GM9902," * 100_000})
    assert selection.region_code == "GM9901"
    assert selection.compare == ("GM9902",)
    assert len(notices[0]) < 200


@pytest.mark.parametrize("value", [None, 2020, ["2020", None], [], ("",), object()])
def test_odd_value_types_never_raise(value):
    selection, notices = parse(
        {"gebied": value, "jaar": value, "indicator": value, "vergelijk": value}
    )
    assert selection == DEFAULTS
    assert all(isinstance(n, str) and len(n) < 200 for n in notices)


def test_notices_in_english():
    _, notices = parse({"jaar": "abc"}, language="en")
    assert notices == ["The year “abc” from the link is not available. Showing 2020."]


@pytest.mark.parametrize(
    "selection",
    [
        DEFAULTS,
        Selection("GM9902", "mantelzorg", 2020, "wijk", ("GM9901", "WK990101")),
        Selection("DP9902-westerwald", "afstand_huisarts", 2022, "buurt"),
    ],
)
def test_round_trip(selection):
    params = to_params(selection, DEFAULTS)
    assert parse(params)[0] == selection


@pytest.mark.parametrize(
    ("selection", "expected"),
    [
        (DEFAULTS, {}),
        (Selection("GM9902", "vrijwilligerswerk", 2020, "gemeente"), {"gebied": "GM9902"}),
        (
            Selection("GM9901", "mantelzorg", 2016, "wijk", ("GM9902",)),
            {"indicator": "mantelzorg", "jaar": "2016", "niveau": "wijk", "vergelijk": "GM9902"},
        ),
    ],
)
def test_to_params_omits_defaults(selection, expected):
    assert to_params(selection, DEFAULTS) == expected


def test_default_selection_is_leeuwarden():
    assert DEFAULT_SELECTION.region_code == "GM0080"
    assert to_params(DEFAULT_SELECTION) == {}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("<script>", "script"),
        ("a" * 50, "a" * 19 + "…"),
        ("GM0080", "GM0080"),
        ("Súdwest", "Súdwest"),
        ("  veel    ruimte ", "veel ruimte"),
    ],
)
def test_echo(raw, expected):
    assert echo(raw) == expected


@pytest.mark.parametrize(
    ("language", "extra", "expected"),
    [
        ("nl", {}, {"gebied": "GM9901"}),
        ("en", {}, {"gebied": "GM9901", "taal": "en"}),
        ("nl", {"stap": "2"}, {"gebied": "GM9901", "stap": "2"}),
        (
            "en",
            {"stap": "3", "detail": "1"},
            {"gebied": "GM9901", "stap": "3", "detail": "1", "taal": "en"},
        ),
    ],
)
def test_link_params(language, extra, expected):
    assert link_params("GM9901", language, extra) == expected


VIEW = frozenset({"gebied", "taal", "binnen"})


@pytest.mark.parametrize(
    ("kept", "expected"),
    [
        ("gebied=GM9901&taal=en", {"gebied": "GM9901", "taal": "en"}),
        ("gebied=GM9901&stap=3&embed=true", {"gebied": "GM9901"}),  # only view parameters
        ("gebied=GM9901&gebied=GM9902", {"gebied": "GM9902"}),  # the last one, as the URL does
        ("gebied=%3Cscript%3E", {"gebied": "<script>"}),  # parse_selection refuses it later
        ("", {}),
        ("gebied=" + "9" * 2000, {}),  # longer than any real view: nothing
        (None, {}),
        (["gebied=GM9901"], {}),
    ],
)
def test_kept_view_reads_back_only_view_parameters(kept, expected):
    assert kept_view(kept, VIEW) == expected


def test_a_kept_view_is_checked_like_any_link():
    params = kept_view("gebied=%3Cb%3EGM%3C%2Fb%3E&taal=en", VIEW)
    sel, notices = parse_selection(params, known_codes=KNOWN, indicator_ids=IDS)
    assert sel.region_code == DEFAULT_SELECTION.region_code and len(notices) == 1
    assert "<" not in notices[0]
