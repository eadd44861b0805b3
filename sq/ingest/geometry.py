"""Geometry hygiene: valid polygons, web-sized simplification, provinces from gemeenten.

All functions are pure: they return new frames and never change their input.
Areas and distances are computed in EPSG:28992 (RD New, metres); output is EPSG:4326.
"""

from __future__ import annotations

from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sq.codes import fold_name

WEB_CRS: Final = "EPSG:4326"
METRIC_CRS: Final = "EPSG:28992"

SIMPLIFY_TOLERANCE: Final = {
    "provincie": 0.002,
    "gemeente": 0.0006,
    "wijk": 0.0002,
    "dorp": 0.0001,
    "buurt": 0.0001,
}
"""Simplification tolerance per level, in degrees (0.0001° is about 7-11 m in NL)."""

COORDINATE_GRID: Final = 1e-5
"""Coordinates are snapped to this grid (5 decimals, about 1 m)."""

PROVINCES: Final = {
    "PV20": "Groningen",
    "PV21": "Fryslân",
    "PV22": "Drenthe",
    "PV23": "Overijssel",
    "PV24": "Flevoland",
    "PV25": "Gelderland",
    "PV26": "Utrecht",
    "PV27": "Noord-Holland",
    "PV28": "Zuid-Holland",
    "PV29": "Zeeland",
    "PV30": "Noord-Brabant",
    "PV31": "Limburg",
}
"""CBS province codes and their official names."""

_PROVINCE_BY_FOLDED: Final = {fold_name(name): code for code, name in PROVINCES.items()} | {
    "friesland": "PV21",
    "fryslan": "PV21",
}


def province_code_of(name: str) -> str | None:
    """Return the CBS province code for a province name (accents, Friesland/Fryslân ok)."""
    return _PROVINCE_BY_FOLDED.get(fold_name(name))


def _polygonal(geom: shapely.Geometry | None) -> shapely.Geometry | None:
    """Keep only the polygonal parts of a geometry (make_valid may add lines or points)."""
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in shapely.get_parts(geom) if g.geom_type in ("Polygon", "MultiPolygon")]
    if not parts:
        return shapely.Polygon()
    return shapely.union_all(parts)


def make_valid(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Return a copy whose geometries are valid (multi)polygons; other parts are dropped."""
    out = gdf.copy()
    geoms = out.geometry.array
    invalid = ~shapely.is_valid(np.asarray(geoms))
    fixed = np.asarray(geoms).copy()
    if invalid.any():
        repaired = shapely.make_valid(fixed[invalid])
        fixed[invalid] = [_polygonal(g) for g in repaired]
    out[out.geometry.name] = gpd.GeoSeries(fixed, index=out.index, crs=out.crs)
    return out


def simplify_for_web(gdf: gpd.GeoDataFrame, level: str) -> gpd.GeoDataFrame:
    """Simplify a coverage of one level for web maps, keeping shared borders closed."""
    if level not in SIMPLIFY_TOLERANCE:
        raise ValueError(f"unknown level for simplification: {level!r}")
    out = make_valid(gdf.to_crs(WEB_CRS) if gdf.crs is not None else gdf.set_crs(WEB_CRS))
    geoms = np.asarray(out.geometry.array)
    if len(geoms):
        # coverage_simplify simplifies each shared edge once, so neighbours stay glued.
        simplified = shapely.coverage_simplify(geoms, SIMPLIFY_TOLERANCE[level])
        snapped = shapely.set_precision(simplified, COORDINATE_GRID)
        empty = shapely.is_empty(snapped)
        snapped[empty] = shapely.set_precision(geoms[empty], COORDINATE_GRID)
        out[out.geometry.name] = gpd.GeoSeries(snapped, index=out.index, crs=WEB_CRS)
    return make_valid(out)


def province_geometries(reference: gpd.GeoDataFrame, names: pd.DataFrame) -> gpd.GeoDataFrame:
    """Dissolve reference gemeenten (region_code, geometry) into the 12 provinces."""
    joined = reference[["region_code", reference.geometry.name]].merge(
        names[["region_code", "province_name"]], on="region_code", how="inner"
    )
    joined["provincie_code"] = joined["province_name"].map(province_code_of)
    joined = gpd.GeoDataFrame(joined.dropna(subset=["provincie_code"]), crs=reference.crs)
    dissolved = joined.dissolve(by="provincie_code", as_index=False)[["provincie_code", "geometry"]]
    dissolved = make_valid(dissolved.to_crs(WEB_CRS))
    return gpd.GeoDataFrame(
        {
            "region_code": dissolved["provincie_code"].astype(str),
            "name": dissolved["provincie_code"].map(PROVINCES).astype(str),
            "level": "provincie",
        },
        geometry=dissolved.geometry.values,
        crs=WEB_CRS,
    )


def province_codes(
    gemeenten: gpd.GeoDataFrame, reference: gpd.GeoDataFrame, names: pd.DataFrame
) -> pd.DataFrame:
    """Assign each gemeente of each year (region_code, year, geometry) to a province."""
    provinces = province_geometries(reference, names).to_crs(METRIC_CRS)
    points = gemeenten.to_crs(METRIC_CRS)
    points = gpd.GeoDataFrame(
        points[["region_code", "year"]].copy(),
        geometry=make_valid(points).geometry.representative_point().values,
        crs=METRIC_CRS,
    )
    # sjoin_nearest: a point inside a province has distance 0; a point in the sea nearby still
    # gets the closest province instead of none.
    hits = gpd.sjoin_nearest(
        points,
        provinces[["region_code", "geometry"]].rename(columns={"region_code": "pv"}),
        how="left",
    )
    hits = hits[~hits.index.duplicated(keep="first")]
    out = pd.DataFrame(
        {
            "region_code": hits["region_code"].astype(str).to_numpy(),
            "year": hits["year"].astype("int64").to_numpy(),
            "provincie_code": hits["pv"].astype(str).to_numpy(),
        }
    )
    out["provincie_name"] = out["provincie_code"].map(PROVINCES)
    return out.sort_values(["year", "region_code"]).reset_index(drop=True)
