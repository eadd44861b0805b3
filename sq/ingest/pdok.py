"""PDOK "Wijken en Buurten" boundaries (OGC API Features) as the mirror's GeoJSON.

Writes ``<raw>/pdok-gebieden/<level>_<year>.geojson``: EPSG:4326, keys ``gemeentecode``/
``gemeentenaam``, ``wijkcode``/``wijknaam``, ``buurtcode``/``buurtnaam``, simplified like the
mirror. Pages follow the ``links`` entry with rel=next. A feature with invalid geometry is
repaired (``make_valid``) or, when nothing polygonal is left, skipped and counted.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import requests
import shapely
from shapely.geometry import mapping, shape

from sq.ingest.files import write_file_atomic
from sq.ingest.http import FetchError, NotFoundError, host, now
from sq.ingest.paging import features_page, iter_pages

PDOK_URL: Final = (
    "https://api.pdok.nl/cbs/wijken-en-buurten-{year}/ogc/v1/collections/{level}/items"
)
PDOK_PAGE_LIMIT: Final = 1000
PDOK_LEVELS: Final = ("gemeenten", "wijken", "buurten")
SIMPLIFY_DEGREES: Final = {"gemeenten": 0.001, "wijken": 0.0005, "buurten": 0.0001}
"""Douglas-Peucker tolerance per level, as in the mirror (about 100 m, 50 m, 10 m)."""

LEVEL_ALIASES: Final = {
    "gemeente": "gemeenten",
    "gemeenten": "gemeenten",
    "wijk": "wijken",
    "wijken": "wijken",
    "buurt": "buurten",
    "buurten": "buurten",
}
_KEY_ALIASES: Final = {
    "gm_code": "gemeentecode",
    "gm_naam": "gemeentenaam",
    "wk_code": "wijkcode",
    "wk_naam": "wijknaam",
    "bu_code": "buurtcode",
    "bu_naam": "buurtnaam",
}
_STATCODE_KEYS: Final = {
    "gemeenten": ("gemeentecode", "gemeentenaam"),
    "wijken": ("wijkcode", "wijknaam"),
    "buurten": ("buurtcode", "buurtnaam"),
}


def rename_properties(properties: dict[str, Any], level: str) -> dict[str, Any]:
    """Rename PDOK/WFS key names to the mirror's (gemeentecode, wijkcode, buurtcode, ...)."""
    out = {_KEY_ALIASES.get(key, key): value for key, value in properties.items()}
    code_key, name_key = _STATCODE_KEYS[level]
    if code_key not in out and "statcode" in out:
        out[code_key] = out.pop("statcode")
    if name_key not in out and "statnaam" in out:
        out[name_key] = out.pop("statnaam")
    return out


def slim_geometry(geometry: dict[str, Any] | None, tolerance: float) -> dict[str, Any] | None:
    """Repair, simplify (keeping topology) and round to 1e-6 degrees; None if nothing is left."""
    if not geometry:
        return None
    geom = shape(geometry)
    if not geom.is_valid:
        geom = shapely.make_valid(geom)
        if geom.geom_type == "GeometryCollection":
            parts = [g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")]
            geom = shapely.union_all(parts) if parts else shapely.Polygon()
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        return None
    if tolerance > 0:
        geom = geom.simplify(tolerance, preserve_topology=True)
    return mapping(shapely.set_precision(geom, 1e-6))


def _features(
    session: requests.Session, url: str, level: str, year: int
) -> tuple[list[dict[str, Any]], int, dict[str, int]]:
    """Download every page; return (features, pages, counts of repaired/skipped geometries)."""
    params = {"f": "json", "limit": str(PDOK_PAGE_LIMIT)}
    tolerance = SIMPLIFY_DEGREES[level]
    features: list[dict[str, Any]] = []
    counts = {"hersteld": 0, "overgeslagen": 0}
    pages = 0
    try:
        for page in iter_pages(session, url, params, features_page):
            pages += 1
            for feature in page:
                raw = feature.get("geometry")
                if raw and not shape(raw).is_valid:
                    counts["hersteld"] += 1
                geometry = slim_geometry(raw, tolerance)
                if geometry is None:
                    counts["overgeslagen"] += 1
                    continue
                properties = rename_properties(feature.get("properties") or {}, level)
                features.append({"type": "Feature", "properties": properties, "geometry": geometry})
    except NotFoundError as error:
        if pages == 0:
            raise NotFoundError(
                f"PDOK heeft geen Wijken en Buurten {year} ({level}). Kies een ander jaar."
            ) from error
        raise
    except (ValueError, TypeError, AttributeError, shapely.errors.ShapelyError) as error:
        raise FetchError(f"Onverwacht antwoord van {host(url)}: {error}") from error
    return features, pages, counts


def fetch_boundaries(
    year: int, level: str, raw_dir: Path, session: requests.Session
) -> dict[str, Any]:
    """Download PDOK Wijken en Buurten boundaries of one level and year as mirror GeoJSON."""
    level = LEVEL_ALIASES.get(level.lower(), level)
    if level not in PDOK_LEVELS:
        raise FetchError(f"Onbekend niveau '{level}': kies gemeenten, wijken of buurten.")
    url = PDOK_URL.format(year=year, level=level)
    features, pages, counts = _features(session, url, level, year)
    if not features:
        raise FetchError(f"PDOK gaf geen gebieden voor {level} {year}.")
    fetched_at = now()
    document = {
        "type": "FeatureCollection",
        "metadata": {
            "type": level,
            "year": year,
            "generated": fetched_at,
            "count": len(features),
            "source_url": url,
            "simplified_degrees": SIMPLIFY_DEGREES[level],
        },
        "features": features,
    }
    target = Path(raw_dir) / "pdok-gebieden" / f"{level}_{year}.geojson"
    write_file_atomic(target, lambda out: json.dump(document, out, ensure_ascii=False))
    messages = [f"{n} gebied(en) met ongeldige grenzen {what}." for what, n in counts.items() if n]
    return {
        "table": f"pdok:{level}:{year}",
        "url": url,
        "fetched_at": fetched_at,
        "rows": len(features),
        "pages": pages,
        "path": str(target),
        "messages": messages,
        "geometry": counts,
    }
