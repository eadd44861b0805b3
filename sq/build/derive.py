"""From raw source variables to indicator observations, as the catalogue declares them."""

from __future__ import annotations

from typing import Final

import numpy as np
import pandas as pd

from sq.catalogue import Catalogue, SourceMapping
from sq.codes import gemeente_of
from sq.ingest.sources import FIXED_INDELING

STORE_OBSERVATION_COLUMNS: Final = (
    "region_code",
    "year",
    "area_year",  # the year of the boundaries the figure belongs to (see FIXED_INDELING)
    "indicator_id",
    "value",
    "suppressed",
    "estimate",
    "year_uncertain",
    "computed",
    "source",
    "note",
    "decimals",  # decimals the source publishes the figure with (shown with as many, no more)
    "edition",  # the Kerncijfers edition the figure comes from (None for other sources)
)


def apply_reference_years(raw: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Give edition rows the year they describe, or flag the year as not established.

    The catalogue's `[[reference_year]]` blocks say, from the sources' metadata, which year an
    edition describes. Where it is established the year becomes that year; where it is not, the
    year stays the edition and is flagged `year_uncertain`. Never a guess.
    """
    out = raw.assign(edition=pd.array([pd.NA] * len(raw), dtype="Int64"))
    for block in catalogue.reference_years:
        mask = (out["source"] == block.source) & out["year"].isin(block.editions)
        if block.variables:
            mask &= out["variable"].isin(block.variables)
        if not mask.any():
            continue
        out.loc[mask, "edition"] = out.loc[mask, "year"].astype("int64").to_numpy()
        if block.offset is None:
            out.loc[mask, "year_uncertain"] = True
        else:
            out.loc[mask, "year"] = out.loc[mask, "year"] + block.offset
    return out


MAX_DECIMALS: Final = 3
RATE_DECIMALS: Final = 1
"""Decimals of a rate we compute from counts (per 1.000 inwoners), unless the catalogue says."""


def value_decimals(values: pd.Series) -> pd.Series:
    """Return, per value, the fewest decimals that write it exactly (at most MAX_DECIMALS)."""
    numbers = values.to_numpy(dtype="float64")
    out = np.full(len(numbers), MAX_DECIMALS, dtype="int64")
    for places in range(MAX_DECIMALS - 1, -1, -1):
        exact = np.abs(np.round(numbers, places) - numbers) < 1e-9
        out[exact] = places
    return pd.Series(out, index=values.index)


def source_decimals(rows: pd.DataFrame) -> pd.Series:
    """Return each row's source precision: the most decimals its variable has in that year.

    A source that publishes whole numbers (PDOK income, arbeidsparticipatie) gets 0, so a
    figure is never shown more precisely than it was published.
    """
    has = rows["value"].notna()
    places = value_decimals(rows["value"].where(has, 0.0)).where(has)
    keys = [rows["variable"], rows["year"]]
    return places.groupby(keys).transform("max").astype("Int64")


def needed_variables(catalogue: Catalogue) -> set[tuple[str, str]]:
    """Return every (source, variable) pair the catalogue reads, incl. population."""
    pairs: set[tuple[str, str]] = set()
    mappings = [m for i in catalogue.indicators for m in i.sources]
    mappings += list(catalogue.population_sources)
    for mapping in mappings:
        for name in (mapping.variable or mapping.numerator, mapping.gemeente_variable):
            if name:
                pairs.add((mapping.source, name))
    return pairs


def keep_needed(observations: pd.DataFrame, needed: set[tuple[str, str]]) -> pd.DataFrame:
    """Keep only the raw rows whose (source, variable) the catalogue reads."""
    if observations.empty:
        return observations
    keys = pd.Series(list(zip(observations["source"], observations["variable"], strict=True)))
    mask = keys.isin(needed).to_numpy()
    return observations.loc[mask].reset_index(drop=True)


def _pick_first(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Per key keep the row with a value from the highest-priority source, else a missing one."""
    ordered = frame.assign(_has=frame["value"].notna()).sort_values(
        [*keys, "_has", "_priority"], ascending=[True] * len(keys) + [False, True], kind="stable"
    )
    return ordered.drop_duplicates(keys, keep="first").drop(columns=["_has", "_priority"])


def population_series(raw: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Return inhabitants per region and year: columns region_code, year, population."""
    parts = []
    for priority, mapping in enumerate(catalogue.population_sources):
        rows = raw[(raw["source"] == mapping.source) & (raw["variable"] == mapping.variable)]
        rows = rows[rows["region_code"].notna()]
        parts.append(rows.assign(_priority=priority)[["region_code", "year", "value", "_priority"]])
    if not parts:
        return pd.DataFrame({"region_code": [], "year": [], "population": []})
    merged = _pick_first(pd.concat(parts, ignore_index=True), ["region_code", "year"])
    merged = merged[merged["value"].notna() & (merged["value"] > 0)]
    return merged.rename(columns={"value": "population"}).reset_index(drop=True)


def weights_for(pairs: pd.DataFrame, population: pd.DataFrame, max_gap: int = 10) -> pd.Series:
    """Return population weights for (region_code, year) pairs, nearest year within max_gap."""
    if pairs.empty:
        return pd.Series(dtype="float64")
    left = pairs[["region_code", "year"]].reset_index().sort_values("year")
    right = population[["region_code", "year", "population"]].sort_values("year")
    left["year"] = left["year"].astype("int64")
    right = right.assign(year=right["year"].astype("int64"))
    joined = pd.merge_asof(
        left, right, on="year", by="region_code", direction="nearest", tolerance=max_gap
    )
    return joined.set_index("index")["population"].reindex(pairs.index)


def _rows_for(raw: pd.DataFrame, mapping: SourceMapping, population: pd.DataFrame) -> pd.DataFrame:
    """Return indicator rows from one source mapping (plain variable or rate per inhabitants)."""
    name = mapping.variable or mapping.numerator
    rows = raw[(raw["source"] == mapping.source) & (raw["variable"] == name)]
    rows = rows[rows["region_code"].notna()].copy()
    if rows.empty:
        return rows.assign(note="", decimals=pd.array([], dtype="Int64"))
    if not mapping.is_rate:
        rows["note"] = ""
        declared = mapping.decimals
        rows["decimals"] = source_decimals(rows) if declared is None else declared
        rows["decimals"] = rows["decimals"].astype("Int64")
        return rows
    exact = rows.merge(population, on=["region_code", "year"], how="left")
    exact["decimals"] = pd.array(
        [RATE_DECIMALS if mapping.decimals is None else mapping.decimals] * len(exact),
        dtype="Int64",
    )
    value = exact["value"] / exact["population"] * mapping.scale
    exact["value"] = value.where(exact["population"] > 0, np.nan)
    exact["suppressed"] = exact["suppressed"] | exact["value"].isna()
    exact["note"] = "berekend: aantal gedeeld door inwoners van hetzelfde jaar"
    return exact.drop(columns=["population"])


def gemeente_rows(raw: pd.DataFrame, mapping: SourceMapping) -> pd.DataFrame:
    """Return the source's own gemeente value (e.g. the mean of Heerenveen's 30 areas)."""
    rows = raw[(raw["source"] == mapping.source) & (raw["variable"] == mapping.gemeente_variable)]
    rows = rows[rows["region_code"].notna()].copy()
    if rows.empty:
        return rows
    rows["region_code"] = rows["region_code"].map(gemeente_of)
    rows = rows[rows["region_code"].notna()].drop_duplicates(["region_code", "year"])
    # Copied from the source, not computed by us: flagged as the source's own figure.
    return rows.assign(
        note="gemiddelde van de gebieden zoals de bron het geeft",
        computed=False,
        decimals=source_decimals(rows),
    )


def derive_observations(
    raw: pd.DataFrame, catalogue: Catalogue, population: pd.DataFrame
) -> pd.DataFrame:
    """Map raw variables to indicators; per area/year/indicator the first listed source wins."""
    parts = []
    for indicator in catalogue.indicators:
        for priority, mapping in enumerate(indicator.sources):
            rows = _rows_for(raw, mapping, population)
            if rows.empty:
                continue
            rows = rows.assign(indicator_id=indicator.id, _priority=priority, computed=False)
            if mapping.gemeente_variable:
                extra = gemeente_rows(raw, mapping)
                rows = pd.concat(
                    [rows, extra.assign(indicator_id=indicator.id, _priority=priority)]
                )
            rows["estimate"] = rows["estimate"] | (
                indicator.estimate & rows["source"].str.startswith(("rivm", "cbs-odata-50"))
            )
            parts.append(rows)
    if not parts:
        return pd.DataFrame({c: [] for c in STORE_OBSERVATION_COLUMNS})
    merged = _pick_first(
        pd.concat(parts, ignore_index=True), ["region_code", "year", "indicator_id"]
    )
    if "edition" not in merged:
        merged["edition"] = pd.NA
    merged["edition"] = merged["edition"].astype("Int64")
    merged["year"] = merged["year"].astype("int64")
    fixed = merged["source"].map(FIXED_INDELING)
    merged["area_year"] = fixed.fillna(merged["year"]).astype("int64")
    return merged.loc[:, list(STORE_OBSERVATION_COLUMNS)].reset_index(drop=True)
