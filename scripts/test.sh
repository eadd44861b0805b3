#!/usr/bin/env bash
# Run every check: ruff (lint + format), then all tests incl. the real-data and browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --with-browser
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/python -m pytest "$@"
