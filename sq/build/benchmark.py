"""Benchmarks: Netherlands, provincie and gemeente values, from the source or computed.

Where a source publishes the value of the larger area, that value is used. Otherwise it is
computed from the areas inside it, weighted by their number of inhabitants (for rates per
inhabitant this equals sum of counts / sum of inhabitants), and flagged `computed`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import pandas as pd

from sq.build.derive import STORE_OBSERVATION_COLUMNS, weights_for
from sq.catalogue import Catalogue
from sq.codes import NL_CODE

MIN_COVERAGE: Final = {"land": 0.9, "provincie": 0.9, "gemeente": 0.75}
"""Share of the parts that must have a value before a computed benchmark is published."""


@dataclass(frozen=True)
class Membership:
    """Which parts make up which larger area: child level, parent level and the pairs."""

    child_level: str
    parent_level: str
    pairs: pd.DataFrame  # region_code (child), parent_code


def region_list_year(regions: pd.DataFrame, level: str, year: int) -> int | None:
    """Return the year of the nearest *complete* region list of a level.

    Some sources list only part of the country (KWB 2025: Fryslân only); a year counts as
    complete when it lists at least 80% of the most parts any year lists at this level.
    """
    children = regions[regions["level"] == level]
    if children.empty:
        return None
    per_year = children.groupby("year")["region_code"].nunique()
    complete = per_year[per_year >= 0.8 * per_year.max()].index
    return int(min(complete, key=lambda y: (abs(int(y) - year), -int(y))))


def parts_of(regions: pd.DataFrame, membership: Membership, year: int) -> pd.DataFrame:
    """Return the (region_code, parent_code) pairs of one year's set of parts.

    One year's set only: a gemeente that did not exist yet in that region list (a later merger
    of gemeenten that are already counted) is never added on top of its predecessors.
    """
    nearest = region_list_year(regions, membership.child_level, year)
    if nearest is None:
        return membership.pairs.iloc[0:0]
    children = regions[(regions["level"] == membership.child_level) & (regions["year"] == nearest)]
    codes = children[["region_code"]].drop_duplicates()
    return codes.merge(membership.pairs, on="region_code", how="inner")


def expected_parts(regions: pd.DataFrame, membership: Membership, year: int) -> pd.Series:
    """Count the parts each parent has in the nearest complete region list."""
    return parts_of(regions, membership, year).groupby("parent_code").size()


def _grouped_by_area_year(
    rows: pd.DataFrame, regions: pd.DataFrame, membership: Membership
) -> pd.DataFrame:
    """Sum weighted values per parent, year, indicator and boundary year, over one set of parts."""
    groups = []
    for area_year, part in rows.groupby("area_year"):
        pairs = parts_of(regions, membership, int(area_year))
        part = part.merge(pairs, on="region_code", how="inner")
        if part.empty:
            continue
        grouped = part.groupby(["parent_code", "year", "indicator_id"], as_index=False).agg(
            weighted=("weighted", "sum"),
            weight=("weight", "sum"),
            parts=("region_code", "nunique"),
            estimate=("estimate", "any"),
            year_uncertain=("year_uncertain", "any"),
            decimals=("decimals", "max"),
            edition=("edition", "max"),
            source=("source", lambda s: ", ".join(sorted(set(s)))),
        )
        expected = pairs.groupby("parent_code").size()
        share = grouped["parts"] / grouped["parent_code"].map(expected)
        groups.append(grouped.assign(area_year=int(area_year), coverage=share.clip(upper=1.0)))
    if not groups:
        return pd.DataFrame()
    out = pd.concat(groups, ignore_index=True)
    # Per parent, year and indicator the most complete set of parts wins (one set, never two).
    out = out.sort_values(["coverage", "parts"], ascending=False, kind="stable")
    return out.drop_duplicates(["parent_code", "year", "indicator_id"]).reset_index(drop=True)


def _weighted_child_rows(
    observations: pd.DataFrame,
    population: pd.DataFrame,
    catalogue: Catalogue,
    membership: Membership,
) -> pd.DataFrame:
    """Return the children's aggregatable values with an inhabitants weight."""
    child_codes = set(membership.pairs["region_code"])
    rows = observations[
        observations["region_code"].isin(child_codes) & observations["value"].notna()
    ]
    rows = rows.assign(weight=weights_for(rows, population).to_numpy())
    rows = rows[rows["weight"].notna()]
    aggregatable = {i.id for i in catalogue.indicators if i.aggregation != "none"}
    return rows[rows["indicator_id"].isin(aggregatable)]


def _without_existing(grouped: pd.DataFrame, observations: pd.DataFrame) -> pd.DataFrame:
    """Drop the parent values a source already gives (same code, year and indicator)."""
    existing = observations[observations["region_code"].isin(set(grouped["parent_code"]))]
    existing_keys = set(
        zip(existing["region_code"], existing["year"], existing["indicator_id"], strict=True)
    )
    fresh = [
        (code, year, ind) not in existing_keys
        for code, year, ind in zip(
            grouped["parent_code"], grouped["year"], grouped["indicator_id"], strict=True
        )
    ]
    return grouped[pd.Series(fresh, index=grouped.index, dtype=bool)]


def _computed_observations(grouped: pd.DataFrame, parent_level: str) -> pd.DataFrame:
    """Return the grouped parent values as store observations with an explaining note."""
    label = {"land": "gemeenten", "provincie": "gemeenten", "gemeente": "wijken"}[parent_level]
    return pd.DataFrame(
        {
            "region_code": grouped["parent_code"],
            "year": grouped["year"].astype("int64"),
            "area_year": grouped["area_year"].astype("int64"),
            "indicator_id": grouped["indicator_id"],
            "value": grouped["value"],
            "suppressed": False,
            "estimate": grouped["estimate"].astype(bool),
            "year_uncertain": grouped["year_uncertain"].astype(bool),
            "computed": True,
            "source": grouped["source"],
            "note": [
                f"berekend uit {n} {label} ({c:.0%} van alle {label} in de indeling van {y}), "
                "gewogen naar inwoners"
                for n, c, y in zip(
                    grouped["parts"], grouped["coverage"], grouped["area_year"], strict=True
                )
            ],
            "decimals": grouped["decimals"].astype("Int64"),
            "edition": grouped["edition"].astype("Int64"),
        }
    ).reset_index(drop=True)


def aggregate(
    observations: pd.DataFrame,
    regions: pd.DataFrame,
    population: pd.DataFrame,
    catalogue: Catalogue,
    membership: Membership,
) -> pd.DataFrame:
    """Compute parent values (weighted by inhabitants) where no source gives them."""
    rows = _weighted_child_rows(observations, population, catalogue, membership)
    if rows.empty:
        return pd.DataFrame({c: [] for c in STORE_OBSERVATION_COLUMNS})
    rows = rows.assign(weighted=rows["value"] * rows["weight"])
    for optional in ("decimals", "edition"):  # stores of older formats lack these
        if optional not in rows:
            rows[optional] = pd.array([pd.NA] * len(rows), dtype="Int64")
    grouped = _grouped_by_area_year(rows, regions, membership)
    if grouped.empty:
        return pd.DataFrame({c: [] for c in STORE_OBSERVATION_COLUMNS})
    grouped["value"] = grouped["weighted"] / grouped["weight"]
    grouped = grouped[grouped["coverage"] >= MIN_COVERAGE[membership.parent_level]]
    grouped = _without_existing(grouped, observations)
    return _computed_observations(grouped, membership.parent_level)


def memberships(regions: pd.DataFrame) -> list[Membership]:
    """Return the part-of relations the store computes: wijk→gemeente, gemeente→provincie/NL."""
    gemeenten = regions.loc[regions["level"] == "gemeente", ["region_code", "provincie_code"]]
    gemeenten = gemeenten.drop_duplicates("region_code")
    wijken = regions.loc[regions["level"] == "wijk", ["region_code", "gemeente_code"]]
    wijken = wijken.drop_duplicates("region_code")
    return [
        Membership(
            "wijk", "gemeente", wijken.rename(columns={"gemeente_code": "parent_code"}).dropna()
        ),
        Membership(
            "gemeente",
            "provincie",
            gemeenten.rename(columns={"provincie_code": "parent_code"}).dropna(),
        ),
        Membership("gemeente", "land", gemeenten[["region_code"]].assign(parent_code=NL_CODE)),
    ]


def add_benchmarks(
    observations: pd.DataFrame,
    regions: pd.DataFrame,
    population: pd.DataFrame,
    catalogue: Catalogue,
) -> pd.DataFrame:
    """Add computed gemeente (from wijken), provincie and NL rows where sources give none."""
    result = observations
    for membership in memberships(regions):
        extra = aggregate(result, regions, population, catalogue, membership)
        if not extra.empty:
            result = pd.concat([result, extra], ignore_index=True)
    return round_computed(result)


def round_computed(observations: pd.DataFrame) -> pd.DataFrame:
    """Round computed values to their sources' precision, once, after every exact sum.

    The sums above use the exact values (a provincie from exact gemeente values); only the
    stored figure is rounded, so exports carry 29.4 and not 29.422755197651536.
    """
    rows = observations["computed"].astype(bool) & observations["decimals"].notna()
    if not rows.any():
        return observations
    out = observations.copy()
    values = out.loc[rows, "value"].to_numpy(dtype="float64")
    places = out.loc[rows, "decimals"].astype("int64").to_numpy()
    out.loc[rows, "value"] = [round_half_up(v, int(p)) for v, p in zip(values, places, strict=True)]
    return out


def round_half_up(value: float, places: int) -> float:
    """Round as statistics offices do (22.5 -> 23, not Python's 22), on the decimal text."""
    if not math.isfinite(value):
        return value
    step = Decimal(1).scaleb(-places)
    return float(Decimal(repr(float(value))).quantize(step, rounding=ROUND_HALF_UP))


def benchmark_series(
    observations: pd.DataFrame, region_code: str, rows: pd.DataFrame, max_gap: int = 2
) -> pd.DataFrame:
    """Return, for each (indicator_id, year) in rows, the benchmark area's value of that year.

    When the benchmark has no value in that year, the nearest year within `max_gap` is used
    and named in `benchmark_year`, so a comparison never hides a difference in years.
    """
    columns = ["indicator_id", "year", "value", "computed"]
    columns += ["decimals"] if "decimals" in observations else []
    bench = observations[
        (observations["region_code"] == region_code) & observations["value"].notna()
    ][columns]
    out = rows[["indicator_id", "year"]].copy()
    values, years, computed, places = [], [], [], []
    grouped = {k: g for k, g in bench.groupby("indicator_id")}
    for indicator_id, year in zip(out["indicator_id"], out["year"], strict=True):
        group = grouped.get(indicator_id)
        if group is None or group.empty:
            values.append(float("nan"))
            years.append(pd.NA)
            computed.append(False)
            places.append(pd.NA)
            continue
        gaps = (group["year"] - int(year)).abs()
        best = group.loc[gaps.sort_values(kind="stable").index[0]]
        ok = abs(int(best["year"]) - int(year)) <= max_gap
        values.append(float(best["value"]) if ok else float("nan"))
        years.append(int(best["year"]) if ok else pd.NA)
        computed.append(bool(best["computed"]) if ok else False)
        places.append(best.get("decimals", pd.NA) if ok else pd.NA)
    out["benchmark_value"] = values
    out["benchmark_year"] = pd.array(years, dtype="Int64")
    out["benchmark_computed"] = computed
    out["benchmark_decimals"] = pd.array(
        [pd.NA if pd.isna(p) else int(p) for p in places], dtype="Int64"
    )
    return out
