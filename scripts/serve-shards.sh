#!/usr/bin/env bash
# scripts/serve-shards.sh: serves each shard of a sharded index with its own xapian-tcpsrv and
# writes the stub of `remote` lines a coop-searchd reads (docs/SCALING.md, issue 19).
#
#   scripts/serve-shards.sh INDEX STUB [BASE_PORT] [BIND]
#     INDEX      stub of a sharded index (coop-index build --shards N)
#     STUB       the remote stub to write: "remote HOST:PORT" per shard, then
#                "# coop:spelling PATH" (the merged spelling table, read locally by the searcher)
#     BASE_PORT  shard i listens on BASE_PORT + i (default 18400)
#     BIND       interface to listen on and host named in STUB (default 127.0.0.1)
#
# Runs in the foreground until interrupted; stops its servers on exit. Then:
#   coop-searchd --index STUB --port 8080
# A new generation (a new `build`) needs a restart of this script: xapian-tcpsrv serves one
# database directory for its whole life. Commits into the served shards (add, update, remove)
# are seen by the servers; touch STUB into a new inode (cp STUB STUB.new && mv STUB.new STUB)
# so that coop-searchd reopens.
set -euo pipefail
INDEX=$1
STUB=$2
BASE=${3:-18400}
BIND=${4:-127.0.0.1}
command -v xapian-tcpsrv > /dev/null || { echo "serve-shards: xapian-tcpsrv missing (xapian-tools; scripts/install-deps.sh)" >&2; exit 1; }
dir=$(cd "$(dirname "$INDEX")" && pwd)
mapfile -t shards < <(grep -E '^glass ' "$INDEX" | cut -d' ' -f2-)
[ ${#shards[@]} -gt 0 ] || { echo "serve-shards: $INDEX lists no shard" >&2; exit 1; }
spelling=$(sed -n 's/^# coop:spelling //p' "$INDEX")
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill -- "-$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
tmp=$STUB.tmp-$$
: > "$tmp"
for i in "${!shards[@]}"; do
  port=$((BASE + i))
  log=$(mktemp)
  # A session of its own: the children xapian-tcpsrv forks per connection stop with it.
  setsid xapian-tcpsrv --interface "$BIND" --port "$port" "$dir/${shards[$i]}" > "$log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 100); do grep -q Listening "$log" && break; sleep 0.1; done
  grep -q Listening "$log" || { cat "$log" >&2; exit 1; }
  rm -f "$log"
  echo "remote $BIND:$port" >> "$tmp"
  echo "serve-shards: ${shards[$i]} on $BIND:$port" >&2
done
[ -n "$spelling" ] && echo "# coop:spelling $dir/$spelling" >> "$tmp"
mv "$tmp" "$STUB"
echo "serve-shards: wrote $STUB; Ctrl-C stops the servers" >&2
wait
