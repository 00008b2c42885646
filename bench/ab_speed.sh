#!/usr/bin/env bash
# bench/ab_speed.sh: the query speed of two builds on the same scaled corpus, runs interleaved
# (A B A B ...) so that a change of the machine's load falls on both, for a refactoring that
# must not lose speed (issue 20). Each build indexes the corpus with its own coop-index (index
# formats may differ) and serves it; wrk sends bench/wrk_queries.lua's load-test paths (from
# the NEW build's coop-bench-eval, the same list for both) at 8 connections.
#
#   bench/ab_speed.sh BUILD_A BUILD_B [SCALE=100] [ROUNDS=3] [SECONDS=10]
#
# Prints one line per run (build, round, wrk_queries.lua's WRK_RESULT) and the median queries/s of
# each build.
# The spread between runs of one build is the noise to compare the difference with.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
A=$(cd "$1" && pwd)
B=$(cd "$2" && pwd)
SCALE=${3:-100}
ROUNDS=${4:-3}
SECS=${5:-10}
command -v wrk > /dev/null || { echo "ab_speed: needs wrk (apt-get install wrk)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/coop-ab.XXXXXX)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2> /dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

"$B/indexer/coop-index" inspect "$ROOT/corpus" --passages > "$WORK/real.jsonl"
python3 "$ROOT/bench/scale/generate.py" --records "$WORK/real.jsonl" --corpus "$ROOT/corpus" \
  --scale "$SCALE" --seed 7 --out "$WORK/corpus" >&2
declare -A URL
for side in A B; do
  build=${!side}
  "$build/indexer/coop-index" build "$WORK/corpus" --index "$WORK/idx$side" > /dev/null
  "$build/searchd/coop-searchd" --index "$WORK/idx$side" --port 0 > "$WORK/searchd$side.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q 'serving http' "$WORK/searchd$side.log" && break; sleep 0.1; done
  URL[$side]=$(grep -o 'http://[^/]*' "$WORK/searchd$side.log" | head -1)
done
"$B/bench/coop-bench-eval" queries --queries "$ROOT/bench/queries/queries.json" --paths \
  --index "$WORK/idxB" > "$WORK/paths.txt" 2> /dev/null
for side in A B; do  # warm-up: every path once, and the revision's caches built
  while read -r p; do curl -s -o /dev/null "${URL[$side]}$p"; done < "$WORK/paths.txt"
done
for round in $(seq "$ROUNDS"); do
  for side in A B; do
    line=$(wrk -t 2 -c 8 -d "${SECS}s" --timeout 10s -s "$ROOT/bench/wrk_queries.lua" \
      "${URL[$side]}" -- "$WORK/paths.txt" | grep WRK_RESULT)
    echo "$side round $round $line"
  done
done | tee "$WORK/runs.txt"
for side in A B; do
  awk -v s="$side" '$1 == s' "$WORK/runs.txt" | grep -o 'qps=[0-9.]*' | cut -d= -f2 | sort -n |
    awk -v s="$side" '{v[NR] = $1} END {print s ": median requests/s " v[int((NR + 1) / 2)]}'
done
