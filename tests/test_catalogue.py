"""The catalogue is data: every indicator is complete, consistent and reachable."""

from __future__ import annotations

import re

import pytest

from sq.catalogue import CONDITION_IDS, Catalogue, load_catalogue, parse_catalogue
from sq.ingest.sources import known_adapters
from sq.text.i18n import LANGUAGES, t

CATALOGUE = load_catalogue()
UNITS = {"%", "km", "x 1.000 euro", "per 1.000 inwoners", "score"}


def test_ids_are_unique_snake_case() -> None:
    ids = CATALOGUE.ids()
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]+", i) for i in ids)


@pytest.mark.parametrize("indicator", CATALOGUE.indicators, ids=lambda i: i.id)
def test_indicator_is_complete(indicator) -> None:
    assert indicator.condition in CONDITION_IDS
    assert indicator.unit in UNITS
    assert indicator.direction in ("higher_is_better", "lower_is_better", "neutral")
    assert indicator.aggregation in ("weighted_mean", "ratio", "none")
    for text in (
        indicator.derivations["nl"],
        indicator.publisher,
        indicator.table_id,
        indicator.url,
    ):
        assert text.strip()
    questions = indicator.question_texts["nl"]
    assert 1 <= len(questions) <= 3
    for language in LANGUAGES:  # every language has its own words, no Dutch fallback
        assert indicator.titles[language].strip(), language
        assert indicator.definitions[language].strip(), language
        assert len(indicator.question_texts[language]) == len(questions), language
        assert all(q.endswith("?") for q in indicator.question_texts[language]), language
        if indicator.sentences:
            assert indicator.sentences[language].count("{value}") == 1, language


@pytest.mark.parametrize("indicator", CATALOGUE.indicators, ids=lambda i: i.id)
def test_sources_name_a_known_adapter_and_one_kind(indicator) -> None:
    adapters = set(known_adapters())
    for mapping in indicator.sources:
        assert (mapping.variable is None) != (mapping.numerator is None)
        assert mapping.source in adapters or mapping.source.startswith("cbs-odata-")
        if mapping.is_rate:
            assert indicator.aggregation == "ratio"


@pytest.mark.parametrize("condition", CONDITION_IDS)
def test_each_condition_has_at_least_four_indicators(condition: str) -> None:
    assert len(CATALOGUE.for_condition(condition)) >= 4


def test_indicators_without_offline_source_still_name_the_official_table() -> None:
    waiting = [i for i in CATALOGUE.indicators if not i.sources]
    assert {i.id for i in waiting} == {"beweegvriendelijke_omgeving"}  # no open table found
    assert all(i.table_id and i.url.startswith("https://") for i in waiting)
    assert "niet kunnen vaststellen" in waiting[0].derivation("nl")  # says so, plainly


@pytest.mark.parametrize(
    ("indicator_id", "variable"),
    [
        ("ervaren_sociale_cohesie", "SocialeCohesieSchaalscore_15"),
        ("respectloos_gedrag", "DoorOnbekendenOpStraat_61"),
        ("ervaren_discriminatie", "GediscrimineerdGevoeld_66"),
    ],
)
def test_veiligheidsmonitor_indicators_have_their_table_and_levels(
    indicator_id: str, variable: str
) -> None:
    indicator = CATALOGUE.get(indicator_id)
    assert [(m.source, m.variable) for m in indicator.sources] == [("cbs-odata-85146NED", variable)]
    assert indicator.levels == ("land", "provincie", "gemeente")
    assert indicator.coverage_note is not None
    assert "grotere gemeenten" in t(indicator.coverage_note, "nl")
    assert "larger municipalities" in t(indicator.coverage_note, "en")


def test_population_sources_declared() -> None:
    assert CATALOGUE.population_sources
    assert all(m.variable for m in CATALOGUE.population_sources)


def test_parse_minimal_catalogue() -> None:
    text = """
[[indicator]]
id = "x"
condition = "sociale_cohesie"
title_nl = "X"
title_en = "X"
unit = "%"
direction = "neutral"
definition_nl = "d"
definition_en = "d"
derivation_nl = "d"
publisher = "p"
table_id = "t"
url = "https://example.org"
aggregation = "ratio"
questions_nl = ["Vraag?"]
questions_en = ["Question?"]
[[indicator.sources]]
source = "s"
numerator = "count"
scale = 1000
"""
    catalogue: Catalogue = parse_catalogue(text)
    mapping = catalogue.get("x").sources[0]
    assert mapping.is_rate and mapping.scale == 1000.0
    with pytest.raises(KeyError):
        catalogue.get("y")
