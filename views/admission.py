"""Admission: a replica works on a few page runs at once; the other visitors wait their turn."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import streamlit as st

from sq.config import page_runs


@st.cache_resource(show_spinner=False)
def _slots() -> threading.BoundedSemaphore:
    """Return this server's run slots (one set per process, shared by all sessions)."""
    return threading.BoundedSemaphore(page_runs())


@contextmanager
def page_slot() -> Iterator[None]:
    """Hold one run slot while the page runs (released on st.stop, st.rerun and errors too).

    Memory: with 20 visitors on one replica (the other one died) every run held its charts,
    tables and data frames at the same moment, and the survivor peaked at 1.28 GB; runs in
    turn keep the peak near that of a few. A waiting visitor sees Streamlit's running sign.
    """
    slots = _slots()
    slots.acquire()
    try:
        yield
    finally:
        slots.release()
