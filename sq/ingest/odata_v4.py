"""CBS tables over OData v4 (``datasets.cbs.nl/odata/v1/CBS/<TABLE>``), the coming standard.

A v4 table is long: ``Observations`` rows hold ``Id``, ``Measure``, ``ValueAttribute``,
``Value`` and one column per dimension; empty cells are left out. ``MeasureCodes``, one
``<Dimension>Codes`` per dimension, ``Dimensions`` and ``Properties`` describe it. Paging
follows ``@odata.nextLink``.

Writes ``<raw>/cbs-odata4-<TABLE>/``: ``Properties.json``, ``Dimensions.json``,
``MeasureCodes.json``, ``<Dimension>Codes.json``, ``observations.csv`` (streamed to disk as the
pages arrive, values exactly as received) and ``fetched.json``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

import requests

from sq.ingest.files import read_json, replace_dir, staging_dir, stream_rows_csv, write_json
from sq.ingest.http import FetchError, NotFoundError, get_count, get_json, host, now
from sq.ingest.paging import iter_pages, odata_page, value_list
from sq.ingest.shape import Expected, check_shape

V4_BASE: Final = "https://datasets.cbs.nl/odata/v1/CBS/"
FOLDER_PREFIX: Final = "cbs-odata4-"
OBSERVATION_COLUMNS: Final = ("Id", "Measure", "ValueAttribute", "Value")


def _list(session: requests.Session, url: str, table_id: str, what: str) -> list[dict[str, Any]]:
    """GET one v4 metadata list (``value``); FetchError naming the table when it is absent."""
    got = get_json(session, url)
    if got is None:
        raise FetchError(f"Tabel {table_id}: {what} ontbreekt op {host(url)}.")
    return value_list(*got)


def _metadata(session: requests.Session, table_id: str, base: str) -> dict[str, Any]:
    """Return Properties, Dimensions, MeasureCodes and every dimension's code list."""
    if get_json(session, base) is None:
        raise NotFoundError(
            f"Tabel {table_id} bestaat niet op datasets.cbs.nl (OData v4). "
            "Controleer het tabelnummer (bijvoorbeeld 85984NED)."
        )
    got = get_json(session, base + "/Properties")
    properties = got[0] if got is not None and isinstance(got[0], dict) else {}
    dimensions = _list(session, base + "/Dimensions", table_id, "Dimensions")
    measures = _list(session, base + "/MeasureCodes", table_id, "MeasureCodes")
    codes = {}
    for dim in dimensions:
        key = str(dim.get("Identifier") or "")
        if key:
            codes[key] = _list(session, f"{base}/{key}Codes", table_id, f"{key}Codes")
    return {
        "properties": properties,
        "dimensions": dimensions,
        "measures": measures,
        "codes": codes,
    }


def fetch_table_v4(
    table_id: str,
    raw_dir: Path,
    session: requests.Session,
    *,
    filters: str | None = None,
    expected: Expected | None = None,
) -> dict[str, Any]:
    """Download one CBS table over OData v4 into raw_dir; return what fetched.json says."""
    base = V4_BASE + table_id
    meta = _metadata(session, table_id, base)
    dim_keys = list(meta["codes"])
    measure_keys = [str(m.get("Identifier")) for m in meta["measures"] if m.get("Identifier")]
    target = Path(raw_dir) / f"{FOLDER_PREFIX}{table_id}"
    previous = read_json(target / "fetched.json")
    before = previous.get("dimensions", []) if isinstance(previous, dict) else []
    check_shape(table_id, measure_keys, dim_keys, expected, before)
    params = {"$filter": filters} if filters else None
    messages: list[str] = []
    with staging_dir(Path(raw_dir), f"{FOLDER_PREFIX}{table_id}") as tmp:
        pages = iter_pages(session, base + "/Observations", params, odata_page, exact=True)
        header = [*OBSERVATION_COLUMNS, *dim_keys]
        rows, n_pages = stream_rows_csv(tmp / "observations.csv", pages, header)
        expected_rows = get_count(session, base + "/Observations/$count", params)
        if expected_rows is not None and expected_rows != rows:
            raise FetchError(
                f"Tabel {table_id} is onvolledig binnengekomen ({rows} van {expected_rows} "
                "rijen). Probeer het later opnieuw."
            )
        if expected_rows is None:
            messages.append("Het aantal rijen kon niet bij de server worden gecontroleerd.")
        write_json(tmp / "Properties.json", meta["properties"])
        write_json(tmp / "Dimensions.json", meta["dimensions"])
        write_json(tmp / "MeasureCodes.json", meta["measures"])
        for key, values in meta["codes"].items():
            write_json(tmp / f"{key}Codes.json", values)
        fetched = {
            "table": table_id,
            "protocol": "v4",
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
