#!/usr/bin/env bash
# Quick start: install, build the store from the embedded data, and open the dashboard.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m streamlit run app.py "$@"
