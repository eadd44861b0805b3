#!/usr/bin/env bash
# One Streamlit replica of Sociale Basis: the one command that serve.sh, the Dockerfile and
# deploy/compose.yaml all run, so what CI tests is what a container runs.
# Usage: bash scripts/run_replica.sh [PORT] [ADDRESS]   (defaults: $SQ_PORT or 8501, 127.0.0.1)
# Never builds the store: run `python -m sq build` first (serve.sh and the image do).
# Settings from the environment: SQ_ALLOWED_HOSTS (comma-separated; also Streamlit's own
# server.allowedHosts check), STREAMLIT_SERVER_COOKIE_SECRET (the same on every replica, so an
# XSRF cookie from one replica is valid on the next), SQ_SESSION_TTL (seconds a disconnected
# session is kept), SQ_PYTHON (interpreter; default .venv/bin/python, else python3).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-${SQ_PORT:-8501}}
address=${2:-${SQ_ADDRESS:-127.0.0.1}}
py=${SQ_PYTHON:-.venv/bin/python}
[[ -x $py ]] || py=$(command -v python3)

args=(
  --server.address "$address" --server.port "$port"
  --server.headless true
  --server.enableXsrfProtection true
  --server.enableCORS true
  --server.fileWatcherType none --server.runOnSave false
  --server.maxUploadSize 5 --server.maxMessageSize 50
  --server.disconnectedSessionTTL "${SQ_SESSION_TTL:-60}"
  --server.enableStaticServing true
  --browser.gatherUsageStats false
  --global.developmentMode false
  --client.toolbarMode viewer
)
if [[ -n ${SQ_ALLOWED_HOSTS:-} ]]; then
  IFS=',' read -ra hosts <<<"$SQ_ALLOWED_HOSTS"
  for host in "${hosts[@]}"; do
    host=${host// /}
    [[ -n $host ]] && args+=(--server.allowedHosts "${host%%:*}")
  done
fi
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
# Memory: every Streamlit session runs its script in its own thread, and glibc gives threads
# their own malloc arenas that are rarely returned; two arenas keep a replica's RSS flat as
# sessions come and go. Arrow's own allocator keeps freed pages too; use the system one.
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
export ARROW_DEFAULT_MEMORY_POOL=${ARROW_DEFAULT_MEMORY_POOL:-system}
exec "$py" -m streamlit run app.py "${args[@]}"
