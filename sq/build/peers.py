"""Peer groups ("vergelijkbare gemeenten / wijken") and their values, computed at build time.

One year's set of areas defines the groups: the CBS 2022 gemeenten and wijken with their
degree of urbanisation (mate van stedelijkheid, 1 zeer sterk ... 5 niet stedelijk).

- A gemeente's group: gemeenten of the same degree of urbanisation and the same population
  band (`BANDS`). When that cell holds fewer than `MIN_MEMBERS` gemeenten, the band is dropped
  and the group is all gemeenten of that degree of urbanisation (rows with ``assigned`` False
  list the members that are themselves compared with their banded group).
- A wijk has two groups: wijken of the same degree across the Netherlands (scope ``nl``), and
  wijken of the same degree within its own gemeente (scope ``gemeente``, at least
  `MIN_MEMBERS_GEMEENTE` wijken).

A group's value is weighted the way the NL benchmark is: by inhabitants (for rates per
inhabitant this equals sum of counts / sum of inhabitants), over the group's members that have a
value in that year; it is published only when at least `MIN_COVERAGE` of the members have one.
The area itself is one of the members. Peer values are kept apart from the observations (their
own table in the store), so they never mix with NL, provincie or gemeente values.
"""

from __future__ import annotations

from typing import Final

import pandas as pd

from sq.build.derive import weights_for
from sq.catalogue import Catalogue

BANDS: Final = ((0, 20_000), (20_000, 50_000), (50_000, 100_000), (100_000, None))
"""Population bands of gemeenten (inhabitants, lower bound inclusive)."""

MIN_MEMBERS: Final = 5
MIN_MEMBERS_GEMEENTE: Final = 3
MIN_COVERAGE: Final = 0.75
GROUP_YEAR: Final = 2022
"""The year whose set of areas defines the groups (the CBS 2022 file with urbanity)."""

GROUP_COLUMNS: Final = (
    "region_code",
    "scope",  # "nl" | "gemeente"
    "group_id",
    "level",
    "urbanity",
    "band_low",  # inhabitants, lower bound; NaN when the group has no band
    "band_high",  # NaN for the top band or no band
    "gemeente_code",  # only for scope "gemeente"
    "members",
    "group_year",
    "assigned",  # False: a member of the group that is itself compared with another group
)
VALUE_COLUMNS: Final = ("group_id", "year", "indicator_id", "value", "parts", "members")


def band_of(population: float) -> int | None:
    """Return the index of the population band, or None for an unknown population."""
    if pd.isna(population):
        return None
    for number, (low, high) in enumerate(BANDS):
        if population >= low and (high is None or population < high):
            return number
    return None


def _gemeente_groups(gemeenten: pd.DataFrame) -> pd.DataFrame:
    frame = gemeenten.assign(band=gemeenten["population"].map(band_of))
    size = frame.groupby(["urbanity", "band"], dropna=False)["region_code"].transform("size")
    banded = frame["band"].notna() & (size >= MIN_MEMBERS)
    band = frame["band"].where(banded)
    frame = frame.assign(
        group_id=[
            f"PEER-GM-U{u}" + (f"-B{int(b)}" if pd.notna(b) else "")
            for u, b in zip(frame["urbanity"], band, strict=True)
        ],
        band_low=[BANDS[int(b)][0] if pd.notna(b) else float("nan") for b in band],
        band_high=[
            float(BANDS[int(b)][1]) if pd.notna(b) and BANDS[int(b)][1] else float("nan")
            for b in band
        ],
        scope="nl",
        gemeente_code=None,
        assigned=True,
    )
    fallback = set(frame.loc[~banded, "urbanity"])
    extra = frame[banded & frame["urbanity"].isin(fallback)]
    extra = extra.assign(
        group_id="PEER-GM-U" + extra["urbanity"].astype(str),
        band_low=float("nan"),
        band_high=float("nan"),
        assigned=False,
    )
    return pd.concat([frame, extra], ignore_index=True)


def _wijk_groups(wijken: pd.DataFrame) -> pd.DataFrame:
    gemeente = wijken["region_code"].str.slice(2, 6).radd("GM")
    nl = wijken.assign(
        group_id="PEER-WK-U" + wijken["urbanity"].astype(str), scope="nl", gemeente_code=None
    )
    local = wijken.assign(
        group_id="PEER-WK-U" + wijken["urbanity"].astype(str) + "-" + gemeente,
        scope="gemeente",
        gemeente_code=gemeente,
    )
    size = local.groupby("group_id")["region_code"].transform("size")
    local = local[size >= MIN_MEMBERS_GEMEENTE]
    return pd.concat([nl, local], ignore_index=True).assign(
        band_low=float("nan"), band_high=float("nan"), assigned=True
    )


def peer_groups(urbanity: pd.DataFrame) -> pd.DataFrame:
    """Assign each gemeente and wijk to its peer group(s); columns `GROUP_COLUMNS`."""
    if urbanity.empty:
        return pd.DataFrame({c: [] for c in GROUP_COLUMNS})
    gemeenten = urbanity[urbanity["level"] == "gemeente"]
    wijken = urbanity[urbanity["level"] == "wijk"]
    frame = pd.concat([_gemeente_groups(gemeenten), _wijk_groups(wijken)], ignore_index=True)
    frame["members"] = frame.groupby("group_id")["region_code"].transform("size")
    frame["group_year"] = GROUP_YEAR
    frame["urbanity"] = frame["urbanity"].astype("int64")
    return frame.loc[:, list(GROUP_COLUMNS)].reset_index(drop=True)


def peer_values(
    observations: pd.DataFrame,
    groups: pd.DataFrame,
    population: pd.DataFrame,
    catalogue: Catalogue,
) -> pd.DataFrame:
    """Compute each group's value per year and indicator, weighted by inhabitants."""
    empty = pd.DataFrame({c: [] for c in VALUE_COLUMNS})
    if groups.empty or observations.empty:
        return empty
    aggregatable = {i.id for i in catalogue.indicators if i.aggregation != "none"}
    rows = observations[
        observations["value"].notna()
        & observations["indicator_id"].isin(aggregatable)
        & observations["region_code"].isin(set(groups["region_code"]))
    ][["region_code", "year", "indicator_id", "value"]]
    rows = rows.merge(groups[["region_code", "group_id", "members"]], on="region_code")
    if rows.empty:
        return empty
    rows = rows.assign(weight=weights_for(rows, population).to_numpy())
    rows = rows[rows["weight"].notna() & (rows["weight"] > 0)]
    rows = rows.assign(weighted=rows["value"] * rows["weight"])
    grouped = rows.groupby(["group_id", "year", "indicator_id"], as_index=False).agg(
        weighted=("weighted", "sum"),
        weight=("weight", "sum"),
        parts=("region_code", "nunique"),
        members=("members", "first"),
    )
    grouped = grouped[grouped["parts"] >= MIN_COVERAGE * grouped["members"]]
    grouped["value"] = grouped["weighted"] / grouped["weight"]
    grouped["year"] = grouped["year"].astype("int64")
    return grouped.loc[:, list(VALUE_COLUMNS)].reset_index(drop=True)
