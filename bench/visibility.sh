#!/usr/bin/env bash
# bench/visibility.sh: how long a running coop-searchd takes to show a committed change, in
# milliseconds (issue 20: the test tests/index_safety_test.cpp waits for the event and no longer
# times it; the timing lives here).
#
#   bench/visibility.sh [BUILD_DIR] [ROUNDS]        e.g. bench/visibility.sh build 5
#
# Indexes two corpus documents, serves them, then per round adds a file holding a marker word and
# removes it again; after the rounds, a full build (the stub switches to a new database) and an
# update that drops the file. For each step it prints the milliseconds from the end of the
# coop-index command to the first /api/search answer that shows the change, and how many requests
# that took. The server reopens the index at its next request, so one request should suffice and
# the figure is mostly curl's own start-up (about 15-30 ms measured on the 2-core dev machine);
# more than one request, or anything near a second, would be a regression. Gives up after 30 s.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "${1:-$ROOT/build}" && pwd)
ROUNDS=${2:-3}
MARKER=zqwmarqueur  # not a French word and not in the corpus
WORK=$(mktemp -d /tmp/coop-visibility.XXXXXX)
PID=""
cleanup() { [ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

corpus=$WORK/corpus
mkdir -p "$corpus"
cp "$ROOT/corpus/000_959c21865eb3db85.txt" "$ROOT/corpus/003_78bcbdc1738f4c95.txt" \
  "$ROOT/corpus/manifest.json" "$corpus/"
index=$WORK/index
"$BUILD/indexer/coop-index" build "$corpus" --index "$index" > /dev/null
"$BUILD/searchd/coop-searchd" --index "$index" --port 0 > "$WORK/searchd.log" 2>&1 &
PID=$!
for _ in $(seq 100); do grep -q 'serving http' "$WORK/searchd.log" && break; sleep 0.1; done
URL=$(grep -o 'http://[^/]*' "$WORK/searchd.log" | head -1)

ms() { echo $(($(date +%s%N) / 1000000)); }
# STEP TOTAL: polls until the marker's total is TOTAL, then prints the time since the call.
until_total() {
  local start total polls=0
  start=$(ms)
  while :; do
    polls=$((polls + 1))
    total=$(curl -s "$URL/api/search?q=$MARKER" | grep -o '"total":[0-9]*' | cut -d: -f2)
    [ "$total" = "$2" ] && break
    if [ $(($(ms) - start)) -gt 30000 ]; then
      echo "visibility: $1: never saw total $2 (last: ${total:-no answer})" >&2
      exit 1
    fi
    sleep 0.01
  done
  printf '%-8s %5d ms  (%d requests)\n' "$1" $(($(ms) - start)) "$polls"
}

report=$corpus/nouveau.txt
{ echo "$MARKER"; echo; head -c 4000 "$corpus/003_78bcbdc1738f4c95.txt"; } > "$report"
for _ in $(seq "$ROUNDS"); do
  "$BUILD/indexer/coop-index" add "$report" --index "$index" > /dev/null
  until_total add 1
  "$BUILD/indexer/coop-index" remove nouveau.txt --index "$index" > /dev/null
  until_total remove 0
done
"$BUILD/indexer/coop-index" build "$corpus" --index "$index" > /dev/null
until_total build 1
rm "$report"
"$BUILD/indexer/coop-index" update "$corpus" --index "$index" > /dev/null
until_total update 0
