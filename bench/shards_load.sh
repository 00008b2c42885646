#!/usr/bin/env bash
# bench/shards_load.sh: the costs of docs/SCALING.md (issue 19) on the x100 corpus
# (bench/scale/generate.py, seed 7, as bench/run): indexing with one process against
# `--shards 2 --jobs 2` (seconds, MB/s, the load average before each), then wrk with CONNS
# connections for SECS seconds on the bench query paths against one index, 2 local shards and
# 2 remote shards (xapian-tcpsrv on loopback): q/s, p50, p99 and errors (wrk_queries.lua's
# WRK_RESULT line). The machine is shared: read the load averages with the numbers.
#   bench/shards_load.sh BUILD_DIR [SCALE=100] [SECS=20] [CONNS=8]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$(cd "$1" && pwd) SCALE=${2:-100} SECS=${3:-20} CONNS=${4:-8}
command -v wrk > /dev/null || { echo "shards_load: needs wrk (apt-get install wrk)" >&2; exit 2; }
WORK=$(mktemp -d /tmp/coop-shards.XXXXXX)
PID= TCPSRV=()
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2> /dev/null || true
  for p in "${TCPSRV[@]}"; do kill -- "-$p" 2> /dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
"$B/indexer/coop-index" inspect "$ROOT/corpus" --passages > "$WORK/real.jsonl"
python3 "$ROOT/bench/scale/generate.py" --records "$WORK/real.jsonl" --corpus "$ROOT/corpus" \
  --scale "$SCALE" --seed 7 --out "$WORK/corpus" >&2
for layout in one shards2; do
  args=(); [ "$layout" = shards2 ] && args=(--shards 2 --jobs 2)
  echo "index $layout: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  "$B/indexer/coop-index" build "$WORK/corpus" --index "$WORK/$layout" "${args[@]}" | grep '^summary'
done
gen=$(head -1 "$WORK/shards2" | sed -E 's|.*(\.d/g[0-9]+)/.*|\1|')
: > "$WORK/remote2"
for s in 0 1; do
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" "$WORK/shards2$gen/s00$s" \
    > "$WORK/tcpsrv$s.log" 2>&1 &
  TCPSRV+=($!)
  for _ in $(seq 100); do grep -q Listening "$WORK/tcpsrv$s.log" && break; sleep 0.1; done
  echo "remote 127.0.0.1:$port" >> "$WORK/remote2"
done
echo "# coop:spelling $WORK/shards2$gen/spelling" >> "$WORK/remote2"
"$B/bench/coop-bench-eval" queries --queries "$ROOT/bench/queries/queries.json" --paths \
  --index "$WORK/one" > "$WORK/paths.txt" 2> /dev/null
LOG=(); "$B/searchd/coop-searchd" --help 2>&1 | grep -q -- '--log' && LOG=(--log false)
for layout in one shards2 remote2; do
  "$B/searchd/coop-searchd" --index "$WORK/$layout" --port 0 --threads "$CONNS" "${LOG[@]}" \
    > "$WORK/searchd.log" 2>&1 &
  PID=$!
  for _ in $(seq 600); do grep -q 'serving http' "$WORK/searchd.log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^/]*' "$WORK/searchd.log" | head -1)
  # Warm-up: every path once on each connection's thread (each builds its revision state).
  wrk -t 1 -c "$CONNS" -d 5s --timeout 30s -s "$ROOT/bench/wrk_queries.lua" "$URL" -- \
    "$WORK/paths.txt" > /dev/null
  echo "queries $layout: load average $(cut -d' ' -f1-3 /proc/loadavg)"
  wrk -t 2 -c "$CONNS" -d "${SECS}s" --timeout 10s -s "$ROOT/bench/wrk_queries.lua" "$URL" -- \
    "$WORK/paths.txt" | grep WRK_RESULT
  awk '/VmHWM/ {printf "searchd %s %d MB\n", $1, $2 / 1024}' /proc/$PID/status
  kill "$PID"; wait "$PID" 2> /dev/null || true; PID=
done
