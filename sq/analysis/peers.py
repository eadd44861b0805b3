"""Peer groups of an area and their values, read from the store (computed by sq.build.peers)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from sq.build.benchmark import benchmark_series
from sq.store.loader import Store
from sq.text.formatting import format_number
from sq.text.i18n import t


@dataclass(frozen=True)
class PeerGroup:
    """One peer group: who is in it (how many, which degree of urbanisation, which band)."""

    group_id: str
    scope: str  # "nl" | "gemeente"
    level: str
    urbanity: int
    band_low: float
    band_high: float
    members: int
    group_year: int

    def label(self, language: str = "nl") -> str:
        """Return the group in words: "38 vergelijkbare gemeenten (sterk stedelijk, ...)"."""
        kind = t(f"peers.members.{self.level}.{self.scope}", language, n=self.members)
        details = [t(f"peers.urbanity.{self.urbanity}", language)]
        if not math.isnan(self.band_low):
            details.append(self.band_text(language))
        return f"{kind} ({', '.join(details)})"

    def band_text(self, language: str = "nl") -> str:
        """Return the population band in words."""
        low = format_number(self.band_low, 0, language)
        if math.isnan(self.band_high):
            return t("peers.band.top", language, low=low)
        if self.band_low == 0:
            return t("peers.band.bottom", language, high=format_number(self.band_high, 0, language))
        high = format_number(self.band_high, 0, language)
        return t("peers.band.range", language, low=low, high=high)

    def basis(self, language: str = "nl") -> str:
        """Return the verdict's basis: "vergeleken met 38 vergelijkbare gemeenten"."""
        return t("peers.compared_with", language, group=self.label(language))


def groups_of(store: Store, region_code: str) -> list[PeerGroup]:
    """Return the area's peer groups, the NL-wide one first (empty when it has none)."""
    frame = store.peer_groups
    if frame.empty:
        return []
    own = frame[frame["region_code"] == region_code]
    if "assigned" in own:
        own = own[own["assigned"].astype(bool)]
    own = own.sort_values("scope", key=lambda s: s.map({"nl": 0, "gemeente": 1}))
    return [
        PeerGroup(
            group_id=str(row.group_id),
            scope=str(row.scope),
            level=str(row.level),
            urbanity=int(row.urbanity),
            band_low=float(row.band_low),
            band_high=float(row.band_high),
            members=int(row.members),
            group_year=int(row.group_year),
        )
        for row in own.itertuples()
    ]


def primary_group(store: Store, region_code: str) -> PeerGroup | None:
    """Return the group the profile compares with (the NL-wide one), or None."""
    groups = groups_of(store, region_code)
    return groups[0] if groups else None


def peer_series(store: Store, group: PeerGroup | None, rows: pd.DataFrame) -> pd.DataFrame:
    """Return the group's value for each (indicator_id, year) in rows, like benchmark_series."""
    values = store.peer_values
    if group is None or values.empty:
        values = pd.DataFrame({"region_code": [], "indicator_id": [], "year": [], "value": []})
    else:
        values = values[values["group_id"] == group.group_id].rename(
            columns={"group_id": "region_code"}
        )
    code = group.group_id if group else ""
    return benchmark_series(values.assign(computed=True), code, rows)
