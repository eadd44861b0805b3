"""Facilitator accounts: argon2 hashes, Dutch refusals, a throttle that lives in the database."""

import os
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from sq.remarks import throttle
from sq.remarks.accounts import (
    MAX_PASSPHRASE_CHARS,
    AccountError,
    add_account,
    disable_account,
    list_accounts,
    login,
    remove_account,
)
from sq.remarks.db import accounts_table, attempts_table, open_engine

REPO = Path(__file__).resolve().parent.parent
T0 = datetime(2025, 3, 10, 19, 0, tzinfo=UTC)
PASS = "lange-zin-voor-de-avond"


@pytest.fixture
def engine(remarks_url):
    eng = open_engine(remarks_url)
    add_account(eng, "Anna.Dijkstra", PASS)
    yield eng
    eng.dispose()


def test_hash_is_argon2id_never_the_passphrase(engine):
    with engine.connect() as conn:
        (stored,) = conn.execute(select(accounts_table.c.password_hash)).one()
    assert stored.startswith("$argon2id$") and PASS not in stored


@pytest.mark.parametrize(
    ("name", "passphrase", "message"),
    [
        ("a", PASS, "2 tot 40 tekens"),
        ("anna dijkstra", PASS, "2 tot 40 tekens"),
        ("<script>", PASS, "2 tot 40 tekens"),
        ("bert", "kort", "minstens 10"),
        ("bert", "x" * (MAX_PASSPHRASE_CHARS + 1), "hoogstens"),
        ("ANNA.dijkstra", PASS, "bestaat al"),
    ],
)
def test_bad_new_accounts_are_refused_in_dutch(engine, name, passphrase, message):
    with pytest.raises(AccountError, match=message):
        add_account(engine, name, passphrase)


def test_list_disable_replace_remove(engine):
    add_account(engine, "bert", "nog-een-lange-zin")
    assert [(a.name, a.active) for a in list_accounts(engine)] == [
        ("anna.dijkstra", True), ("bert", True)]  # fmt: skip
    disable_account(engine, "BERT")
    assert login(engine, "bert", "nog-een-lange-zin", "10.0.0.9", T0).outcome == "wrong"
    add_account(engine, "bert", "weer-een-nieuwe-zin", replace=True)
    assert login(engine, "bert", "weer-een-nieuwe-zin", "10.0.0.9", T0).outcome == "ok"
    remove_account(engine, "bert")
    assert [a.name for a in list_accounts(engine)] == ["anna.dijkstra"]
    with pytest.raises(AccountError, match="geen account"):
        disable_account(engine, "bert")


@pytest.mark.parametrize(
    ("name", "passphrase", "outcome"),
    [
        ("anna.dijkstra", PASS, "ok"),
        (" Anna.DIJKSTRA ", PASS, "ok"),
        ("anna.dijkstra", PASS + " ", "wrong"),
        ("anna.dijkstra", "", "empty"),
        ("anna.dijkstra", "x" * 10_000, "too_long"),
        ("niemand", PASS, "wrong"),
        ("", "", "empty"),
        ("x" * 500, PASS, "wrong"),
        ("'; DROP TABLE remarks; --", PASS, "wrong"),
    ],
)
def test_every_try_has_an_outcome_and_counts(engine, name, passphrase, outcome):
    result = login(engine, name, passphrase, "10.0.0.1", T0)
    assert result.outcome == outcome
    assert result.account == ("anna.dijkstra" if outcome == "ok" else "")
    with engine.connect() as conn:
        rows = conn.execute(select(attempts_table.c.ok, attempts_table.c.client)).all()
    assert [(bool(ok), c) for ok, c in rows] == [(outcome == "ok", "10.0.0.1")]


def _fail(engine, n, *, name="anna.dijkstra", client="10.0.0.1", start=T0):
    for i in range(n):
        login(engine, name, f"fout-{i}", client, start + timedelta(seconds=i))


def test_throttle_per_account_whatever_the_client(engine):
    _fail(engine, throttle.FREE_FAILURES, client="10.0.0.1")
    soon = T0 + timedelta(seconds=10)
    locked = login(engine, "anna.dijkstra", PASS, "192.0.2.77", soon)  # another client
    assert locked.outcome == "locked" and 0 < locked.wait_seconds <= 30
    assert (
        login(engine, "anna.dijkstra", PASS, "192.0.2.77", T0 + timedelta(seconds=40)).outcome
        == "ok"
    )


def test_throttle_per_client_across_account_names(engine):
    for i in range(throttle.FREE_FAILURES):
        login(engine, f"gok{i}", "fout", "203.0.113.5", T0 + timedelta(seconds=i))
    assert (
        login(engine, "anna.dijkstra", PASS, "203.0.113.5", T0 + timedelta(seconds=6)).outcome
        == "locked"
    )
    assert (
        login(engine, "anna.dijkstra", PASS, "203.0.113.6", T0 + timedelta(seconds=6)).outcome
        == "ok"
    )


def _wait(engine, now):
    with engine.connect() as conn:
        return throttle.wait_seconds(conn, "anna.dijkstra", "10.0.0.1", now)


def test_backoff_doubles_and_is_capped(engine):
    _fail(engine, throttle.FREE_FAILURES)
    now = T0 + timedelta(seconds=4)
    waits = []
    for _ in range(8):
        now += timedelta(seconds=_wait(engine, now))
        assert login(engine, "anna.dijkstra", "fout", "10.0.0.1", now).outcome == "wrong"
        waits.append(_wait(engine, now))
    assert waits[:3] == [60, 120, 240]
    assert max(waits) == throttle.MAX_DELAY.total_seconds()


def test_locked_tries_do_not_extend_the_lock(engine):
    _fail(engine, throttle.FREE_FAILURES)
    for s in range(6, 26, 4):
        assert (
            login(engine, "anna.dijkstra", PASS, "10.0.0.1", T0 + timedelta(seconds=s)).outcome
            == "locked"
        )
    assert (
        login(engine, "anna.dijkstra", PASS, "10.0.0.1", T0 + timedelta(seconds=35)).outcome == "ok"
    )


def test_window_forgets_old_failures(engine):
    _fail(engine, throttle.FREE_FAILURES - 1)
    later = T0 + throttle.WINDOW + timedelta(minutes=1)
    _fail(engine, throttle.FREE_FAILURES - 1, start=later)
    assert (
        login(engine, "anna.dijkstra", PASS, "10.0.0.1", later + timedelta(seconds=9)).outcome
        == "ok"
    )


def test_a_new_engine_sees_the_same_lock(engine, remarks_url):
    """Another replica (its own engine) or a new browser session does not reset the count."""
    _fail(engine, throttle.FREE_FAILURES)
    other = open_engine(remarks_url)
    assert (
        login(other, "anna.dijkstra", PASS, "10.0.0.1", T0 + timedelta(seconds=8)).outcome
        == "locked"
    )
    other.dispose()


def test_unknown_account_takes_as_long_as_a_known_one(engine):
    def timed(name):
        start = time.perf_counter()
        login(engine, name, "fout-maar-lang-genoeg", f"198.51.100.{len(name)}", None)
        return time.perf_counter() - start

    known = statistics.median(timed("anna.dijkstra") for _ in range(4))
    unknown = statistics.median(timed("onbekend.iemand") for _ in range(4))
    # both verify an argon2 hash; without the dummy hash an unknown name returns ~100x faster
    assert unknown > 0.5 * known


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),
        ("127.0.0.1", "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the forged first hop is ignored
        ("127.0.0.1", "203.0.113.9, bogus", "127.0.0.1"),
        ("127.0.0.1", None, "127.0.0.1"),
        ("::1", "2001:db8::1", "2001:db8::1"),
        ("198.51.100.4", "127.0.0.1", "198.51.100.4"),  # not our proxy: header not believed
        (None, "203.0.113.9", "onbekend"),
        ("", None, "onbekend"),
        ("x" * 5000, None, "onbekend"),
    ],
)
def test_client_key_trusts_only_our_proxy(peer, forwarded, expected):
    assert throttle.client_key(peer, forwarded, ("127.0.0.1", "::1")) == expected


def _cli(url, *args, stdin=""):
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "sq", "facilitator", *args, "--url", url],
        input=stdin, capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_cli_add_list_disable_remove(remarks_url):
    assert _cli(remarks_url, "add", "Carla", stdin="een-lange-zin-hier\n").returncode == 0
    bad = _cli(remarks_url, "add", "dirk", stdin="kort\n")
    assert (
        bad.returncode == 1 and "minstens 10 tekens" in bad.stderr and "Traceback" not in bad.stderr
    )
    assert _cli(remarks_url, "list").stdout.split()[:2] == ["carla", "actief"]
    assert _cli(remarks_url, "disable", "carla").returncode == 0
    assert "uitgeschakeld" in _cli(remarks_url, "list").stdout
    assert _cli(remarks_url, "remove", "carla").returncode == 0
    assert _cli(remarks_url, "list").stdout.strip() == "Nog geen accounts."


def test_cli_says_when_the_database_is_down():
    out = _cli("postgresql+psycopg://sq@127.0.0.1:9/geen", "list")
    assert out.returncode == 1 and "niet bereikbaar" in out.stderr and "Traceback" not in out.stderr
