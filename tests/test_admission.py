"""A replica works on a few page runs at once (views/admission.py, sq.config.page_runs)."""

from __future__ import annotations

import threading
import time

import pytest

from sq.config import DEFAULT_PAGE_RUNS, page_runs
from views import admission


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({}, DEFAULT_PAGE_RUNS),
        ({"SQ_PAGE_RUNS": "2"}, 2),
        ({"SQ_PAGE_RUNS": " 8 "}, 8),
        ({"SQ_PAGE_RUNS": "0"}, DEFAULT_PAGE_RUNS),
        ({"SQ_PAGE_RUNS": "65"}, DEFAULT_PAGE_RUNS),
        ({"SQ_PAGE_RUNS": "-1"}, DEFAULT_PAGE_RUNS),
        ({"SQ_PAGE_RUNS": "drie"}, DEFAULT_PAGE_RUNS),
        ({"SQ_PAGE_RUNS": "2.5"}, DEFAULT_PAGE_RUNS),
    ],
)
def test_page_runs_reads_a_whole_number_in_range(value, expected):
    assert page_runs(value) == expected


def test_no_more_runs_at_once_than_the_slots_and_every_run_gets_its_turn(monkeypatch):
    monkeypatch.setenv("SQ_PAGE_RUNS", "2")
    admission._slots.clear()
    lock, now, most, done = threading.Lock(), [0], [0], []

    def run(number: int) -> None:
        with admission.page_slot():
            with lock:
                now[0] += 1
                most[0] = max(most[0], now[0])
            time.sleep(0.05)
            with lock:
                now[0] -= 1
        done.append(number)

    threads = [threading.Thread(target=run, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    admission._slots.clear()
    assert most[0] == 2 and sorted(done) == list(range(6))


def test_a_run_that_fails_gives_its_slot_back(monkeypatch):
    monkeypatch.setenv("SQ_PAGE_RUNS", "1")
    admission._slots.clear()
    with pytest.raises(RuntimeError), admission.page_slot():
        raise RuntimeError("de pagina faalt")
    slots = admission._slots()
    assert slots.acquire(timeout=2), "the failed run kept its slot"
    slots.release()
    admission._slots.clear()
