#!/usr/bin/env bash
# Query-cost probe (issue 21, docs/RELIABILITY.md): the wildcard bomb q = 333 x "a*" (998 bytes)
# alone and N at once against coop-searchd on INDEX; prints status, seconds and the server's RSS
# (VmRSS now, VmHWM peak) before, after and 5 s later. Loopback only.
# Usage: bench/query_cost.sh BUILD_DIR INDEX [CONCURRENT=16] [QUERY]
set -euo pipefail
build=$1 index=$2 n=${3:-16}
q=${4:-$(python3 -c 'print(" ".join(["a*"] * 333))')}
port=$((20000 + RANDOM % 20000))
"$build/searchd/coop-searchd" --index "$index" --port "$port" --log false > /dev/null 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/healthz" > /dev/null && break; sleep 0.1; done
enc=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1]))' "$q")
rss() { awk '/VmRSS|VmHWM/ {printf "%s %d MB  ", $1, $2 / 1024}' /proc/$pid/status; echo; }
echo "idle:      $(rss)"
curl -s -o /dev/null -w "alone:     status %{http_code} %{time_total} s\n" "http://127.0.0.1:$port/api/search?q=$enc"
echo "after 1:   $(rss)"
start=$(date +%s.%N)
for _ in $(seq "$n"); do
  curl -s -o /dev/null -w "%{http_code} %{time_total}\n" "http://127.0.0.1:$port/api/search?q=$enc" &
done > /tmp/query_cost.$$ ; wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
sleep 0.2
echo "$n at once: $(sort /tmp/query_cost.$$ | awk '{c[$1]++; if ($2 > m) m = $2} END {for (k in c) printf "%d x %s  ", c[k], k; printf "slowest %.2f s\n", m}')"
rm -f /tmp/query_cost.$$
echo "after $n:  $(rss)"
sleep 5
echo "5 s later: $(rss)"
