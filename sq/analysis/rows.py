"""One indicator row of an area profile: its value, benchmarks, verdicts, badges and trend."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from sq.analysis.verdict import Comparison
from sq.catalogue import Indicator
from sq.text.i18n import t

Status = Literal["gegevens", "geen gegevens", "nog geen gegevens"]


def badge_label(badge: str, language: str = "nl") -> str:
    """Return a badge in the requested language."""
    return t(f"badge.{badge}", language)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator for the area: latest value, benchmarks, verdicts, badges and trend.

    `comparison` is against the Netherlands; `gemeente_comparison` against the area's own
    gemeente (wijk, buurt and dorp only; Heerenveen's area scans have only that benchmark).
    """

    indicator: Indicator
    status: Status
    year: int | None
    value: float
    nl_value: float
    nl_year: int | None
    nl_computed: bool
    gemeente_value: float | None
    gemeente_year: int | None
    comparison: Comparison
    gemeente_comparison: Comparison | None
    badges: tuple[str, ...]
    trend: tuple[tuple[int, float], ...]
    source: str
    note: str
    coverage: str = ""  # why the source has no figure for this level ("" when it does)
    decimals: int | None = None  # decimals the source publishes the value with
    nl_decimals: int | None = None
    gemeente_decimals: int | None = None
    edition: int | None = None  # the Kerncijfers edition, when it is not the figure's year
    peer_value: float = math.nan
    peer_year: int | None = None
    peer_comparison: Comparison | None = None
    local_peer_value: float = math.nan  # the wijk's peers within its own gemeente
    local_peer_year: int | None = None
    has_local_peers: bool = False  # True when the area has such a group (value or not)

    @property
    def has_value(self) -> bool:
        """Tell whether the area has a value to show."""
        return self.status == "gegevens"

    @property
    def publisher(self) -> str:
        """Return who publishes the figures (from the catalogue)."""
        return self.indicator.publisher

    def status_label(self, language: str = "nl") -> str:
        """Return why a value is missing ("" when there is one)."""
        if self.coverage and not self.has_value:
            return self.coverage
        return t(f"status.{self.status}", language)
