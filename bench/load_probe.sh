#!/usr/bin/env bash
# Load probe of docs/RELIABILITY.md (issue 21): the x100 corpus (bench/scale/generate.py, seed 7),
# coop-searchd with its defaults, the bench query paths warmed once, then wrk with 64
# connections for SECS seconds; prints wrk_queries.lua's WRK_RESULT line and the server's RSS.
# Loopback only. Usage: bench/load_probe.sh BUILD_DIR [SCALE=100] [SECS=60]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$(cd "$1" && pwd) SCALE=${2:-100} SECS=${3:-60}
command -v wrk > /dev/null || { echo "load_probe: needs wrk (apt-get install wrk)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/coop-load.XXXXXX)
PID=
cleanup() { [ -n "$PID" ] && kill "$PID" 2> /dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
"$B/indexer/coop-index" inspect "$ROOT/corpus" --passages > "$WORK/real.jsonl"
python3 "$ROOT/bench/scale/generate.py" --records "$WORK/real.jsonl" --corpus "$ROOT/corpus" \
  --scale "$SCALE" --seed 7 --out "$WORK/corpus" >&2
"$B/indexer/coop-index" build "$WORK/corpus" --index "$WORK/idx" > /dev/null
# Request logging off where the build has the option (older builds log to the file).
LOG=(); "$B/searchd/coop-searchd" --help 2>&1 | grep -q -- '--log' && LOG=(--log false)
"$B/searchd/coop-searchd" --index "$WORK/idx" --port 0 "${LOG[@]}" > "$WORK/searchd.log" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q 'serving http' "$WORK/searchd.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^/]*' "$WORK/searchd.log" | head -1)
"$B/bench/coop-bench-eval" queries --queries "$ROOT/bench/queries/queries.json" --paths \
  --index "$WORK/idx" > "$WORK/paths.txt" 2> /dev/null
while read -r p; do curl -s -o /dev/null "$URL$p"; done < "$WORK/paths.txt"
echo "paths: $(wc -l < "$WORK/paths.txt"), records: $(curl -s "$URL/healthz")"
wrk -t 2 -c 64 -d "${SECS}s" --timeout 10s -s "$ROOT/bench/wrk_queries.lua" "$URL" -- \
  "$WORK/paths.txt" | grep WRK_RESULT
awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024} END {print ""}' /proc/$PID/status
