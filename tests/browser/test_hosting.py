"""The hosted topology end to end: serve.sh (PostgreSQL, nginx, 2 replicas), 3 browser sessions,
one replica killed halfway (bench/load_test.py, short). No errors; every confirmed remark found."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.realdata]

REPO = Path(__file__).resolve().parents[2]
LAST_LINE = re.compile(
    r"^sessions=(\d+) errors=(\d+) remarks_saved=(\d+) remarks_found=(\d+) replica_killed=(yes|no)$"
)


def test_three_sessions_survive_a_killed_replica():
    done = subprocess.run(
        [sys.executable, "bench/load_test.py", "--replicas", "2", "--sessions", "3",
         "--facilitators", "1", "--max-seconds", "900"],
        cwd=REPO, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    lines = done.stdout.strip().splitlines()
    match = LAST_LINE.match(lines[-1]) if lines else None
    assert match, done.stdout + done.stderr
    sessions, errors, saved, found, killed = match.groups()
    assert (sessions, errors, killed) == ("3", "0", "yes"), done.stdout
    assert int(saved) == 2  # the facilitator saved before and after the kill
    assert found == saved, done.stdout
    assert done.returncode == 0
    assert "reconnected): 0" not in done.stdout  # someone was on the killed replica
