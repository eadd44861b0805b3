"""A real PostgreSQL for the remarks tests: $SQ_TEST_PG_URL, or a temporary cluster of our own.

Without $SQ_TEST_PG_URL the session starts Debian's PostgreSQL (`initdb` + `pg_ctl` from
/usr/lib/postgresql/*/bin) in a temporary folder on a free loopback port, as the `postgres`
user when the tests run as root (initdb refuses root). Each test gets a fresh database. When
no server can be had the PostgreSQL half of the tests is skipped, except under CI=true, where
it fails: CI must run every remarks test on PostgreSQL.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

ADMIN_ENV = "SQ_TEST_PG_URL"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"PostgreSQL is needed under CI but {reason}", pytrace=False)
    pytest.skip(f"no PostgreSQL: {reason}")


def _as_postgres(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.getuid() == 0 else cmd


def _start_cluster() -> tuple[str, Path, Path]:
    initdbs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not initdbs:
        _unavailable("Debian's postgresql is not installed (bash scripts/setup.sh installs it)")
    bindir = Path(initdbs[-1]).parent
    base = Path(tempfile.mkdtemp(prefix="sq-test-pg-"))
    if os.getuid() == 0:
        shutil.chown(base, "postgres", "postgres")
    data, port = base / "data", _free_port()
    run = {"check": True, "capture_output": True, "text": True, "timeout": 120}
    try:
        subprocess.run(
            _as_postgres([str(bindir / "initdb"), "-D", str(data), "-U", "sq", "--auth=trust",
                          "-E", "UTF8", "--no-sync", "--locale=C"]),
            **run,
        )  # fmt: skip
        options = f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=on"
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(base / "log"),
                          "-o", options, "-w", "-t", "60", "start"]),
            **run,
        )  # fmt: skip
    except (subprocess.SubprocessError, OSError) as exc:
        detail = getattr(exc, "stderr", "") or str(exc)
        shutil.rmtree(base, ignore_errors=True)
        _unavailable(f"the temporary cluster did not start: {detail.strip()[:400]}")
    return f"postgresql+psycopg://sq@127.0.0.1:{port}/postgres", bindir, base


@pytest.fixture(scope="session")
def pg_admin_url() -> Iterator[str]:
    """A PostgreSQL server URL whose user may create databases."""
    given = os.environ.get(ADMIN_ENV, "").strip()
    if given:
        yield given
        return
    url, bindir, base = _start_cluster()
    try:
        yield url
    finally:
        subprocess.run(
            _as_postgres([str(bindir / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate",
                          "stop"]),
            capture_output=True, timeout=60, check=False,
        )  # fmt: skip
        shutil.rmtree(base, ignore_errors=True)


def _admin(url: str, sql: str) -> None:
    import psycopg

    parsed = make_url(url).set(drivername="postgresql")
    dsn = parsed.render_as_string(hide_password=False)
    with psycopg.connect(dsn, autocommit=True, connect_timeout=10) as conn:
        conn.execute(sql)


@pytest.fixture
def pg_url(pg_admin_url: str) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    name = f"sq_test_{uuid.uuid4().hex[:12]}"
    try:
        _admin(pg_admin_url, f'CREATE DATABASE "{name}"')
    except Exception as exc:  # any failure: reported as unavailable, with the reason
        _unavailable(f"cannot create a test database: {exc}")
    url = make_url(pg_admin_url).set(drivername="postgresql+psycopg", database=name)
    yield url.render_as_string(hide_password=False)
    _admin(pg_admin_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def remarks_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The remarks database of one test: SQLite and a real PostgreSQL, every test twice."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'remarks' / 'remarks.sqlite'}"
    return str(request.getfixturevalue("pg_url"))
