#!/usr/bin/env bash
# Alternating runs of the engine benchmarks in two builds, for a before/after on a noisy machine: each build is
# measured in turn, ROUNDS times, so that a burst of load from elsewhere falls on both.
#   bench/alternate.sh BEFORE_COMMIT AFTER_COMMIT [ROUNDS] [FILTER]
# e.g. bench/alternate.sh 774edd6 1523477 3 '*EngineBenchmarks.Ours*'
set -euo pipefail
before=$1 after=$2 rounds=${3:-3} filter=${4:-'*EngineBenchmarks.Ours*'}
root=$(git rev-parse --show-toplevel)
work=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$work/before" >/dev/null 2>&1 || true; git -C "$root" worktree remove --force "$work/after" >/dev/null 2>&1 || true' EXIT
for side in before after; do
  git -C "$root" worktree add -q --detach "$work/$side" "${!side}"
  dotnet build "$work/$side/bench/Compliance.Bench" -c Release -o "$work/out-$side" >/dev/null
done
for round in $(seq "$rounds"); do
  for side in before after; do
    echo "== round $round $side (${!side}) $(date +%T)"
    (cd "$work/out-$side" && dotnet Compliance.Bench.dll --filter "$filter" --job short --memory --inProcess \
      --artifacts "$work/artifacts-$side-$round" | grep -E '^\|')
  done
done
