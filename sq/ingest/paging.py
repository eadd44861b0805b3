"""Paging, written once: follow the next link of an OData (v3, v4) or OGC API Features reply."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Final

import requests

from sq.ingest.http import FetchError, NotFoundError, get_json, host

MAX_PAGES: Final = 10_000
"""Guard against a server that keeps sending the same next link."""

Rows = list[dict[str, Any]]
PageReader = Callable[[Any, str], tuple[Rows, str | None]]
"""Reads one reply (document, final url) into (rows, next url or None)."""


def _objects(rows: object, url: str, what: str) -> Rows:
    """Return rows when they are a list of objects, else raise FetchError."""
    if not isinstance(rows, list):
        raise FetchError(f"Onverwacht antwoord van {host(url)}: geen {what} ({url}).")
    if not all(isinstance(row, dict) for row in rows):
        raise FetchError(f"Onverwacht antwoord van {host(url)}: rijen zijn geen objecten.")
    return rows


def value_list(document: Any, url: str) -> Rows:
    """Return the ``value`` list of an OData document or raise FetchError."""
    rows = document.get("value") if isinstance(document, dict) else None
    return _objects(rows, url, "'value'-lijst")


def odata_page(document: Any, url: str) -> tuple[Rows, str | None]:
    """Read an OData page: ``value`` and ``odata.nextLink`` (v3) or ``@odata.nextLink`` (v4)."""
    rows = value_list(document, url)
    link = document.get("odata.nextLink") or document.get("@odata.nextLink")
    return rows, str(link) if link else None


def features_page(document: Any, url: str) -> tuple[Rows, str | None]:
    """Read an OGC API Features page: ``features`` and the ``links`` entry with rel=next."""
    features = document.get("features") if isinstance(document, dict) else None
    if not isinstance(features, list):
        raise FetchError(f"Onverwacht antwoord van {host(url)}: geen FeatureCollection ({url}).")
    links = document.get("links") or []
    hrefs = [
        link.get("href")
        for link in links
        if isinstance(link, dict) and link.get("rel") == "next" and link.get("href")
    ]
    return _objects(features, url, "features"), (str(hrefs[0]) if hrefs else None)


def iter_pages(
    session: requests.Session,
    url: str,
    params: dict[str, str] | None,
    read_page: PageReader,
    *,
    exact: bool = False,
) -> Iterator[Rows]:
    """Yield the rows of every page, following the next link until there is none."""
    next_url: str = url
    next_params = params
    for _ in range(MAX_PAGES):
        got = get_json(session, next_url, next_params, exact=exact)
        if got is None:
            raise NotFoundError(f"Pagina niet gevonden tijdens het downloaden: {next_url}")
        rows, link = read_page(*got)
        yield rows
        if not link:
            return
        next_url, next_params = link, None
    raise FetchError(f"Te veel pagina's bij {url}: de download is afgebroken.")
