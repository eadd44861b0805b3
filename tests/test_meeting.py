import dataclasses
import math

import pytest

from sq.analysis.meeting import (
    MAX_QUESTIONS,
    benchmark_of,
    chart_table,
    lead_rows,
    matching_step,
    meeting_steps,
    parse_step,
    source_line,
)
from sq.analysis.profile import area_profile
from sq.catalogue import CONDITION_IDS

NAN = float("nan")


@pytest.fixture(scope="module")
def dorpum(tiny_store, catalogue):
    return area_profile(tiny_store, catalogue, "GM9901")


@pytest.fixture(scope="module")
def kerkbuurt(tiny_store, catalogue):
    return area_profile(tiny_store, catalogue, "BU99010101")


def test_steps_run_opening_conditions_closing(dorpum):
    steps = meeting_steps(dorpum, detail=False)
    assert [s.kind for s in steps] == ["opening", *["condition"] * 4, "closing"]
    assert [s.number for s in steps] == [1, 2, 3, 4, 5, 6]
    assert [s.step_param for s in steps] == ["1", "2", "3", "4", "5", "6"]
    assert tuple(s.condition_id for s in steps[1:5]) == CONDITION_IDS
    assert [s.title for s in steps] == [
        "Dorpum",
        "Sociaaleconomische zekerheid",
        "Sociale cohesie",
        "Sociale empowerment",
        "Sociale inclusie",
        "Wat zeggen bewoners?",
    ]


def test_opening_asks_the_question_and_names_the_four_conditions(dorpum):
    opening = meeting_steps(dorpum)[0]
    assert opening.sentences[0] == "Hoe sterk is de sociale basis van Dorpum?"
    assert [title for title, _ in opening.points] == [
        "Sociaaleconomische zekerheid",
        "Sociale cohesie",
        "Sociale empowerment",
        "Sociale inclusie",
    ]
    assert opening.rows == () and opening.chart_row is None


def test_condition_screen_says_the_figures_in_words_strongest_first(dorpum):
    cohesie = meeting_steps(dorpum)[2]
    assert cohesie.subtitle.startswith("Dient solidariteit.")
    # vrijwilligerswerk differs 7 procentpunten from NL, mantelzorg 4: volunteering leads.
    assert cohesie.sentences == (
        "In Dorpum doen 32 van de 100 volwassenen vrijwilligerswerk; in heel Nederland 25.",
        "In Dorpum geven 18 van de 100 volwassenen mantelzorg; in heel Nederland 14.",
    )
    assert [r.indicator.id for r in cohesie.rows] == ["vrijwilligerswerk", "mantelzorg"]
    assert cohesie.chart_row is cohesie.rows[0]


def test_questions_belong_to_the_figures_shown(dorpum, catalogue):
    for step in meeting_steps(dorpum)[1:5]:
        assert 1 <= len(step.questions) <= MAX_QUESTIONS
        assert len(set(step.questions)) == len(step.questions)
    cohesie = meeting_steps(dorpum)[2]
    assert cohesie.questions[0] == catalogue.get("vrijwilligerswerk").questions("nl")[0]


def test_detail_adds_one_screen_per_indicator_with_data(dorpum):
    steps = meeting_steps(dorpum, detail=True)
    with_data = [r for r in dorpum.rows() if r.has_value]
    assert len(steps) == 1 + 4 + len(with_data) + 1 == 11
    details = [s for s in steps if s.kind == "indicator"]
    assert [s.rows[0].indicator.id for s in details] == [r.indicator.id for r in with_data]
    assert [s.number for s in steps] == list(range(1, 12))
    cohesie = next(s for s in steps if s.condition_id == "sociale_cohesie")
    following = steps[cohesie.number : cohesie.number + 2]
    assert [s.title for s in following] == ["Vrijwilligerswerk", "Mantelzorgers"]
    # a one-indicator screen also names the places like it (six fictional gemeenten); for
    # mantelzorg too few of them have a value, so that screen names the Netherlands only
    assert following[0].sentences == (
        "In Dorpum doen 32 van de 100 volwassenen vrijwilligerswerk; in heel Nederland 25, "
        "in vergelijkbare gemeenten 29.",
    )
    assert following[1].sentences[0].endswith("in heel Nederland 14.")
    assert following[0].subtitle == "Sociale cohesie"


def test_area_without_figures_still_gets_a_conversation(kerkbuurt):
    steps = meeting_steps(kerkbuurt, detail=True)
    assert len(steps) == 6  # no indicator screens without data
    for step in steps[1:5]:
        assert step.rows == () and step.chart_row is None
        assert "(nog) geen cijfers" in step.sentences[0]
        assert step.questions
        assert step.chart_row is None
        assert chart_table(step, kerkbuurt) == []


def test_english(dorpum):
    steps = meeting_steps(dorpum, language="en")
    assert steps[0].sentences[0] == "How strong is the social base of Dorpum?"
    assert steps[2].sentences[0].startswith("In Dorpum, 32 out of 100 adults")
    assert steps[-1].title == "What do residents say?"


def test_closing_asks_residents(dorpum):
    closing = meeting_steps(dorpum)[-1]
    assert closing.kind == "closing"
    assert "Herkent u zich in deze cijfers?" in closing.questions
    assert "Dorpum" in closing.sentences[0]


def test_max_sentences(dorpum):
    cohesie = meeting_steps(dorpum, max_sentences=1)[2]
    assert len(cohesie.sentences) == 1
    assert lead_rows(dorpum.conditions[1], limit=5)[0].indicator.id == "vrijwilligerswerk"


@pytest.mark.parametrize(
    ("raw", "expected", "notice"),
    [
        (None, 1, False),
        ("1", 1, False),
        ("3", 3, False),
        (" 6 ", 6, False),
        ("7", 1, True),
        ("0", 1, True),
        ("-2", 1, True),
        ("abc", 1, True),
        ("3.0", 1, True),
        ("<b>2</b>", 1, True),
        ("", 1, True),
        ("9" * 500, 1, True),
    ],
)
def test_parse_step(raw, expected, notice):
    number, text = parse_step(raw, 6)
    assert number == expected
    assert (text is not None) == notice
    if text:
        assert text == "Die stap uit de link bestaat niet. U ziet stap 1."
        assert "<" not in text and "abc" not in text


def test_matching_step_keeps_the_condition(dorpum):
    short = meeting_steps(dorpum)
    long = meeting_steps(dorpum, detail=True)
    cohesie_long = next(s for s in long if s.condition_id == "sociale_cohesie").number
    assert matching_step(long, "condition", "sociale_cohesie") == cohesie_long
    assert matching_step(short, "indicator", "sociale_cohesie") == 3
    assert matching_step(long, "closing", None) == len(long)
    assert matching_step(short, "opening", None) == 1


def test_chart_compares_with_nl(dorpum):
    cohesie = meeting_steps(dorpum)[2]
    assert benchmark_of(cohesie.chart_row, dorpum) == ("Nederland", 25.0)
    assert chart_table(cohesie, dorpum) == [
        {"Gebied": "Dorpum", "Waarde": "32,0%"},
        {"Gebied": "Nederland", "Waarde": "25,0%"},
    ]


def test_benchmark_falls_back_to_the_gemeente(tiny_store, catalogue):
    profile = area_profile(tiny_store, catalogue, "WK990101")
    row = next(r for r in profile.rows() if r.indicator.id == "vrijwilligerswerk")
    assert benchmark_of(row, profile) == ("Nederland", 25.0)
    no_nl = dataclasses.replace(row, nl_value=NAN)
    label, value = benchmark_of(no_nl, profile)
    assert (label, value) == ("Gemeente Dorpum", 32.0)
    neither = dataclasses.replace(no_nl, gemeente_value=None)
    label, value = benchmark_of(neither, profile)
    assert label == "Nederland" and math.isnan(value)


def test_source_line_names_publisher_year_and_estimate(dorpum):
    row = meeting_steps(dorpum)[2].rows[0]
    assert source_line(row) == "Bron: RIVM/GGD'en, 2020 · schatting"
    assert source_line(row, "en") == "Source: RIVM/GGD'en, 2020 · estimate"
