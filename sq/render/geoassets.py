"""Boundary layers as static, content-hashed GeoJSON files the browser fetches once and caches.

The map page sends only codes and classes over Streamlit's websocket; the shapes come from
``static/geo/<level>-<year>-<part>-<hash>.json``, served by Streamlit at ``/app/static/geo/``
(``server.enableStaticServing``). A file's name changes when its content does, so browsers and a
proxy may cache it for good. Gemeenten are one file per year (``NL``); wijken and buurten one
file per provincie per year, so a Fryslân map fetches Fryslân only.

Each feature carries only ``id`` (the region code); coordinates are rounded to 4 decimals
(~10 m) for gemeenten and wijken and 5 (~1 m) for buurten, which gzip compresses well.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from sq.render.webassets import STATIC_DIR
from sq.store.loader import Store

GEO_DIR: Final = STATIC_DIR / "geo"
GEO_URL: Final = "/app/static/geo"
MANIFEST: Final = "manifest.json"
WHOLE: Final = "NL"
DECIMALS: Final = {"gemeente": 4, "wijk": 4, "buurt": 5}
FORMAT_VERSION: Final = 1


@dataclass(frozen=True)
class GeoManifest:
    """Which file holds which (level, year, part), and which part each region code is in."""

    files: dict[str, str]  # "level/year/part" -> file name
    parts: dict[str, dict[str, str]]  # "level/year" -> {region_code: part}
    source: str  # fingerprint of the store layers the files were made from

    def urls(self, level: str, year: int, codes: list[str], base_url: str = GEO_URL) -> list[str]:
        """Return the URLs of the files that hold these codes (sorted, no duplicates)."""
        layer = f"{level}/{int(year)}"
        by_code = self.parts.get(layer, {})
        wanted = sorted({by_code[c] for c in codes if c in by_code})
        names = [self.files[f"{layer}/{p}"] for p in wanted if f"{layer}/{p}" in self.files]
        return [f"{base_url}/{name}" for name in names]


def layer_fingerprint(paths: list[Path]) -> str:
    """Return a fingerprint of layer files (name, size, mtime) plus the format version."""
    digest = hashlib.sha256(f"v{FORMAT_VERSION}".encode())
    for path in sorted(paths):
        stat = path.stat()
        digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]


def geojson_bytes(layer: gpd.GeoDataFrame, decimals: int) -> bytes:
    """Return a compact FeatureCollection: id = region code, no properties, rounded coords."""
    if layer.crs is not None and layer.crs.to_epsg() != 4326:
        layer = layer.to_crs(4326)
    rounded = shapely.transform(layer.geometry.to_numpy(), lambda xy: np.round(xy, decimals))
    features = [
        {"type": "Feature", "id": str(code), "properties": {}, "geometry": shape.__geo_interface__}
        for code, shape in zip(layer["region_code"], rounded, strict=True)
        if shape is not None and not shape.is_empty
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, separators=(",", ":")).encode("utf-8")


def part_of(layer: gpd.GeoDataFrame, level: str, year: int, regions: pd.DataFrame) -> pd.Series:
    """Return each feature's part: 'NL' for gemeenten, else its provincie code (or 'NL')."""
    codes = layer["region_code"].astype(str)
    if level == "gemeente":
        return pd.Series(WHOLE, index=layer.index)
    rows = regions.sort_values("year", kind="stable")
    same_year = rows[rows["year"] == year].drop_duplicates("region_code", keep="last")
    latest = rows.drop_duplicates("region_code", keep="last")
    provincie = codes.map(same_year.set_index("region_code")["provincie_code"])
    provincie = provincie.fillna(codes.map(latest.set_index("region_code")["provincie_code"]))
    return provincie.fillna(WHOLE).astype(str)


def write_layer(
    layer: gpd.GeoDataFrame, level: str, year: int, regions: pd.DataFrame, out_dir: Path
) -> tuple[dict[str, str], dict[str, str]]:
    """Write one layer's files; return ({key: file name}, {region_code: part})."""
    parts = part_of(layer, level, year, regions)
    files: dict[str, str] = {}
    for part in sorted(set(parts)):
        data = geojson_bytes(layer[parts == part], DECIMALS.get(level, 5))
        digest = hashlib.sha256(data).hexdigest()[:12]
        name = f"{level}-{int(year)}-{part}-{digest}.json"
        target = out_dir / name
        if not target.is_file():
            tmp = target.with_suffix(".tmp")
            tmp.write_bytes(data)
            tmp.replace(target)
        files[f"{level}/{int(year)}/{part}"] = name
    return files, dict(zip(layer["region_code"].astype(str), parts, strict=True))


def read_manifest(out_dir: Path = GEO_DIR) -> GeoManifest | None:
    """Return the manifest written by `export_layers`, or None when absent or unreadable."""
    try:
        raw = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return GeoManifest(files=raw["files"], parts=raw["parts"], source=raw["source"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write_manifest(manifest: GeoManifest, out_dir: Path) -> None:
    """Write the manifest atomically."""
    payload = {"files": manifest.files, "parts": manifest.parts, "source": manifest.source}
    tmp = out_dir / f"{MANIFEST}.tmp"
    tmp.write_text(json.dumps(payload, separators=(",", ":")), encoding="utf-8")
    tmp.replace(out_dir / MANIFEST)


def remove_stale(out_dir: Path, keep: set[str], levels: set[str]) -> None:
    """Delete older files of these levels that no manifest entry points at."""
    for level in levels:
        for path in out_dir.glob(f"{level}-*-*-*.json"):
            if path.name not in keep:
                path.unlink(missing_ok=True)


def export_layers(store: Store, out_dir: Path = GEO_DIR) -> GeoManifest:
    """Write every boundary layer of the store (unless already written for it); return the map."""
    paths = sorted((store.path / "geometries").glob("*.parquet"))
    source = layer_fingerprint(paths)
    current = read_manifest(out_dir)
    written = current is not None and current.source == source
    if written and all((out_dir / name).is_file() for name in current.files.values()):
        return current
    out_dir.mkdir(parents=True, exist_ok=True)
    files: dict[str, str] = {}
    parts: dict[str, dict[str, str]] = {}
    for level, year in store.geometry_layers():
        written, by_code = write_layer(
            store.geometries(level, year), level, year, store.regions, out_dir
        )
        files.update(written)
        parts[f"{level}/{int(year)}"] = by_code
    manifest = GeoManifest(files=files, parts=parts, source=source)
    write_manifest(manifest, out_dir)
    remove_stale(out_dir, set(files.values()), {lv for lv, _ in store.geometry_layers()})
    return manifest
