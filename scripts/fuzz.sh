#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ with clang (ASan + UBSan) into build-fuzz/ and runs each
# for SECONDS (default 60) on seeds made from corpus/ (issue 21; docs/RELIABILITY.md, "Fuzzing").
# Non-zero exit if a target crashes or a sanitizer reports; the reproducer is left in
# build-fuzz/findings/. Loopback only (fuzz_http serves on 127.0.0.1).
# Usage: scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-60}
command -v clang++ > /dev/null || { echo "fuzz: needs clang (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }
CC=clang CXX=clang++ cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCOOP_FUZZ=ON \
  -DCOOP_WERROR=OFF -DCOOP_BUILD_TESTS=OFF -DCOOP_BUILD_BENCH=OFF > /dev/null
cmake --build build-fuzz -j2 --target fuzz_analyzer fuzz_extract fuzz_segment fuzz_query fuzz_http \
  coop-index
F=build-fuzz/fuzz
SEEDS=build-fuzz/seeds
rm -rf "$SEEDS" build-fuzz/fuzz-index build-fuzz/fuzz-index.d
mkdir -p "$SEEDS"/{text,doc,query,http} build-fuzz/findings
# Seeds: paragraphs of the real documents; the documents whole (first byte 0 = read as .txt);
# the bench queries; request lines of the bench paths and of the routes.
python3 - "$SEEDS" <<'PY'
import json, os, sys
out = sys.argv[1]
names = sorted(f for f in os.listdir("corpus") if f.endswith(".txt"))
n = 0
for name in names:
    text = open(os.path.join("corpus", name), "rb").read()
    open(os.path.join(out, "doc", name), "wb").write(b"\0" + text[:200000])
    for para in text.split(b"\n\n")[:60]:
        if len(para) > 40:
            open(os.path.join(out, "text", f"p{n:05d}"), "wb").write(para[:4000]); n += 1
queries = json.load(open("bench/queries/queries.json"))
items = queries if isinstance(queries, list) else queries.get("queries", [])
for i, q in enumerate(items):
    text = q.get("q") or q.get("query") if isinstance(q, dict) else str(q)
    if text:
        open(os.path.join(out, "query", f"q{i:04d}"), "w", encoding="utf-8").write(text)
        path = "/api/search?q=" + __import__("urllib.parse").parse.quote(text)
        open(os.path.join(out, "http", f"h{i:04d}"), "w").write(
            f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n")
for i, p in enumerate(["/", "/healthz", "/api/suggest?prefix=agad", "/api/records/x",
                       "/metrics", "/api/actors/%ff", "/app.js"]):
    open(os.path.join(out, "http", f"r{i}"), "w").write(f"GET {p} HTTP/1.1\r\nHost: x\r\n\r\n")
PY
build-fuzz/indexer/coop-index build corpus --index build-fuzz/fuzz-index > /dev/null
export COOP_FUZZ_INDEX=$PWD/build-fuzz/fuzz-index
export ASAN_OPTIONS=detect_leaks=0:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp
status=0
run() {  # target, seed dir, extra options
  local t=$1 seeds=$2; shift 2
  echo "fuzz: $t ($SECS s)"
  if ! "$F/$t" -max_total_time="$SECS" -print_final_stats=1 -artifact_prefix=build-fuzz/findings/"$t"- \
      "$@" "$SEEDS/$seeds" > "build-fuzz/$t.log" 2>&1; then
    echo "fuzz: $t FAILED (build-fuzz/$t.log, build-fuzz/findings/)"; tail -30 "build-fuzz/$t.log"; status=1
  fi
  grep -E "stat::number_of_executed_units|cov: " "build-fuzz/$t.log" | tail -2
}
run fuzz_analyzer text -max_len=4096
run fuzz_query query -max_len=1024
run fuzz_extract doc -max_len=200000 -rss_limit_mb=4096
run fuzz_segment text -max_len=20000
run fuzz_http http -max_len=4096
exit $status
