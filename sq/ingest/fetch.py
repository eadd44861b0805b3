"""`sq fetch`: download CBS/RIVM StatLine tables (OData v3) and PDOK boundaries into the raw folder.

Layout written (the same layout the adapters read):

- ``<raw>/cbs-odata-<TABLE>/``: ``TableInfos.json``, ``DataProperties.json``, one
  ``<Dimension>.json`` per dimension (codes and titles, e.g. ``WijkenEnBuurten.json``,
  ``Perioden.json``), ``data.csv`` (all pages of ``TypedDataSet``, UTF-8, ``,``, numbers exactly
  as the JSON wrote them, null as an empty cell) and ``fetched.json`` (url, host, time, rows).
- ``<raw>/pdok-gebieden/<level>_<year>.geojson``: PDOK "Wijken en Buurten" (OGC API Features),
  EPSG:4326, keys ``gemeentecode``/``gemeentenaam``, ``wijkcode``/``wijknaam``,
  ``buurtcode``/``buurtnaam``, simplified like the mirror.

Tables are tried on ``opendata.cbs.nl`` (CBS) first and then on ``dataderden.cbs.nl`` (third
parties such as RIVM). Every folder or file is written to a temporary name first and renamed
when complete, so a failed download never leaves half a table behind.

Entry point for the CLI: :func:`run_fetch`.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Final

import requests
import shapely
from shapely.geometry import mapping, shape

CBS_HOSTS: Final = ("https://opendata.cbs.nl", "https://dataderden.cbs.nl")
"""StatLine catalogues in the order they are tried: CBS itself, then third parties (RIVM)."""

ODATA_PATH: Final = "/ODataApi/odata/"
FEED_PATH: Final = "/ODataFeed/odata/"
"""The ODataApi caps a request at 10,000 rows (and may cut silently); the bulk feed pages
with ``odata.nextLink``, so data comes from the feed and metadata from the API."""

PDOK_URL: Final = (
    "https://api.pdok.nl/cbs/wijken-en-buurten-{year}/ogc/v1/collections/{level}/items"
)
PDOK_PAGE_LIMIT: Final = 1000
PDOK_LEVELS: Final = ("gemeenten", "wijken", "buurten")
SIMPLIFY_DEGREES: Final = {"gemeenten": 0.001, "wijken": 0.0005, "buurten": 0.0001}
"""Douglas-Peucker tolerance per level, as in the mirror (about 100 m, 50 m, 10 m)."""

USER_AGENT: Final = "sociale-basis/0.1 (+https://github.com/; sq fetch)"
TIMEOUT: Final = (10.0, 120.0)
"""(connect, read) seconds per request."""

RETRY_WAITS: Final = (2.0, 5.0)
"""Seconds to wait before the 2nd and 3rd attempt; at most len+1 attempts per request."""

MAX_PAGES: Final = 10_000
"""Guard against a server that keeps sending the same next link."""

OFFLINE_HINT: Final = "Gebruik de meegeleverde gegevens of probeer het later opnieuw."

_TABLE_RE: Final = re.compile(r"^[0-9]{4,5}[A-Za-z]{3}$")
_PDOK_RE: Final = re.compile(r"^pdok:([a-z]+):(\d{4})$")
_LEVEL_ALIASES: Final = {
    "gemeente": "gemeenten",
    "gemeenten": "gemeenten",
    "wijk": "wijken",
    "wijken": "wijken",
    "buurt": "buurten",
    "buurten": "buurten",
}
_PDOK_KEY_ALIASES: Final = {
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
_DIMENSION_TYPES: Final = frozenset({"Dimension", "GeoDimension", "TimeDimension", "GeoDetail"})

_sleep: Callable[[float], None] = time.sleep


class FetchError(RuntimeError):
    """A download failed; the message is plain Dutch for the user."""


class NotFoundError(FetchError):
    """The server does not know the table, collection or page (HTTP 404/400)."""


@dataclass
class FetchReport:
    """What one fetch wrote."""

    target: str
    path: Path
    url: str
    rows: int
    pages: int
    fetched_at: str
    messages: list[str] = field(default_factory=list)


def make_session() -> requests.Session:
    """Return a requests session with the project's User-Agent."""
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    return session


def _host(url: str) -> str:
    """Return the host part of a URL for messages."""
    return requests.utils.urlparse(url).netloc or url


def _now() -> str:
    """Return the current UTC time as ISO 8601 seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def get_json(
    session: requests.Session,
    url: str,
    params: dict[str, str] | None = None,
    *,
    exact: bool = False,
) -> tuple[Any, str] | None:
    """GET JSON with bounded retries; (document, final url), None on 404; exact keeps decimals."""
    attempts = len(RETRY_WAITS) + 1
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            response = session.get(url, params=params, timeout=TIMEOUT)
        except requests.Timeout as error:
            if last:
                raise FetchError(
                    f"Time-out: {_host(url)} antwoordde niet op tijd. {OFFLINE_HINT}"
                ) from error
        except requests.ConnectionError as error:
            if last:
                raise FetchError(
                    f"Geen internetverbinding: {_host(url)} is niet bereikbaar. {OFFLINE_HINT}"
                ) from error
        except requests.RequestException as error:
            raise FetchError(f"Downloaden van {url} mislukt: {error}") from error
        else:
            if response.status_code in (400, 404):
                return None
            if response.status_code >= 500 or response.status_code == 429:
                if last:
                    raise FetchError(
                        f"{_host(url)} gaf een serverfout (HTTP {response.status_code}). "
                        "Probeer het later opnieuw."
                    )
            elif response.status_code != 200:
                raise FetchError(
                    f"{_host(url)} weigerde de aanvraag (HTTP {response.status_code}): {url}"
                )
            else:
                try:
                    document = response.json(parse_float=str) if exact else response.json()
                    return document, response.url
                except ValueError as error:
                    raise FetchError(
                        f"Onverwacht antwoord van {_host(url)}: geen geldige JSON ({url})."
                    ) from error
        _sleep(RETRY_WAITS[attempt])
    raise AssertionError("unreachable")  # pragma: no cover


def _values(document: Any, url: str) -> list[dict[str, Any]]:
    """Return the ``value`` list of an OData document or raise FetchError."""
    if not isinstance(document, dict) or not isinstance(document.get("value"), list):
        raise FetchError(f"Onverwacht antwoord van {_host(url)}: geen 'value'-lijst ({url}).")
    rows = document["value"]
    if not all(isinstance(row, dict) for row in rows):
        raise FetchError(f"Onverwacht antwoord van {_host(url)}: rijen zijn geen objecten.")
    return rows


def iter_odata_pages(
    session: requests.Session, url: str, params: dict[str, str]
) -> Iterator[list[dict[str, Any]]]:
    """Yield the rows of every page of an OData feed, following ``odata.nextLink``."""
    next_url: str | None = url
    next_params: dict[str, str] | None = params
    for _ in range(MAX_PAGES):
        if next_url is None:
            return
        got = get_json(session, next_url, next_params, exact=True)
        if got is None:
            raise FetchError(f"Pagina niet gevonden tijdens het downloaden: {next_url}")
        document, final_url = got
        yield _values(document, final_url)
        link = document.get("odata.nextLink") or document.get("@odata.nextLink")
        next_url, next_params = (str(link), None) if link else (None, None)
    raise FetchError(f"Te veel pagina's bij {url}: de download is afgebroken.")


def server_count(session: requests.Session, url: str, params: dict[str, str]) -> int | None:
    """Return the row count the server reports at ``<url>/$count``; None if it gives none."""
    try:
        response = session.get(url + "/$count", params=params, timeout=TIMEOUT)
    except requests.RequestException:
        return None
    text = response.text.strip() if response.status_code == 200 else ""
    return int(text) if text.isdigit() else None


def _find_table(session: requests.Session, table_id: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (base url, TableInfos rows) of the first catalogue that knows the table."""
    for host in CBS_HOSTS:
        base = f"{host}{ODATA_PATH}{table_id}/"
        got = get_json(session, base + "TableInfos", {"$format": "json"})
        if got is not None:
            return base, _values(got[0], got[1])
    raise NotFoundError(
        f"Tabel {table_id} bestaat niet op opendata.cbs.nl of dataderden.cbs.nl. "
        "Controleer het tabelnummer (bijvoorbeeld 85984NED)."
    )


def _write_json(path: Path, document: Any) -> None:
    """Write JSON as UTF-8 with readable indentation."""
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")


def _cell(value: Any) -> str:
    """Render one TypedDataSet value for the CSV: null empty, the rest exactly as received."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_rows_csv(
    path: Path, pages: Iterator[list[dict[str, Any]]], columns: list[str]
) -> tuple[int, int]:
    """Write all pages to one CSV with the given leading columns; return (rows, pages)."""
    rows_seen: list[dict[str, Any]] = []
    n_pages = 0
    for page in pages:
        n_pages += 1
        rows_seen.extend(page)
    header = list(columns)
    for row in rows_seen:
        for key in row:
            if key not in header:
                header.append(key)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows_seen:
            writer.writerow([_cell(row.get(key)) for key in header])
    return len(rows_seen), n_pages


def _replace_dir(tmp: Path, target: Path) -> None:
    """Move a finished temp folder onto the target, replacing an older copy."""
    old = None
    if target.exists():
        old = target.with_name(f".old-{target.name}-{os.getpid()}")
        target.rename(old)
    tmp.rename(target)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def fetch_table(
    table_id: str,
    raw_dir: Path,
    *,
    session: requests.Session | None = None,
    filters: str | None = None,
) -> FetchReport:
    """Download one StatLine table (metadata, dimensions, all data pages) into raw_dir."""
    if not _TABLE_RE.match(table_id):
        raise FetchError(
            f"'{table_id}' is geen geldig tabelnummer (verwacht iets als 85984NED of 50090NED)."
        )
    table_id = table_id.upper()
    session = session or make_session()
    base, infos = _find_table(session, table_id)
    got = get_json(session, base + "DataProperties", {"$format": "json"})
    if got is None:
        raise FetchError(f"Tabel {table_id}: DataProperties ontbreekt op {_host(base)}.")
    properties = _values(got[0], got[1])
    messages: list[str] = []
    dimensions: dict[str, list[dict[str, Any]]] = {}
    for prop in properties:
        key = str(prop.get("Key") or "")
        if prop.get("Type") in _DIMENSION_TYPES and key:
            dim = get_json(session, base + key, {"$format": "json"})
            if dim is None:
                messages.append(f"Dimensie {key} niet gevonden; codes zonder namen.")
                continue
            dimensions[key] = _values(dim[0], dim[1])
    raw_dir = Path(raw_dir)
    raw_dir.mkdir(parents=True, exist_ok=True)
    target = raw_dir / f"cbs-odata-{table_id}"
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-cbs-odata-{table_id}-", dir=raw_dir))
    try:
        params = {"$format": "json"}
        if filters:
            params["$filter"] = filters
        feed_url = base.replace(ODATA_PATH, FEED_PATH) + "TypedDataSet"
        leading = ["ID", *(str(p["Key"]) for p in properties if p.get("Type") in _DIMENSION_TYPES)]
        rows, pages = write_rows_csv(
            tmp / "data.csv", iter_odata_pages(session, feed_url, params), leading
        )
        expected = server_count(session, base + "TypedDataSet", params)
        if expected is not None and expected != rows:
            raise FetchError(
                f"Tabel {table_id} is onvolledig binnengekomen ({rows} van {expected} rijen). "
                "Probeer het later opnieuw."
            )
        if expected is None:
            messages.append("Het aantal rijen kon niet bij de server worden gecontroleerd.")
        fetched_at = _now()
        _write_json(tmp / "TableInfos.json", infos)
        _write_json(tmp / "DataProperties.json", properties)
        for key, values in dimensions.items():
            _write_json(tmp / f"{key}.json", values)
        _write_json(
            tmp / "fetched.json",
            {
                "table": table_id,
                "url": base,
                "host": _host(base),
                "filters": filters,
                "fetched_at": fetched_at,
                "rows": rows,
                "pages": pages,
                "dimensions": sorted(dimensions),
            },
        )
        _replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return FetchReport(table_id, target, base, rows, pages, fetched_at, messages)


def _rename_pdok_properties(properties: dict[str, Any], level: str) -> dict[str, Any]:
    """Rename PDOK/WFS key names to the mirror's (gemeentecode, wijkcode, buurtcode, ...)."""
    out = {_PDOK_KEY_ALIASES.get(key, key): value for key, value in properties.items()}
    code_key, name_key = _STATCODE_KEYS[level]
    if code_key not in out and "statcode" in out:
        out[code_key] = out.pop("statcode")
    if name_key not in out and "statnaam" in out:
        out[name_key] = out.pop("statnaam")
    return out


def _slim_geometry(geometry: dict[str, Any] | None, tolerance: float) -> dict[str, Any] | None:
    """Simplify a GeoJSON geometry (keeping topology valid) and round to 1e-6 degrees."""
    if not geometry:
        return None
    geom = shape(geometry)
    if tolerance > 0:
        geom = geom.simplify(tolerance, preserve_topology=True)
    geom = shapely.set_precision(geom, 1e-6)
    return mapping(geom)


def iter_pdok_pages(
    session: requests.Session, url: str, params: dict[str, str]
) -> Iterator[list[dict[str, Any]]]:
    """Yield the features of every page of an OGC API Features response, following ``next``."""
    next_url: str | None = url
    next_params: dict[str, str] | None = params
    for _ in range(MAX_PAGES):
        if next_url is None:
            return
        got = get_json(session, next_url, next_params)
        if got is None:
            raise NotFoundError(f"Niet gevonden bij PDOK: {next_url}")
        document, final_url = got
        if not isinstance(document, dict) or not isinstance(document.get("features"), list):
            raise FetchError(
                f"Onverwacht antwoord van {_host(final_url)}: geen FeatureCollection ({final_url})."
            )
        yield document["features"]
        links = document.get("links") or []
        nxt = [
            link.get("href")
            for link in links
            if isinstance(link, dict) and link.get("rel") == "next" and link.get("href")
        ]
        next_url, next_params = (str(nxt[0]), None) if nxt else (None, None)
    raise FetchError(f"Te veel pagina's bij {url}: de download is afgebroken.")


def fetch_boundaries(
    year: int, level: str, raw_dir: Path, *, session: requests.Session | None = None
) -> FetchReport:
    """Download PDOK Wijken en Buurten boundaries of one level and year as mirror GeoJSON."""
    level = _LEVEL_ALIASES.get(level.lower(), level)
    if level not in PDOK_LEVELS:
        raise FetchError(f"Onbekend niveau '{level}': kies gemeenten, wijken of buurten.")
    session = session or make_session()
    url = PDOK_URL.format(year=year, level=level)
    params = {"f": "json", "limit": str(PDOK_PAGE_LIMIT)}
    tolerance = SIMPLIFY_DEGREES[level]
    features: list[dict[str, Any]] = []
    pages = 0
    try:
        for page in iter_pdok_pages(session, url, params):
            pages += 1
            for feature in page:
                if not isinstance(feature, dict):
                    raise FetchError(f"Onverwacht antwoord van {_host(url)}: ongeldige feature.")
                geometry = feature.get("geometry")
                features.append(
                    {
                        "type": "Feature",
                        "properties": _rename_pdok_properties(
                            feature.get("properties") or {}, level
                        ),
                        "geometry": _slim_geometry(geometry, tolerance),
                    }
                )
    except NotFoundError as error:
        if pages == 0:
            raise NotFoundError(
                f"PDOK heeft geen Wijken en Buurten {year} ({level}). Kies een ander jaar."
            ) from error
        raise
    except (ValueError, TypeError, AttributeError, shapely.errors.ShapelyError) as error:
        raise FetchError(f"Onverwacht antwoord van {_host(url)}: {error}") from error
    if not features:
        raise FetchError(f"PDOK gaf geen gebieden voor {level} {year}.")
    fetched_at = _now()
    document = {
        "type": "FeatureCollection",
        "metadata": {
            "type": level,
            "year": year,
            "generated": fetched_at,
            "count": len(features),
            "source_url": url,
            "simplified_degrees": tolerance,
        },
        "features": features,
    }
    folder = Path(raw_dir) / "pdok-gebieden"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{level}_{year}.geojson"
    handle, tmp_name = tempfile.mkstemp(prefix=f".tmp-{level}_{year}-", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(document, out, ensure_ascii=False)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return FetchReport(f"pdok:{level}:{year}", target, url, len(features), pages, fetched_at)


def run_fetch(
    target: str,
    raw_dir: Path,
    session: requests.Session | None = None,
    *,
    filters: str | None = None,
) -> FetchReport:
    """Fetch a StatLine table id (``85984NED``) or PDOK boundaries (``pdok:wijken:2024``)."""
    text = target.strip()
    match = _PDOK_RE.match(text.lower())
    if text.lower().startswith("pdok") and not match:
        raise FetchError(
            f"'{target}' begrijp ik niet: gebruik pdok:<gemeenten|wijken|buurten>:<jaar>, "
            "bijvoorbeeld pdok:buurten:2024."
        )
    try:
        if match:
            return fetch_boundaries(int(match.group(2)), match.group(1), raw_dir, session=session)
        return fetch_table(text, raw_dir, session=session, filters=filters)
    except OSError as error:
        raise FetchError(
            f"Kan niet schrijven in {raw_dir}: {error.strerror or error}. "
            "Kies met --raw een map waarin je mag schrijven (bijvoorbeeld data/raw)."
        ) from error
