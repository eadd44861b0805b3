"""Benchmark app, the floor: Streamlit's bare page (a title, nothing else)."""

from __future__ import annotations

import streamlit as st

st.title("Floor")
