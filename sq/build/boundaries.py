"""Boundary changes of gemeenten between consecutive available years.

A code that disappears is 'opgeheven', a code that appears is 'nieuw' (with the disappeared codes
whose area it now covers), and a code whose area changes by more than `AREA_CHANGE_LIMIT` is
'grens gewijzigd'. Areas are computed in EPSG:28992.
"""

from __future__ import annotations

import itertools
from typing import Final

import geopandas as gpd
import pandas as pd

from sq.ingest.geometry import METRIC_CRS, make_valid

AREA_CHANGE_LIMIT: Final = 0.01
"""Relative area change above which a code counts as a different area."""

MIN_SHARE: Final = 0.01
"""Share of a disappeared gemeente's area that must lie in another code to name that code."""

WHOLE_SHARE: Final = 0.95
"""Share above which a disappeared gemeente counts as wholly taken over."""

CHANGE_COLUMNS: Final = (
    "region_code",
    "year_from",
    "year_to",
    "kind",
    "detail",
    "area_ratio",
    "sources",
    "targets",
    "neighbours",
)
"""`detail` is a short technical summary; the other columns say the same as data, for sentences:
`area_ratio` is the area after / before (NaN when the code is new or gone), `sources` the
disappeared codes whose area it took ("GM0055:0.512,GM0081:1.000", share of their area),
`targets` the codes a disappeared one went into, `neighbours` kept codes it exchanged area with."""


def _pct(value: float) -> str:
    """Format a fraction as a Dutch percentage with one decimal ('12,3%')."""
    return f"{value * 100:.1f}".replace(".", ",") + "%"


def _overlaps(old: gpd.GeoDataFrame, new: gpd.GeoDataFrame) -> pd.DataFrame:
    """Return (old_code, new_code, share of the old area inside the new code)."""
    if old.empty or new.empty:
        return pd.DataFrame({"old": [], "new": [], "share": []})
    pieces = gpd.overlay(
        old[["region_code", "geometry"]].rename(columns={"region_code": "old"}),
        new[["region_code", "geometry"]].rename(columns={"region_code": "new"}),
        how="intersection",
        keep_geom_type=True,
    )
    old_area = old.set_index("region_code").geometry.area
    pieces["share"] = pieces.geometry.area / pieces["old"].map(old_area)
    return (
        pd.DataFrame(pieces[["old", "new", "share"]])
        .groupby(["old", "new"], as_index=False)["share"]
        .sum()
    )


def _exchanges(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> pd.DataFrame:
    """Return area (m2) that moved from one code to another: columns old, new, area."""
    pieces = gpd.overlay(
        before[["region_code", "geometry"]].rename(columns={"region_code": "old"}),
        after[["region_code", "geometry"]].rename(columns={"region_code": "new"}),
        how="intersection",
        keep_geom_type=True,
    )
    pieces = pieces[pieces["old"] != pieces["new"]]
    out = pd.DataFrame({"old": pieces["old"], "new": pieces["new"], "area": pieces.geometry.area})
    minimal = out.groupby(["old", "new"], as_index=False)["area"].sum()
    return minimal[minimal["area"] > 0]


def _name_list(codes: list[str]) -> str:
    """Join codes as Dutch prose: 'A', 'A en B', 'A, B en C'."""
    if len(codes) <= 1:
        return "".join(codes)
    return ", ".join(codes[:-1]) + " en " + codes[-1]


def _change_row(
    code: str, years: tuple[int, int], kind: str, detail: str, **data: object
) -> dict[str, object]:
    """Return one change row with the default empty data columns filled in."""
    return {
        "region_code": code,
        "year_from": years[0],
        "year_to": years[1],
        "kind": kind,
        "detail": detail,
        "area_ratio": float("nan"),
        "sources": "",
        "targets": "",
        "neighbours": "",
        **data,
    }


def _took_data(shares: pd.DataFrame, code: str) -> str:
    """Return the disappeared codes a code took area from, as 'GM0055:0.512,...'."""
    part = shares[shares["new"] == code].sort_values("old")
    return ",".join(f"{o}:{s:.3f}" for o, s in zip(part["old"], part["share"], strict=True))


def _took(shares: pd.DataFrame, code: str) -> str:
    """Return the disappeared codes a code took area from, as Dutch prose."""
    part = shares[shares["new"] == code].sort_values("old")
    labels = [
        o if s >= WHOLE_SHARE else f"{o} (deels, {_pct(s)})"
        for o, s in zip(part["old"], part["share"], strict=True)
    ]
    return _name_list(labels)


def _gone_rows(
    gone: set[str], shares: pd.DataFrame, years: tuple[int, int]
) -> list[dict[str, object]]:
    """Return the 'opgeheven' rows, naming the codes each disappeared one went into."""
    rows: list[dict[str, object]] = []
    for code in sorted(gone):
        into = shares[shares["old"] == code].sort_values(["share", "new"], ascending=[False, True])
        targets = _name_list(list(into["new"]))
        detail = f"Gemeente {code} bestaat niet meer in {years[1]}"
        text = detail + (f"; opgegaan in {targets}." if targets else ".")
        rows.append(_change_row(code, years, "opgeheven", text, targets=",".join(into["new"])))
    return rows


def _born_rows(
    born: set[str], shares: pd.DataFrame, years: tuple[int, int]
) -> list[dict[str, object]]:
    """Return the 'nieuw' rows, naming the disappeared codes each new one came from."""
    rows: list[dict[str, object]] = []
    for code in sorted(born):
        sources = _took(shares, code)
        detail = f"Nieuwe gemeentecode in {years[1]}"
        text = detail + (f", ontstaan uit {sources}." if sources else ".")
        rows.append(_change_row(code, years, "nieuw", text, sources=_took_data(shares, code)))
    return rows


def _kept_row(
    code: str,
    own: pd.DataFrame,
    areas: tuple[pd.Series, pd.Series],
    shares: pd.DataFrame,
    gone: set[str],
    years: tuple[int, int],
) -> dict[str, object] | None:
    """Return the 'grens gewijzigd' row of a kept code, or None when its area did not move."""
    area_before, area_after = areas
    signed = own["area"].where(own["new"] == code, -own["area"])
    # Net area gained from (or lost to) other codes: coastline redrawing and slivers of
    # independently simplified borders do not count, a moved border does.
    if abs(signed.sum()) / area_before[code] <= AREA_CHANGE_LIMIT:
        return None
    change = area_after[code] / area_before[code] - 1.0
    direction = "groter" if change > 0 else "kleiner"
    detail = f"Oppervlakte {_pct(abs(change))} {direction} dan in {years[0]}"
    sources = _took(shares, code)
    if sources:
        detail += f"; nam (deels) {sources} op"
    partner = own["new"].where(own["old"] == code, own["old"])
    per_partner = own["area"].groupby(partner.to_numpy()).sum() / area_before[code]
    others = sorted(p for p, s in per_partner.items() if s >= MIN_SHARE and p not in gone)
    if others:
        detail += f"; grens verlegd met {_name_list(others)}"
    return _change_row(
        code,
        years,
        "grens gewijzigd",
        detail + ".",
        area_ratio=float(change + 1.0),
        sources=_took_data(shares, code),
        neighbours=",".join(others),
    )


def _kept_rows(
    before: gpd.GeoDataFrame,
    after: gpd.GeoDataFrame,
    kept: set[str],
    shares: pd.DataFrame,
    gone: set[str],
    years: tuple[int, int],
) -> list[dict[str, object]]:
    """Return the 'grens gewijzigd' rows of the codes present in both years."""
    if not kept:
        return []
    moved = _exchanges(before, after)
    areas = (
        before.set_index("region_code").geometry.area,
        after.set_index("region_code").geometry.area,
    )
    rows: list[dict[str, object]] = []
    for code in sorted(kept):
        own = moved[(moved["old"] == code) ^ (moved["new"] == code)]
        row = _kept_row(code, own, areas, shares, gone, years)
        if row is not None:
            rows.append(row)
    return rows


def _year_pair(
    before: gpd.GeoDataFrame, after: gpd.GeoDataFrame, year_from: int, year_to: int
) -> list[dict[str, object]]:
    """Compare the gemeenten of two consecutive years."""
    years = (year_from, year_to)
    old_codes, new_codes = set(before["region_code"]), set(after["region_code"])
    gone, born, kept = old_codes - new_codes, new_codes - old_codes, old_codes & new_codes
    shares = _overlaps(before[before["region_code"].isin(gone)], after)
    shares = shares[shares["share"] >= MIN_SHARE]
    return (
        _gone_rows(gone, shares, years)
        + _born_rows(born, shares, years)
        + _kept_rows(before, after, kept, shares, gone, years)
    )


def boundary_changes(gemeente_geoms: gpd.GeoDataFrame) -> pd.DataFrame:
    """List gemeenten that disappear, appear or change area between consecutive years."""
    frame = gemeente_geoms[["region_code", "year", gemeente_geoms.geometry.name]]
    frame = make_valid(gpd.GeoDataFrame(frame, crs=gemeente_geoms.crs).to_crs(METRIC_CRS))
    frame = frame.rename_geometry("geometry") if frame.geometry.name != "geometry" else frame
    years = sorted(int(y) for y in frame["year"].dropna().unique())
    by_year = {
        y: frame[frame["year"] == y].dissolve(by="region_code", as_index=False) for y in years
    }
    rows: list[dict[str, object]] = []
    for year_from, year_to in itertools.pairwise(years):
        rows.extend(_year_pair(by_year[year_from], by_year[year_to], year_from, year_to))
    out = pd.DataFrame(rows, columns=list(CHANGE_COLUMNS))
    if not out.empty:
        out["year_from"] = out["year_from"].astype("int64")
        out["year_to"] = out["year_to"].astype("int64")
    return out
