#!/usr/bin/env bash
# bench/callgrind_paths.sh: the instructions coop-searchd spends on a list of request paths, the
# measure of docs/bench/profile.md (sessions 15-17) and profile_tail.md. valgrind's callgrind
# runs coop-searchd (--threads 1, no request log) on INDEX; every path of PATHS (one a line, as
# `coop-bench-eval queries --paths` writes them) is sent twice as warm-up (the revision's
# caches and memos filled, as under the load test), the counters are zeroed, then every path
# is sent PASSES times and the counters dumped to OUT.1 (whole process: HTTP, search, JSON).
#
#   bench/callgrind_paths.sh BUILD_DIR INDEX PATHS OUT [PASSES=2]
#   callgrind_annotate OUT.1 | grep 'PROGRAM TOTALS'          instructions of PASSES x paths
#   callgrind_annotate --inclusive=yes --auto=no OUT.1 | less  by function
#
# Needs valgrind and curl. Instruction counts do not depend on the machine's load.
set -euo pipefail
BUILD=$1 INDEX=$2 PATHS=$3 OUT=$4 PASSES=${5:-2}
valgrind --tool=callgrind --callgrind-out-file="$OUT" "$BUILD/searchd/coop-searchd" \
  --index "$INDEX" --port 0 --log false --threads 1 > "$OUT.log" 2>&1 &
pid=$!
trap 'kill -INT $pid 2> /dev/null || true' EXIT
for _ in $(seq 600); do grep -q 'serving http' "$OUT.log" && break; sleep 0.2; done
url=$(grep -o 'http://[^/]*' "$OUT.log" | head -1)
[ -n "$url" ] || { echo "callgrind_paths: coop-searchd did not start (see $OUT.log)" >&2; exit 1; }
send() { while read -r p; do curl -s -o /dev/null "$url$p"; done < "$PATHS"; }
send; send
callgrind_control -z "$pid" > /dev/null
for _ in $(seq "$PASSES"); do send; done
callgrind_control -d "$pid" > /dev/null
kill -INT "$pid"; wait "$pid" 2> /dev/null || true
trap - EXIT
callgrind_annotate "$OUT.1" 2> /dev/null | grep 'PROGRAM TOTALS'
