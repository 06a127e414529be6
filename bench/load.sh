#!/usr/bin/env bash
# Load test of the API on loopback: GET /health (the ceiling) and persisted POST /v1/evaluations, each for a
# bounded time with a bounded number of connections, then the server's peak RSS. Needs wrk (apt-get install wrk).
# Usage: bench/load.sh [seconds=30] [connections=32] [request=sb1047|default]
#   sb1047:  the typical manifest under SB 1047, trace off (the CI gate's kind of request)
#   default: the same manifest with nothing else said: every bundled bill, with the trace (a legal team's request)
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN="${1:-30}"
CONNECTIONS="${2:-32}"
REQUEST="${3:-sb1047}"
case "$REQUEST" in sb1047|default) ;; *) echo "request must be sb1047 or default" >&2; exit 2 ;; esac
PORT=5099
URL="http://127.0.0.1:${PORT}"
WORK="$(mktemp -d ${LOAD_TMPDIR:+-p $LOAD_TMPDIR})"
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }
dotnet publish api/Compliance.Api -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
# Thousands of requests a second from one loopback caller: the per-caller rate limit is turned off for the run.
COMPLIANCE_DB="$WORK/compliance.db" ASPNETCORE_URLS="$URL" Logging__LogLevel__Default=Warning COMPLIANCE_RATE_LIMIT_PER_MINUTE=0 \
  dotnet "$WORK/app/Compliance.Api.dll" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "$URL/health" >/dev/null && break; sleep 0.2; done
curl -sf "$URL/health" >/dev/null || { echo "the server did not start:" >&2; cat "$WORK/server.log" >&2; exit 1; }

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
  local rps p50 p99 non2xx socket
  rps=$(awk '/Requests\/sec/ {print $2}' "$WORK/$name.txt")
  p50=$(awk '$1=="50%" {print $2}' "$WORK/$name.txt")
  p99=$(awk '$1=="99%" {print $2}' "$WORK/$name.txt")
  non2xx=$(awk '/Non-2xx/ {print $NF}' "$WORK/$name.txt"); non2xx=${non2xx:-0}
  socket=$(awk '/Socket errors/ {gsub(",",""); print $4+$6+$8+$10}' "$WORK/$name.txt"); socket=${socket:-0}
  printf '| %-28s | %10s | %8s | %8s | %6s |\n' "$label" "$rps" "$p50" "$p99" "$((non2xx + socket))"
  echo "$rps" >"$WORK/$name.rps"
}

# Warm-up, not measured: under load on two cores the JIT's tiering thread takes a fifth of the CPU for the first
# fifteen seconds or so (measured per thread from /proc); 30 s of POST leaves the steady state to be measured.
wrk -t2 -c"$CONNECTIONS" -d5s "$URL/health" >/dev/null
wrk -t2 -c"$CONNECTIONS" -d30s -s "$WORK/post.lua" "$URL/v1/evaluations" >/dev/null

echo "loopback, ${SECONDS_PER_RUN}s each, ${CONNECTIONS} connections, 2 wrk threads, $(nproc) cores, request: $REQUEST"
printf '| %-28s | %10s | %8s | %8s | %6s |\n' "endpoint" "req/s" "p50" "p99" "errors"
printf '|%s|%s|%s|%s|%s|\n' "------------------------------" "------------" "----------" "----------" "--------"
run "GET /health" health "$URL/health"
run "POST /v1/evaluations (stored)" evaluations -s "$WORK/post.lua" "$URL/v1/evaluations"
stored=$(python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select count(*) from evaluations').fetchone()[0], 'decisions,', c.execute('select count(*) from decision_manifests').fetchone()[0], 'distinct manifests')" "$WORK/compliance.db")
peak=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$SERVER_PID/status")
ratio=$(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.0%}')" "$(cat "$WORK/evaluations.rps")" "$(cat "$WORK/health.rps")")
echo
echo "persisted POST rate / health rate: $ratio"
echo "decisions stored: $stored"
echo "server peak RSS: $peak"
