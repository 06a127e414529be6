#!/usr/bin/env bash
# Peak memory of the API for the largest analysis requests it accepts, against a baseline commit built the same way in
# the same run: compares and a sweep over inline manifests (examples/*.json with their own ids, padded to just under a
# body limit): 100,000 in 64 MiB (the baseline's limit), 50,000 in 32 MiB (this change's). Each request goes to a fresh server process on a free loopback port; the figure
# is the process's peak RSS (VmHWM in /proc/PID/status), idle before the request and after the answer.
# Usage: bench/analysis-memory.sh [baseline-rev=merge-base with main]
set -euo pipefail
cd "$(dirname "$0")/.."
BASE="${1:-$(git merge-base HEAD main)}"
WORK="$(mktemp -d ${LOAD_TMPDIR:+-p $LOAD_TMPDIR})"
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

# Both builds from committed trees: the baseline from git archive, the change from HEAD's working tree.
git archive "$BASE" | tar -x -C "$WORK" --one-top-level=base
dotnet publish "$WORK/base/api/Compliance.Api" -c Release -o "$WORK/base-app" --nologo -v quiet >/dev/null
dotnet publish api/Compliance.Api -c Release -o "$WORK/new-app" --nologo -v quiet >/dev/null

python3 - "$WORK" <<'PY'
import glob, json, sys
work = sys.argv[1]
derivative = json.load(open("examples/finetune-derivative.json"))  # its base: the frontier-release copy before it
first = "examples/frontier-release.json"
plain = [json.load(open(p)) for p in [first] + sorted(set(glob.glob("examples/*.json")) - {first, "examples/finetune-derivative.json"})]
for count, mib in [(100_000, 64), (50_000, 32)]:
    target = mib * 1024 * 1024 - 256 * 1024
    manifests = []
    for i in range(count):
        m = json.loads(json.dumps(derivative if i % 6 == 5 else plain[i % 6 % len(plain)]))
        if i % 6 == 5:
            m["lineage"]["base"] = f"{plain[0]['id']}-{i - 5:06d}"
        m["id"] = f"{m['id']}-{i:06d}"
        manifests.append(m)
    size = sum(len(json.dumps(m, separators=(",", ":"))) + 1 for m in manifests)
    pad = max(0, (target - size - 200) // count - len(',"name":""'))
    for m in manifests:
        m["name"] = (m.get("name", "") + " " + "x" * pad)[:min(pad, 200)]
    portfolio = json.dumps(manifests, separators=(",", ":"))
    compare = '{"bills":["us-ca-sb1047","proposal-deployment-only"],"asOf":"2026-07-01","portfolio":' + portfolio + "}"
    sweep = ('{"bill":"us-ca-sb1047","parameter":"covered_compute_flop","asOf":"2026-07-01",'
             '"values":{"from":1e23,"to":1e27,"steps":20,"scale":"log"},"portfolio":' + portfolio + "}")
    open(f"{work}/compare-{mib}.json", "w").write(compare)
    open(f"{work}/sweep-{mib}.json", "w").write(sweep)
    print(f"{mib} MiB requests: {count} manifests; compare {len(compare) / 2**20:.1f} MiB, sweep {len(sweep) / 2**20:.1f} MiB")
PY

peak() { awk '/VmHWM/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

measure() { # label, app folder, endpoint, body file
  local label=$1 app=$2 endpoint=$3 body=$4 port before after status
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  COMPLIANCE_DB="$WORK/$label.db" ASPNETCORE_URLS="http://127.0.0.1:$port" Logging__LogLevel__Default=Warning \
    COMPLIANCE_ANALYSIS_TIMEOUT_SECONDS=600 dotnet "$app/Compliance.Api.dll" >"$WORK/$label.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.2; done
  before=$(peak "$SERVER_PID")
  status=$(curl -s -o "$WORK/$label.out" -w '%{http_code} %{time_total}s' --max-time 600 \
    -H 'content-type: application/json' --data-binary @"$body" "http://127.0.0.1:$port$endpoint")
  after=$(peak "$SERVER_PID")
  printf '| %-26s | %-15s | %6s MB | %7s MB | %9s KB |\n' "$label" "$status" "$before" "$after" "$(($(stat -c %s "$WORK/$label.out") / 1024))"
  kill "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null || true
}

echo "baseline $(git rev-parse --short "$BASE"), change $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- api rules || echo ' + uncommitted'), $(nproc) cores"
printf '| %-26s | %-15s | %9s | %10s | %12s |\n' "request" "status, time" "idle peak" "peak after" "answer"
printf '|%s|%s|%s|%s|%s|\n' "----------------------------" "-----------------" "-----------:" "------------:" "--------------:"
measure "compare 64 MiB, baseline" "$WORK/base-app" /v1/compare "$WORK/compare-64.json"
measure "compare 64 MiB, change" "$WORK/new-app" /v1/compare "$WORK/compare-64.json"
measure "compare 32 MiB, baseline" "$WORK/base-app" /v1/compare "$WORK/compare-32.json"
measure "compare 32 MiB, change" "$WORK/new-app" /v1/compare "$WORK/compare-32.json"
measure "sweep x20 32 MiB, baseline" "$WORK/base-app" /v1/sweep "$WORK/sweep-32.json"
measure "sweep x20 32 MiB, change" "$WORK/new-app" /v1/sweep "$WORK/sweep-32.json"
