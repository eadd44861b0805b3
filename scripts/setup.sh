#!/usr/bin/env bash
# Install everything Sociale Basis needs into .venv/ (Python packages) and static/vendor/ (Leaflet,
# served by the app itself), then build the data store from the raw sources.
# Usage: bash scripts/setup.sh [--with-browser]   (--with-browser: Debian's Chromium for the tests)
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [[ "${1:-}" == "--with-browser" ]]; then
  command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
  command -v pdftoppm >/dev/null 2>&1 || need_apt+=(poppler-utils)
fi
[[ -d /usr/share/fonts/truetype/dejavu ]] || need_apt+=(fonts-dejavu-core)
if (( ${#need_apt[@]} )); then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "Systeempakketten installeren: ${need_apt[*]}"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}"
  else
    echo "Installeer eerst: ${need_apt[*]} (bijv. sudo apt-get install ${need_apt[*]})" >&2
    exit 1
  fi
fi

PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.txt
.venv/bin/python scripts/setup_assets.py
.venv/bin/python -m sq build
