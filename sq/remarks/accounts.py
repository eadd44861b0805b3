"""Named facilitator accounts: argon2id hashes in the remarks database, throttled logins.

An unknown account is checked against a dummy hash, so the time a login takes does not tell
whether the account exists. Every try, whatever its input, is recorded for the throttle.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Final, Literal

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from sq.remarks import throttle
from sq.remarks.db import accounts_table, now_utc

NAME_PATTERN: Final = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")
MIN_PASSPHRASE_CHARS: Final = 10
MAX_PASSPHRASE_CHARS: Final = 1024
Outcome = Literal["ok", "wrong", "empty", "too_long", "locked"]


class AccountError(ValueError):
    """An account command that cannot be done; the message is Dutch."""


@dataclass(frozen=True)
class Account:
    """A facilitator account as listed (never with its hash)."""

    name: str
    active: bool
    created_at: datetime


@dataclass(frozen=True)
class LoginResult:
    """What a login try gave: the outcome, the account on success, the wait when locked."""

    outcome: Outcome
    account: str = ""
    wait_seconds: int = 0


@cache
def _hasher() -> PasswordHasher:
    """Return the argon2id hasher (library defaults: RFC 9106 low-memory profile)."""
    return PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Return a hash of nothing anyone knows, to verify against for unknown accounts."""
    return _hasher().hash("sociale-basis: geen account met deze naam")


def normalise_name(raw: str) -> str:
    """Return an account name as stored: NFC, trimmed, lower case (at most 60 characters)."""
    return unicodedata.normalize("NFC", str(raw or "")).strip().lower()[:60]


def _normalise_passphrase(raw: str) -> str:
    """Return a passphrase as hashed: NFC, so the same typed text always matches."""
    return unicodedata.normalize("NFC", str(raw or ""))


def check_new_account(name: str, passphrase: str) -> tuple[str, str]:
    """Validate a new account's name and passphrase; raise AccountError in Dutch."""
    clean = normalise_name(name)
    if not NAME_PATTERN.match(clean):
        raise AccountError(
            "Een accountnaam heeft 2 tot 40 tekens: kleine letters, cijfers, punt, streepje of"
            " liggend streepje, en begint met een letter of cijfer."
        )
    secret = _normalise_passphrase(passphrase)
    if len(secret) < MIN_PASSPHRASE_CHARS:
        raise AccountError(f"Het wachtwoord moet minstens {MIN_PASSPHRASE_CHARS} tekens hebben.")
    if len(secret) > MAX_PASSPHRASE_CHARS:
        raise AccountError(f"Het wachtwoord mag hoogstens {MAX_PASSPHRASE_CHARS} tekens hebben.")
    return clean, secret


def add_account(engine: Engine, name: str, passphrase: str, *, replace: bool = False) -> str:
    """Create an account (or, with replace, set a new passphrase and enable it); return its name."""
    clean, secret = check_new_account(name, passphrase)
    values = {"password_hash": _hasher().hash(secret), "active": True, "disabled_at": None}
    with engine.begin() as conn:
        if replace:
            done = conn.execute(
                update(accounts_table).where(accounts_table.c.name == clean).values(**values)
            )
            if done.rowcount:
                return clean
        try:
            conn.execute(
                insert(accounts_table).values(
                    name=clean, created_at=now_utc().replace(tzinfo=None), **values
                )
            )
        except IntegrityError as exc:
            raise AccountError(
                f"Account '{clean}' bestaat al (gebruik --replace voor een nieuw wachtwoord)."
            ) from exc
    return clean


def list_accounts(engine: Engine) -> list[Account]:
    """Return every account, by name."""
    query = select(accounts_table).order_by(accounts_table.c.name)
    with engine.connect() as conn:
        return [Account(r.name, bool(r.active), r.created_at) for r in conn.execute(query)]


def disable_account(engine: Engine, name: str) -> None:
    """Disable an account: it can no longer log in; its remarks keep its name."""
    stamp = now_utc().replace(tzinfo=None)
    with engine.begin() as conn:
        done = conn.execute(
            update(accounts_table)
            .where(accounts_table.c.name == normalise_name(name))
            .values(active=False, disabled_at=stamp)
        )
    if not done.rowcount:
        raise AccountError(f"Er is geen account '{normalise_name(name)}'.")


def remove_account(engine: Engine, name: str) -> None:
    """Delete an account; its remarks keep its name as text."""
    with engine.begin() as conn:
        done = conn.execute(
            delete(accounts_table).where(accounts_table.c.name == normalise_name(name))
        )
    if not done.rowcount:
        raise AccountError(f"Er is geen account '{normalise_name(name)}'.")


def is_active(engine: Engine, name: str) -> bool:
    """Tell whether an account exists and may log in (checked again on every facilitator page)."""
    query = select(accounts_table.c.active).where(accounts_table.c.name == normalise_name(name))
    with engine.connect() as conn:
        return bool(conn.execute(query).scalar_one_or_none())


def _verify(stored: str | None, secret: str) -> bool:
    """Verify a passphrase against a stored hash, or against the dummy hash (same time)."""
    try:
        return _hasher().verify(stored or _dummy_hash(), secret) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


def _outcome(secret: str, verified: bool) -> Outcome:
    """Name the outcome of a try whose throttle check passed."""
    if not secret:
        return "empty"
    if len(secret) > MAX_PASSPHRASE_CHARS:
        return "too_long"
    return "ok" if verified else "wrong"


def login(
    engine: Engine, name: str, passphrase: str, client: str, now: datetime | None = None
) -> LoginResult:
    """Check a facilitator's try: throttled per account and client, recorded, constant work."""
    when = now or now_utc()
    account = normalise_name(name)
    secret = _normalise_passphrase(passphrase)
    with engine.begin() as conn:
        wait = throttle.wait_seconds(conn, account, client, when)
        if wait > 0:
            return LoginResult("locked", wait_seconds=wait)
        stored = conn.execute(
            select(accounts_table.c.password_hash).where(
                accounts_table.c.name == account, accounts_table.c.active
            )
        ).scalar_one_or_none()
    usable = bool(secret) and len(secret) <= MAX_PASSPHRASE_CHARS
    verified = _verify(stored if usable else None, secret[:MAX_PASSPHRASE_CHARS])
    outcome = _outcome(secret, verified)
    with engine.begin() as conn:
        throttle.record(conn, account, client, when, ok=outcome == "ok")
    return LoginResult(outcome, account if outcome == "ok" else "")
