"""The catalogue: conditions, units and indicators, declared as data (data/indicators.toml).

Wording is declared per language as `<field>_<language>` keys (title_nl, title_en, title_fy, ...);
a text missing in a language falls back to Dutch, the first language.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final, Literal

from sq.config import CATALOGUE_PATH, catalogue_path
from sq.text.i18n import DEFAULT_LANGUAGE, LANGUAGES, t

Direction = Literal["higher_is_better", "lower_is_better", "neutral"]
Aggregation = Literal["weighted_mean", "ratio", "none"]
Texts = Mapping[str, str]
"""One text in each language that has it: language code to text."""


def pick(texts: Texts, language: str) -> str:
    """Return the text in the language, or the Dutch one where that language has none."""
    return texts.get(language) or texts.get(DEFAULT_LANGUAGE, "")


def _texts(raw: Mapping[str, object], name: str) -> dict[str, str]:
    """Collect `<name>_<language>` keys into one Texts mapping."""
    return {lang: str(raw[f"{name}_{lang}"]) for lang in LANGUAGES if f"{name}_{lang}" in raw}


@dataclass(frozen=True)
class Condition:
    """One of the four conditions of social quality and the value it serves."""

    id: str
    titles: Texts
    serves_texts: Texts
    summaries: Texts

    def title(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the condition's name in the language."""
        return pick(self.titles, language)

    def serves(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the value the condition serves, in the language."""
        return pick(self.serves_texts, language)

    def summary(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the one-sentence summary in the language."""
        return pick(self.summaries, language)


@dataclass(frozen=True)
class Tolerance:
    """How far a value may lie from its benchmark and still count as comparable."""

    kind: Literal["absolute", "relative"]
    amount: float
    minimum: float = 0.0
    texts: Texts = field(default_factory=dict)

    def band(self, bench: float) -> float:
        """Return the half-width of the band around this benchmark, in the unit itself."""
        if self.kind == "absolute":
            return self.amount
        return max(abs(bench) * self.amount, self.minimum)

    def text(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Explain the band in one plain sentence."""
        return pick(self.texts, language)


@dataclass(frozen=True)
class Unit:
    """A unit, declared once: its decimals, its comparable band and its words."""

    id: str
    decimals: int = 1
    sentence_decimals: int = 1
    tolerance: Tolerance = field(default_factory=lambda: Tolerance("relative", 0.10))
    words: Texts = field(default_factory=dict)
    axes: Texts = field(default_factory=dict)
    higher: Texts = field(default_factory=dict)
    lower: Texts = field(default_factory=dict)

    def word(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the word after a number ('per 1.000 inwoners'; '' when none)."""
        return pick(self.words, language)

    def axis(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the axis title ('procent (%)'); the unit itself when none is declared."""
        return pick(self.axes, language) or self.id


@dataclass(frozen=True)
class SourceMapping:
    """Where an indicator's values come from: a variable, or a count per inhabitants."""

    source: str
    variable: str | None = None
    numerator: str | None = None
    scale: float = 1.0
    gemeente_variable: str | None = None  # the source's own value for the area's gemeente
    decimals: int | None = None  # decimals the source publishes; None: read from its values

    @property
    def is_rate(self) -> bool:
        """Tell whether the value is derived as numerator / inhabitants x scale."""
        return self.numerator is not None


@dataclass(frozen=True)
class ReferenceYear:
    """Which year an edition's figures describe, as the source's metadata establishes it.

    `offset` is reference year minus edition; None means it could not be established.
    """

    source: str
    editions: tuple[int, ...]
    variables: tuple[str, ...] = ()  # empty: every variable of the source
    offset: int | None = None
    evidence: str = ""


@dataclass(frozen=True)
class Indicator:
    """One indicator, as declared in the catalogue, with its wording in each language.

    `sentences` say the value in everyday words ("In {area} doen {value} van de 100 volwassenen
    vrijwilligerswerk"); `more`/`less` open a "wat valt op" sentence. Without them the indicator
    gets a generic sentence by unit. `tolerance` overrides the unit's band where the unit name
    hides another scale.
    """

    id: str
    condition: str
    titles: Texts
    unit: str
    direction: Direction
    definitions: Texts
    derivations: Texts
    publisher: str
    table_id: str
    url: str
    aggregation: Aggregation
    question_texts: Mapping[str, tuple[str, ...]]
    sources: tuple[SourceMapping, ...]
    estimate: bool = False
    levels: tuple[str, ...] = ()  # levels the source covers; () = every level
    coverage_note: str | None = None  # text key saying which levels the source leaves out
    sentences: Texts = field(default_factory=dict)
    more: Texts = field(default_factory=dict)
    less: Texts = field(default_factory=dict)
    compare_with_nl: bool = True  # False: the sentence names no NL value (already a deviation)
    tolerance: Tolerance | None = None

    def title(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the title in the requested language."""
        return pick(self.titles, language)

    def definition(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return the definition in the requested language."""
        return pick(self.definitions, language)

    def derivation(self, language: str = DEFAULT_LANGUAGE) -> str:
        """Return how the value is derived (written in Dutch where no translation exists)."""
        return pick(self.derivations, language)

    def questions(self, language: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
        """Return the conversation questions in the requested language."""
        return self.question_texts.get(language) or self.question_texts.get(DEFAULT_LANGUAGE, ())


@dataclass(frozen=True)
class Catalogue:
    """All indicators plus the population series used for weights and rates."""

    indicators: tuple[Indicator, ...]
    population_sources: tuple[SourceMapping, ...]
    reference_years: tuple[ReferenceYear, ...] = ()
    source_series: tuple[tuple[str, str], ...] = ()
    """(source id, the statistic it publishes); a series that changes statistic is marked."""

    def series_of(self, source: str) -> str:
        """Return the statistic a source publishes (the source id when not declared)."""
        return dict(self.source_series).get(source, source)

    def get(self, indicator_id: str) -> Indicator:
        """Return one indicator by id (KeyError when unknown)."""
        for indicator in self.indicators:
            if indicator.id == indicator_id:
                return indicator
        raise KeyError(indicator_id)

    def ids(self) -> tuple[str, ...]:
        """Return all indicator ids in catalogue order."""
        return tuple(i.id for i in self.indicators)

    def for_condition(self, condition: str) -> tuple[Indicator, ...]:
        """Return the indicators of one condition, in catalogue order."""
        return tuple(i for i in self.indicators if i.condition == condition)


def condition(condition_id: str) -> Condition:
    """Return a condition by id (KeyError when unknown)."""
    for item in CONDITIONS:
        if item.id == condition_id:
            return item
    raise KeyError(condition_id)


def unit(unit_id: str) -> Unit:
    """Return a declared unit; an undeclared one gets the defaults (one decimal, 10% band)."""
    declared = UNITS.get(unit_id)
    if declared is not None:
        return declared
    band = {lang: t("verdict.default_tolerance", lang) for lang in LANGUAGES}
    words = dict.fromkeys(LANGUAGES, unit_id)
    return Unit(unit_id, tolerance=Tolerance("relative", 0.10, texts=band), words=words)


def _tolerance(raw: Mapping[str, object]) -> Tolerance:
    return Tolerance(
        kind=raw["kind"],  # type: ignore[arg-type]
        amount=float(raw["amount"]),  # type: ignore[arg-type]
        minimum=float(raw.get("minimum", 0.0)),  # type: ignore[arg-type]
        texts=_texts(raw, "text"),
    )


def _condition(raw: Mapping[str, object]) -> Condition:
    return Condition(
        id=str(raw["id"]),
        titles=_texts(raw, "title"),
        serves_texts=_texts(raw, "serves"),
        summaries=_texts(raw, "summary"),
    )


def _unit(raw: Mapping[str, object]) -> Unit:
    return Unit(
        id=str(raw["id"]),
        decimals=int(raw.get("decimals", 1)),  # type: ignore[call-overload]
        sentence_decimals=int(raw.get("sentence_decimals", 1)),  # type: ignore[call-overload]
        tolerance=_tolerance(raw["tolerance"]),  # type: ignore[arg-type]
        words=_texts(raw, "word"),
        axes=_texts(raw, "axis"),
        higher=_texts(raw, "higher"),
        lower=_texts(raw, "lower"),
    )


def _mapping(raw: dict[str, object]) -> SourceMapping:
    return SourceMapping(
        source=str(raw["source"]),
        variable=str(raw["variable"]) if "variable" in raw else None,
        numerator=str(raw["numerator"]) if "numerator" in raw else None,
        scale=float(raw.get("scale", 1.0)),  # type: ignore[arg-type]
        gemeente_variable=str(raw["gemeente_variable"]) if "gemeente_variable" in raw else None,
        decimals=int(raw["decimals"]) if "decimals" in raw else None,  # type: ignore[call-overload]
    )


def _reference_year(raw: dict[str, object]) -> ReferenceYear:
    offset = raw.get("reference_offset")
    return ReferenceYear(
        source=str(raw["source"]),
        editions=tuple(int(y) for y in raw["editions"]),  # type: ignore[attr-defined]
        variables=tuple(str(v) for v in raw.get("variables", [])),  # type: ignore[attr-defined]
        offset=None if offset is None else int(offset),  # type: ignore[call-overload]
        evidence=str(raw.get("evidence", "")),
    )


def _indicator(raw: Mapping[str, object]) -> Indicator:
    tolerance = raw.get("tolerance")
    return Indicator(
        id=str(raw["id"]),
        condition=str(raw["condition"]),
        titles=_texts(raw, "title"),
        unit=str(raw["unit"]),
        direction=raw["direction"],  # type: ignore[arg-type]
        definitions=_texts(raw, "definition"),
        derivations=_texts(raw, "derivation"),
        publisher=str(raw["publisher"]),
        table_id=str(raw["table_id"]),
        url=str(raw["url"]),
        aggregation=raw["aggregation"],  # type: ignore[arg-type]
        question_texts={
            lang: tuple(str(q) for q in raw[f"questions_{lang}"])  # type: ignore[attr-defined]
            for lang in LANGUAGES
            if f"questions_{lang}" in raw
        },
        sources=tuple(_mapping(s) for s in raw.get("sources", [])),  # type: ignore[union-attr]
        estimate=bool(raw.get("estimate", False)),
        levels=tuple(str(v) for v in raw.get("levels", [])),  # type: ignore[union-attr]
        coverage_note=str(raw["coverage_note"]) if "coverage_note" in raw else None,
        sentences=_texts(raw, "sentence"),
        more=_texts(raw, "more"),
        less=_texts(raw, "less"),
        compare_with_nl=bool(raw.get("compare_with_nl", True)),
        tolerance=None if tolerance is None else _tolerance(tolerance),  # type: ignore[arg-type]
    )


def parse_catalogue(text: str) -> Catalogue:
    """Parse catalogue TOML text into a Catalogue."""
    data = tomllib.loads(text)
    population = data.get("population", {})
    return Catalogue(
        indicators=tuple(_indicator(raw) for raw in data.get("indicator", [])),
        population_sources=tuple(_mapping(s) for s in population.get("sources", [])),
        source_series=tuple((str(k), str(v)) for k, v in data.get("source_series", {}).items()),
        reference_years=tuple(_reference_year(r) for r in data.get("reference_year", [])),
    )


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Read the catalogue: the given file, else $SQ_CATALOGUE, else the one shipped."""
    return parse_catalogue((path or catalogue_path()).read_text(encoding="utf-8"))


def _declarations(path: Path) -> tuple[tuple[Condition, ...], dict[str, Unit]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    conditions = tuple(_condition(raw) for raw in data.get("condition", []))
    return conditions, {u.id: u for u in (_unit(raw) for raw in data.get("unit", []))}


CONDITIONS, UNITS = _declarations(CATALOGUE_PATH)
"""The four conditions and the declared units, read once from the shipped catalogue."""
CONDITION_IDS: Final = tuple(c.id for c in CONDITIONS)
