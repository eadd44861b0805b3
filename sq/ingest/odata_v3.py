"""CBS/RIVM StatLine tables over OData v3 (``opendata.cbs.nl``, then ``dataderden.cbs.nl``).

Writes ``<raw>/cbs-odata-<TABLE>/``: ``TableInfos.json``, ``DataProperties.json``, one
``<Dimension>.json`` per dimension, ``data.csv`` (all pages of ``TypedDataSet``, numbers
exactly as the JSON wrote them, null as an empty cell) and ``fetched.json``. Metadata comes from
the ODataApi, data from the bulk ODataFeed (the API caps a request at 10,000 rows).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import requests

from sq.ingest.files import read_json, replace_dir, staging_dir, write_json, write_rows_csv
from sq.ingest.http import FetchError, NotFoundError, get_count, get_json, host, now
from sq.ingest.paging import iter_pages, odata_page, value_list
from sq.ingest.shape import Expected, check_shape

CBS_HOSTS: Final = ("https://opendata.cbs.nl", "https://dataderden.cbs.nl")
"""StatLine catalogues in the order they are tried: CBS itself, then third parties (RIVM)."""

ODATA_PATH: Final = "/ODataApi/odata/"
FEED_PATH: Final = "/ODataFeed/odata/"
FOLDER_PREFIX: Final = "cbs-odata-"
DIMENSION_TYPES: Final = frozenset({"Dimension", "GeoDimension", "TimeDimension", "GeoDetail"})


def _find_table(session: requests.Session, table_id: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (base url, TableInfos rows) of the first catalogue that knows the table."""
    for cbs_host in CBS_HOSTS:
        base = f"{cbs_host}{ODATA_PATH}{table_id}/"
        got = get_json(session, base + "TableInfos", {"$format": "json"})
        if got is not None:
            return base, value_list(*got)
    raise NotFoundError(
        f"Tabel {table_id} bestaat niet op opendata.cbs.nl of dataderden.cbs.nl. "
        "Controleer het tabelnummer (bijvoorbeeld 85984NED)."
    )


def _metadata(
    session: requests.Session, table_id: str, base: str
) -> tuple[list[dict[str, Any]], dict[str, list[dict[str, Any]]], list[str]]:
    """Return (DataProperties, dimension code lists, messages) of a table."""
    got = get_json(session, base + "DataProperties", {"$format": "json"})
    if got is None:
        raise FetchError(f"Tabel {table_id}: DataProperties ontbreekt op {host(base)}.")
    properties = value_list(*got)
    messages: list[str] = []
    dimensions: dict[str, list[dict[str, Any]]] = {}
    for prop in properties:
        key = str(prop.get("Key") or "")
        if prop.get("Type") in DIMENSION_TYPES and key:
            dim = get_json(session, base + key, {"$format": "json"})
            if dim is None:
                messages.append(f"Dimensie {key} niet gevonden; codes zonder namen.")
                continue
            dimensions[key] = value_list(*dim)
    return properties, dimensions, messages


def _previous_dimensions(target: Path) -> list[str]:
    """Return the dimension keys of the copy already on disk (empty when there is none)."""
    fetched = read_json(target / "fetched.json")
    return list(fetched.get("dimensions", [])) if isinstance(fetched, dict) else []


def fetch_table_v3(
    table_id: str,
    raw_dir: Path,
    session: requests.Session,
    *,
    filters: str | None = None,
    expected: Expected | None = None,
) -> dict[str, Any]:
    """Download one StatLine table over OData v3 into raw_dir; return what fetched.json says."""
    base, infos = _find_table(session, table_id)
    properties, dimensions, messages = _metadata(session, table_id, base)
    dim_keys = [str(p["Key"]) for p in properties if p.get("Type") in DIMENSION_TYPES]
    topics = [str(p["Key"]) for p in properties if p.get("Type") == "Topic" and p.get("Key")]
    target = Path(raw_dir) / f"{FOLDER_PREFIX}{table_id}"
    check_shape(table_id, topics, dim_keys, expected, _previous_dimensions(target))
    params = {"$format": "json"}
    if filters:
        params["$filter"] = filters
    with staging_dir(Path(raw_dir), f"{FOLDER_PREFIX}{table_id}") as tmp:
        feed_url = base.replace(ODATA_PATH, FEED_PATH) + "TypedDataSet"
        pages = iter_pages(session, feed_url, params, odata_page, exact=True)
        rows, n_pages = write_rows_csv(tmp / "data.csv", pages, ["ID", *dim_keys])
        expected_rows = get_count(session, base + "TypedDataSet/$count", params)
        if expected_rows is not None and expected_rows != rows:
            raise FetchError(
                f"Tabel {table_id} is onvolledig binnengekomen ({rows} van {expected_rows} "
                "rijen). Probeer het later opnieuw."
            )
        if expected_rows is None:
            messages.append("Het aantal rijen kon niet bij de server worden gecontroleerd.")
        write_json(tmp / "TableInfos.json", infos)
        write_json(tmp / "DataProperties.json", properties)
        for key, values in dimensions.items():
            write_json(tmp / f"{key}.json", values)
        fetched = {
            "table": table_id,
            "protocol": "v3",
            "url": base,
            "host": host(base),
            "filters": filters,
            "fetched_at": now(),
            "rows": rows,
            "pages": n_pages,
            "dimensions": sorted(dim_keys),
            "messages": messages,
        }
        write_json(tmp / "fetched.json", fetched)
        replace_dir(tmp, target)
    return {**fetched, "path": str(target)}
