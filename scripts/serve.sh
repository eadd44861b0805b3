#!/usr/bin/env bash
# Serve Sociale Basis as a gemeente hosts it, natively (no container engine needed):
# PostgreSQL for remarks, N Streamlit replicas on loopback ports, nginx in front on one public
# port with sticky sessions and websocket proxying. Ctrl-C (or SIGTERM) stops everything.
#
# Usage: bash scripts/serve.sh [--replicas N] [--port P] [--listen ADDR] [--runtime DIR]
#                              [--pgdata DIR]
#   --replicas N   Streamlit processes (default 2)
#   --port P       the one public port (default 8080)
#   --listen ADDR  address nginx listens on (default 0.0.0.0: phones on the same network can
#                  open the QR codes; use 127.0.0.1 to stay on this machine)
#   --runtime DIR  generated nginx config, logs, pids, replicas.tsv (default data/run/)
#   --pgdata DIR   PostgreSQL data folder (default data/pg/); ignored when SQ_REMARKS_URL is set
# The same replica command runs in the Dockerfile and deploy/compose.yaml (run_replica.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

replicas=2 port=8080 listen=0.0.0.0 runtime=data/run pgdata=data/pg
while (($#)); do
  case $1 in
    --replicas) replicas=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --listen) listen=$2; shift 2 ;;
    --runtime) runtime=$2; shift 2 ;;
    --pgdata) pgdata=$2; shift 2 ;;
    -h | --help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "Onbekende optie: $1 (zie --help)" >&2; exit 2 ;;
  esac
done
[[ $replicas =~ ^[1-9][0-9]?$ ]] || { echo "--replicas moet 1 tot 99 zijn" >&2; exit 2; }
[[ $port =~ ^[0-9]+$ ]] || { echo "--port moet een getal zijn" >&2; exit 2; }
mkdir -p "$runtime"
runtime=$(cd "$runtime" && pwd)
pgdata=$(mkdir -p "$(dirname "$pgdata")" && cd "$(dirname "$pgdata")" && pwd)/$(basename "$pgdata")

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
py=${SQ_PYTHON:-$repo/.venv/bin/python}
if [[ ! -x $py ]] || [[ ! -x $nginx_bin ]] || [[ -z $pg_bin ]]; then
  bash scripts/setup.sh --with-serve
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
fi

pids=() pg_started=""
log() { echo "[serve] $*"; }
free_port() { "$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  trap "" INT TERM  # a second Ctrl-C must not cut the clean-up short
  trap - EXIT
  log "stoppen ..."
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  if [[ -n $pg_started ]]; then as_pg "$pg_bin/pg_ctl" -D "$pgdata" -m fast -w stop >/dev/null || true; fi
  rm -f "$runtime/replicas.tsv" "$runtime/ready"
  log "gestopt"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_http() {  # url seconds pid: wait until the URL answers 200 (fail when pid dies)
  "$py" - "$@" <<'PY'
import sys, time, urllib.request, os
url, seconds, pid = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
deadline = time.monotonic() + seconds
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except OSError:
        sys.exit(f"proces {pid} is gestopt voordat {url} antwoordde")
    try:
        with urllib.request.urlopen(url, timeout=2) as r:
            if r.status == 200:
                sys.exit(0)
    except OSError:
        time.sleep(0.3)
sys.exit(f"{url} antwoordde niet binnen {seconds:.0f} s")
PY
}

start_postgres() {
  local secret="$pgdata.password" pg_port
  if [[ ! -s $pgdata/PG_VERSION ]]; then
    log "PostgreSQL: nieuwe database in $pgdata"
    mkdir -p "$pgdata"
    (umask 077; "$py" -c 'import secrets; print(secrets.token_hex(16))' >"$secret")
    local pwfile; pwfile=$(mktemp); cp "$secret" "$pwfile"
    if [[ $(id -u) -eq 0 ]]; then chown postgres "$pgdata" "$pwfile"; fi
    as_pg "$pg_bin/initdb" -D "$pgdata" -U sq --pwfile="$pwfile" --auth=scram-sha-256 \
      --encoding=UTF8 --no-locale >"$runtime/initdb.log"
    rm -f "$pwfile"
    printf "listen_addresses = '127.0.0.1'\nunix_socket_directories = ''\n" >>"$pgdata/postgresql.conf"
  fi
  pg_port=$(free_port)
  as_pg "$pg_bin/pg_ctl" -D "$pgdata" -o "-p $pg_port" -l "$pgdata/server.log" -w -t 60 start >/dev/null
  pg_started=1
  local pw; pw=$(cat "$secret")
  if ! PGPASSWORD=$pw "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U sq -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'sociale_basis'" | grep -q 1; then
    PGPASSWORD=$pw "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U sq sociale_basis
  fi
  export SQ_REMARKS_URL="postgresql+psycopg://sq:$pw@127.0.0.1:$pg_port/sociale_basis"
  log "PostgreSQL op 127.0.0.1:$pg_port"
}

ensure_store() {
  if ! "$py" -c 'from sq.store.loader import open_store; open_store()' 2>/dev/null; then
    log "de gegevensopslag ontbreekt: python -m sq build"
    "$py" -m sq build
  fi
}

start_replicas() {
  : >"$runtime/replicas.tsv.tmp"
  [[ -s $runtime/cookie_secret ]] || (umask 077; "$py" -c 'import secrets; print(secrets.token_hex(32))' >"$runtime/cookie_secret")
  export STREAMLIT_SERVER_COOKIE_SECRET; STREAMLIT_SERVER_COOKIE_SECRET=$(cat "$runtime/cookie_secret")
  local i rport upstream=""
  for ((i = 1; i <= replicas; i++)); do
    rport=$(free_port)
    bash scripts/run_replica.sh "$rport" 127.0.0.1 >"$runtime/replica-$i.log" 2>&1 &
    pids+=($!)
    printf '%s\t%s\t%s\n' "$i" "$rport" "$!" >>"$runtime/replicas.tsv.tmp"
    upstream+="server 127.0.0.1:$rport max_fails=0; "
  done
  while IFS=$'\t' read -r i rport pid; do
    wait_http "http://127.0.0.1:$rport/_stcore/health" 120 "$pid" || { cat "$runtime/replica-$i.log" >&2; exit 1; }
    log "replica $i op 127.0.0.1:$rport (pid $pid)"
  done <"$runtime/replicas.tsv.tmp"
  mv "$runtime/replicas.tsv.tmp" "$runtime/replicas.tsv"
  SQ_UPSTREAM_SERVERS=$upstream
}

start_nginx() {
  local conf=$runtime/nginx
  mkdir -p "$conf/temp"
  local listen_value=$port
  [[ $listen == 0.0.0.0 ]] || listen_value="$listen:$port"
  SQ_LISTEN=$listen_value SQ_UPSTREAM_SERVERS=$SQ_UPSTREAM_SERVERS "$py" - deploy/nginx.conf.template "$conf/sociale-basis.conf" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
text = re.sub(r"\$\{(SQ_[A-Z_]+)\}", lambda m: os.environ[m.group(1)], text)
open(sys.argv[2], "w", encoding="utf-8").write(text)
PY
  cat >"$conf/nginx.conf" <<EOF
# Generated by scripts/serve.sh from deploy/nginx.conf.template; do not edit.
worker_processes 1;
daemon off;
pid $conf/nginx.pid;
error_log $conf/error.log warn;
events { worker_connections 1024; }
http {
    # Which replica served each request, and the route it was hashed by (sticky sessions).
    log_format sq_upstream '\$remote_addr [\$time_local] "\$request" \$status'
                           ' upstream=\$upstream_addr route=\$sq_route rt=\$request_time';
    access_log $conf/access.log sq_upstream;
    client_body_temp_path $conf/temp/body;
    proxy_temp_path $conf/temp/proxy;
    fastcgi_temp_path $conf/temp/fastcgi;
    uwsgi_temp_path $conf/temp/uwsgi;
    scgi_temp_path $conf/temp/scgi;
    include $conf/sociale-basis.conf;
}
EOF
  "$nginx_bin" -t -q -e "$conf/error.log" -p "$conf" -c "$conf/nginx.conf"
  "$nginx_bin" -e "$conf/error.log" -p "$conf" -c "$conf/nginx.conf" &
  nginx_pid=$!
  pids+=("$nginx_pid")
  local probe=$listen
  [[ $probe == 0.0.0.0 ]] && probe=127.0.0.1
  wait_http "http://$probe:$port/_stcore/health" 30 "$nginx_pid"
}

if [[ -n ${SQ_REMARKS_URL:-} ]]; then log "opmerkingen: SQ_REMARKS_URL van buiten"; else start_postgres; fi
ensure_store
# The remarks tables exist before any replica starts (no two replicas racing to create them).
"$py" -c 'import os; from sq.remarks.db import RemarksStore; RemarksStore(os.environ["SQ_REMARKS_URL"])'
# Optional first facilitator account (containers, tests): name + a file holding the passphrase.
if [[ -n ${SQ_FACILITATOR_NAME:-} && -n ${SQ_FACILITATOR_PASSPHRASE_FILE:-} ]]; then
  "$py" -m sq facilitator add "$SQ_FACILITATOR_NAME" --replace <"$SQ_FACILITATOR_PASSPHRASE_FILE" >/dev/null
  log "begeleider $SQ_FACILITATOR_NAME staat klaar"
fi
start_replicas
start_nginx
date -u +%FT%TZ >"$runtime/ready"
log "Sociale Basis draait op http://$listen:$port/ ($replicas replica's). Stoppen: Ctrl-C"
wait "$nginx_pid" || true
log "nginx is gestopt"
exit 1
