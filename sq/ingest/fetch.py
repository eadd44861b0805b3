"""`sq fetch`: one entry point for CBS tables (OData v4, v3 as fallback) and PDOK boundaries.

The protocols live in their own modules: :mod:`sq.ingest.http` (one session, urllib3 retries),
:mod:`sq.ingest.paging` (next links, written once), :mod:`sq.ingest.odata_v4`,
:mod:`sq.ingest.odata_v3` and :mod:`sq.ingest.pdok`. Every download is written to a temporary
name first and renamed when complete and checked, so a failed download never replaces the copy
that was there.

Why our own client and not ``cbsodata`` (1.3.5, v3) or ``cbsodata4`` (0.1.3, v4): both return
whole tables in memory (``cbsodata4`` also caches every reply with ``functools.cache``), write
no atomic copy, have no retries or time-outs (``cbsodata4`` calls ``httpx.get`` bare), raise
English errors, and ``cbsodata4`` speaks httpx, which the ``responses`` library we test with
cannot record. What we need on top of ``requests`` + urllib3 ``Retry`` is small: paging, a
row-count check, a shape check and the mirror's folder layout.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import requests

from sq.ingest.http import FetchError, NotFoundError, make_session
from sq.ingest.odata_v3 import fetch_table_v3
from sq.ingest.odata_v4 import fetch_table_v4
from sq.ingest.pdok import fetch_boundaries
from sq.ingest.shape import Expected

__all__ = ["FetchError", "FetchReport", "NotFoundError", "fetch_table", "run_fetch"]

Protocol = Literal["v4", "v3"]
DEFAULT_PROTOCOLS: Final[tuple[Protocol, ...]] = ("v4", "v3")

_TABLE_RE: Final = re.compile(r"^[0-9]{4,5}[A-Za-z]{3}$")
_PDOK_RE: Final = re.compile(r"^pdok:([a-z]+):(\d{4})$")


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
    protocol: str = ""


def _report(target: str, written: dict[str, Any]) -> FetchReport:
    """Turn what a protocol module wrote into a FetchReport."""
    return FetchReport(
        target,
        Path(written["path"]),
        str(written["url"]),
        int(written["rows"]),
        int(written["pages"]),
        str(written["fetched_at"]),
        list(written.get("messages", [])),
        str(written.get("protocol", "")),
    )


def fetch_table(
    table_id: str,
    raw_dir: Path,
    *,
    session: requests.Session | None = None,
    filters: str | None = None,
    protocols: tuple[Protocol, ...] = DEFAULT_PROTOCOLS,
    expected: dict[Protocol, Expected] | None = None,
) -> FetchReport:
    """Download one table, trying the protocols in order (v4 first, v3 as fallback)."""
    if not _TABLE_RE.match(table_id):
        raise FetchError(
            f"'{table_id}' is geen geldig tabelnummer (verwacht iets als 85984NED of 50090NED)."
        )
    table_id = table_id.upper()
    session = session or make_session()
    fetchers = {"v4": fetch_table_v4, "v3": fetch_table_v3}
    failures: list[tuple[str, FetchError]] = []
    for protocol in protocols:
        try:
            written = fetchers[protocol](
                table_id,
                Path(raw_dir),
                session,
                filters=filters,
                expected=(expected or {}).get(protocol),
            )
        except FetchError as error:
            failures.append((protocol, error))
            continue
        report = _report(table_id, written)
        report.messages[:0] = [f"OData {p} lukte niet: {e}" for p, e in failures]
        return report
    raise _combined(table_id, failures, Path(raw_dir))


def _combined(table_id: str, failures: list[tuple[str, FetchError]], raw_dir: Path) -> FetchError:
    """One Dutch error naming the table, for a table that failed on every protocol tried."""
    kind = NotFoundError if all(isinstance(e, NotFoundError) for _, e in failures) else FetchError
    if kind is NotFoundError and len(failures) > 1:
        text = (
            f"Tabel {table_id} bestaat niet op datasets.cbs.nl (OData v4), opendata.cbs.nl of "
            "dataderden.cbs.nl. Controleer het tabelnummer (bijvoorbeeld 85984NED)."
        )
    elif len(failures) == 1:
        text = str(failures[0][1])
    else:
        text = " ".join(f"OData {p}: {e}" for p, e in failures)
    if f"Tabel {table_id}" not in text:
        text = f"Tabel {table_id} niet opgehaald: {text}"
    old = [p for p in raw_dir.glob(f"cbs-odata*-{table_id}") if p.is_dir()]
    if old and "blijven staan" not in text:
        text += " De vorige download blijft staan."
    return kind(text)


def run_fetch(
    target: str,
    raw_dir: Path,
    session: requests.Session | None = None,
    *,
    filters: str | None = None,
    protocols: tuple[Protocol, ...] = DEFAULT_PROTOCOLS,
    expected: dict[Protocol, Expected] | None = None,
) -> FetchReport:
    """Fetch a table id (``85984NED``) or PDOK boundaries (``pdok:wijken:2024``)."""
    text = target.strip()
    match = _PDOK_RE.match(text.lower())
    if text.lower().startswith("pdok") and not match:
        raise FetchError(
            f"'{target}' begrijp ik niet: gebruik pdok:<gemeenten|wijken|buurten>:<jaar>, "
            "bijvoorbeeld pdok:buurten:2024."
        )
    try:
        if match:
            written = fetch_boundaries(
                int(match.group(2)), match.group(1), Path(raw_dir), session or make_session()
            )
            return _report(str(written["table"]), written)
        return fetch_table(
            text,
            raw_dir,
            session=session,
            filters=filters,
            protocols=protocols,
            expected=expected,
        )
    except OSError as error:
        raise FetchError(
            f"Kan niet schrijven in {raw_dir}: {error.strerror or error}. "
            "Kies met --raw een map waarin je mag schrijven (bijvoorbeeld data/raw)."
        ) from error
