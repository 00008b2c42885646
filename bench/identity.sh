#!/usr/bin/env bash
# bench/identity.sh: the responses of coop-searchd on every bench query path and every entity
# page, saved to a folder so that a refactoring can prove it changed none of them (issue 20).
#
#   bench/identity.sh BUILD_DIR OUT_DIR [SCALES]     e.g. bench/identity.sh build /tmp/before "1 10"
#   diff -r /tmp/before /tmp/after                    empty when no response changed
#
# For each scale (1: corpus/ itself; N: bench/scale/generate.py with seed 7, as bench/run does)
# it builds an index with BUILD_DIR's coop-index, serves it with BUILD_DIR's coop-searchd and
# saves, one file per request: every path of `coop-bench-eval queries --paths` (the load-test
# paths), the same with page=2, sort=date and size=100, the browse pages, every record page,
# every actor page, autocomplete prefixes, and a set of requests that must fail (their error
# bodies). "took_ms" is replaced by 0: it is the only field allowed to differ.
# SHARDS=N builds each index with `--shards N` (issue 19: a sharded index answers as one);
# with REMOTE=1 too, each shard is served by its own xapian-tcpsrv on a free loopback port and
# coop-searchd reads a stub of `remote` lines naming them and the merged spelling table.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$(cd "$1" && pwd)
OUT=$2
SCALES=${3:-"1 10"}
WORK=$(mktemp -d /tmp/coop-identity.XXXXXX)
PID=""
TCPSRV=()
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2>/dev/null
  for p in "${TCPSRV[@]}"; do kill -- "-$p" 2>/dev/null; done
  rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$OUT"

fetch() {  # URL_PATH OUT_FILE: the body with took_ms zeroed, then the status code
  local code
  code=$(curl -s -o "$WORK/body" -w '%{http_code}' "$URL$1")
  sed -E 's/"took_ms":[0-9.]+/"took_ms":0/' "$WORK/body" > "$2"
  printf '\n%s %s\n' "$code" "$1" >> "$2"
}

for scale in $SCALES; do
  if [ "$scale" = 1 ]; then
    corpus=$ROOT/corpus
  else
    "$BUILD/indexer/coop-index" inspect "$ROOT/corpus" --passages > "$WORK/real.jsonl"
    corpus=$WORK/x$scale
    python3 "$ROOT/bench/scale/generate.py" --records "$WORK/real.jsonl" --corpus "$ROOT/corpus" \
      --scale "$scale" --seed 7 --out "$corpus" >&2
  fi
  idx=$WORK/idx$scale
  "$BUILD/indexer/coop-index" build "$corpus" --index "$idx" ${SHARDS:+--shards "$SHARDS"} > /dev/null
  "$BUILD/bench/coop-bench-eval" queries --queries "$ROOT/bench/queries/queries.json" --paths \
    --index "$idx" > "$WORK/paths.txt" 2> /dev/null
  serve=$idx
  if [ -n "${REMOTE:-}" ] && [ -n "${SHARDS:-}" ]; then
    gen=$(head -1 "$idx" | sed -E 's|.*(\.d/g[0-9]+)/.*|\1|')
    serve=$WORK/remote$scale
    : > "$serve"
    for ((s = 0; s < SHARDS; s++)); do
      port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
      # In a session of its own, so that the children it forks per connection end with it.
      setsid xapian-tcpsrv --interface 127.0.0.1 --port "$port" \
        "$idx$gen/$(printf 's%03d' "$s")" > "$WORK/tcpsrv$s.log" 2>&1 &
      TCPSRV+=($!)
      for _ in $(seq 100); do grep -q Listening "$WORK/tcpsrv$s.log" && break; sleep 0.1; done
      echo "remote 127.0.0.1:$port" >> "$serve"
    done
    echo "# coop:spelling $idx$gen/spelling" >> "$serve"
  fi
  "$BUILD/searchd/coop-searchd" --index "$serve" --port 0 > "$WORK/searchd.log" 2>&1 &
  PID=$!
  for _ in $(seq 100); do grep -q 'serving http' "$WORK/searchd.log" && break; sleep 0.1; done
  URL=$(grep -o 'http://[^/]*' "$WORK/searchd.log" | head -1)
  dir=$OUT/x$scale
  mkdir -p "$dir"
  {
    sort -u "$WORK/paths.txt"
    while read -r p; do
      sep='&'
      case "$p" in *\?*) ;; *) sep='?' ;; esac
      echo "$p${sep}page=2"
      echo "$p${sep}sort=date"
      echo "$p${sep}size=100"
    done < <(sort -u "$WORK/paths.txt")
    for page in 1 2 3; do echo "/api/search?q=&size=100&page=$page"; done
    echo "/api/search?q=&sort=date"
    for prefix in a ma sou oujda agad mar fes ass eau jeun z; do
      echo "/api/suggest?prefix=$prefix"
    done
    # Requests that must fail: their status and error bodies must not change either.
    printf '%s\n' '/api/search?q=%22unbalanced' '/api/search?page=0' '/api/search?size=101' \
      '/api/search?sort=x' '/api/search?city=Nowhere' '/api/search?colour=red' \
      '/api/search?q=a&q=b' '/api/records/none' '/api/actors/none' '/api/search?q=(a' \
      '/api/suggest?size=0' '/nowhere' '/api/search?page=x'
  } > "$WORK/requests.txt"
  # Every record and actor page reached from the browse pages.
  for page in 1 2 3 4 5 6 7 8 9 10; do
    curl -s "$URL/api/search?q=&size=100&page=$page"
  done | python3 -c '
import json, sys, urllib.parse
dec = json.JSONDecoder()
text = sys.stdin.read()
pos, records, actors = 0, [], set()
while pos < len(text):
    obj, pos = dec.raw_decode(text, pos)
    for h in obj.get("hits", []):
        records.append(h["id"])
        for p in h.get("partners", []):
            if p.get("actor_id"):
                actors.add(p["actor_id"])
limit = int(sys.argv[1])
for r in records[:limit]:
    print("/api/records/" + urllib.parse.quote(r))
for a in sorted(actors)[:limit]:
    print("/api/actors/" + urllib.parse.quote(a))
' 300 >> "$WORK/requests.txt"
  n=0
  while read -r path; do
    n=$((n + 1))
    fetch "$path" "$dir/$(printf '%05d' $n)"
  done < "$WORK/requests.txt"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=""
  for p in "${TCPSRV[@]}"; do kill -- "-$p" 2>/dev/null; done
  TCPSRV=()
  echo "identity: x$scale: $n responses in $dir" >&2
done
