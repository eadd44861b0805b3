"""Direction-aware verdicts of a value against a benchmark, with a documented tolerance band.

A difference inside the tolerance band is called "vergelijkbaar": figures are estimates or
rounded, and a small difference is no reason for a conversation about "better" or "worse".

The band per unit (table `TOLERANCE`), calibrated so that it is roughly a third of the usual
spread between gemeenten (2020 store: vrijwilligerswerk sd 4.8 pp, income cv 12%, distances
cv 25-35%, Leefbaarometer scores sd 0.03-0.08):

- ``%``: within 2 procentpunten (absolute);
- ``km``: within 10% of the benchmark, but at least 0.1 km (the published precision);
- ``per 1.000 inwoners``: within 10%, but at least 1 per 1.000;
- ``x 1.000 euro``: within 5%, but at least 0.1 (100 euro); incomes differ less than rates;
- ``score`` (Leefbaarometer deviations around 0): within 0.01 absolute;
- any other unit: within 10%.

`TOLERANCE_BY_INDICATOR` overrides the unit for indicators whose "score" is on another scale
(the Veiligheidsmonitor's 0-10 cohesion score: within 0.2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

from sq.catalogue import Direction

Verdict = Literal["gunstiger", "vergelijkbaar", "ongunstiger", "geen oordeel", "geen gegevens"]
Position = Literal["hoger", "vergelijkbaar", "lager", "geen gegevens"]

_EPSILON: Final = 1e-9
"""Guards the band edge against float noise (1.1 - 1.0 > 0.1 in binary)."""


@dataclass(frozen=True)
class Tolerance:
    """How far a value may lie from its benchmark and still count as comparable."""

    kind: Literal["absolute", "relative"]
    amount: float
    minimum: float = 0.0
    text_nl: str = ""
    text_en: str = ""

    def band(self, bench: float) -> float:
        """Return the half-width of the band around this benchmark, in the unit itself."""
        if self.kind == "absolute":
            return self.amount
        return max(self.amount * abs(bench), self.minimum)


TOLERANCE: Final[dict[str, Tolerance]] = {
    "%": Tolerance(
        "absolute",
        2.0,
        text_nl="Een verschil van 2 procentpunten of minder noemen we vergelijkbaar.",
        text_en="A difference of 2 percentage points or less is called similar.",
    ),
    "km": Tolerance(
        "relative",
        0.10,
        minimum=0.1,
        text_nl="Een verschil van 10% of minder (en altijd tot 0,1 km) noemen we vergelijkbaar.",
        text_en="A difference of 10% or less (and always up to 0.1 km) is called similar.",
    ),
    "per 1.000 inwoners": Tolerance(
        "relative",
        0.10,
        minimum=1.0,
        text_nl="Een verschil van 10% of minder (en altijd tot 1 per 1.000 inwoners) "
        "noemen we vergelijkbaar.",
        text_en="A difference of 10% or less (and always up to 1 per 1,000 inhabitants) "
        "is called similar.",
    ),
    "x 1.000 euro": Tolerance(
        "relative",
        0.05,
        minimum=0.1,
        text_nl="Een verschil van 5% of minder noemen we vergelijkbaar.",
        text_en="A difference of 5% or less is called similar.",
    ),
    "score": Tolerance(
        "absolute",
        0.01,
        text_nl="Een verschil in score van 0,01 of minder noemen we vergelijkbaar.",
        text_en="A difference in score of 0.01 or less is called similar.",
    ),
}
"""The tolerance band per catalogue unit (see the module docstring for the reasoning)."""

TOLERANCE_BY_INDICATOR: Final[dict[str, Tolerance]] = {
    "ervaren_sociale_cohesie": Tolerance(
        "absolute",
        0.2,
        text_nl="Een verschil van 0,2 punt of minder (op een schaal van 0 tot 10) "
        "noemen we vergelijkbaar.",
        text_en="A difference of 0.2 points or less (on a scale of 0 to 10) is called similar.",
    ),
}
"""Overrides for indicators whose unit name hides a different scale."""

DEFAULT_TOLERANCE: Final = Tolerance(
    "relative",
    0.10,
    text_nl="Een verschil van 10% of minder noemen we vergelijkbaar.",
    text_en="A difference of 10% or less is called similar.",
)

_LABELS: Final[dict[str, tuple[str, str]]] = {
    "gunstiger": ("gunstiger", "more favourable"),
    "ongunstiger": ("ongunstiger", "less favourable"),
    "vergelijkbaar": ("vergelijkbaar", "similar"),
    "hoger": ("hoger", "higher"),
    "lager": ("lager", "lower"),
    "geen gegevens": ("geen gegevens", "no data"),
}


def tolerance_for(unit: str, indicator_id: str | None = None) -> Tolerance:
    """Return the tolerance band for a unit, or the indicator's own override."""
    if indicator_id is not None and indicator_id in TOLERANCE_BY_INDICATOR:
        return TOLERANCE_BY_INDICATOR[indicator_id]
    return TOLERANCE.get(unit, DEFAULT_TOLERANCE)


def tolerance_text(unit: str, language: str = "nl", indicator_id: str | None = None) -> str:
    """Explain in one plain sentence when the UI calls a difference "vergelijkbaar"."""
    tolerance = tolerance_for(unit, indicator_id)
    return tolerance.text_en if language == "en" else tolerance.text_nl


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(float(value))


def relative_difference(
    value: float | None, bench: float | None, unit: str, *, indicator_id: str | None = None
) -> float:
    """Return the signed difference in multiples of the tolerance band (NaN when missing).

    1.0 means "exactly at the edge of vergelijkbaar"; values are comparable across units, so
    they rank what stands out in a profile (2 procentpunten and 10% km both score 1.0).
    """
    if _missing(value) or _missing(bench):
        return math.nan
    band = tolerance_for(unit, indicator_id).band(float(bench))  # type: ignore[arg-type]
    difference = float(value) - float(bench)  # type: ignore[arg-type]
    if band <= 0:
        return 0.0 if difference == 0 else math.copysign(math.inf, difference)
    return difference / band


def position(
    value: float | None, bench: float | None, unit: str, *, indicator_id: str | None = None
) -> Position:
    """Say whether a value is higher, lower or comparable, without judging."""
    score = relative_difference(value, bench, unit, indicator_id=indicator_id)
    if math.isnan(score):
        return "geen gegevens"
    if abs(score) <= 1.0 + _EPSILON:
        return "vergelijkbaar"
    return "hoger" if score > 0 else "lager"


def verdict(
    value: float | None,
    bench: float | None,
    unit: str,
    direction: Direction,
    *,
    indicator_id: str | None = None,
) -> Verdict:
    """Judge a value against its benchmark ("geen oordeel" for neutral ones outside the band)."""
    where = position(value, bench, unit, indicator_id=indicator_id)
    if where in ("geen gegevens", "vergelijkbaar"):
        return where
    if direction == "neutral":
        return "geen oordeel"
    favourable = (where == "hoger") == (direction == "higher_is_better")
    return "gunstiger" if favourable else "ongunstiger"


@dataclass(frozen=True)
class Comparison:
    """A value against a benchmark: the verdict, the plain position and the band score."""

    verdict: Verdict
    position: Position
    score: float

    def label(self, language: str = "nl") -> str:
        """Return the word to show: a verdict, or for neutral indicators "hoger"/"lager"."""
        key = self.position if self.verdict == "geen oordeel" else self.verdict
        dutch, english = _LABELS[key]
        return english if language == "en" else dutch


def compare(
    value: float | None,
    bench: float | None,
    unit: str,
    direction: Direction,
    *,
    indicator_id: str | None = None,
) -> Comparison:
    """Compare a value with its benchmark in one go (verdict, position, band score)."""
    return Comparison(
        verdict=verdict(value, bench, unit, direction, indicator_id=indicator_id),
        position=position(value, bench, unit, indicator_id=indicator_id),
        score=relative_difference(value, bench, unit, indicator_id=indicator_id),
    )
