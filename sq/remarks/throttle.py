"""Wrong passphrases slow down per account and per client; the state lives in the database.

A new browser session, another replica or a restart does not reset it. After `FREE_FAILURES`
wrong tries within `WINDOW`, each further try must wait twice as long (`BASE_DELAY` .. `MAX_DELAY`).
A success for a key clears its count.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, Final

from sqlalchemy import func, insert, select

from sq.remarks.db import attempts_table

FREE_FAILURES: Final = 5
WINDOW: Final = timedelta(hours=24)
"""Failures older than this (or before a success) no longer count."""
BASE_DELAY: Final = timedelta(seconds=30)
MAX_DELAY: Final = timedelta(minutes=15)
UNKNOWN_CLIENT: Final = "onbekend"


def client_key(peer: str | None, forwarded_for: str | None, trusted_proxies: Sequence[str]) -> str:
    """Return the client address: the last X-Forwarded-For hop, only when our proxy sent it.

    nginx appends the address it saw to X-Forwarded-For, so the last hop is the one our proxy
    vouches for; anything before it is whatever the client typed and is ignored. A request that
    did not come from a trusted proxy is keyed by its own peer address, headers ignored.
    """
    peer_ip = _ip(peer)
    if peer_ip is None:
        return UNKNOWN_CLIENT
    if peer_ip in {_ip(p) for p in trusted_proxies} and forwarded_for:
        last = _ip(forwarded_for.split(",")[-1])
        if last is not None:
            return last
    return peer_ip


def _ip(raw: str | None) -> str | None:
    """Return a normalised IP address, or None for anything that is not one."""
    try:
        return str(ipaddress.ip_address(str(raw or "").strip()[:64]))
    except ValueError:
        return None


def _delay(failures: int) -> timedelta:
    """Return how long to wait after the last failure, given the failures in the window."""
    if failures < FREE_FAILURES:
        return timedelta(0)
    return min(BASE_DELAY * 2 ** (failures - FREE_FAILURES), MAX_DELAY)


def _failures(conn: Any, column: Any, key: str, now: datetime) -> tuple[int, datetime | None]:
    """Count failures for one key since the window start or its last success; return the last."""
    since = now - WINDOW
    last_ok = conn.execute(
        select(func.max(attempts_table.c.at)).where(column == key, attempts_table.c.ok)
    ).scalar_one()
    if last_ok is not None and last_ok > since:
        since = last_ok
    count, last = conn.execute(
        select(func.count(), func.max(attempts_table.c.at)).where(
            column == key, ~attempts_table.c.ok, attempts_table.c.at > since
        )
    ).one()
    return int(count), last


def wait_seconds(conn: Any, account: str, client: str, now: datetime) -> int:
    """Return how many seconds this account or client must still wait before a new try."""
    naive = now.replace(tzinfo=None)
    waits = [0.0]
    for column, key in ((attempts_table.c.account, account), (attempts_table.c.client, client)):
        count, last = _failures(conn, column, key, naive)
        if last is not None:
            waits.append((last + _delay(count) - naive).total_seconds())
    return max(0, int(max(waits) + 0.999))


def record(conn: Any, account: str, client: str, now: datetime, *, ok: bool) -> None:
    """Store one try (in the caller's transaction)."""
    conn.execute(
        insert(attempts_table).values(
            account=account[:60], client=client[:64], at=now.replace(tzinfo=None), ok=ok
        )
    )


def prune(conn: Any, now: datetime) -> int:
    """Delete tries older than the window (they no longer count); return how many."""
    cutoff = now.replace(tzinfo=None) - WINDOW
    return conn.execute(attempts_table.delete().where(attempts_table.c.at < cutoff)).rowcount
