import math

import pytest

from sq.analysis.profile import IndicatorRow
from sq.analysis.verdict import compare
from sq.catalogue import load_catalogue
from sq.text.words import highlight_sentence, in_words

WORDED = [i for i in load_catalogue().indicators if i.sentences]

NAN = float("nan")


def make_row(catalogue, indicator_id, value, nl_value, gemeente_value=None):
    indicator = catalogue.get(indicator_id)
    comparison = compare(value, nl_value, indicator.unit, indicator.direction)
    return IndicatorRow(
        indicator=indicator,
        status="gegevens" if not math.isnan(value) else "geen gegevens",
        year=2020,
        value=value,
        nl_value=nl_value,
        nl_year=2020,
        nl_computed=False,
        gemeente_value=gemeente_value,
        gemeente_year=2020 if gemeente_value is not None else None,
        comparison=comparison,
        gemeente_comparison=None,
        badges=(),
        trend=(),
        source="fictief",
        note="",
    )


@pytest.mark.parametrize(
    ("indicator_id", "value", "nl", "area", "language", "expected"),
    [
        (
            "vrijwilligerswerk",
            32.0,
            25.0,
            "uw dorp",
            "nl",
            "In uw dorp doen 32 van de 100 volwassenen vrijwilligerswerk; in heel Nederland 25.",
        ),
        (
            "vrijwilligerswerk",
            32.4,
            24.6,
            "Dorpum",
            "en",
            "In Dorpum, 32 out of 100 adults do volunteer work; in the Netherlands as a whole 25.",
        ),
        (
            "afstand_huisarts",
            1.4,
            1.0,
            "Westerwâld",
            "nl",
            "In Westerwâld is de afstand tot de huisarts gemiddeld 1,4 km; "
            "in heel Nederland 1,0 km.",
        ),
        (
            "inkomen_per_inwoner",
            24.5,
            30.4,
            "Dorpum",
            "nl",
            "In Dorpum is het gemiddelde inkomen per inwoner 24.500 euro per jaar; "
            "in heel Nederland 30.400 euro.",
        ),
        (
            "misdrijven_per_1000",
            46.2,
            45.0,
            "Dorpum",
            "nl",
            "In Dorpum registreerde de politie 46 misdrijven per 1.000 inwoners; "
            "in heel Nederland 45.",
        ),
        (
            "vrijwilligerswerk",
            NAN,
            25.0,
            "uw wijk",
            "nl",
            "Voor uw wijk zijn er (nog) geen cijfers over vrijwilligerswerk.",
        ),
        (
            "vrijwilligerswerk",
            30.0,
            NAN,
            "uw wijk",
            "nl",
            "In uw wijk doen 30 van de 100 volwassenen vrijwilligerswerk; "
            "voor heel Nederland is er geen vergelijkbaar cijfer.",
        ),
    ],
)
def test_in_words(catalogue, indicator_id, value, nl, area, language, expected):
    row = make_row(catalogue, indicator_id, value, nl)
    assert in_words(row, area, language) == expected


def test_in_words_uses_the_gemeente_when_nl_has_no_figure(catalogue):
    row = make_row(catalogue, "laagste_inkomens_gebiedsscan", 12.0, NAN, gemeente_value=15.0)
    assert in_words(row, "uw dorp").endswith("; gemiddeld in de gemeente 15.")


def test_leefbaarometer_explains_zero_instead_of_comparing(catalogue):
    row = make_row(catalogue, "leefbaarometer_voorzieningen", 0.2, 0.001)
    text = in_words(row, "Dorpum")
    assert "score van 0,20" in text
    assert "0 is het Nederlandse gemiddelde" in text
    assert "heel Nederland" not in text


def test_area_names_are_inserted_as_plain_text(catalogue):
    row = make_row(catalogue, "vrijwilligerswerk", 32.0, 25.0)
    assert "<b>{value}</b>" in in_words(row, "<b>{value}</b>")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_catalogue_indicator_has_words(catalogue, language):
    for indicator in catalogue.indicators:
        row = make_row(catalogue, indicator.id, 12.3, 10.0)
        text = in_words(row, "Dorpum", language)
        assert "Dorpum" in text, indicator.id
        assert text.endswith("."), indicator.id
        assert "{" not in text and "nan" not in text.lower(), indicator.id
        number = "12" if indicator.unit in ("%", "per 1.000 inwoners") else ""
        assert number in text, indicator.id
        sentence = highlight_sentence(row, language)
        assert sentence.endswith(").") and "{" not in sentence, indicator.id


@pytest.mark.parametrize("indicator", WORDED, ids=lambda i: i.id)
def test_a_sentence_has_its_openings_and_placeholders_in_every_language(indicator):
    for language, sentence in indicator.sentences.items():
        assert "{area}" in sentence and "{value}" in sentence, (indicator.id, language)
        assert indicator.more.get(language) and indicator.less.get(language), language


@pytest.mark.parametrize(
    ("indicator_id", "value", "nl", "expected"),
    [
        (
            "vrijwilligerswerk",
            36.0,
            25.0,
            "Meer vrijwilligers dan gemiddeld in Nederland (36% tegen 25%).",
        ),
        (
            "ernstig_eenzaam",
            8.0,
            11.0,
            "Minder mensen die zich ernstig eenzaam voelen dan gemiddeld in Nederland "
            "(8% tegen 11%).",
        ),
        (
            "afstand_huisarts",
            1.6,
            1.0,
            "Afstand tot de huisarts: groter dan gemiddeld in Nederland (1,6 km tegen 1,0 km).",
        ),
        (
            "bijstand_per_1000",
            46.0,
            24.0,
            "Meer bijstandsuitkeringen dan gemiddeld in Nederland "
            "(46 tegen 24 per 1.000 inwoners).",
        ),
    ],
)
def test_highlight_sentence(catalogue, indicator_id, value, nl, expected):
    assert highlight_sentence(make_row(catalogue, indicator_id, value, nl)) == expected


@pytest.mark.parametrize("word", ["slecht", "slechter", "bad", "worse", "zwak"])
def test_no_sentence_calls_a_place_bad(word):
    for indicator in WORDED:
        for texts in (indicator.sentences, indicator.more, indicator.less):
            for text in texts.values():
                assert word not in text.lower().split()


def test_dutch_verbs_agree_with_the_number_of_people():
    # "11 van de 100 volwassenen geven mantelzorg": the verb is plural, in every sentence
    singular = ("doet ", "geeft ", "heeft ", "maakt ", "vindt ", "beweegt ", "voelt ", "hoort ")
    for indicator in WORDED:
        clause = indicator.sentences["nl"].split("{value}")[0]
        assert not clause.endswith(singular), (indicator.id, indicator.sentences["nl"])


@pytest.mark.parametrize(
    ("language", "level", "tail"),
    [
        ("nl", "gemeente", "in heel Nederland 25, in vergelijkbare gemeenten 29."),
        ("en", "wijk", "in the Netherlands as a whole 25, in similar districts 29."),
        ("fy", "gemeente", "yn hiel Nederlân 25, yn fergelykbere gemeenten 29."),
    ],
)
def test_sentence_names_the_peer_group_after_the_netherlands(catalogue, language, level, tail):
    from dataclasses import replace

    row = replace(make_row(catalogue, "vrijwilligerswerk", 32.0, 25.0), peer_value=29.2)
    assert in_words(row, "Dorpum", language, peer_level=level).endswith(tail)
    # without a peer group, or without the group's value, only the Netherlands is named
    assert in_words(row, "Dorpum", language).endswith(tail.split(",")[0] + ".")
    no_value = replace(row, peer_value=NAN)
    assert in_words(no_value, "Dorpum", language, peer_level=level).endswith(
        tail.split(",")[0] + "."
    )
