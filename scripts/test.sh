#!/usr/bin/env bash
# README command 2: install dependencies, build, run every test with ctest, then the suite again
# under ASan + UBSan and each fuzz target for 60 s (docs/RELIABILITY.md has the timings).
# Non-zero exit on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/install-test-deps.sh
bash scripts/build.sh
ctest --test-dir build --output-on-failure -j2
# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer (GCC, Debug) in build-asan/
# (issue 21). LeakSanitizer is off (leaks are not checked). UBSan suppressions: third-party code
# only, each with its reason.
COOP_BUILD_DIR=build-asan COOP_BUILD_TYPE=Debug bash scripts/build.sh -DCOOP_SANITIZE=ON \
  -DCOOP_BUILD_BENCH=OFF
ASAN_OPTIONS=detect_leaks=0 \
  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:suppressions=$PWD/tests/sanitizers/ubsan.supp \
  ctest --test-dir build-asan --output-on-failure -j2 --timeout 900
# libFuzzer targets, 60 s each (clang, ASan + UBSan; build-fuzz/).
bash scripts/fuzz.sh 60
