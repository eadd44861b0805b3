"""Where remarks live, whether this deployment shows or writes them, and which proxies we trust."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Literal

from sq.config import DATA_DIR

DEFAULT_REMARKS_PATH: Final = DATA_DIR / "remarks" / "remarks.sqlite"
DEFAULT_TRUSTED_PROXIES: Final = ("127.0.0.1", "::1")
"""Our own nginx runs on loopback; only its X-Forwarded-For is believed (see README)."""
Mode = Literal["write", "read", "off"]
MODES: Final[dict[str, Mode]] = {"write": "write", "read": "read", "off": "off"}


@dataclass(frozen=True)
class RemarksSettings:
    """Where remarks live, whether facilitators may log in, and the proxies we trust."""

    url: str
    mode: Mode
    notice: str = ""
    trusted_proxies: tuple[str, ...] = DEFAULT_TRUSTED_PROXIES


def default_remarks_url() -> str:
    """Return the SQLite URL of the default remarks file under data/remarks/."""
    return f"sqlite:///{DEFAULT_REMARKS_PATH}"


def _lookup(source: Mapping[str, Any], key: str) -> str | None:
    """Read a non-empty string setting from a mapping; st.secrets without a file counts as empty."""
    try:
        value = source.get(key)
    except FileNotFoundError:  # st.secrets raises this when no secrets.toml exists
        return None
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _proxies(env: Mapping[str, str]) -> tuple[str, ...]:
    """Return the trusted proxy addresses from SQ_TRUSTED_PROXIES (comma-separated)."""
    raw = _lookup(env, "SQ_TRUSTED_PROXIES")
    if raw is None:
        return DEFAULT_TRUSTED_PROXIES
    return tuple(part.strip() for part in raw.split(",") if part.strip())


def remarks_settings(env: Mapping[str, str], secrets: Mapping[str, Any]) -> RemarksSettings:
    """Decide URL, mode and trusted proxies from environment and secrets."""
    url = _lookup(env, "SQ_REMARKS_URL") or _lookup(secrets, "remarks_url") or default_remarks_url()
    proxies = _proxies(env)
    asked = (_lookup(env, "SQ_REMARKS_MODE") or "write").lower()
    notice = ""
    if _lookup(env, "SQ_FACILITATOR_PASSPHRASE") or _lookup(secrets, "remarks_passphrase"):
        notice = (
            "Het gedeelde wachtwoord voor begeleiders wordt niet meer gebruikt; begeleiders"
            " loggen in met een eigen account."
        )
    if asked not in MODES:
        notice = f"Onbekende stand '{asked[:20]}' voor opmerkingen; alleen lezen."
        return RemarksSettings(url, "read", notice, proxies)
    return RemarksSettings(url, MODES[asked], notice, proxies)
