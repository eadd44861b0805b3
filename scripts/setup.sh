#!/usr/bin/env bash
# Install everything Sociale Basis needs into .venv/ (Python packages) and static/vendor/ (Leaflet,
# served by the app itself), then build the data store from the raw sources.
# Usage: bash scripts/setup.sh [--with-browser] [--with-serve]
#   --with-serve:   Debian's nginx and postgresql (scripts/serve.sh, the hosting tests)
#   --with-browser: also Debian's Chromium and poppler for the tests (implies --with-serve)
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser="" with_serve=""
for arg in "$@"; do
  case $arg in
    --with-browser) with_browser=1 with_serve=1 ;;
    --with-serve) with_serve=1 ;;
    *) echo "Onbekende optie: $arg" >&2; exit 2 ;;
  esac
done

need_apt=()
command -v npm >/dev/null 2>&1 || need_apt+=(nodejs npm)
if [[ -n $with_serve ]]; then
  command -v nginx >/dev/null 2>&1 || [[ -x /usr/sbin/nginx ]] || need_apt+=(nginx)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || need_apt+=(postgresql)
fi
if [[ -n $with_browser ]]; then
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
.venv/bin/python -m sq geometry-files  # the map's static boundary files (static/geo/)
