"""QR codes and deep links: a printed profile or projected slide leads back to the live view."""

from __future__ import annotations

import io
from collections.abc import Mapping
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

import segno

_ERROR_LEVEL = "m"
"""Medium error correction: survives a slightly creased handout, keeps the code small."""


def deep_link(base_url: str, page: str, params: Mapping[str, str]) -> str:
    """Build a shareable link to one page with query parameters, properly URL-encoded."""
    parts = urlsplit(base_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"base_url must be an absolute http(s) URL: {base_url!r}")
    base_path = parts.path.rstrip("/")
    page_path = "/".join(quote(seg, safe="") for seg in page.strip("/").split("/") if seg)
    path = f"{base_path}/{page_path}" if page_path else (base_path or "/")
    query = urlencode([(str(k), str(v)) for k, v in params.items()], quote_via=quote)
    return urlunsplit((parts.scheme, parts.netloc, path, query, ""))


def _qr(url: str) -> segno.QRCode:
    """Encode a URL as a QR code with our fixed error-correction level."""
    if not url:
        raise ValueError("cannot encode an empty URL")
    return segno.make_qr(url, error=_ERROR_LEVEL, boost_error=False)


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """Return the QR module matrix (True = dark) without quiet zone, for drawing it yourself."""
    return tuple(tuple(bool(cell) for cell in row) for row in _qr(url).matrix)


def qr_png(url: str, scale: int = 8) -> bytes:
    """Return a PNG of the QR code for a URL; `scale` is pixels per module."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    buffer = io.BytesIO()
    _qr(url).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()
