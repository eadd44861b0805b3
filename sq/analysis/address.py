"""The public address in QR codes, PDF links and shared views: a setting, or the visitor's own.

Order: ``SQ_PUBLIC_URL`` when it is a clean absolute http(s) address; otherwise the address the
visitor's browser reported (``st.context.url``); otherwise the request's ``X-Forwarded-Host`` /
``Host`` headers. Every host must look like a host name or IP address, must be in the allowed
hosts when a list is set (``SQ_ALLOWED_HOSTS``), and a loopback name is only accepted for a
visitor who came in over loopback. When nothing qualifies the answer is ``None``: better no QR
code than one that leads a resident's phone nowhere (or somewhere a forger chose).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Collection, Mapping
from urllib.parse import urlsplit

_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOSTNAME = re.compile(rf"^{_LABEL}(\.{_LABEL})*\.?$")
_HOST_PORT = re.compile(r"^(?P<host>\[[0-9a-f:.]+\]|[^:\[\]]+)(:(?P<port>[0-9]{1,5}))?$")
LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})
SCHEMES = ("http", "https")
MAX_HOST_LENGTH = 253


def split_host(value: str) -> tuple[str, int | None] | None:
    """Return (lower-case host, port) of a 'host[:port]' value, or None when it is malformed."""
    text = value.strip().lower()
    match = _HOST_PORT.match(text)
    if not text or len(text) > MAX_HOST_LENGTH + 8 or match is None:
        return None
    host, port_text = match.group("host"), match.group("port")
    port = int(port_text) if port_text else None
    if port is not None and not 0 < port < 65536:
        return None
    if host.startswith("["):
        try:
            ipaddress.IPv6Address(host[1:-1])
        except ValueError:
            return None
        return host, port
    if len(host) > MAX_HOST_LENGTH or not _HOSTNAME.match(host):
        return None
    return host.rstrip("."), port


def is_loopback(host: str) -> bool:
    """Tell whether a host name or address points at the machine itself."""
    bare = host.strip("[]").lower()
    if bare in LOOPBACK_NAMES or bare.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(bare).is_loopback
    except ValueError:
        return False


def parse_allowed_hosts(text: str | None) -> frozenset[str]:
    """Return the allowed host patterns from a comma-separated setting ('a.nl, *.b.nl')."""
    if not text:
        return frozenset()
    return frozenset(part.strip().lower() for part in text.split(",") if part.strip())


def host_allowed(host: str, port: int | None, allowed: Collection[str]) -> bool:
    """Tell whether host[:port] matches an allowed pattern (no list: every valid host)."""
    if not allowed:
        return True
    with_port = f"{host}:{port}" if port is not None else host
    for pattern in allowed:
        if pattern in (host, with_port, "*"):
            return True
        if pattern.startswith("*.") and host.endswith(pattern[1:]):
            return True
    return False


def _base(scheme: str, host: str, port: int | None, base_path: str) -> str:
    """Join scheme, host, port and the app's own path prefix into a base URL."""
    netloc = f"{host}:{port}" if port is not None else host
    path = "/" + base_path.strip("/") if base_path.strip("/") else ""
    return f"{scheme}://{netloc}{path}"


def setting_base_url(value: str | None) -> str | None:
    """Return $SQ_PUBLIC_URL without a trailing slash when it is a clean http(s) URL, else None."""
    if not value or not value.strip():
        return None
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in SCHEMES or parts.query or parts.fragment or "@" in parts.netloc:
        return None
    found = split_host(parts.netloc)
    if found is None or found[1] != port:
        return None
    return _base(parts.scheme, found[0], port, parts.path)


def _candidate(
    scheme: str, netloc: str, allowed: Collection[str], client_is_local: bool, base_path: str
) -> str | None:
    """Return the base URL for one scheme and host when the host passes every check."""
    found = split_host(netloc)
    if scheme not in SCHEMES or found is None or "@" in netloc:
        return None
    host, port = found
    if not host_allowed(host, port, allowed):
        return None
    if is_loopback(host) and not client_is_local:
        return None
    return _base(scheme, host, port, base_path)


def _first(headers: Mapping[str, str], name: str) -> str:
    """Return the first value of a possibly comma-joined header (proxies append)."""
    return str(headers.get(name) or "").split(",")[0].strip()


def _from_browser(browser_url: str | None) -> tuple[str, str] | None:
    """Return (scheme, netloc) of the address the visitor's browser shows."""
    if not browser_url:
        return None
    try:
        parts = urlsplit(browser_url.strip())
    except ValueError:
        return None
    return parts.scheme.lower(), parts.netloc


def _from_headers(headers: Mapping[str, str]) -> tuple[str, str] | None:
    """Return (scheme, netloc) from X-Forwarded-Host/-Proto, else the Host header."""
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    host = _first(lowered, "x-forwarded-host") or _first(lowered, "host")
    if not host:
        return None
    scheme = _first(lowered, "x-forwarded-proto").lower() or "http"
    return scheme, host


def choose_base_url(
    *,
    setting: str | None,
    browser_url: str | None,
    headers: Mapping[str, str],
    allowed_hosts: Collection[str] = (),
    client_is_local: bool = False,
    base_path: str = "",
) -> str | None:
    """Return the base URL residents' phones should open, or None when none can be trusted."""
    configured = setting_base_url(setting)
    if configured:
        return configured
    for found in (_from_browser(browser_url), _from_headers(headers)):
        if found is None:
            continue
        url = _candidate(found[0], found[1], allowed_hosts, client_is_local, base_path)
        if url:
            return url
    return None


def client_is_local(remote_ip: str | None, headers: Mapping[str, str]) -> bool:
    """Tell whether the visitor sits at this machine (loopback, not forwarded by a proxy)."""
    lowered = {str(k).lower(): str(v) for k, v in headers.items()}
    forwarded = _first(lowered, "x-real-ip") or _first(lowered, "x-forwarded-for")
    return all(is_loopback(address) for address in (remote_ip, forwarded) if address)
