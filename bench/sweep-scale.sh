#!/usr/bin/env bash
# The sweep at 100,000 and 1,000,000 generated manifests in one run, each size in a fresh process: time of each of three
# sweeps of SB 1047's covered_compute_flop over 20 log-spaced values, what one sweep allocates, and the process's peak
# memory. Pass "estimates" to fill missing costs first. Every run is bounded: three sweeps per size, and a time limit.
# Usage: bench/sweep-scale.sh [estimates]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build bench/Compliance.Bench -c Release --nologo -v quiet >/dev/null
echo "| artifacts | estimates | generate | sweeps (3) | median | allocated per sweep | peak RSS |"
echo "|---:|---|---:|---:|---:|---:|---:|"
for n in 100000 1000000; do
  timeout 1800 dotnet bench/Compliance.Bench/bin/Release/net10.0/Compliance.Bench.dll sweep-scale "$n" 3 "${1:-}"
done
