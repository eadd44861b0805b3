"""Numbers in everyday words: meeting-mode sentences and "wat valt op" sentences.

The words are data: each indicator's sentence and its "more"/"less" openings live in
data/indicators.toml, the connecting words in the text catalogue. Indicators without a
sentence get a generic one by unit, so a new catalogue block is never left without words.
Everything returned is plain text: names from the store are inserted as they are, never as HTML.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from sq.catalogue import pick, unit
from sq.text.formatting import COMPACT_UNITS, format_number
from sq.text.i18n import catalogue, t

if TYPE_CHECKING:
    from sq.analysis.rows import IndicatorRow

EURO_UNIT: Final = "x 1.000 euro"


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(float(value))


def _plain(value: float | None, unit_id: str, language: str = "nl") -> str:
    """Format a value for a plain sentence: whole percentages (B1: "36%"), km one decimal.

    Deliberately rounder than sq.text.formatting.format_value (tables): sentences are read
    aloud. Short unit words (km) go with each number; long ones are said once (`_pair`).
    """
    if _missing(value):
        return t("value.missing", language)
    number = float(value)  # type: ignore[arg-type]
    declared = unit(unit_id)
    if unit_id == "%":
        return f"{format_number(number, 0, language)}%"
    if unit_id == EURO_UNIT:
        return f"{format_number(round(number * 1000, -2), 0, language)} euro"
    text = format_number(number, declared.sentence_decimals, language)
    word = declared.word(language)
    return f"{text} {word}" if word and word in COMPACT_UNITS else text


def _count(value: float | None, unit_id: str, language: str) -> str:
    """Return the number as it sits in a sentence ("32" of "32 van de 100")."""
    if unit_id == "%" and not _missing(value):
        return format_number(float(value), 0, language)  # type: ignore[arg-type]
    return _plain(value, unit_id, language)


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an abbreviation (KBO)."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _generic_clause(row: IndicatorRow, area_label: str, language: str) -> str:
    """Say an indicator without its own sentence, by unit ('words.generic.<unit>')."""
    indicator = row.indicator
    key = f"words.generic.{indicator.unit}"
    template = key if key in catalogue("nl") else "words.generic"
    return t(
        template,
        language,
        area=area_label,
        title=indicator.title(language),
        title_lower=_lower_first(indicator.title(language)),
        value=_count(row.value, indicator.unit, language),
    )


def in_words(
    row: IndicatorRow, area_label: str, language: str = "nl", peer_level: str | None = None
) -> str:
    """Say the area's number against the Netherlands in everyday words (meeting mode).

    E.g. "In uw dorp doen 32 van de 100 volwassenen vrijwilligerswerk; in heel Nederland 25."
    With `peer_level` ("gemeente" or "wijk", the level of the area's peer group) and a peer
    value, the places like it follow: "..., in vergelijkbare gemeenten 27."
    """
    indicator = row.indicator
    if _missing(row.value):
        title = _lower_first(indicator.title(language))
        return t("words.no_figures", language, area=area_label, title=title)
    sentence = pick(indicator.sentences, language)
    if sentence:
        value = _count(row.value, indicator.unit, language)
        main = sentence.format(area=area_label, value=value)
    else:
        main = _generic_clause(row, area_label, language)
    if sentence and not indicator.compare_with_nl:
        return f"{main}."
    if _missing(row.nl_value) and not _missing(row.gemeente_value):
        tail = t(
            "words.tail_gemeente",
            language,
            value=_count(row.gemeente_value, indicator.unit, language),
        )
    elif _missing(row.nl_value):
        tail = t("words.tail_no_nl", language)
    else:
        tail = t("words.tail_nl", language, value=_count(row.nl_value, indicator.unit, language))
        if peer_level and not _missing(row.peer_value):
            peers = _count(row.peer_value, indicator.unit, language)
            tail += ", " + t(f"words.tail_peer.{peer_level}", language, value=peers)
    return f"{main}; {tail}."


def _pair(row: IndicatorRow, language: str) -> str:
    """Return "36% tegen 25%" (value against NL), with a long unit word said once at the end."""
    unit_id = row.indicator.unit
    word = unit(unit_id).word(language)
    suffix = f" {word}" if word and word not in COMPACT_UNITS and unit_id != EURO_UNIT else ""
    return t(
        "words.against",
        language,
        value=_plain(row.value, unit_id, language),
        bench=_plain(row.nl_value, unit_id, language),
        suffix=suffix,
    )


def highlight_sentence(row: IndicatorRow, language: str = "nl") -> str:
    """Say one difference from the Netherlands plainly, without calling the place bad.

    E.g. "Meer vrijwilligers dan gemiddeld in Nederland (36% tegen 25%)."
    """
    indicator = row.indicator
    higher = row.comparison.position == "hoger"
    opening = pick(indicator.more if higher else indicator.less, language)
    if not opening:
        declared = unit(indicator.unit)
        comparative = pick(declared.higher if higher else declared.lower, language) or t(
            "verdict.hoger" if higher else "verdict.lager", language
        )
        opening = t(
            "words.generic_opening",
            language,
            title=indicator.title(language),
            comparative=comparative,
        )
    return t("words.highlight", language, opening=opening, pair=_pair(row, language))
