#!/usr/bin/env bash
# Load test of the API on loopback: GET /health (the ceiling) and persisted POST /v1/evaluations, each for a
# bounded time with a bounded number of connections, then the server's peak RSS. Needs wrk (apt-get install wrk).
# Usage: bench/load.sh [seconds=30] [connections=32] [request=sb1047|default] [stores=sqlite|all]
#   sb1047:  the typical manifest under SB 1047, trace off (the CI gate's kind of request)
#   default: the same manifest with nothing else said: the bills in force, with reasons in words (a legal team's request)
#   all:     after SQLite, the same POST against a throwaway PostgreSQL server (initdb/pg_ctl on PATH; as the postgres
#            user when run as root) with one replica, then with two (two wrk, half the connections each), in one run
# WARMUP=seconds (default 30) sets each configuration's unmeasured POST warm-up.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-30}"
CONNECTIONS="${2:-32}"
REQUEST="${3:-sb1047}"
STORES="${4:-sqlite}"
WARMUP="${WARMUP:-30}"
case "$REQUEST" in sb1047|default) ;; *) echo "request must be sb1047 or default" >&2; exit 2 ;; esac
case "$STORES" in sqlite|all) ;; *) echo "stores must be sqlite or all" >&2; exit 2 ;; esac
# A free port, and the next three (the replicas): a server already on a port would answer the health check instead.
free_port() { local p=$1; while (echo >"/dev/tcp/127.0.0.1/$p") 2>/dev/null || (echo >"/dev/tcp/127.0.0.1/$((p + 1))") 2>/dev/null \
  || (echo >"/dev/tcp/127.0.0.1/$((p + 2))") 2>/dev/null; do p=$((p + 3)); done; echo "$p"; }
PORT=$(free_port 5099)
URL="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d ${LOAD_TMPDIR:+-p $LOAD_TMPDIR})"
PIDS=()
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  [ -n "${PG:-}" ] && [ -d "$PG/data" ] && as_postgres pg_ctl -D "$PG/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$WORK" ${PG:+"$PG"}
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
dotnet publish api/Compliance.Api -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
# start_api DB PORT: starts a replica on the database; its pid in API_PID. Thousands of requests a second from one
# loopback caller: the per-caller rate limit is turned off for the run.
start_api() {
  COMPLIANCE_DB="$1" ASPNETCORE_URLS="http://127.0.0.1:$2" Logging__LogLevel__Default=Warning COMPLIANCE_RATE_LIMIT_PER_MINUTE=0 \
    dotnet "$WORK/app/Compliance.Api.dll" >"$WORK/server-$2.log" 2>&1 &
  API_PID=$!
  PIDS+=("$API_PID")
  for _ in $(seq 1 100); do kill -0 "$API_PID" 2>/dev/null && curl -sf "http://127.0.0.1:$2/health" >/dev/null && return 0; sleep 0.2; done
  echo "the server on port $2 did not start:" >&2; cat "$WORK/server-$2.log" >&2; exit 1
}
start_api "$WORK/compliance.db" "$PORT"
SERVER_PID=$API_PID

# The request body: the benchmark's typical manifest, stored like any decision. Each request gives the artifact its own
# training compute (random, 1e24 to 1e27), so every decision is on a manifest of its own digest: nothing is answered
# from what an earlier request left behind.
python3 - "$WORK/body.json" "$REQUEST" <<'PY'
import json, re, sys
src = open("bench/Compliance.Bench/TypicalManifest.cs").read()
manifest = json.loads(src[src.index('"""') + 3:src.rindex('"""')])
manifest["training"]["computeFlop"] = "COMPUTE"
request = {"manifest": manifest, "asOf": "2026-07-01"}
if sys.argv[2] == "sb1047":
    request.update({"bills": ["us-ca-sb1047"], "trace": False})
text = json.dumps(request)
open(sys.argv[1], "w").write(text.replace('"COMPUTE"', "COMPUTE"))
PY
cat >"$WORK/post.lua" <<LUA
local f = io.open("$WORK/body.json", "r")
local template = f:read("*a")
f:close()
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local threads = 0
function setup(thread)
  thread:set("seed", threads)
  threads = threads + 1
end
function init(args)
  math.randomseed(os.time() * 100 + seed)
end
request = function()
  local body = template:gsub("COMPUTE", string.format("%.6e", 10 ^ (24 + 3 * math.random())))
  return wrk.format(nil, nil, nil, body)
end
LUA

run() { # label, file name, extra args...
  local label=$1 name=$2; shift 2
  wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --timeout 5s --latency "$@" >"$WORK/$name.txt"
  local rps p50 p99 errors
  read -r rps p50 p99 errors < <(figures "$WORK/$name.txt")
  printf '| %-28s | %10s | %8s | %8s | %6s |\n' "$label" "$rps" "$p50" "$p99" "$errors"
  echo "$rps" >"$WORK/$name.rps"
}

# figures FILE: requests/s, p50, p99 and errors (non-2xx and socket errors) of one wrk report.
figures() {
  awk '/Requests\/sec/ {rps=$2} $1=="50%" {p50=$2} $1=="99%" {p99=$2} /Non-2xx/ {e+=$NF}
       /Socket errors/ {gsub(",",""); e+=$4+$6+$8+$10} END {print rps, p50, p99, e+0}' "$1"
}

peak() { awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }

# Warm-up, not measured: under load on two cores the JIT's tiering thread takes a fifth of the CPU for the first
# fifteen seconds or so (measured per thread from /proc); WARMUP (30 s) of POST leaves the steady state to be measured.
wrk -t2 -c"$CONNECTIONS" -d5s "$URL/health" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$WORK/post.lua" "$URL/v1/evaluations" >/dev/null

echo "loopback, ${SECONDS_PER_RUN}s each, ${CONNECTIONS} connections, 2 wrk threads, $(nproc) cores, request: $REQUEST"
printf '| %-28s | %10s | %8s | %8s | %6s |\n' "endpoint" "req/s" "p50" "p99" "errors"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------" "------------" "----------" "----------" "--------"
run "GET /health" health "$URL/health"
run "POST /v1/evaluations (stored)" evaluations -s "$WORK/post.lua" "$URL/v1/evaluations"
stored=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from evaluations').fetchone()[0], 'decisions,', c.execute('select count(*) from decision_manifests').fetchone()[0], 'distinct manifests')" "$WORK/compliance.db")
peak_rss=$(peak "$SERVER_PID")
ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.0%}')" "$(cat "$WORK/evaluations.rps")" "$(cat "$WORK/health.rps")")
echo
echo "persisted POST rate / health rate: $ratio"
echo "decisions stored: $stored"
echo "server peak RSS: $peak_rss"
[ "$STORES" = all ] || exit 0

# The same POST on PostgreSQL: one replica, then two over one database, each configuration warmed up like SQLite's.
kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
command -v initdb >/dev/null && command -v pg_ctl >/dev/null || { echo "initdb and pg_ctl (PostgreSQL server) must be on PATH" >&2; exit 2; }
PG_PORT=$(free_port 5432)
# Its own folder: WORK is readable by its owner alone, and as root the server runs as the postgres user.
PG="$(mktemp -d)"; [ "$(id -u)" = 0 ] && chown postgres: "$PG"
as_postgres initdb -D "$PG/data" -A trust -U compliance -E UTF8 --locale=C >/dev/null
# Durable commits, as in production (fsync on); the server's defaults otherwise.
as_postgres pg_ctl -D "$PG/data" -l "$PG/server.log" -w -o "-p $PG_PORT -k $PG -c listen_addresses=127.0.0.1 -c max_connections=300" start >/dev/null
pg_rss() { # the server's processes: their proportional set size now (shared memory divided among them), and how many
  local total=0 n=0 pid
  local postmaster; postmaster=$(head -1 "$PG/data/postmaster.pid")
  for pid in "$postmaster" $(pgrep -P "$postmaster"); do
    [ -r "/proc/$pid/smaps_rollup" ] || continue
    total=$((total + $(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup"))); n=$((n + 1))
  done
  echo "$((total / 1024)) MB in $n processes"
}

echo
echo "PostgreSQL 15 on loopback (fsync on), same request; two replicas: two wrk of $((CONNECTIONS / 2)) connections, one thread each"
printf '| %-24s | %10s | %17s | %17s | %6s | %-21s | %-24s |\n' "store" "req/s" "p50" "p99" "errors" "API peak RSS" "postgres PSS at the end"
printf '|%s|%s|%s|%s|%s|%s|%s|\n' "--------------------------" "------------" "-------------------" "-------------------" "--------" "-----------------------" "--------------------------"
read -r s_rps s_p50 s_p99 s_err < <(figures "$WORK/evaluations.txt")
printf '| %-24s | %10s | %17s | %17s | %6s | %-21s | %-24s |\n' "SQLite, 1 process" "$s_rps" "$s_p50" "$s_p99" "$s_err" "$peak_rss" "-"

for replicas in 1 2; do
  db="db$replicas"
  psql -h 127.0.0.1 -p "$PG_PORT" -U compliance -d postgres -qc "CREATE DATABASE $db" >/dev/null
  ports=(); pids=()
  for i in $(seq 1 "$replicas"); do start_api "postgresql://compliance@127.0.0.1:$PG_PORT/$db" $((PORT + i)); ports+=($((PORT + i))); pids+=("$API_PID"); done
  # The generators only: a bare wait would wait for the replicas too.
  loads=(); for p in "${ports[@]}"; do wrk -t1 -c$((CONNECTIONS / replicas)) -d"${WARMUP}s" -s "$WORK/post.lua" "http://127.0.0.1:$p/v1/evaluations" >/dev/null & loads+=($!); done; wait "${loads[@]}"
  loads=(); for p in "${ports[@]}"; do wrk -t$((3 - replicas)) -c$((CONNECTIONS / replicas)) -d"${SECONDS_PER_RUN}s" --timeout 5s --latency -s "$WORK/post.lua" "http://127.0.0.1:$p/v1/evaluations" >"$WORK/pg-$replicas-$p.txt" & loads+=($!); done; wait "${loads[@]}"
  rps=0; p50=(); p99=(); errors=0; rss=()
  for i in "${!ports[@]}"; do
    read -r r a b e < <(figures "$WORK/pg-$replicas-${ports[$i]}.txt")
    rps=$(python3 -c "print(round($rps + $r, 2))"); p50+=("$a"); p99+=("$b"); errors=$((errors + e)); rss+=("$(peak "${pids[$i]}")")
  done
  stored_pg=$(psql -h 127.0.0.1 -p "$PG_PORT" -U compliance -d "$db" -Atc "select count(*) from evaluations")
  label="PostgreSQL, $replicas replica$([ "$replicas" = 1 ] || echo s)"
  printf '| %-24s | %10s | %17s | %17s | %6s | %-21s | %-24s |\n' "$label" "$rps" "$(IFS=/; echo "${p50[*]}")" "$(IFS=/; echo "${p99[*]}")" "$errors" "$(IFS=/; echo "${rss[*]}" | sed 's|/| / |g')" "$(pg_rss)"
  echo "  ($stored_pg decisions stored)" >&2
  for pid in "${pids[@]}"; do kill "$pid"; wait "$pid" 2>/dev/null || true; done
done
