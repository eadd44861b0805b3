"""What changed between two builds of the store: new years, revised values, codes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

KEY = ["indicator_id", "region_code", "year"]
TOLERANCE = 1e-9


@dataclass
class StoreChanges:
    """Differences between an old and a new store (the old may be absent: everything is new)."""

    new_years: dict[str, list[int]] = field(default_factory=dict)
    revised: int = 0
    largest: dict[str, Any] | None = None
    new_codes: list[str] = field(default_factory=list)
    vanished_codes: list[str] = field(default_factory=list)

    @property
    def any(self) -> bool:
        """Tell whether anything changed."""
        return bool(self.new_years or self.revised or self.new_codes or self.vanished_codes)

    def lines(self) -> list[str]:
        """Describe the changes in plain Dutch, one line each."""
        if not self.any:
            return ["Geen veranderingen in de cijfers."]
        out = [
            f"Nieuwe jaren voor {i}: {', '.join(map(str, y))}" for i, y in self.new_years.items()
        ]
        if self.revised:
            big = self.largest or {}
            out.append(
                f"{self.revised} cijfer(s) herzien; grootste verandering: {big.get('indicator_id')}"
                f" {big.get('region_code')} {big.get('year')}: {big.get('old'):g} → "
                f"{big.get('new'):g}"
            )
        for label, codes in (("Nieuwe", self.new_codes), ("Verdwenen", self.vanished_codes)):
            if codes:
                shown = ", ".join(codes[:10]) + (" ..." if len(codes) > 10 else "")
                out.append(f"{label} gebiedscodes ({len(codes)}): {shown}")
        return out


def _values(observations: pd.DataFrame) -> pd.DataFrame:
    """One value per (indicator, region, year): the figures that have a value."""
    with_value = observations[observations["value"].notna()]
    return with_value.drop_duplicates(KEY)[[*KEY, "value"]]


def _new_years(old: pd.DataFrame, new: pd.DataFrame) -> dict[str, list[int]]:
    """Per indicator, the years with values now that had none before."""
    before = set(zip(old["indicator_id"], old["year"], strict=True))
    pairs = {(i, int(y)) for i, y in zip(new["indicator_id"], new["year"], strict=True)}
    found: dict[str, list[int]] = {}
    for indicator_id, year in sorted(pairs - before):
        found.setdefault(str(indicator_id), []).append(year)
    return found


def store_changes(
    old_obs: pd.DataFrame | None,
    new_obs: pd.DataFrame,
    old_regions: pd.DataFrame | None,
    new_regions: pd.DataFrame,
) -> StoreChanges:
    """Compare the old store's observations and regions with the new one's."""
    empty = new_obs.iloc[0:0]
    old, new = _values(old_obs if old_obs is not None else empty), _values(new_obs)
    changes = StoreChanges(new_years=_new_years(old, new))
    both = old.merge(new, on=KEY, suffixes=("_old", "_new"))
    delta = (both["value_new"] - both["value_old"]).abs()
    revised = both[delta > TOLERANCE]
    changes.revised = len(revised)
    if len(revised):
        row = revised.loc[delta[delta > TOLERANCE].idxmax()]
        changes.largest = {
            "indicator_id": row["indicator_id"],
            "region_code": row["region_code"],
            "year": int(row["year"]),
            "old": float(row["value_old"]),
            "new": float(row["value_new"]),
        }
    before = set(old_regions["region_code"]) if old_regions is not None else set()
    after = set(new_regions["region_code"])
    changes.new_codes = sorted(after - before) if old_regions is not None else []
    changes.vanished_codes = sorted(before - after)
    return changes
