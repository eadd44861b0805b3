"""What the map page shows: one indicator, year and level, within NL, a provincie or gemeente."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import geopandas as gpd
import pandas as pd

from sq.analysis.export import flags_text
from sq.build.benchmark import benchmark_series
from sq.codes import NL_CODE
from sq.store.loader import Store
from sq.text.i18n import t

MAP_LEVELS = ("gemeente", "wijk", "buurt")


@dataclass(frozen=True)
class MapView:
    """The table of one map view and, where boundaries exist, the layer to draw."""

    table: pd.DataFrame  # region_code, name, gemeente, value, nl_value, nl_year, flags
    layer: gpd.GeoDataFrame | None
    geometry_year: int | None
    missing_on_map: int  # areas drawn without a value
    not_on_map: int  # areas with a value but no boundary in the chosen layer


def level_of_codes(store: Store) -> pd.Series:
    """Return the level per region code (latest year)."""
    return store.latest["level"]


def years_for(store: Store, indicator_id: str, level: str) -> list[int]:
    """Return the years with at least one value for the indicator at a level, newest first."""
    levels = level_of_codes(store)
    obs = store.observations
    rows = obs[(obs["indicator_id"] == indicator_id) & obs["value"].notna()]
    rows = rows[rows["region_code"].map(levels) == level]
    return sorted({int(y) for y in rows["year"]}, reverse=True)


def levels_for(store: Store, indicator_id: str) -> list[str]:
    """Return the map levels that have values for the indicator."""
    levels = level_of_codes(store)
    obs = store.observations
    rows = obs[(obs["indicator_id"] == indicator_id) & obs["value"].notna()]
    present = set(rows["region_code"].map(levels).dropna())
    return [lv for lv in MAP_LEVELS if lv in present]


def _in_scope(regions: pd.DataFrame, scope: str | None) -> pd.Series:
    if not scope or scope == NL_CODE:
        return pd.Series(True, index=regions.index)
    if scope.startswith("PV"):
        return regions["provincie_code"] == scope
    return regions["gemeente_code"] == scope


def map_table(
    store: Store, indicator_id: str, year: int, level: str, scope: str | None = None
) -> pd.DataFrame:
    """Return one row per area of the level in scope that has a row for (indicator, year)."""
    latest = store.latest.reset_index()
    areas = latest[(latest["level"] == level) & _in_scope(latest, scope)]
    obs = store.observations
    rows = obs[(obs["indicator_id"] == indicator_id) & (obs["year"] == year)]
    rows = rows.merge(areas[["region_code", "name", "gemeente_code"]], on="region_code")
    gemeente_names = latest.set_index("region_code")["name"]
    bench = benchmark_series(store.observations, NL_CODE, rows)
    table = pd.DataFrame(
        {
            "region_code": rows["region_code"],
            "name": rows["name"],
            "gemeente": rows["gemeente_code"].map(gemeente_names).fillna(""),
            "value": rows["value"],
            "nl_value": bench["benchmark_value"].to_numpy(),
            "nl_year": bench["benchmark_year"].to_numpy(),
            "flags": flags_text(rows).to_numpy() if len(rows) else [],
            # the decimals the source published the value with (shown with no more)
            "decimals": rows["decimals"] if "decimals" in rows else float("nan"),
        }
    )
    return table.sort_values("name", key=lambda s: s.str.lower()).reset_index(drop=True)


def nl_value(store: Store, indicator_id: str, year: int) -> float:
    """Return the Netherlands value for the indicator in (or within two years of) year."""
    probe = pd.DataFrame({"indicator_id": [indicator_id], "year": [year]})
    return float(benchmark_series(store.observations, NL_CODE, probe)["benchmark_value"].iloc[0])


def geometry_year_for(store: Store, level: str, year: int) -> int | None:
    """Return the boundary year to draw for a level: the same year, else the nearest one."""
    years = [y for lv, y in store.geometry_layers() if lv == level]
    if not years:
        return None
    return min(years, key=lambda y: (abs(y - year), -y))


def map_view(
    store: Store,
    indicator_id: str,
    year: int,
    level: str,
    scope: str | None,
    layer: gpd.GeoDataFrame | None,
    geometry_year: int | None,
) -> MapView:
    """Join the table to a boundary layer (already loaded and cached by the page)."""
    table = map_table(store, indicator_id, year, level, scope)
    if layer is None:
        return MapView(table, None, None, 0, int(table["value"].notna().sum()))
    latest = store.latest.reset_index()
    in_scope = set(latest.loc[_in_scope(latest, scope), "region_code"])
    shapes = layer[layer["region_code"].isin(in_scope)][["region_code", "geometry"]]
    names = latest.set_index("region_code")["name"]
    joined = shapes.merge(table, on="region_code", how="left")
    joined["name"] = (
        joined["name"].fillna(joined["region_code"].map(names)).fillna(joined["region_code"])
    )
    joined["nl_value"] = nl_value(store, indicator_id, year)
    drawn = gpd.GeoDataFrame(
        joined[["region_code", "name", "value", "decimals", "nl_value", "geometry"]],
        geometry="geometry",
        crs=layer.crs,
    )
    with_value = set(table.loc[table["value"].notna(), "region_code"])
    return MapView(
        table=table,
        layer=drawn,
        geometry_year=geometry_year,
        missing_on_map=int(drawn["value"].isna().sum()),
        not_on_map=len(with_value - set(shapes["region_code"])),
    )


def latest_regions(store: Store) -> pd.DataFrame:
    """Return the latest name, level and parents per region code, indexed by code."""
    return store.latest


def indicator_years(store: Store) -> dict[str, list[int]]:
    """Return, per indicator, the years with any value (newest first)."""
    with_value = store.observations[store.observations["value"].notna()]
    return {
        str(ind): sorted({int(y) for y in part["year"]}, reverse=True)
        for ind, part in with_value.groupby("indicator_id")
    }


def scope_options(latest: pd.DataFrame, level: str, language: str = "nl") -> dict[str, str]:
    """Return what a map of this level can show.

    Gemeenten: NL or a provincie. Wijken and buurten: a provincie or a current gemeente.
    """
    options: dict[str, str] = {}
    if level == "gemeente":
        options[NL_CODE] = t("map.scope_nl", language)
    provinces = latest[latest["level"] == "provincie"]["name"].sort_values()
    options.update({str(code): str(name) for code, name in provinces.items()})
    if level != "gemeente":
        gemeenten = latest[(latest["level"] == "gemeente") & (latest["year"] >= 2022)]
        word = t("level.word.gemeente", language)
        options.update(
            {
                str(code): f"{name} ({word})"
                for code, name in gemeenten["name"].sort_values().items()
            }
        )
    return options


DEFAULT_SCOPE: Final = {"gemeente": NL_CODE, "wijk": "PV21", "buurt": "GM0080"}
"""What a map of each level shows when the visitor has not chosen: NL, Fryslân, Leeuwarden."""

SCOPE_KINDS: Final = {"gemeente": ("NL", "PV"), "wijk": ("PV", "GM"), "buurt": ("PV", "GM")}
"""Which kinds of area can hold a map of each level (gemeenten: NL or a provincie, ...)."""


def map_scope(level: str, asked: str | None) -> str:
    """Return the scope of a map of this level: the one asked for when it fits, else the default."""
    default = DEFAULT_SCOPE.get(level, NL_CODE)
    if asked and asked[:2] in SCOPE_KINDS.get(level, ("NL",)):
        return asked
    return default
