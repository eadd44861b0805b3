"""Match region names (sources without codes) to region codes of the same or nearest year.

Only exact matches on folded names and listed spelling variants are made: a name that does
not match, or matches more than one region, stays unmatched and is listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final

import pandas as pd

from sq.codes import fold_name, gemeente_of

ALIASES: Final = {
    "den haag": "s gravenhage",
    "s gravenhage gemeente": "s gravenhage",
    "den bosch": "s hertogenbosch",
    "nuenen c a": "nuenen gerwen en nederwetten",
    "sudwest friesland": "sudwest fryslan",
    "sudwest fryslan": "sudwest fryslan",
    "de friese meren": "de fryske marren",
    "dantumadeel": "dantumadiel",
    "tietjerksteradeel": "tytsjerksteradiel",
    "ferwerderadeel": "ferwerderadiel",
    "littenseradeel": "littenseradiel",
    "menaldumadeel": "menameradiel",
    "noordoost friesland": "noardeast fryslan",
}
"""Folded spelling variant -> folded canonical form; both sides are folded the same way."""

_SUFFIX: Final = re.compile(
    r"\s*\((?:l|o|nh|zh|nb|gld|gl|g|u|z|d|fr|fl|gr|ov|li|gemeente)\.?\)\s*$", re.IGNORECASE
)
"""Province or ``(gemeente)`` suffixes, e.g. ``Hengelo (O.)``, ``Utrecht (gemeente)``."""

_VILLAGE_AFFIXES: Final = (
    re.compile(r"^dorp (?P<n>.+)$"),
    re.compile(r"^kern (?P<n>.+)$"),
    re.compile(r"^(?P<n>.+) kern$"),
    re.compile(r"^(?P<n>.+) dorp$"),
    re.compile(r"^(?P<n>.+) \(dorp\)$"),
    re.compile(r"^(?P<n>.+) \(kern\)$"),
)
"""Patterns on the raw lower-cased region name that mean "the village <n>"."""


@dataclass
class MatchResult:
    """Observations with region_code filled where a name matched, plus what did not match."""

    observations: pd.DataFrame
    unmatched: list[tuple[str, int]] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)


def canonical_key(name: str) -> str:
    """Fold a name and map known spelling variants to one canonical key."""
    key = fold_name(name)
    return ALIASES.get(key, key)


def suffixless_key(name: str) -> str:
    """Return the canonical key of a name without its province/``(gemeente)`` suffix."""
    return canonical_key(_SUFFIX.sub("", str(name)))


def nearest_year(year: int, available: Iterable[int]) -> int | None:
    """Return the available year closest to ``year`` (the later one on a tie); None if none."""
    years = sorted(set(int(y) for y in available))
    if not years:
        return None
    return min(years, key=lambda y: (abs(y - year), -y))


def _unique_index(keys: pd.Series, codes: pd.Series) -> dict[str, str | None]:
    """Map key -> code, with None where a key belongs to more than one code."""
    index: dict[str, str | None] = {}
    for key, code in zip(keys, codes, strict=True):
        if key in index and index[key] != code:
            index[key] = None
        else:
            index.setdefault(key, code)
    return index


def _lookup(name: str, exact: dict[str, str | None], loose: dict[str, str | None]) -> str | None:
    """Find a code: exact canonical key first, else the suffixless key if unambiguous."""
    key = canonical_key(name)
    if key in exact:
        return exact[key]
    return loose.get(suffixless_key(name))


YearIndex = tuple[dict[str, str | None], dict[str, str | None], dict[str, str]]


def _year_index(cands: pd.DataFrame, year: int) -> YearIndex:
    """Return the exact and loose name indexes and the levels of one year's region list."""
    ref = cands.loc[cands["year"].astype(int) == year]
    exact = _unique_index(ref["name"].map(canonical_key), ref["region_code"])
    loose = _unique_index(ref["name"].map(suffixless_key), ref["region_code"])
    return exact, loose, dict(zip(ref["region_code"], ref["level"], strict=False))


def _match_in_years(
    name: str, year: int, indexes: dict[int, YearIndex], messages: list[str]
) -> tuple[str, str] | None:
    """Match a name in the nearest year's list, else in the next nearest lists.

    A gemeente formed or dissolved between two region lists (De Friese Meren, 2014; Bussum,
    2015) is only in the list on the other side of the change; it keeps its own code. When a
    list of the figure's own year exists, only that list counts.
    """
    order = [year] if year in indexes else sorted(indexes, key=lambda y: (abs(y - year), -y))
    for rank, ref_year in enumerate(order):
        exact, loose, levels = indexes[ref_year]
        code = _lookup(name, exact, loose)
        if code is not None:
            if rank:
                messages.append(f"'{name}' ({year}) gekoppeld met de gebiedslijst van {ref_year}.")
            return code, levels[code]
    return None


def _candidates(
    regions: pd.DataFrame, levels: tuple[str, ...], scope_gemeente: str | None
) -> pd.DataFrame:
    """Filter the region list to the levels and gemeente in scope."""
    out = regions.loc[regions["level"].isin(levels)]
    if scope_gemeente is not None:
        gm = out["gemeente_code"].where(
            out["gemeente_code"].notna(), out["region_code"].map(gemeente_of)
        )
        out = out.loc[gm == scope_gemeente]
    return out.drop_duplicates(subset=["region_code", "name", "year"])


def match_names(
    observations: pd.DataFrame,
    regions: pd.DataFrame,
    *,
    scope_gemeente: str | None = None,
    levels: tuple[str, ...] = ("gemeente",),
) -> MatchResult:
    """Fill region_code for rows named without a code, using the region list of the nearest year."""
    obs = observations.copy()
    messages: list[str] = []
    unmatched: list[tuple[str, int]] = []
    todo = obs["region_code"].isna() & obs["region_name"].notna()
    if not todo.any():
        return MatchResult(obs, unmatched, messages)
    cands = _candidates(regions, levels, scope_gemeente)
    years_available = sorted(set(cands["year"].astype(int)))
    pairs = obs.loc[todo, ["region_name", "year"]].drop_duplicates()
    found: dict[tuple[str, int], tuple[str, str]] = {}
    ambiguous: list[tuple[str, int]] = []
    indexes = {y: _year_index(cands, y) for y in years_available}
    for year in sorted(set(pairs["year"].astype(int))):
        ref_year = nearest_year(year, years_available)
        names = sorted(pairs.loc[pairs["year"] == year, "region_name"].astype(str))
        if ref_year is None:
            messages.append(f"Geen gebiedslijst om namen van {year} aan codes te koppelen.")
            unmatched.extend((n, year) for n in names)
            continue
        if ref_year != year:
            messages.append(
                f"Geen gebiedslijst van {year}: namen van {year} gekoppeld met de lijst van "
                f"{ref_year}."
            )
        for name in names:
            hit = _match_in_years(name, year, indexes, messages)
            if hit is None:
                exact, loose, _ = indexes[ref_year]
                key = canonical_key(name)
                lookup = exact if key in exact else loose
                if lookup.get(key if key in exact else suffixless_key(name), "") is None:
                    ambiguous.append((name, year))
                unmatched.append((name, year))
            else:
                found[(name, year)] = hit
    keys = list(zip(obs["region_name"].astype(str), obs["year"].astype(int), strict=True))
    hit = [todo.iloc[i] and keys[i] in found for i in range(len(obs))]
    hit_mask = pd.Series(hit, index=obs.index, dtype=bool)
    obs.loc[hit_mask, "region_code"] = [found[k][0] for k, h in zip(keys, hit, strict=True) if h]
    obs.loc[hit_mask, "level"] = [found[k][1] for k, h in zip(keys, hit, strict=True) if h]
    for name, year in ambiguous:
        messages.append(f"'{name}' ({year}) past bij meer dan één gebied en is niet gekoppeld.")
    if unmatched:
        listed = "; ".join(f"{n} ({y})" for n, y in unmatched)
        messages.append(f"{len(unmatched)} namen niet gekoppeld aan een code: {listed}.")
    return MatchResult(obs, unmatched, messages)


def village_slug(name: str) -> str:
    """Return a lowercase slug of a village name for synthetic ``DP`` codes."""
    return fold_name(name).replace(" ", "-")[:40] or "onbekend"


def _village_keys(name: str, gemeente_name: str | None) -> set[str]:
    """Keys under which a village may appear: its name, and without a leading gemeente name."""
    key = fold_name(name)
    keys = {key}
    if gemeente_name:
        prefix = fold_name(gemeente_name) + " "
        if key.startswith(prefix) and len(key) > len(prefix):
            keys.add(key[len(prefix) :])
    return keys


def _region_keys(name: str) -> set[str]:
    """Keys of a wijk/buurt name: its folded name and 'Dorp X'/'X kern' style forms of X.

    ``Wijk 04 Jubbega`` is deliberately *not* reduced to ``Jubbega``: a numbered wijk named
    after one village usually covers several villages.
    """
    lowered = " ".join(str(name).lower().split())
    keys = {fold_name(name)}
    for pattern in _VILLAGE_AFFIXES:
        match = pattern.match(lowered)
        if match:
            keys.add(fold_name(match.group("n")))
    return keys


_VillageIndex = dict[tuple[str, str], set[tuple[str, str, int]]]


def _reference_year_rows(cands: pd.DataFrame, year: int | None) -> pd.DataFrame:
    """Keep the candidates of the year nearest to `year` (the latest year when None)."""
    if not len(cands):
        return cands
    years = cands["year"].astype(int)
    ref_year = nearest_year(year, years) if year is not None else int(years.max())
    return cands.loc[years == ref_year]


def _village_index(cands: pd.DataFrame) -> _VillageIndex:
    """Index candidate regions by (level, folded name key)."""
    index: _VillageIndex = {}
    for row in cands.itertuples(index=False):
        for key in _region_keys(row.name):
            index.setdefault((row.level, key), set()).add((row.region_code, row.name, row.year))
    return index


def _choose_region(index: _VillageIndex, keys: set[str]) -> tuple[str, str, str] | None:
    """Return (code, level, matched_to) for a single buurt, else a single wijk, else None."""
    for level in ("buurt", "wijk"):
        hits = set().union(*(index.get((level, k), set()) for k in keys))
        if len(hits) == 1:
            code, region_name, region_year = next(iter(hits))
            return code, level, f"{region_name} ({int(region_year)})"
        if len(hits) > 1:
            return None
    return None


def village_codes(
    names: Iterable[str],
    regions: pd.DataFrame,
    gemeente_code: str = "GM0074",
    *,
    year: int | None = None,
    gemeente_name: str | None = None,
) -> pd.DataFrame:
    """Match village names to wijken/buurten of one gemeente, else give a synthetic DP code.

    Returns columns ``name``, ``region_code``, ``level``, ``matched_to`` (the region name and
    year matched, or None for a synthetic code). A buurt is preferred over a wijk; a name
    matching more than one region of the same level gets a synthetic code.
    """
    digits = gemeente_code[2:6]
    cands = _candidates(regions, ("wijk", "buurt"), gemeente_code)
    if gemeente_name is None:
        gem_rows = regions.loc[
            (regions["region_code"] == gemeente_code) & (regions["level"] == "gemeente"), "name"
        ]
        gemeente_name = str(gem_rows.iloc[0]) if len(gem_rows) else None
    index = _village_index(_reference_year_rows(cands, year))
    rows = []
    for name in names:
        chosen = _choose_region(index, _village_keys(name, gemeente_name))
        if chosen is None:
            chosen = (f"DP{digits}-{village_slug(name)}", "dorp", None)
        rows.append(
            {"name": name, "region_code": chosen[0], "level": chosen[1], "matched_to": chosen[2]}
        )
    return pd.DataFrame(rows, columns=["name", "region_code", "level", "matched_to"])
