"""`python -m sq facilitator add|list|disable|remove NAME`: manage facilitator accounts."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
import tomllib
from pathlib import Path
from typing import Any, TextIO

from sq.config import PROJECT_ROOT
from sq.remarks.accounts import (
    AccountError,
    add_account,
    disable_account,
    list_accounts,
    remove_account,
)
from sq.remarks.db import open_engine
from sq.remarks.model import RemarksUnavailableError
from sq.remarks.settings import remarks_settings

SECRETS_FILE = PROJECT_ROOT / ".streamlit" / "secrets.toml"


def add_parser(sub: Any) -> None:
    """Register the `facilitator` command and its actions."""
    p_fac = sub.add_parser("facilitator", help="accounts van begeleiders (opmerkingen vastleggen)")
    p_fac.add_argument("action", choices=["add", "list", "disable", "remove"])
    p_fac.add_argument("name", nargs="?", help="accountnaam, bijv. anna.dijkstra")
    p_fac.add_argument("--replace", action="store_true", help="add: nieuw wachtwoord instellen")
    p_fac.add_argument("--url", help="database-URL (standaard SQ_REMARKS_URL of secrets.toml)")


def read_secrets(path: Path) -> dict[str, Any]:
    """Read .streamlit/secrets.toml as the app does (empty when absent or unreadable)."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}


def read_passphrase(stdin: TextIO) -> str:
    """Ask twice on a terminal; read one line from stdin in scripts."""
    if not stdin.isatty():
        return stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Wachtwoord: ")
    if getpass.getpass("Nog een keer: ") != first:
        raise AccountError("De twee wachtwoorden zijn niet gelijk.")
    return first


def _run(args: argparse.Namespace, url: str) -> str:
    """Do one account action and return what to print."""
    engine = open_engine(url)
    try:
        if args.action == "list":
            rows = list_accounts(engine)
            lines = [
                f"{a.name}\t{'actief' if a.active else 'uitgeschakeld'}\t{a.created_at:%Y-%m-%d}"
                for a in rows
            ]
            return "\n".join(lines) or "Nog geen accounts."
        if not args.name:
            raise AccountError("Geef een accountnaam, bijv. `facilitator add anna.dijkstra`.")
        if args.action == "add":
            name = add_account(engine, args.name, read_passphrase(sys.stdin), replace=args.replace)
            return f"Account '{name}' is klaar."
        if args.action == "disable":
            disable_account(engine, args.name)
            return f"Account '{args.name}' is uitgeschakeld."
        remove_account(engine, args.name)
        return f"Account '{args.name}' is verwijderd."
    finally:
        engine.dispose()


def cmd_facilitator(args: argparse.Namespace) -> int:
    """Run `facilitator ...`; exit 1 with a Dutch message when it cannot be done."""
    url = args.url or remarks_settings(os.environ, read_secrets(SECRETS_FILE)).url
    try:
        print(_run(args, url))
    except AccountError as exc:
        print(f"Fout: {exc}", file=sys.stderr)
        return 1
    except RemarksUnavailableError:
        print("Fout: de database voor opmerkingen is niet bereikbaar.", file=sys.stderr)
        return 1
    return 0
