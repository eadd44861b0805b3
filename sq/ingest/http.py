"""One HTTP session for every download: User-Agent, timeouts, retries by urllib3 ``Retry``.

Retries (connection errors, read time-outs, HTTP 429/500/502/503/504, honouring
``Retry-After``) are urllib3's, not ours. Every failure becomes a :class:`FetchError` with a
plain Dutch message; 400/404 answers return ``None`` so callers can say what was not found.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Final
from urllib.parse import urlparse

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

USER_AGENT: Final = "sociale-basis/0.1 (+https://github.com/; sq fetch)"
TIMEOUT: Final = (10.0, 120.0)
"""(connect, read) seconds per request."""

RETRIES: Final = Retry(
    total=3,
    connect=3,
    read=3,
    status=3,
    backoff_factor=2.0,
    status_forcelist=(429, 500, 502, 503, 504),
    allowed_methods=frozenset({"GET"}),
    respect_retry_after_header=True,
    raise_on_status=False,
)
"""At most four attempts per request, waiting 2, 4 and 8 s in between (or what the server
asks with Retry-After)."""

OFFLINE_HINT: Final = "Gebruik de meegeleverde gegevens of probeer het later opnieuw."


class FetchError(RuntimeError):
    """A download failed; the message is plain Dutch for the user."""


class NotFoundError(FetchError):
    """The server does not know the table, collection or page (HTTP 404/400)."""


def make_session(retries: Retry = RETRIES) -> requests.Session:
    """Return a session with the project's User-Agent and urllib3 retries on http and https."""
    session = requests.Session()
    session.headers.update({"User-Agent": USER_AGENT, "Accept": "application/json"})
    adapter = HTTPAdapter(max_retries=retries)
    session.mount("https://", adapter)
    session.mount("http://", adapter)
    return session


def host(url: str) -> str:
    """Return the host part of a URL for messages."""
    return urlparse(url).netloc or url


def now() -> str:
    """Return the current UTC time as ISO 8601 seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _is_timeout(error: requests.RequestException) -> bool:
    """Tell whether a requests error is (or wraps, after retries) a time-out."""
    if isinstance(error, requests.Timeout):
        return True
    reason = getattr(error.args[0] if error.args else None, "reason", None)
    return isinstance(reason, ReadTimeoutError)


def _send(session: requests.Session, url: str, params: dict[str, str] | None) -> requests.Response:
    """GET once (urllib3 retries inside); raise FetchError with a Dutch message on failure."""
    try:
        return session.get(url, params=params, timeout=TIMEOUT)
    except requests.RequestException as error:
        if _is_timeout(error):
            raise FetchError(
                f"Time-out: {host(url)} antwoordde niet op tijd. {OFFLINE_HINT}"
            ) from error
        if isinstance(error, requests.ConnectionError):
            raise FetchError(
                f"Geen internetverbinding: {host(url)} is niet bereikbaar. {OFFLINE_HINT}"
            ) from error
        raise FetchError(f"Downloaden van {url} mislukt: {error}") from error


def get_json(
    session: requests.Session,
    url: str,
    params: dict[str, str] | None = None,
    *,
    exact: bool = False,
) -> tuple[Any, str] | None:
    """GET JSON; (document, final url), None on 400/404; exact keeps decimals as text."""
    response = _send(session, url, params)
    status = response.status_code
    if status in (400, 404):
        return None
    if status >= 500 or status == 429:
        raise FetchError(
            f"{host(url)} gaf een serverfout (HTTP {status}). Probeer het later opnieuw."
        )
    if status != 200:
        raise FetchError(f"{host(url)} weigerde de aanvraag (HTTP {status}): {url}")
    try:
        document = response.json(parse_float=str) if exact else response.json()
    except ValueError as error:
        raise FetchError(
            f"Onverwacht antwoord van {host(url)}: geen geldige JSON ({url})."
        ) from error
    return document, response.url


def get_count(session: requests.Session, url: str, params: dict[str, str] | None) -> int | None:
    """Return the number a ``$count`` URL answers with; None when the server gives none."""
    try:
        response = _send(session, url, params)
    except FetchError:
        return None
    text = response.text.strip() if response.status_code == 200 else ""
    return int(text) if text.isdigit() else None
