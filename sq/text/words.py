"""Numbers in everyday words: meeting-mode sentences and "wat valt op" sentences.

Phrases are data (`PHRASES`, keyed by indicator id); indicators without a phrase get a
generic sentence by unit, so a new catalogue row is never left without words. Everything
returned is plain text: names from the store are inserted as they are, never as HTML.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from sq.analysis.rows import IndicatorRow


@dataclass(frozen=True)
class Phrase:
    """How to say one indicator in words: a main clause and "more"/"less" openings.

    `nl`/`en` hold `{area}` and `{value}`; `more_*`/`less_*` open a "wat valt op" sentence
    when the value is higher/lower than in the Netherlands. `compare=False` leaves out the
    Netherlands clause (Leefbaarometer scores are already a deviation from NL).
    """

    nl: str
    en: str
    more_nl: str
    less_nl: str
    more_en: str
    less_en: str
    compare: bool = True


def _adults(
    verb_nl: str, verb_en: str, more_nl: str, more_en: str, who: str = "volwassenen"
) -> Phrase:
    """Build a "N van de 100 volwassenen ..." phrase (the common RIVM/GGD case)."""
    who_en = {"volwassenen": "adults", "inwoners": "residents", "huishoudens": "households"}.get(
        who, "people"
    )
    return Phrase(
        nl=f"In {{area}} {verb_nl.format(n='{value}', who=who)}",
        en=f"In {{area}}, {verb_en.format(n='{value}', who=who_en)}",
        more_nl=f"Meer {more_nl}",
        less_nl=f"Minder {more_nl}",
        more_en=f"More {more_en}",
        less_en=f"Fewer {more_en}",
    )


PHRASES: Final[dict[str, Phrase]] = {
    "arbeidsparticipatie": _adults(
        "hebben {n} van de 100 mensen van 15 tot 75 jaar betaald werk",
        "{n} out of 100 people aged 15 to 75 have paid work",
        "mensen met betaald werk",
        "people in paid work",
    ),
    "inkomen_per_inwoner": Phrase(
        nl="In {area} is het gemiddelde inkomen per inwoner {value} per jaar",
        en="In {area}, the average income per inhabitant is {value} a year",
        more_nl="Een hoger gemiddeld inkomen",
        less_nl="Een lager gemiddeld inkomen",
        more_en="A higher average income",
        less_en="A lower average income",
    ),
    "personen_laag_inkomen": _adults(
        "horen {n} van de 100 mensen met een inkomen bij de 40% laagste inkomens van Nederland",
        "{n} out of 100 people with an income belong to the lowest 40% in the Netherlands",
        "mensen met een laag inkomen",
        "people with a low income",
    ),
    "huishoudens_laagste_inkomens": _adults(
        "horen {n} van de 100 {who} bij de 40% laagste inkomens van Nederland",
        "{n} out of 100 {who} belong to the lowest 40% of incomes in the Netherlands",
        "huishoudens met een laag inkomen",
        "households with a low income",
        who="huishoudens",
    ),
    "rond_sociaal_minimum": _adults(
        "leven {n} van de 100 {who} rond het sociaal minimum",
        "{n} out of 100 {who} live around the social minimum",
        "huishoudens rond het sociaal minimum",
        "households around the social minimum",
        who="huishoudens",
    ),
    "moeite_met_rondkomen": _adults(
        "hebben {n} van de 100 {who} moeite om rond te komen",
        "{n} out of 100 {who} find it hard to make ends meet",
        "mensen die moeite hebben om rond te komen",
        "people who find it hard to make ends meet",
    ),
    "bijstand_per_1000": Phrase(
        nl="In {area} zijn er {value} bijstandsuitkeringen per 1.000 inwoners",
        en="In {area}, there are {value} social assistance benefits per 1,000 inhabitants",
        more_nl="Meer bijstandsuitkeringen",
        less_nl="Minder bijstandsuitkeringen",
        more_en="More social assistance benefits",
        less_en="Fewer social assistance benefits",
    ),
    "misdrijven_per_1000": Phrase(
        nl="In {area} registreerde de politie {value} misdrijven per 1.000 inwoners",
        en="In {area}, the police registered {value} crimes per 1,000 inhabitants",
        more_nl="Meer geregistreerde misdrijven",
        less_nl="Minder geregistreerde misdrijven",
        more_en="More registered crimes",
        less_en="Fewer registered crimes",
    ),
    "leefbaarometer_veiligheid": Phrase(
        nl="In {area} geeft de Leefbaarometer voor overlast en onveiligheid een score van "
        "{value}; 0 is het Nederlandse gemiddelde en boven 0 is gunstiger",
        en="In {area}, the Leefbaarometer gives nuisance and insecurity a score of {value}; "
        "0 is the Dutch average and above 0 is better",
        more_nl="Minder overlast en onveiligheid volgens de Leefbaarometer",
        less_nl="Meer overlast en onveiligheid volgens de Leefbaarometer",
        more_en="Less nuisance and insecurity according to the Leefbaarometer",
        less_en="More nuisance and insecurity according to the Leefbaarometer",
        compare=False,
    ),
    "vrijwilligerswerk": _adults(
        "doen {n} van de 100 {who} vrijwilligerswerk",
        "{n} out of 100 {who} do volunteer work",
        "vrijwilligers",
        "volunteers",
    ),
    "mantelzorg": _adults(
        "geven {n} van de 100 {who} mantelzorg",
        "{n} out of 100 {who} give informal care",
        "mantelzorgers",
        "informal carers",
    ),
    "leefbaarometer_sociale_samenhang": Phrase(
        nl="In {area} geeft de Leefbaarometer voor sociale samenhang een score van {value}; "
        "0 is het Nederlandse gemiddelde en boven 0 is gunstiger",
        en="In {area}, the Leefbaarometer gives social cohesion a score of {value}; "
        "0 is the Dutch average and above 0 is better",
        more_nl="Meer sociale samenhang volgens de Leefbaarometer",
        less_nl="Minder sociale samenhang volgens de Leefbaarometer",
        more_en="More social cohesion according to the Leefbaarometer",
        less_en="Less social cohesion according to the Leefbaarometer",
        compare=False,
    ),
    "geluidhinder_buren": _adults(
        "hebben {n} van de 100 {who} ernstig last van geluid van de buren",
        "{n} out of 100 {who} are seriously bothered by noise from neighbours",
        "mensen met ernstige geluidshinder door buren",
        "people seriously bothered by noise from neighbours",
    ),
    "ervaren_sociale_cohesie": Phrase(
        nl="In {area} geven inwoners de samenhang in hun buurt gemiddeld een {value}",
        en="In {area}, residents rate the cohesion in their neighbourhood {value} on average",
        more_nl="Inwoners ervaren meer samenhang in hun buurt",
        less_nl="Inwoners ervaren minder samenhang in hun buurt",
        more_en="Residents feel more cohesion in their neighbourhood",
        less_en="Residents feel less cohesion in their neighbourhood",
    ),
    "respectloos_gedrag": _adults(
        "maken {n} van de 100 {who} wel eens respectloos gedrag mee van onbekenden",
        "{n} out of 100 {who} sometimes meet disrespect from strangers",
        "mensen die respectloos gedrag meemaken",
        "people who meet disrespect",
        who="inwoners",
    ),
    "ervaren_gezondheid": _adults(
        "vinden {n} van de 100 {who} de eigen gezondheid goed of zeer goed",
        "{n} out of 100 {who} rate their own health as good or very good",
        "mensen die zich gezond voelen",
        "people who feel healthy",
    ),
    "voldoende_bewegen": _adults(
        "bewegen {n} van de 100 {who} genoeg volgens de beweegrichtlijn",
        "{n} out of 100 {who} are active enough by the exercise guideline",
        "mensen die genoeg bewegen",
        "people who are active enough",
    ),
    "regie_eigen_leven": _adults(
        "hebben {n} van de 100 {who} de regie over het eigen leven",
        "{n} out of 100 {who} feel in control of their own life",
        "mensen met regie over hun eigen leven",
        "people in control of their own life",
    ),
    "ernstig_eenzaam": _adults(
        "voelen {n} van de 100 {who} zich ernstig eenzaam",
        "{n} out of 100 {who} feel severely lonely",
        "mensen die zich ernstig eenzaam voelen",
        "people who feel severely lonely",
    ),
    "eenzaam": _adults(
        "voelen {n} van de 100 {who} zich eenzaam",
        "{n} out of 100 {who} feel lonely",
        "mensen die zich eenzaam voelen",
        "people who feel lonely",
    ),
    "risico_angst_depressie": _adults(
        "hebben {n} van de 100 {who} een hoog risico op angst of depressie",
        "{n} out of 100 {who} have a high risk of anxiety or depression",
        "mensen met een hoog risico op angst of depressie",
        "people with a high risk of anxiety or depression",
    ),
    "ervaren_discriminatie": _adults(
        "voelden {n} van de 100 {who} zich het afgelopen jaar gediscrimineerd",
        "{n} out of 100 {who} felt discriminated against in the past year",
        "mensen die zich gediscrimineerd voelden",
        "people who felt discriminated against",
        who="inwoners",
    ),
    "leefbaarometer_voorzieningen": Phrase(
        nl="In {area} geeft de Leefbaarometer voor voorzieningen een score van {value}; "
        "0 is het Nederlandse gemiddelde en boven 0 is gunstiger",
        en="In {area}, the Leefbaarometer gives facilities a score of {value}; "
        "0 is the Dutch average and above 0 is better",
        more_nl="Meer voorzieningen in de buurt volgens de Leefbaarometer",
        less_nl="Minder voorzieningen in de buurt volgens de Leefbaarometer",
        more_en="More facilities nearby according to the Leefbaarometer",
        less_en="Fewer facilities nearby according to the Leefbaarometer",
        compare=False,
    ),
}
"""Per-indicator phrases; distances and the KBO use the generic sentence by unit."""

_COMPARATIVES: Final = {
    ("nl", "km"): ("groter", "kleiner"),
    ("en", "km"): ("longer", "shorter"),
    ("nl", ""): ("hoger", "lager"),
    ("en", ""): ("higher", "lower"),
}


def _plain(value: float | None, unit: str, language: str = "nl") -> str:
    """Format a value for a plain sentence: whole percentages (B1: "36%"), km one decimal.

    Deliberately rounder than sq.text.formatting.format_value (tables): sentences are read aloud.
    """
    if value is None or not math.isfinite(float(value)):
        return "no data" if language == "en" else "geen gegevens"
    value = float(value)
    if unit == "%":
        return f"{_number(value, 0, language)}%"
    if unit == "km":
        return f"{_number(value, 1, language)} km"
    if unit == "x 1.000 euro":
        return f"{_number(round(value * 1000, -2), 0, language)} euro"
    if unit == "per 1.000 inwoners":
        return _number(value, 0, language)
    if unit == "score":
        return _number(value, 2, language)
    return _number(value, 1, language)


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(float(value))


def _number(value: float, decimals: int, language: str) -> str:
    text = f"{value:,.{decimals}f}"
    if text.lstrip("-").strip("0.,") == "":
        text = text.lstrip("-")  # never "-0"
    if language == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def _count(value: float, unit: str, language: str) -> str:
    """Return the number as it sits in a sentence ("32" of "32 van de 100")."""
    if unit == "%":
        return _number(float(value), 0, language)
    return _plain(value, unit, language)


def _lower_first(text: str) -> str:
    """Lower-case the first letter unless the first word is an abbreviation (KBO)."""
    if len(text) > 1 and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _generic_clause(row: IndicatorRow, area_label: str, language: str) -> str:
    indicator = row.indicator
    title = indicator.title(language)
    value = _count(row.value, indicator.unit, language)
    if language == "en":
        if indicator.unit == "km":
            return f"In {area_label}, the {_lower_first(title)} is {value} on average"
        if indicator.unit == "%":
            return f"{title}: in {area_label} {value} out of 100"
        return f"{title}: in {area_label} {value}"
    if indicator.unit == "km":
        return f"In {area_label} is de {_lower_first(title)} gemiddeld {value}"
    if indicator.unit == "%":
        return f"{title}: in {area_label} {value} van de 100"
    return f"{title}: in {area_label} {value}"


def in_words(row: IndicatorRow, area_label: str, language: str = "nl") -> str:
    """Say the area's number against the Netherlands in everyday words (meeting mode).

    E.g. "In uw dorp doet 32 van de 100 volwassenen vrijwilligerswerk; in heel Nederland 25."
    """
    indicator = row.indicator
    if _missing(row.value):
        title = _lower_first(indicator.title(language))
        if language == "en":
            return f"There are no figures (yet) on {title} for {area_label}."
        return f"Voor {area_label} zijn er (nog) geen cijfers over {title}."
    phrase = PHRASES.get(indicator.id)
    value = _count(row.value, indicator.unit, language)
    if phrase is None:
        main = _generic_clause(row, area_label, language)
    else:
        template = phrase.en if language == "en" else phrase.nl
        main = template.format(area=area_label, value=value)
    if phrase is not None and not phrase.compare:
        return f"{main}."
    if _missing(row.nl_value) and not _missing(row.gemeente_value):
        gemeente = _count(row.gemeente_value, indicator.unit, language)  # type: ignore[arg-type]
        tail = (
            f"municipal average {gemeente}"
            if language == "en"
            else f"gemiddeld in de gemeente {gemeente}"
        )
        return f"{main}; {tail}."
    if _missing(row.nl_value):
        tail = (
            "there is no comparable figure for the Netherlands"
            if language == "en"
            else "voor heel Nederland is er geen vergelijkbaar cijfer"
        )
        return f"{main}; {tail}."
    nl = _count(row.nl_value, indicator.unit, language)
    tail = f"in the Netherlands as a whole {nl}" if language == "en" else f"in heel Nederland {nl}"
    return f"{main}; {tail}."


def _pair(row: IndicatorRow, language: str) -> str:
    """Return "36% tegen 25%" (value against NL), with a rate's unit named once at the end."""
    unit = row.indicator.unit
    word = "against" if language == "en" else "tegen"
    value = _plain(row.value, unit, language)
    bench = _plain(row.nl_value, unit, language)
    suffix = ""
    if unit == "per 1.000 inwoners":
        suffix = " per 1,000 inhabitants" if language == "en" else " per 1.000 inwoners"
    return f"{value} {word} {bench}{suffix}"


def highlight_sentence(row: IndicatorRow, language: str = "nl") -> str:
    """Say one difference from the Netherlands plainly, without calling the place bad.

    E.g. "Meer vrijwilligers dan gemiddeld in Nederland (36% tegen 25%)."
    """
    higher = row.comparison.position == "hoger"
    phrase = PHRASES.get(row.indicator.id)
    if phrase is not None:
        if language == "en":
            opening = phrase.more_en if higher else phrase.less_en
        else:
            opening = phrase.more_nl if higher else phrase.less_nl
    else:
        lang = "en" if language == "en" else "nl"
        unit = row.indicator.unit if row.indicator.unit == "km" else ""
        more, less = _COMPARATIVES[(lang, unit)]
        opening = f"{row.indicator.title(language)}: {more if higher else less}"
    average = "than the Dutch average" if language == "en" else "dan gemiddeld in Nederland"
    return f"{opening} {average} ({_pair(row, language)})."
