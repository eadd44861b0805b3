"""Direction-aware verdicts of a value against a benchmark, with a documented tolerance band.

A difference inside the tolerance band is called "vergelijkbaar": figures are estimates or
rounded, and a small difference is no reason for a conversation about "better" or "worse".

The band per unit is declared with the unit in data/indicators.toml. It is calibrated to
roughly a third of the usual spread between gemeenten (2020 store: vrijwilligerswerk sd 4.8 pp,
income cv 12%, distances cv 25-35%, Leefbaarometer scores sd 0.03-0.08):

- ``%``: within 2 procentpunten (absolute);
- ``km``: within 10% of the benchmark, but at least 0.1 km (the published precision);
- ``per 1.000 inwoners``: within 10%, but at least 1 per 1.000;
- ``x 1.000 euro``: within 5%, but at least 0.1 (100 euro); incomes differ less than rates;
- ``score`` (Leefbaarometer deviations around 0): within 0.01 absolute;
- any other unit: within 10%.

An indicator's own `tolerance` in the catalogue overrides its unit's where the unit name hides
another scale (the Veiligheidsmonitor's 0-10 cohesion score: within 0.2).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Final, Literal

from sq.catalogue import Direction, Tolerance, unit
from sq.text.i18n import t

Verdict = Literal["gunstiger", "vergelijkbaar", "ongunstiger", "geen oordeel", "geen gegevens"]
Position = Literal["hoger", "vergelijkbaar", "lager", "geen gegevens"]

_EPSILON: Final = 1e-9
"""Guards the band edge against float noise (1.1 - 1.0 > 0.1 in binary)."""


def tolerance_for(unit_id: str, tolerance: Tolerance | None = None) -> Tolerance:
    """Return the tolerance band for a unit, or the indicator's own override."""
    return tolerance if tolerance is not None else unit(unit_id).tolerance


def _missing(value: float | None) -> bool:
    return value is None or not math.isfinite(float(value))


def relative_difference(
    value: float | None, bench: float | None, unit: str, *, tolerance: Tolerance | None = None
) -> float:
    """Return the signed difference in multiples of the tolerance band (NaN when missing).

    1.0 means "exactly at the edge of vergelijkbaar"; values are comparable across units, so
    they rank what stands out in a profile (2 procentpunten and 10% km both score 1.0).
    """
    if _missing(value) or _missing(bench):
        return math.nan
    band = tolerance_for(unit, tolerance).band(float(bench))  # type: ignore[arg-type]
    difference = float(value) - float(bench)  # type: ignore[arg-type]
    if band <= 0:
        return 0.0 if difference == 0 else math.copysign(math.inf, difference)
    return difference / band


def position(
    value: float | None, bench: float | None, unit: str, *, tolerance: Tolerance | None = None
) -> Position:
    """Say whether a value is higher, lower or comparable, without judging."""
    score = relative_difference(value, bench, unit, tolerance=tolerance)
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
    tolerance: Tolerance | None = None,
) -> Verdict:
    """Judge a value against its benchmark ("geen oordeel" for neutral ones outside the band)."""
    where = position(value, bench, unit, tolerance=tolerance)
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
        return t(f"verdict.{key}", language)


def compare(
    value: float | None,
    bench: float | None,
    unit: str,
    direction: Direction,
    *,
    tolerance: Tolerance | None = None,
) -> Comparison:
    """Compare a value with its benchmark in one go (verdict, position, band score)."""
    return Comparison(
        verdict=verdict(value, bench, unit, direction, tolerance=tolerance),
        position=position(value, bench, unit, tolerance=tolerance),
        score=relative_difference(value, bench, unit, tolerance=tolerance),
    )
