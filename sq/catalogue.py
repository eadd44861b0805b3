"""The indicator catalogue: indicators declared as data (data/indicators.toml)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

from sq.config import CATALOGUE_PATH

Direction = Literal["higher_is_better", "lower_is_better", "neutral"]
Aggregation = Literal["weighted_mean", "ratio", "none"]


@dataclass(frozen=True)
class Condition:
    """One of the four conditions of social quality and the value it serves."""

    id: str
    title_nl: str
    title_en: str
    serves_nl: str
    serves_en: str
    summary_nl: str
    summary_en: str


CONDITIONS: Final[tuple[Condition, ...]] = (
    Condition(
        "sociaaleconomische_zekerheid",
        "Sociaaleconomische zekerheid",
        "Socio-economic security",
        "sociale rechtvaardigheid",
        "social justice",
        "Genoeg inkomen, werk, een veilige straat: de basis om mee te kunnen doen.",
        "Enough income, work and a safe street: the basis for taking part.",
    ),
    Condition(
        "sociale_cohesie",
        "Sociale cohesie",
        "Social cohesion",
        "solidariteit",
        "solidarity",
        "Elkaar kennen, voor elkaar zorgen en samen iets doen.",
        "Knowing each other, caring for each other and doing things together.",
    ),
    Condition(
        "sociale_empowerment",
        "Sociale empowerment",
        "Social empowerment",
        "menselijke waardigheid",
        "human dignity",
        "Je gezond voelen, zelf keuzes maken en niet alleen staan.",
        "Feeling healthy, making your own choices and not standing alone.",
    ),
    Condition(
        "sociale_inclusie",
        "Sociale inclusie",
        "Social inclusion",
        "gelijkwaardigheid",
        "equality",
        "Voorzieningen en activiteiten die voor iedereen dichtbij en open zijn.",
        "Facilities and activities that are close by and open to everyone.",
    ),
)
CONDITION_IDS: Final = tuple(c.id for c in CONDITIONS)


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
    """One indicator, as declared in the catalogue."""

    id: str
    condition: str
    title_nl: str
    title_en: str
    unit: str
    direction: Direction
    definition_nl: str
    definition_en: str
    derivation_nl: str
    publisher: str
    table_id: str
    url: str
    aggregation: Aggregation
    questions_nl: tuple[str, ...]
    questions_en: tuple[str, ...]
    sources: tuple[SourceMapping, ...]
    estimate: bool = False
    levels: tuple[str, ...] = ()  # levels the source covers; () = every level
    coverage_note: str | None = None  # text key saying which levels the source leaves out

    def title(self, language: str = "nl") -> str:
        """Return the title in the requested language."""
        return self.title_en if language == "en" else self.title_nl

    def definition(self, language: str = "nl") -> str:
        """Return the definition in the requested language."""
        return self.definition_en if language == "en" else self.definition_nl

    def questions(self, language: str = "nl") -> tuple[str, ...]:
        """Return the conversation questions in the requested language."""
        return self.questions_en if language == "en" else self.questions_nl


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


def _indicator(raw: dict[str, object]) -> Indicator:
    return Indicator(
        id=str(raw["id"]),
        condition=str(raw["condition"]),
        title_nl=str(raw["title_nl"]),
        title_en=str(raw["title_en"]),
        unit=str(raw["unit"]),
        direction=raw["direction"],  # type: ignore[arg-type]
        definition_nl=str(raw["definition_nl"]),
        definition_en=str(raw["definition_en"]),
        derivation_nl=str(raw["derivation_nl"]),
        publisher=str(raw["publisher"]),
        table_id=str(raw["table_id"]),
        url=str(raw["url"]),
        aggregation=raw["aggregation"],  # type: ignore[arg-type]
        questions_nl=tuple(raw["questions_nl"]),  # type: ignore[arg-type]
        questions_en=tuple(raw["questions_en"]),  # type: ignore[arg-type]
        sources=tuple(_mapping(s) for s in raw.get("sources", [])),  # type: ignore[union-attr]
        estimate=bool(raw.get("estimate", False)),
        levels=tuple(str(v) for v in raw.get("levels", [])),  # type: ignore[union-attr]
        coverage_note=str(raw["coverage_note"]) if "coverage_note" in raw else None,
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


def load_catalogue(path: Path = CATALOGUE_PATH) -> Catalogue:
    """Read the catalogue file shipped with the project."""
    return parse_catalogue(path.read_text(encoding="utf-8"))
