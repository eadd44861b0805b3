"""Trends over time for an area and its comparison areas, with breaks at boundary changes.

A line must never silently join two different areas: when a gemeente's boundaries changed
between two observed years, the series gets a new `segment` and the chart draws a break.
The store only knows that boundaries differ between two boundary years (`year_from`,
`year_to`), not the exact year, so every pair of observed years that overlaps that window is
treated as a break.
"""

from __future__ import annotations

import itertools
import re
from typing import Final, Literal

import numpy as np
import pandas as pd

from sq.codes import NL_CODE
from sq.store.loader import Store
from sq.text.i18n import t

Language = str
Role = Literal["area", "gemeente", "provincie", "nederland"]

ROLES: Final = ("area", "gemeente", "provincie", "nederland")
"""Roles of the series in a comparison, from the chosen area to the Netherlands."""

TREND_COLUMNS: Final = (
    "region_code",
    "area",
    "role",
    "year",
    "value",
    "estimate",
    "computed",
    "suppressed",
    "segment",
    "decimals",  # the source's precision of the value (None when unknown)
)
MARK_COLUMNS: Final = (
    "year",
    "x_from",
    "x_to",
    "year_from",
    "year_to",
    "region_code",
    "kind",
    "label",
    "detail",
)

_LOCAL_LEVELS: Final = ("wijk", "dorp", "buurt")
_CODE_IN_TEXT: Final = re.compile(r"\bGM\d{4}\b")


def _latest_regions(store: Store) -> pd.DataFrame:
    """Return one row per region code: its most recent name, level and parents."""
    return store.latest


def comparison_areas(store: Store, region_code: str) -> list[tuple[str, str, str]]:
    """Return (code, name, role) for the area, its gemeente, its provincie and Nederland."""
    latest = _latest_regions(store)
    if region_code not in latest.index:
        raise KeyError(region_code)
    row = latest.loc[region_code]
    areas: list[tuple[str, str, str]] = [(region_code, str(row["name"]), "area")]
    parents: list[tuple[object, str]] = []
    if row["level"] in _LOCAL_LEVELS:
        parents.append((row["gemeente_code"], "gemeente"))
    if row["level"] not in ("provincie", "land"):
        parents.append((row["provincie_code"], "provincie"))
    if row["level"] != "land":
        parents.append((NL_CODE, "nederland"))
    for code, role in parents:
        if isinstance(code, str) and code in latest.index and code != region_code:
            areas.append((code, str(latest.loc[code, "name"]), role))
    return areas


def _roles(latest: pd.DataFrame, region_codes: list[str]) -> list[str]:
    """Assign a role to each code: the first is the area, coarser levels are benchmarks."""
    first_level = latest.loc[region_codes[0], "level"] if region_codes[0] in latest.index else None
    roles = []
    for i, code in enumerate(region_codes):
        level = latest.loc[code, "level"] if code in latest.index else None
        if i > 0 and code == NL_CODE:
            roles.append("nederland")
        elif i > 0 and level == "provincie" and first_level != "provincie":
            roles.append("provincie")
        elif i > 0 and level == "gemeente" and first_level in _LOCAL_LEVELS:
            roles.append("gemeente")
        else:
            roles.append("area")
    return roles


def _area_names(latest: pd.DataFrame, region_codes: list[str], roles: list[str]) -> list[str]:
    """Return display names, adding the role where two series would share a name."""
    names = [str(latest.loc[c, "name"]) if c in latest.index else c for c in region_codes]
    counts = pd.Series(names).value_counts()
    out = []
    for code, name, role in zip(region_codes, names, roles, strict=True):
        if counts[name] > 1:
            word = t(f"trends.role.{role}") if role != "area" else code
            name = f"{name} ({word})"
        out.append(name)
    return out


def _breaks_between(changes: pd.DataFrame, year_a: int, year_b: int) -> bool:
    """Tell whether any boundary-change window overlaps the interval between two years."""
    if changes.empty:
        return False
    return bool(((changes["year_to"] > year_a) & (changes["year_from"] < year_b)).any())


def _segments(
    changes: pd.DataFrame,
    area_years: list[int],
    series: list[object] | None = None,
    breaks: tuple[int, ...] = (),
    years: list[int] | None = None,
) -> list[int]:
    """Return a segment number per point, counting up where the series is not comparable.

    A point's boundary year is the figure's own year, or its source's fixed one (RIVM). A
    segment also ends where the statistic changes (`series`, a source switch) and where the
    source's metadata says the definition changed (`breaks`: first years of a new definition).
    """
    segment, out = 0, []
    for i, year in enumerate(area_years):
        before = area_years[i - 1] if i else year
        if i > 0 and (
            _breaks_between(changes, min(before, year), max(before, year))
            or _series_switch(series, i)
            or (years is not None and any(years[i - 1] < b <= years[i] for b in breaks))
        ):
            segment += 1
        out.append(segment)
    return out


def _series_switch(series: list[object] | None, i: int) -> bool:
    """Tell whether point i has another statistic than point i-1 (missing years don't count)."""
    if series is None:
        return False
    old, new = series[i - 1], series[i]
    if not isinstance(old, str) or not isinstance(new, str):
        return False
    return old != new and old not in new and new not in old


def _carried(labels: pd.Series, years: list[int]) -> list[object]:
    """Return the statistic per shown year, carrying the last one over missing years."""
    out: list[object] = []
    last: object = None
    for year in years:
        value = labels.get(year)
        last = value if isinstance(value, str) else last
        out.append(last)
    return out


def _definition_years(store: Store, indicator_id: str) -> tuple[int, ...]:
    """Return the years from which the indicator's source says its definition changed."""
    breaks = store.series_breaks
    if breaks.empty or "indicator_id" not in breaks:
        return ()
    return tuple(int(y) for y in breaks.loc[breaks["indicator_id"] == indicator_id, "year"])


def relevant_marks(marks: pd.DataFrame, frame: pd.DataFrame) -> pd.DataFrame:
    """Keep the boundary marks only when some line in the chart actually breaks."""
    if frame.empty or int(frame["segment"].max()) == 0:
        return marks.iloc[0:0]
    return marks


def trend_frame(store: Store, indicator_id: str, region_codes: list[str]) -> pd.DataFrame:
    """Return one row per area and year (union of observed years), NaN where a value is missing."""
    codes = list(dict.fromkeys(region_codes))
    if not codes:
        return pd.DataFrame({c: [] for c in TREND_COLUMNS})
    latest = _latest_regions(store)
    roles = _roles(latest, codes)
    names = _area_names(latest, codes, roles)
    obs = store.observations
    obs = obs[(obs["indicator_id"] == indicator_id) & obs["region_code"].isin(codes)]
    # Prefer a real value over a suppressed duplicate of the same area and year.
    obs = obs.sort_values("value", na_position="last").drop_duplicates(["region_code", "year"])
    years = sorted(int(y) for y in obs["year"].unique())
    changes = store.boundary_changes
    definition_years = _definition_years(store, indicator_id)
    frames = []
    for code, name, role in zip(codes, names, roles, strict=True):
        own = obs[obs["region_code"] == code].set_index("year")
        part = pd.DataFrame({"year": years})
        part["value"] = part["year"].map(own["value"]).astype("float64")
        places = own["decimals"] if "decimals" in own else pd.Series(dtype="Int64")
        part["decimals"] = part["year"].map(places).astype("Int64")
        for flag in ("estimate", "computed", "suppressed"):
            part[flag] = part["year"].isin(own.index[own[flag].astype(bool)])
        area_years = own["area_year"] if "area_year" in own else pd.Series(dtype="int64")
        points = [int(area_years.get(y, y)) for y in years]
        labels = own["series"] if "series" in own else pd.Series(dtype="object")
        part["segment"] = _segments(
            changes[changes["region_code"] == code],
            points,
            _carried(labels, years),
            definition_years,
            years,
        )
        part.insert(0, "region_code", code)
        part.insert(1, "area", name)
        part.insert(2, "role", role)
        frames.append(part)
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("int64")
    out["segment"] = out["segment"].astype("int64")
    return out[list(TREND_COLUMNS)]


def named_detail(detail: str, latest: pd.DataFrame) -> str:
    """Replace gemeente codes in a change description by their names."""

    def name(match: re.Match[str]) -> str:
        code = match.group(0)
        return str(latest.loc[code, "name"]) if code in latest.index else code

    return _CODE_IN_TEXT.sub(name, detail)


def _merged_windows(changes: pd.DataFrame) -> list[tuple[int, int, list[str], list[str]]]:
    """Merge one area's overlapping or touching change windows into (from, to, kinds, details)."""
    merged: list[tuple[int, int, list[str], list[str]]] = []
    for change in changes.sort_values(["year_from", "year_to"]).itertuples(index=False):
        year_from, year_to = int(change.year_from), int(change.year_to)
        kind, detail = str(change.kind), str(change.detail)
        if merged and year_from <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(last[1], year_to), [*last[2], kind], [*last[3], detail])
        else:
            merged.append((year_from, year_to, [kind], [detail]))
    return merged


def boundary_marks(
    store: Store, region_codes: list[str], years: list[int], language: Language = "nl"
) -> pd.DataFrame:
    """Return one labelled mark per boundary-change window that falls between shown years.

    `year_from`/`year_to` give the true window (the change happened after `year_from`, at the
    latest in `year_to`); `x_from`/`x_to` clip it to the shown years and `year` is its middle,
    where the chart draws the dashed rule.
    """
    shown = sorted({int(y) for y in years})
    changes = store.boundary_changes
    changes = changes[changes["region_code"].isin(region_codes)]
    empty = pd.DataFrame({c: [] for c in MARK_COLUMNS})
    if len(shown) < 2 or changes.empty:
        return empty
    latest = _latest_regions(store)
    rows = []
    for code, own in changes.groupby("region_code", sort=False):
        name = str(latest.loc[code, "name"]) if code in latest.index else str(code)
        for year_from, year_to, kinds, details in _merged_windows(own):
            if not any(a < year_to and b > year_from for a, b in itertools.pairwise(shown)):
                continue  # the change lies wholly before or after the shown years
            # A merger (a code that disappears or appears) outweighs a moved border.
            kind = next((k for k in kinds if k != "grens gewijzigd"), "grens gewijzigd")
            word = t(
                "trends.mark.grens gewijzigd" if kind == "grens gewijzigd" else "trends.mark.other",
                language,
            )
            rows.append(
                {
                    "year_from": year_from,
                    "year_to": year_to,
                    "x_from": max(year_from, shown[0]),
                    "x_to": min(year_to, shown[-1]),
                    "region_code": str(code),
                    "kind": kind,
                    "label": f"{word} ({name})",
                    "detail": " ".join(named_detail(d, latest) for d in details),
                }
            )
    if not rows:
        return empty
    out = pd.DataFrame(rows)
    out = out.groupby(["year_from", "year_to", "x_from", "x_to"], as_index=False).agg(
        region_code=("region_code", ", ".join),
        kind=("kind", "first"),
        label=("label", lambda s: "; ".join(dict.fromkeys(s))),
        detail=("detail", " ".join),
    )
    out["year"] = ((out["x_from"] + out["x_to"]) / 2.0).astype(np.float64)
    for column in ("year_from", "year_to", "x_from", "x_to"):
        out[column] = out[column].astype("int64")
    return out[list(MARK_COLUMNS)].sort_values("year", ignore_index=True)
